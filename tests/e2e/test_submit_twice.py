"""A create form sent twice in Chromium, on a phone, as on bad wifi: the portal saves the
commitment but the answer never reaches the phone, and the browser sends the same form again.
One commitment is made, and the second send lands where the first went, saying it was already
sent. (A double click does not do it here: Chromium sends a form once per navigation.)"""

import re
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext, Route, expect

from agreements.models import Commitment
from hok.models import Submission
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import Site
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.e2e
TITLE = "Öppna styrelsemöten för alla medlemmar"


def test_a_form_sent_twice_makes_one_commitment(context: BrowserContext, site: Site) -> None:
    organisation = OrganisationFactory(name="Föreningen Kustlaget")
    person = UserFactory()
    MembershipFactory(organisation=organisation, user=person)
    client = Client()
    client.force_login(person)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": urlparse(site.url).hostname,
                "path": "/",
            }
        ]
    )
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(site(reverse("agreements:commitment_create", args=[organisation.slug])))
    page.get_by_label(re.compile(r"^Princip:?$")).select_option(label="3. Öppenhet och insyn")
    page.get_by_label("Rubrik").fill(TITLE)
    page.get_by_label("Beskrivning").fill("Styrelsens möten är öppna för alla medlemmar.")
    page.get_by_label("Startår").fill(str(timezone.localdate().year))
    assert_accessible(page, site, "commitment-create")
    # The connection drops after the portal saved the commitment: the phone never gets the answer.
    dropped: list[str] = []

    def drop_the_first_answer(route: Route) -> None:
        if route.request.method == "POST" and not dropped:
            dropped.append(route.request.post_data or "")
            route.fetch(max_redirects=0)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/*", drop_the_first_answer)
    page.get_by_role("button", name="Spara åtagandet").click()
    for _ in range(100):  # until the route has sent the form on and dropped the answer
        if dropped:
            break
        page.wait_for_timeout(100)
    # Chromium shows its network-error page; reloading before it is attached fails.
    page.wait_for_url(re.compile(r"^chrome-error://"))
    page.wait_for_load_state()
    assert Commitment.objects.filter(organisation=organisation).count() == 1
    # The browser sends the same form again (a retry of the failed request).
    page.reload()
    listing = re.compile(
        re.escape(reverse("agreements:commitment_list", args=[organisation.slug])) + "(#.*)?$"
    )
    expect(page).to_have_url(listing)
    expect(page.get_by_text("Det här skickades redan, så inget nytt har skapats.")).to_be_visible()
    assert_accessible(page, site, "commitment-sent-again")
    assert Commitment.objects.filter(organisation=organisation).count() == 1
    assert Submission.objects.count() == 1

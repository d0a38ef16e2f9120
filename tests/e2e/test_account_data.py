"""A representative downloads their data and deletes their account in a real browser; the last
representative of an organisation is told to hand over first. Each page is checked with axe
at phone and laptop width."""

import json
import re

import pytest
from playwright.sync_api import Browser, expect

from hok.models import User
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import Site
from tests.e2e.test_signatory_journey import new_page, sign_in
from tests.factories import (
    PASSWORD,
    CommitmentFactory,
    MembershipFactory,
    OrganisationFactory,
    SignatureFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e


def test_download_then_delete(site: Site, browser: Browser) -> None:
    person = UserFactory(email="rut@kustlaget.example", full_name="Rut Företrädare")
    organisation = OrganisationFactory(name="Föreningen Kustlaget")
    MembershipFactory(organisation=organisation, user=person)
    MembershipFactory(organisation=organisation)  # a colleague, so Rut may leave
    SignatureFactory(organisation=organisation, signed_by=person, signer_name="Rut Företrädare")
    CommitmentFactory(organisation=organisation, created_by=person)

    page = new_page(browser, width=360)
    sign_in(page, site, person.email)
    page.goto(site("/konto/email/"))
    page.get_by_role("navigation", name="Mitt konto").get_by_role(
        "link", name="Mina uppgifter"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina uppgifter")
    assert_accessible(page, site, "account-my-data")

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned mina uppgifter").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())  # noqa: PTH123
    assert data["account"]["email"] == "rut@kustlaget.example"
    assert [s["signer_name"] for s in data["agreements"]["signatures"]] == ["Rut Företrädare"]

    page.get_by_role("link", name="Radera mitt konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Radera mitt konto")
    assert_accessible(page, site, "account-delete")

    page.get_by_label("Ditt lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Radera mitt konto för gott").click()
    expect(page.get_by_text("Lösenordet stämmer inte.")).to_be_visible()
    assert_accessible(page, site, "account-delete-error")
    assert User.objects.filter(pk=person.pk).exists()

    page.get_by_label("Ditt lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Radera mitt konto för gott").click()
    expect(page.get_by_text("Ditt konto är raderat.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))
    assert not User.objects.filter(pk=person.pk).exists()


def test_the_last_representative_is_sent_to_invite_a_colleague(
    site: Site, browser: Browser
) -> None:
    person = UserFactory(email="ensam@ensam.example")
    organisation = OrganisationFactory(name="Föreningen Ensam")
    MembershipFactory(organisation=organisation, user=person)

    page = new_page(browser, width=1280)
    sign_in(page, site, person.email)
    page.goto(site("/konto/radera/"))
    expect(page.get_by_role("alert")).to_contain_text("Du är den enda företrädaren")
    expect(page.get_by_label("Ditt lösenord")).to_have_count(0)
    assert_accessible(page, site, "account-delete-refused")
    page.get_by_role("link", name="Bjud in en kollega till Föreningen Ensam").click()
    expect(page.get_by_role("heading", name="Bjud in en kollega")).to_be_visible()

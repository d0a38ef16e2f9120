"""The knowledge base in a real browser. A visitor finds no examples and is invited to write the
first; a representative writes one (a mistake first), adds a picture and sends it for review;
the working group asks for a change; the representative makes it and sends it again; the
working group publishes it; a visitor finds it in the list filtered by principle, on the
organisation's page, on the principle's page and with the header's search box. Every page
on the way is axe clean at 360 and 1280 px (screenshots in tests/e2e/screenshots/)."""

import re

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from playwright.sync_api import Browser, Page, expect

from agreements.models import Principle
from examples.models import Example
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS, Site
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    PublicOrganisationFactory,
    TotpAuthenticatorFactory,
    UserFactory,
    WorkingGroupUserFactory,
)
from tests.two_factor import totp_code
from tests.uploads import png_bytes

pytestmark = pytest.mark.e2e

TITLE = "Läxhjälp på biblioteket i Falkenberg"
CHANGE_REQUEST = "Berätta gärna vad eleverna själva tyckte."


def new_page(browser: Browser, width: int = 1280) -> Page:
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page: Page, site: Site, email: str, secret: str | None = None) -> None:
    page.goto(site("/konto/login/"))
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    if secret is not None:
        page.get_by_label(re.compile("Kod")).fill(totp_code(secret))
        page.get_by_role("button", name=re.compile("Logga in|Verifiera|Bekräfta")).click()


def test_write_review_change_publish_and_find(site: Site, browser: Browser) -> None:
    organisation = PublicOrganisationFactory(name="Föreningen Havsörnen", slug="havsornen")
    representative = UserFactory(email="ordforande@havsornen.example", full_name="Rut Ordförande")
    MembershipFactory(organisation=organisation, user=representative)
    secret = generate_totp_secret()
    reviewer = WorkingGroupUserFactory(email="greta@hok.example", full_name="Greta Arbetsgrupp")
    TotpAuthenticatorFactory(user=reviewer, secret=secret)
    dialog = Principle.objects.get(version__number=1, number=1)

    # A visitor on a phone: nothing yet, and an invitation to write the first.
    visitor = new_page(browser, width=360)
    visitor.goto(site("/exempel/"))
    expect(visitor.get_by_text("Här finns inga exempel ännu.")).to_be_visible()
    expect(visitor.get_by_role("link", name="Skriv det första exemplet")).to_be_visible()
    assert_accessible(visitor, site, "examples-empty")

    # The representative writes the example, forgetting the municipality first.
    writer = new_page(browser)
    sign_in(writer, site, representative.email)
    writer.goto(site("/exempel/"))
    writer.get_by_role("link", name="Skriv det första exemplet").click()
    expect(writer.get_by_role("heading", name="Berätta om er samverkan")).to_be_visible()
    writer.get_by_label("Rubrik").fill(TITLE)
    writer.get_by_label("Sammanfattning").fill("Föreningen och regionen ordnade läxhjälp.")
    writer.get_by_label(f"1. {dialog.title}").check()
    writer.get_by_label("Startår").fill("2022")
    writer.get_by_label("Vad gjorde ni?").fill("Vi träffades varje tisdag på biblioteket.")
    writer.get_by_label("Vad ledde det till?").fill("Fler elever klarade matematiken.")
    writer.get_by_label("Vad lärde ni er?").fill("Att fråga eleverna först.")
    writer.get_by_label("Enheter inom Region Halland som var med").fill("Regional utveckling")
    writer.get_by_label("E-postadress").fill("info@havsornen.example")
    writer.get_by_role("button", name="Spara utkastet").click()
    expect(writer.get_by_text("Något behöver rättas.")).to_be_visible()
    expect(writer.get_by_label("Rubrik")).to_have_value(TITLE)
    assert_accessible(writer, site, "example-form-error")
    writer.get_by_label("Falkenberg").check()
    writer.get_by_role("button", name="Spara utkastet").click()
    expect(writer.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(writer.get_by_text("Exemplet är inte publikt: Utkast.")).to_be_visible()
    assert_accessible(writer, site, "example-draft")

    # A picture, with its description.
    writer.get_by_role("link", name="Dokument och bilder").click()
    writer.get_by_label(re.compile("^Bild \\(PNG")).set_input_files(
        {"name": "laxhjalp.png", "mimeType": "image/png", "buffer": png_bytes(600, 400)}
    )
    writer.get_by_label("Bildbeskrivning").fill("Två elever och en volontär vid ett bord")
    writer.get_by_role("button", name="Lägg till bilden").click()
    expect(writer.get_by_text("Bilden är tillagd.")).to_be_visible()
    assert_accessible(writer, site, "example-files")
    writer.get_by_role("link", name="Tillbaka till exemplet").click()
    writer.get_by_role("button", name="Skicka till arbetsgruppen för granskning").click()
    expect(writer.get_by_text("Exemplet är skickat till arbetsgruppen.")).to_be_visible()

    # The working group asks for a change.
    group = new_page(browser)
    sign_in(group, site, reviewer.email, secret)
    group.goto(site("/exempel/granskning/"))
    assert_accessible(group, site, "examples-review-queue")
    group.get_by_role("link", name=TITLE).click()
    group.get_by_label("Meddelande till organisationen").fill(CHANGE_REQUEST)
    group.get_by_role("button", name="Be om ändringar").click()
    expect(
        group.get_by_text("Organisationen har fått veta vad som behöver ändras.")
    ).to_be_visible()

    # The representative reads the request, changes the text and sends it again.
    writer.reload()
    expect(writer.get_by_text(CHANGE_REQUEST)).to_be_visible()
    assert_accessible(writer, site, "example-changes-requested")
    writer.get_by_role("link", name="Ändra texten").click()
    writer.get_by_label("Vad lärde ni er?").fill(
        "Att fråga eleverna först. De ville ha läxhjälp på kvällen."
    )
    writer.get_by_role("button", name="Spara ändringarna").click()
    writer.get_by_role("button", name="Skicka till arbetsgruppen för granskning").click()

    # The working group publishes it.
    group.reload()
    group.get_by_role("button", name="Publicera").click()
    expect(group.get_by_text("Exemplet är publicerat.")).to_be_visible()
    example = Example.objects.get(title=TITLE)
    assert example.status == Example.Status.PUBLISHED

    # A visitor finds it: in the list by principle, on the organisation's and principle's pages.
    visitor.goto(site("/exempel/"))
    visitor.get_by_label("Princip").select_option(dialog.slug)
    visitor.get_by_role("button", name="Visa exempel").click()
    expect(visitor).to_have_url(re.compile(rf"princip={dialog.slug}"))
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(visitor, site, "examples-list-filtered")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_text("De ville ha läxhjälp på kvällen.")).to_be_visible()
    expect(visitor.get_by_text("Region Halland, Regional utveckling")).to_be_visible()
    expect(
        visitor.get_by_role("img", name="Två elever och en volontär vid ett bord")
    ).to_be_visible()
    expect(visitor.get_by_role("heading", name="Granskning")).to_have_count(0)
    assert_accessible(visitor, site, "example-published")
    visitor.goto(site(organisation.get_absolute_url()))
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(visitor, site, "organisation-with-example")
    visitor.goto(site(dialog.get_absolute_url()))
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(visitor, site, "principle-with-example")

    # The visitor on the phone finds it with the header's search box, by inflected words.
    box = visitor.get_by_role("search").get_by_role("searchbox", name="Sök i portalen")
    box.fill("läxhjälpen falkenberg")
    box.press("Enter")
    found = visitor.get_by_role("region", name="Exempel på samverkan")
    expect(found.get_by_role("link", name=TITLE)).to_be_visible()
    expect(found.get_by_role("link", name=TITLE).locator("mark").first).to_have_text("Läxhjälp")
    assert_accessible(visitor, site, "search-finds-example")
    found.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)

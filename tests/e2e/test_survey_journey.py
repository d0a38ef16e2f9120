"""Surveys in a real browser: a respondent on a 360 px phone answers from the link, every
answering page is axe clean at 360 and 1280 px."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from surveys.models import Invitation, Response
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS, Site
from tests.surveys.factories import InvitationFactory
from tests.surveys.test_answering import build_survey

pytestmark = pytest.mark.e2e


def new_page(browser: Browser, width: int = 1280) -> Page:
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def test_answering_for_several_units_on_a_phone(site: Site, browser: Browser) -> None:
    """A committee secretary answers for two committees, separately, without JavaScript help."""
    built = build_survey(with_units=True)
    InvitationFactory(survey=built.survey, token="e2e-sekreterare")
    phone = new_page(browser, width=360)
    phone.goto(site("/enkat/svara/e2e-sekreterare/"))
    expect(phone.get_by_role("heading", name="Ditt svar är anonymt")).to_be_visible()
    assert_accessible(phone, site, "survey-answer-units")

    # Two committees but no choice of how: a message, the ticks kept.
    phone.get_by_label("Regionstyrelsen").check()
    phone.get_by_label("Regionala utvecklingsnämnden").check()
    phone.get_by_role("button", name="Fortsätt till frågorna").click()
    expect(phone.get_by_role("alert")).to_contain_text("Du har valt flera enheter")
    expect(phone.get_by_label("Regionstyrelsen")).to_be_checked()
    assert_accessible(phone, site, "survey-answer-units-error")
    phone.get_by_label("Separat för varje enhet").check()
    phone.get_by_role("button", name="Fortsätt till frågorna").click()

    first = phone.get_by_role("region", name=re.compile("Svar för Regionstyrelsen"))
    second = phone.get_by_role("region", name=re.compile("Svar för Regionala utvecklingsnämnden"))
    for section, scale in ((first, "4"), (second, "2")):
        section.get_by_role("group", name=re.compile("Inom vilken del")).get_by_label(
            "Regional utveckling"
        ).check()
        section.get_by_role("group", name=re.compile("Hur nöjd")).get_by_text(
            scale, exact=True
        ).click()
    first.get_by_role("group", name=re.compile("Känner du till HÖK")).get_by_label("Ja").check()
    areas = first.get_by_role("group", name=re.compile("Inom vilka områden"))
    areas.get_by_label("Annat", exact=True).check()
    areas.get_by_label(re.compile("Om du valt ”Annat”")).fill("Idrott")
    second.get_by_label("Övriga synpunkter").fill("Fler träffar på dagtid.")
    # The second committee's required "Känner du till HÖK?" is left out on purpose.
    phone.get_by_role("button", name="Skicka svaret").click()
    expect(phone.get_by_role("alert")).to_contain_text(
        "Regionala utvecklingsnämnden, fråga 2: Svara på frågan."
    )
    expect(second.get_by_label("Övriga synpunkter")).to_have_value("Fler träffar på dagtid.")
    expect(areas.get_by_label(re.compile("Om du valt ”Annat”"))).to_have_value("Idrott")
    assert_accessible(phone, site, "survey-answer-questions-error")
    second.get_by_role("group", name=re.compile("Känner du till HÖK")).get_by_label("Vagt").check()
    phone.get_by_role("button", name="Skicka svaret").click()

    expect(phone.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()
    assert_accessible(phone, site, "survey-answer-thanks")
    assert Response.objects.filter(survey=built.survey).count() == 2
    assert Invitation.objects.get(survey=built.survey).used

    # The link again: a clear page, nothing more stored.
    phone.goto(site("/enkat/svara/e2e-sekreterare/"))
    expect(phone.get_by_role("heading", name="Inbjudan är redan använd")).to_be_visible()
    assert_accessible(phone, site, "survey-answer-used")
    phone.goto(site("/enkat/svara/finns-inte/"))
    expect(phone.get_by_role("heading", name="Länken fungerar inte")).to_be_visible()
    assert Response.objects.filter(survey=built.survey).count() == 2

"""Surveys in a real browser. The working group builds a small survey through the builder pages,
invites two addresses, both answer from the mailed link on a 360 px phone, and the working group
reads the results (once the answers waiting in the sealed pool are counted, which happens when
the survey closes). A committee secretary answers for two committees. Every answering page is
axe clean at 360 and 1280 px."""

import datetime
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from surveys.models import Answer, Invitation, Response, SealedSubmission, Survey
from surveys.tasks import flush_waiting_submissions
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS, Site, mail_text
from tests.factories import PASSWORD, TotpAuthenticatorFactory, WorkingGroupUserFactory
from tests.surveys.factories import InvitationFactory
from tests.surveys.test_answering import build_survey
from tests.two_factor import totp_code

pytestmark = pytest.mark.e2e

TITLE = "Uppföljning av samverkan"
KNOWN = "Känner du till den Halländska Överenskommelsen?"
SCALE = "Hur tycker du att er samverkan fungerar idag?"
INVITEES = ("sekreterare.ett@region.example", "sekreterare.tva@region.example")


def new_page(browser: Browser, width: int = 1280) -> Page:
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def signed_in_working_group(browser: Browser, site: Site) -> Page:
    secret = generate_totp_secret()
    member = WorkingGroupUserFactory(full_name="Greta Arbetsgrupp")
    TotpAuthenticatorFactory(user=member, secret=secret)
    page = new_page(browser)
    page.goto(site("/konto/login/"))
    page.get_by_label("E-postadress").fill(member.email)
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    page.get_by_label(re.compile("Kod")).fill(totp_code(secret))
    page.get_by_role("button", name=re.compile("Logga in|Verifiera|Bekräfta")).click()
    return page


def answer_link_paths(site: Site, expected: int) -> dict[str, str]:
    """The answer link of each invitation mail, by recipient (waits for the sending task)."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        found = {}
        for message in site.mails():
            match = re.search(
                r"https?://[^/\s]+(/(?:[a-z]{2}/)?enkat/svara/[^\s>\"']+)", mail_text(message)
            )
            if match:
                found[str(message["To"])] = match.group(1)
        if len(found) >= expected or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def answer_on_phone(browser: Browser, site: Site, path: str, *, known: str, scale: str) -> Page:
    phone = new_page(browser, width=360)
    phone.goto(site(path))
    expect(phone.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(phone.get_by_role("heading", name="Ditt svar är anonymt")).to_be_visible()
    phone.get_by_role("group", name=re.compile(KNOWN)).get_by_label(known, exact=True).check()
    phone.get_by_role("group", name=re.compile(SCALE)).get_by_text(scale, exact=True).click()
    return phone


def test_build_invite_answer_on_a_phone_and_read_the_results(site: Site, browser: Browser) -> None:
    today = timezone.localdate()
    wg = signed_in_working_group(browser, site)

    # Build: settings, a required single choice and a 1-5 scale with labelled ends.
    wg.get_by_role("navigation", name="Konto").get_by_role(
        "link", name="Arbetsgruppens verktyg"
    ).click()
    wg.get_by_role("link", name="Uppföljningsenkäter").click()
    wg.get_by_role("link", name="Ny enkät").click()
    wg.get_by_label("Titel").fill(TITLE)
    wg.get_by_label("Öppnar").fill(today.isoformat())
    wg.get_by_label("Stänger").fill((today + datetime.timedelta(days=30)).isoformat())
    wg.get_by_role("button", name="Skapa enkäten").click()
    expect(wg.get_by_role("main")).to_contain_text("Enkäten är skapad.")
    wg.get_by_role("link", name="Lägg till fråga").click()
    wg.get_by_role("link", name="Ett svar (envalsfråga)").click()
    wg.get_by_label(re.compile(r"^Fråga:?$")).fill(KNOWN)
    wg.get_by_label("Svarsalternativ, ett per rad").fill("Ja\nNej\nVagt")
    wg.get_by_label("Obligatorisk: frågan måste besvaras").check()
    wg.get_by_role("button", name="Lägg till frågan").click()
    wg.get_by_role("link", name="Lägg till fråga").click()
    wg.get_by_role("link", name="Skala").click()
    wg.get_by_label(re.compile(r"^Fråga:?$")).fill(SCALE)
    wg.get_by_label("Skalan går från 1 till").fill("5")
    wg.get_by_label("Text vid 1 (frivillig)").fill("Dåligt")
    wg.get_by_label("Text vid skalans högsta värde (frivillig)").fill("Utmärkt")
    wg.get_by_role("button", name="Lägg till frågan").click()
    survey = Survey.objects.get(title=TITLE)
    assert [q.kind for q in survey.questions.all()] == ["single", "scale"]

    # Preview: exactly the respondent's page, and checking it stores nothing.
    wg.get_by_role("link", name="Förhandsgranska").click()
    expect(wg.get_by_text("Förhandsgranskning.")).to_be_visible()
    wg.get_by_role("button", name="Kontrollera svaren (sparas inte)").click()
    expect(wg.get_by_role("alert")).to_contain_text("Fråga 1: Svara på frågan.")
    assert_accessible(wg, site, "survey-journey-preview-error")
    wg.get_by_role("link", name="Tillbaka till enkäten").click()

    # Invite two addresses and send.
    wg.get_by_role("link", name="Inbjudningar och påminnelser").click()
    wg.get_by_label("E-postadresser").fill("\n".join(INVITEES))
    wg.get_by_role("button", name="Lägg till adresserna").click()
    wg.get_by_role("button", name="Skicka inbjudan till 2 personer").click()
    links = answer_link_paths(site, expected=2)
    assert sorted(links) == sorted(INVITEES), [m["To"] for m in site.mails()]
    assert links[INVITEES[0]] != links[INVITEES[1]]

    # The first invitee answers on a phone, forgets the required question, then fixes it.
    first = new_page(browser, width=360)
    first.goto(site(links[INVITEES[0]]))
    assert_accessible(first, site, "survey-journey-answer")
    first.get_by_role("group", name=re.compile(SCALE)).get_by_text("4", exact=True).click()
    first.get_by_role("button", name="Skicka svaret").click()
    expect(first.get_by_role("alert")).to_contain_text("Fråga 1: Svara på frågan.")
    expect(first.get_by_role("radio", name=re.compile(r"^4"))).to_be_checked()
    assert_accessible(first, site, "survey-journey-answer-error")
    first.get_by_role("group", name=re.compile(KNOWN)).get_by_label("Ja", exact=True).check()
    first.get_by_role("button", name="Skicka svaret").click()
    expect(first.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()

    second = answer_on_phone(browser, site, links[INVITEES[1]], known="Vagt", scale="2")
    second.get_by_role("button", name="Skicka svaret").click()
    expect(second.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()
    # Two answers wait sealed in the pool: too few to be counted while the survey is open.
    assert SealedSubmission.objects.filter(survey=survey).count() == 2
    assert not Response.objects.filter(survey=survey).exists()
    assert Invitation.objects.filter(survey=survey, used=True).count() == 2
    wg.goto(site(f"/arbetsgruppen/hantera/enkater/{survey.pk}/"))
    wg.get_by_role("navigation", name="Enkätens sidor").get_by_role("link", name="Resultat").click()
    expect(wg.get_by_role("main")).to_contain_text("2 inskickade svar väntar på att räknas.")

    # The survey closes and the beat counts what waits.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Survey.objects.filter(pk=survey.pk).update(opens_on=yesterday, closes_on=yesterday)
    assert flush_waiting_submissions() == {survey.pk: 2}
    assert sorted(
        Answer.objects.filter(question__kind="scale").values_list("scale_value", flat=True)
    ) == [2, 4]

    # The working group reads the results.
    wg.reload()
    main = wg.get_by_role("main")
    expect(main).to_contain_text("Resultat: " + TITLE)
    expect(main).to_contain_text("2 svar")
    expect(main).to_contain_text(KNOWN)
    expect(main).to_contain_text("3,00")  # the mean of 4 and 2, Swedish style


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
    # One sealed submission for both committees, counted as two responses later.
    assert SealedSubmission.objects.filter(survey=built.survey).count() == 1
    assert Invitation.objects.get(survey=built.survey).used

    # The link again: a clear page, nothing more stored.
    phone.goto(site("/enkat/svara/e2e-sekreterare/"))
    expect(phone.get_by_role("heading", name="Inbjudan är redan använd")).to_be_visible()
    assert_accessible(phone, site, "survey-answer-used")
    phone.goto(site("/enkat/svara/finns-inte/"))
    expect(phone.get_by_role("heading", name="Länken fungerar inte")).to_be_visible()
    assert SealedSubmission.objects.filter(survey=built.survey).count() == 1
    flush_waiting_submissions()  # the survey has not closed: nothing is counted early
    assert not Response.objects.filter(survey=built.survey).exists()


def test_preview_the_2020_survey_as_a_secretary_would_see_it(site: Site, browser: Browser) -> None:
    """The real 2020 survey: nine questions, a units question, scales and "annat" fields."""
    from surveys.services.seed import survey_load_seed

    seeded, _ = survey_load_seed()
    units = list(seeded.questions.get(kind="units").options.values_list("text", flat=True))
    wg = signed_in_working_group(browser, site)
    wg.set_viewport_size({"width": 360, "height": 900})
    wg.goto(site(f"/arbetsgruppen/hantera/enkater/{seeded.pk}/forhandsgranska/"))
    expect(wg.get_by_role("heading", name="Ditt svar är anonymt")).to_be_visible()
    assert_accessible(wg, site, "survey-preview-2020-units")
    wg.get_by_label(units[0], exact=True).check()
    wg.get_by_label(units[1], exact=True).check()
    wg.get_by_label("En gång, med samma svar för alla enheter jag valt").check()
    wg.get_by_role("button", name="Fortsätt till frågorna").click()
    expect(wg.get_by_role("main")).to_contain_text(f"Ditt svar gäller: {units[0]}, {units[1]}")
    expect(
        wg.get_by_role("group", name=re.compile("Hur tycker du att er samverkan"))
    ).to_contain_text("Dåligt, ger inget!")
    assert_accessible(wg, site, "survey-preview-2020-questions")
    wg.get_by_role("button", name="Kontrollera svaren (sparas inte)").click()
    expect(wg.get_by_role("alert")).to_contain_text("Svara på frågan.")
    assert not Response.objects.filter(survey=seeded).exists()

"""The results pages in a real Chromium: axe finds no WCAG 2.1 A/AA problem at 360 and 1280 px
(overall, with a breakdown that suppresses a group, year on year, public), and nothing makes
the page wider than a phone's screen."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, Question
from surveys.services.results import answer_hide
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS, Site
from tests.factories import WorkingGroupUserFactory
from tests.surveys.factories import SurveyFactory
from tests.surveys.test_results_data import SECRET_TEXT, Built, add_question, build_2020, respond

pytestmark = pytest.mark.e2e
Kind = Question.Kind


def next_year(last: Built) -> Built:
    """2021 in the same series, the first question carried over, one group under the minimum."""
    this = Built(
        survey=SurveyFactory(
            series=last.survey.series,
            year=2021,
            title="Kartläggning 2021",
            opens_on=datetime.date(2021, 9, 1),
            closes_on=datetime.date(2021, 10, 1),
        )
    )
    know = last.questions["know"]
    add_question(
        this,
        "know",
        kind=Kind.SINGLE,
        text=know.text,
        options=["Ja", "Nej", "Vagt"],
        identity=know.identity,
        option_identities={label: o.identity for label, o in last.options["know"].items()},
    )
    add_question(this, "branch", kind=Kind.BACKGROUND, text="Gren", options=["Norr", "Söder"])
    for index in range(12):
        respond(this, {"know": "Ja" if index % 3 else "Vagt", "branch": "Söder"})
    respond(this, {"know": "Nej", "branch": "Norr"})
    return this


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 360, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_results_pages_are_accessible(page, site: Site, give_mfa) -> None:
    last = build_2020()
    this = next_year(last)
    person = WorkingGroupUserFactory()
    give_mfa(person)
    answer_hide(answer=Answer.objects.get(text=SECRET_TEXT), reason="Namnger en person", by=person)
    client = Client()
    client.force_login(person)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site.url}]
    )

    results = reverse("surveys:results", args=[last.survey.pk])
    page.goto(site(results))
    assert page.locator("h1").inner_text() == "Resultat: Kartläggning 2020"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page, site, "survey-results")

    page.goto(site(f"{results}?uppdelning={last.questions['branch'].pk}"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page, site, "survey-results-breakdown")

    # Hiding without JavaScript: open the details, give a reason, submit.
    page.locator("summary", has_text="Dölj svaret").first.click()
    page.get_by_label("Varför döljs svaret?").first.fill("Pekar ut en person")
    page.get_by_role("button", name="Dölj", exact=True).first.click()
    assert "Svaret är dolt." in page.content()

    later = reverse("surveys:results", args=[this.survey.pk])
    page.goto(site(f"{later}?uppdelning={this.questions['branch'].pk}"))
    assert "för få svar" in page.content()
    assert_accessible(page, site, "survey-results-suppressed")
    page.goto(site(later))
    assert "Andel 2020" in page.content()
    assert_accessible(page, site, "survey-results-year-on-year")

    last.survey.results_published_at = timezone.now()
    last.survey.save(update_fields=["results_published_at"])
    page.context.clear_cookies()
    page.goto(site(reverse("surveys:public_list")))
    page.get_by_role("link", name="Kartläggning 2020").click()
    assert SECRET_TEXT not in page.content()
    assert_accessible(page, site, "survey-results-public")
    page.goto(site("/en" + reverse("surveys:public_results", args=[last.survey.pk])))
    assert "2.75" in page.content()
    assert_accessible(page, site, "survey-results-public-en")

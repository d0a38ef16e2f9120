"""The yearly report's pages in a real Chromium: axe finds no WCAG 2.1 A/AA problem at 360 and
1280 px on the public report, the list, and the working group's edit page and preview, and
nothing makes the public page wider than a phone's screen."""

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import Report
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS, Site
from tests.factories import RevisionProposalFactory, WorkingGroupUserFactory
from tests.reports.conftest import finished_version
from tests.reports.data import build_year

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 360, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_report_pages_are_accessible(page, site: Site, give_mfa, settings, tmp_path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    year = build_year()
    report = Report.objects.create(
        year=year.year,
        introduction="Arbetsgruppen följer upp överenskommelsen varje år.",
        summary="Året präglades av **fler undertecknare**.",
        survey_ids=[year.survey.pk],
        conference_ids=[year.conference.pk],
    )
    # A revision proposal of the year, answered, so the report's proposals table is checked.
    proposal = RevisionProposalFactory(
        answer="reject", answer_reason="Det som föreslås står redan i princip 2."
    )
    type(proposal).objects.filter(pk=proposal.pk).update(
        created_at=proposal.created_at.replace(year=year.year)
    )
    finished_version(report, 1, published=True)

    page.goto(site(reverse("reports:public_report", args=[year.year])))
    assert page.locator("h1").inner_text().startswith("Uppföljning av Halländska")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.get_by_role("table", name="Förslag till revidering").count() == 1
    assert_accessible(page, site, "report-public")
    page.goto(site(reverse("reports:public_list")))
    assert_accessible(page, site, "report-list-public")

    person = WorkingGroupUserFactory()
    give_mfa(person)
    client = Client()
    client.force_login(person)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site.url}]
    )
    page.goto(site(reverse("reports:report_list")))
    assert_accessible(page, site, "report-management-list")
    page.goto(site(reverse("reports:report_edit", args=[year.year])))
    assert_accessible(page, site, "report-edit")
    page.goto(site(reverse("reports:report_preview", args=[year.year])))
    assert_accessible(page, site, "report-preview")

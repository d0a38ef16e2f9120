"""After the conference, in Chromium: the working group previews and publishes feedback on a
theme of the seeded 2021 conference, and the public conference page then shows it; the
outcome pages have no WCAG 2.1 A/AA violation axe finds at 360 and 1280 px."""

from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect

from dialogues.models import Conference, DocumentRender
from dialogues.services.seed import conference_load_seed
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import Site
from tests.factories import TotpAuthenticatorFactory, WorkingGroupUserFactory

pytestmark = pytest.mark.e2e

FEEDBACK = (
    "Arbetsgruppen tar fram en **Hallandsmodellen 2023** tillsammans med:\n\n"
    "- psykiatrin\n- studieförbunden\n\n<script>document.title='x'</script>"
)


def sign_in_working_group(context: BrowserContext, site: Site) -> None:
    person = WorkingGroupUserFactory(full_name="Greta Arbetsgrupp")
    TotpAuthenticatorFactory(user=person)
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


@pytest.fixture
def conference(site: Site) -> Conference:
    conference, _created = conference_load_seed()
    return conference


def test_feedback_preview_publish_and_public_pages(
    context: BrowserContext, site: Site, conference: Conference
) -> None:
    theme = conference.themes.get(name="psykisk hälsa")
    public = site(reverse("dialogues:conference_public", args=[conference.slug]))

    visitor = context.browser.new_context(locale="sv-SE", viewport={"width": 360, "height": 800})
    visitor_page = visitor.new_page()
    visitor_page.goto(public)
    expect(visitor_page.get_by_role("heading", level=1)).to_have_text(conference.name)
    expect(visitor_page.get_by_text("Hallandsmodellen 2023")).to_have_count(0)

    sign_in_working_group(context, site)
    page = context.new_page()
    page.goto(site(reverse("dialogues:outcomes", args=[conference.pk])))
    assert_accessible(page, site, "dialogue-outcomes-overview")
    page.get_by_role("link", name="psykisk hälsa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Återkoppling på temat psykisk hälsa")
    page.get_by_label("Återkoppling").fill(FEEDBACK)
    page.get_by_role("button", name="Förhandsgranska").click()
    preview = page.locator(".outcome-preview")
    expect(preview.locator("strong")).to_have_text("Hallandsmodellen 2023")
    expect(preview.locator("li")).to_have_count(2)
    expect(preview.locator("script")).to_have_count(0)
    expect(page.get_by_label("Återkoppling")).to_have_value(FEEDBACK)  # nothing lost
    assert_accessible(page, site, "dialogue-outcomes-feedback-preview")
    page.get_by_role("button", name="Spara och publicera").click()
    expect(page.get_by_text("Återkopplingen är sparad och publicerad.")).to_be_visible()
    theme.refresh_from_db()
    assert theme.feedback_published

    visitor_page.reload()
    expect(visitor_page.locator(".outcome-feedback strong")).to_have_text("Hallandsmodellen 2023")
    assert visitor_page.title() != "x"
    assert_accessible(visitor_page, site, "dialogue-conference-public")
    visitor_page.get_by_role("link", name="Läs hela sammanställningen").click()
    expect(
        visitor_page.get_by_role("heading", name="Råmaterial dialog 1 – Psykisk hälsa")
    ).to_be_visible()
    assert_accessible(visitor_page, site, "dialogue-document")
    visitor.close()


def test_compiled_document_pdf_page(
    context: BrowserContext, site: Site, conference: Conference
) -> None:
    """The working group makes the public PDF (the task runs in process here; the integration
    test runs it on a real worker); the page shows the finished file, then a running job."""
    sign_in_working_group(context, site)
    page = context.new_page()
    page.goto(site(reverse("dialogues:outcomes", args=[conference.pk])))
    page.get_by_role("link", name="Sammanställningen som PDF: skapa och ladda ner").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sammanställningen som PDF")
    assert_accessible(page, site, "dialogue-document-pdf-empty")
    page.locator("form:has(input[value=public])").get_by_role("button").click()
    expect(page.get_by_text("PDF:en skapas nu i bakgrunden.")).to_be_visible()
    expect(page.get_by_role("link", name="Ladda ner allmänhetens PDF")).to_be_visible()
    expect(page.get_by_text("Aktuell", exact=True)).to_be_visible()
    assert_accessible(page, site, "dialogue-document-pdf-done")

    DocumentRender.objects.create(
        conference=conference,
        drafts=True,
        status=DocumentRender.Status.RUNNING,
        step=DocumentRender.Step.DRAWING,
        started_at=timezone.now(),
    )
    page.reload()
    expect(page.locator("[aria-current=step]")).to_have_text("Ritar diagram (pågår)")
    assert_accessible(page, site, "dialogue-document-pdf-running")

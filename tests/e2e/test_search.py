"""A visitor finds an organisation and a principle of the agreement with the header's search
box, on a phone and on a laptop; the results page passes axe at both widths."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import Site
from tests.factories import CommitmentFactory, PublicOrganisationFactory

pytestmark = pytest.mark.e2e


def search_from_header(page: Page, text: str) -> None:
    box = page.get_by_role("search").get_by_role("searchbox", name="Sök i portalen")
    box.fill(text)
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sök i portalen")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_visitor_finds_an_organisation_and_a_principle(site: Site, page: Page, width) -> None:
    organisation = PublicOrganisationFactory(
        name="Studieförbundet Vuxenskolan Halland",
        description="Studiecirklar och kultur i hela Halland.",
    )
    CommitmentFactory(organisation=organisation, title="Öppna studiecirklar om föreningsliv")
    page.set_viewport_size({"width": width, "height": 900})

    # A misspelt, lower-case name still finds the organisation.
    page.goto(site("/"))
    search_from_header(page, "vuxenskolen")
    signatories = page.get_by_role("region", name="Undertecknare")
    expect(signatories.get_by_role("link")).to_have_text("Studieförbundet Vuxenskolan Halland")
    signatories.get_by_role("link", name="Studieförbundet Vuxenskolan Halland").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Studieförbundet Vuxenskolan Halland")

    # An inflected word finds the principle; the word is marked in the result.
    search_from_header(page, "öppenheten")
    agreement = page.get_by_role("region", name="Överenskommelsen")
    principle = agreement.get_by_role("link", name="3. Öppenhet och insyn")
    expect(principle.locator("mark")).to_have_text("Öppenhet")
    if width == 1280:
        assert_accessible(page, site, "search-results")
    principle.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Öppenhet och insyn")


def test_odd_input_gets_a_swedish_message(site: Site, page: Page) -> None:
    page.goto(site("/sok/?q=" + "%26%26+%7C%7C+%21"))
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_text("Sökningen innehåller inga ord.")).to_be_visible()
    assert_accessible(page, site, "search-no-words")

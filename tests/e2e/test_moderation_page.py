"""The moderation page in Chromium with the 2021 conference's "Framtidsfokus" and its real
notes (46 or more): a page of ten, unhandled first, is a few screens on a phone, axe finds
nothing at 360 and 1280 px, and the live refresh keeps the moderator's filter and page."""

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, expect

from dialogues.models import Dialogue, Note
from dialogues.services.seed import conference_load_seed
from tests.dialogues.factories import NoteFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import Site
from tests.e2e.test_projector import sign_in_working_group

pytestmark = pytest.mark.e2e


@pytest.fixture
def dialogue(site: Site) -> Dialogue:
    conference, _created = conference_load_seed()
    dialogue = conference.dialogues.order_by("position")[1]
    missing = 46 - Note.objects.filter(dialogue=dialogue).count()
    for n in range(max(missing, 0)):
        NoteFactory(dialogue=dialogue, text=f"Fler mötesplatser i kommun {n}")
    return dialogue


def test_moderation_pages_on_a_phone_and_a_laptop(
    context: BrowserContext, site: Site, dialogue: Dialogue
) -> None:
    assert Note.objects.filter(dialogue=dialogue).count() >= 46
    sign_in_working_group(context, site)
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 780})
    moderation = reverse("dialogues:moderation", args=[dialogue.pk])
    page.goto(site(moderation))
    notes = page.locator(".mod-notes > li")
    expect(notes).to_have_count(10)
    expect(page.get_by_text("Sida 1 av ")).to_be_visible()
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"moderation page at 360 px: {height} px tall")  # noqa: T201
    assert height < 7000
    assert_accessible(page, site, "moderation")

    # Filtered and paged: the refresh keeps both. A note hidden elsewhere joins this list.
    page.goto(site(f"{moderation}?visa=dolda"))
    assert_accessible(page, site, "moderation-hidden-filter")
    visible = Note.objects.filter(dialogue=dialogue, hidden=False).order_by("created_at").first()
    Note.objects.filter(pk=visible.pk).update(hidden=True, hidden_reason="Namn")
    expect(page.locator(f"#note-{visible.pk}")).to_be_visible(timeout=20_000)
    page.goto(site(f"{moderation}?visa=synliga&sida=2"))
    expect(page.get_by_text("Sida 2 av ")).to_be_visible()
    first_on_page = page.locator(".mod-notes > li").first.get_attribute("id")
    NoteFactory(dialogue=dialogue, text="En ny anteckning hamnar på första sidan")
    # The refresh shifts page 2 by one note and stays on page 2 of the visible notes.
    expect(page.locator(".mod-notes > li").first).not_to_have_attribute(
        "id", first_on_page, timeout=20_000
    )
    expect(page.get_by_text("Sida 2 av ")).to_be_visible()
    expect(page.get_by_text("En ny anteckning hamnar på första sidan")).to_have_count(0)
    expect(page.get_by_label("Visa")).to_have_value("synliga")

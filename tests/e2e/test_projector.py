"""The projector view in Chromium: no WCAG 2.1 A/AA violation axe finds at laptop and big-screen
width, and it refreshes by itself (htmx) when a note arrives or is hidden."""

from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import BrowserContext, expect

from dialogues.models import Dialogue
from dialogues.services.seed import conference_load_seed
from tests.dialogues.factories import NoteFactory
from tests.e2e.accessibility import axe_violations, format_violations
from tests.e2e.conftest import SCREENSHOT_DIR, Site
from tests.factories import TotpAuthenticatorFactory, WorkingGroupUserFactory

pytestmark = pytest.mark.e2e

# A laptop and the 1080p projector it drives.
PROJECTOR_WIDTHS = ((1280, 800), (1920, 1080))


def sign_in_working_group(context: BrowserContext, site: Site) -> None:
    """A working-group member with two-factor login turned on, signed in through the session
    cookie (the login form itself is tested elsewhere)."""
    person = WorkingGroupUserFactory(full_name="Greta Arbetsgrupp")
    TotpAuthenticatorFactory(user=person)
    client = Client()
    client.force_login(person)
    cookie = client.cookies["sessionid"]
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": cookie.value,
                "domain": urlparse(site.url).hostname,
                "path": "/",
            }
        ]
    )


@pytest.fixture
def dialogue(site: Site) -> Dialogue:
    """The 2021 conference's second dialogue, "Framtidsfokus", with its real notes and themes."""
    conference, _created = conference_load_seed()
    return conference.dialogues.order_by("position")[1]


def test_projector_is_accessible_and_refreshes_by_itself(
    context: BrowserContext, site: Site, dialogue: Dialogue
) -> None:
    sign_in_working_group(context, site)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(site(reverse("dialogues:projector", args=[dialogue.pk])))
    expect(page.get_by_role("heading", level=1)).to_have_text(dialogue.title)
    expect(page.get_by_role("heading", name="Teman hittills")).to_be_visible()

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    problems = []
    for width, height in PROJECTOR_WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=SCREENSHOT_DIR / f"projector-{width}.png")
        if violations := axe_violations(page, site):
            problems.append(f"at {width}px:\n{format_violations(violations)}")
    assert not problems, "\n".join(problems)

    # A new note appears without a reload; a hidden one disappears.
    note = NoteFactory(dialogue=dialogue, text="Mötesplatser för unga och äldre tillsammans")
    expect(page.get_by_text(note.text)).to_be_visible(timeout=20_000)
    note.hidden, note.hidden_reason = True, "Dubblett"
    note.save()
    expect(page.get_by_text(note.text)).to_have_count(0, timeout=20_000)
    assert not [error for error in errors if "Content Security Policy" in error], errors

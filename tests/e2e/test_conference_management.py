"""The working group prepares a conference in Chromium: create it, add a dialogue with its
questions, open it by hand; every page axe-clean at 360 and 1280 px, with no CSP error."""

from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from dialogues.models import Conference, Dialogue
from dialogues.services.seed import conference_load_seed
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import Site
from tests.factories import TotpAuthenticatorFactory, WorkingGroupUserFactory

pytestmark = pytest.mark.e2e


def sign_in_working_group(context: BrowserContext, site: Site) -> None:
    """A working-group member with two-factor login turned on, signed in through the session
    cookie (the login form itself is tested elsewhere)."""
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


def _watch_csp(page: Page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    return errors


def test_prepare_a_conference_and_open_a_dialogue(context: BrowserContext, site: Site) -> None:
    conference_load_seed()
    sign_in_working_group(context, site)
    page = context.new_page()
    errors = _watch_csp(page)

    page.goto(site(reverse("dialogues:conference_list")))
    expect(page.get_by_role("link", name="Starkare än förr")).to_be_visible()
    assert_accessible(page, site, "dialogues-conference-list")

    page.get_by_role("link", name="Ny konferens").click()
    page.get_by_label("Namn:", exact=True).fill("Samverkanskonferensen 2026")
    page.get_by_role("button", name="Skapa konferensen").click()
    expect(page.get_by_text("Ange konferensens datum.")).to_be_visible()
    expect(page.get_by_label("Namn:", exact=True)).to_have_value("Samverkanskonferensen 2026")
    assert_accessible(page, site, "dialogues-conference-form-errors")
    page.get_by_label("Datum:", exact=True).fill("2026-11-18")
    page.get_by_label("Plats:", exact=True).fill("Halmstad")
    page.get_by_role("button", name="Skapa konferensen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samverkanskonferensen 2026")

    page.get_by_role("link", name="Ny dialog").click()
    page.get_by_label("Rubrik:", exact=True).fill("Framtidsfokus")
    page.get_by_label("Öppnar:", exact=True).fill("2026-11-18T11:00")
    page.get_by_label("Stänger:", exact=True).fill("2026-11-18T10:00")
    page.get_by_label("Frågor:", exact=True).fill("Vad vill ni se?\nVilka aktiviteter?")
    page.get_by_role("button", name="Skapa dialogen").click()
    expect(page.get_by_text("Dialogen måste stänga efter att den öppnat.")).to_be_visible()
    expect(page.get_by_label("Frågor:", exact=True)).to_have_value(
        "Vad vill ni se?\nVilka aktiviteter?"
    )
    assert_accessible(page, site, "dialogues-dialogue-form-errors")
    page.get_by_label("Stänger:", exact=True).fill("2026-11-18T12:00")
    page.get_by_role("button", name="Skapa dialogen").click()

    dialogue = Dialogue.objects.get(conference__name="Samverkanskonferensen 2026")
    card = page.locator(f"#dialog-{dialogue.pk}")
    expect(card.get_by_text(dialogue.short_code, exact=True)).to_be_visible()
    card.get_by_role("button", name="Öppna nu").click()
    expect(page.locator(f"#dialog-{dialogue.pk} .dlg-state--open")).to_have_text("Öppen")
    qr = page.locator(f"#dialog-{dialogue.pk} .dlg-card__qr img")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0
    assert_accessible(page, site, "dialogues-conference-detail")

    page.locator(f"#dialog-{dialogue.pk}").get_by_role(
        "link", name="Ändra dialogen och frågorna"
    ).click()
    page.get_by_role("button", name="Flytta upp fråga 2").click()
    expect(page.locator(".dlg-question__text").first).to_have_text("Vilka aktiviteter?")
    assert_accessible(page, site, "dialogues-dialogue-edit")

    seeded = Conference.objects.get(slug="starkare-an-forr-2021")
    page.goto(site(reverse("dialogues:conference_detail", args=[seeded.pk])))
    assert_accessible(page, site, "dialogues-conference-detail-2021")
    assert not [error for error in errors if "Content Security Policy" in error], errors

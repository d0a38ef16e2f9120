"""The moderation page on a phone: 46 notes come a page of ten at a time, unhandled first
(visible without an accepted theme), every filter and page its own address, and the live
refresh (and, without JavaScript, the reload link) keeps the moderator's filter and page."""

import re
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dialogues.models import Dialogue, Note, NoteTheme
from dialogues.views.moderation.notes import NOTES_PER_PAGE
from hok.models import User
from tests.dialogues.factories import DialogueFactory, NoteFactory, NoteThemeFactory, ThemeFactory
from tests.dialogues.roles import ALLOWED, ROLES, assert_role_outcome, client_as

pytestmark = pytest.mark.django_db


def url(name: str, dialogue: Dialogue, **query: str) -> str:
    path = reverse(f"dialogues:{name}", args=[dialogue.pk])
    return f"{path}?{urlencode(query)}" if query else path


@pytest.fixture
def dialogue() -> Dialogue:
    return DialogueFactory(title="Framtidsfokus")


@pytest.fixture
def wg(give_mfa: Callable[[User], str]) -> Client:
    return client_as("working_group_mfa", give_mfa)


@pytest.fixture
def forty_six(dialogue: Dialogue) -> dict[str, list[Note]]:
    """46 notes, one a minute, the newest last: 18 tagged, 9 hidden, 19 unhandled (some of
    them with a suggestion) mixed through the hour."""
    theme = ThemeFactory(conference=dialogue.conference, name="Psykisk hälsa")
    start = timezone.now() - timedelta(hours=1)
    kinds: dict[str, list[Note]] = {"tagged": [], "hidden": [], "unhandled": []}
    for n in range(46):
        kind = ("tagged", "hidden", "unhandled", "unhandled", "tagged")[n % 5]
        if n >= 45:
            kind = "unhandled"
        note = NoteFactory(
            dialogue=dialogue,
            text=f"anteckning {n:02d} {kind}",
            hidden=kind == "hidden",
            hidden_reason="Namn" if kind == "hidden" else "",
        )
        Note.objects.filter(pk=note.pk).update(created_at=start + timedelta(minutes=n))
        if kind == "tagged":
            NoteThemeFactory(note=note, theme=theme)
        elif n % 3 == 0:
            NoteThemeFactory(note=note, theme=theme, status=NoteTheme.Status.SUGGESTED)
        kinds[kind].append(note)
    return kinds


def _texts(html: str) -> list[str]:
    return re.findall(r'<p class="mod-note__text">(anteckning \d\d \w+)</p>', html)


def test_unhandled_first_then_newest_ten_a_page(wg, dialogue, forty_six) -> None:
    unhandled = [note.text for note in reversed(forty_six["unhandled"])]
    handled = sorted(
        (note for kind in ("tagged", "hidden") for note in forty_six[kind]),
        key=lambda note: note.text,
        reverse=True,
    )
    expected = unhandled + [note.text for note in handled]
    pages = []
    for number in range(1, 6):
        html = wg.get(url("moderation", dialogue, sida=str(number))).content.decode()
        assert f"Sida {number} av 5" in html
        pages.append(_texts(html))
    assert [len(page) for page in pages] == [NOTES_PER_PAGE] * 4 + [6]
    assert [text for page in pages for text in page] == expected


def test_a_filter_pages_too(wg, dialogue, forty_six) -> None:
    html = wg.get(url("moderation", dialogue, visa="dolda")).content.decode()
    assert _texts(html) == [note.text for note in reversed(forty_six["hidden"])]
    assert "Sida" not in html  # ten hidden notes: one page, no paging
    html = wg.get(url("moderation", dialogue, visa="synliga", sida="2")).content.decode()
    assert "Sida 2 av 4" in html
    assert 'href="?visa=synliga&amp;sida=1"' in html and 'href="?visa=synliga&amp;sida=3"' in html


def test_the_refresh_keeps_the_filter_and_the_page(wg, dialogue, forty_six) -> None:
    """The list polls its own filter and page; the polled part lists the same notes."""
    query = {"visa": "synliga", "sida": "2"}
    page = wg.get(url("moderation", dialogue, **query)).content.decode()
    polled_url = url("moderation_notes", dialogue, **query)
    assert f'hx-get="{polled_url.replace("&", "&amp;")}"' in page
    polled = wg.get(polled_url).content.decode()
    assert _texts(polled) == _texts(page) and len(_texts(polled)) == NOTES_PER_PAGE
    assert "Sida 2 av 4" in polled


def test_without_javascript_the_reload_link_keeps_the_filter_and_the_page(
    wg, dialogue, forty_six
) -> None:
    page = wg.get(url("moderation", dialogue, visa="synliga", sida="2")).content.decode()
    noscript = page[page.index("<noscript>") : page.index("</noscript>")]
    link = reverse("dialogues:moderation", args=[dialogue.pk]) + "?visa=synliga&amp;sida=2"
    assert f'href="{link}"' in noscript
    assert "Uppdatera listan" in noscript


def test_a_new_note_arrives_on_the_first_page(wg, dialogue, forty_six) -> None:
    NoteFactory(dialogue=dialogue, text="anteckning 99 unhandled")
    html = wg.get(url("moderation_notes", dialogue)).content.decode()
    assert _texts(html)[0] == "anteckning 99 unhandled"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["moderation", "moderation_notes"])
def test_paging_and_filters_per_role(give_mfa, dialogue, forty_six, role: str, name: str) -> None:
    path = url(name, dialogue, visa="utan-tema", sida="2")
    response = client_as(role, give_mfa).get(path)
    if role in ALLOWED:
        assert response.status_code == 200
        assert (
            _texts(response.content.decode())
            == [note.text for note in reversed(forty_six["unhandled"])][
                NOTES_PER_PAGE : 2 * NOTES_PER_PAGE
            ]
        )
    else:
        assert_role_outcome(role, response, path)


# Session, user, two role checks, two-factor check; the dialogue, themes, questions, the page's
# count, notes, their theme links, the figures, the notes per minute; the full page also asks
# the role for the menu. The same with 46 notes as with 3, on every page and filter.
@pytest.mark.parametrize(("name", "budget"), [("moderation", 14), ("moderation_notes", 13)])
def test_query_count_at_46_notes(
    wg, dialogue, forty_six, name: str, budget: int, django_assert_max_num_queries
) -> None:
    for query in ({}, {"sida": "3"}, {"visa": "utan-tema", "sida": "2"}, {"visa": "dolda"}):
        with django_assert_max_num_queries(budget):
            assert wg.get(url(name, dialogue, **query)).status_code == 200

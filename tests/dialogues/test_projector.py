"""The projector view for the big screen: newest visible notes, theme counts, its own refresh."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from dialogues.models import Dialogue, NoteTheme
from tests.dialogues.factories import (
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)
from tests.dialogues.roles import ALLOWED, ROLES, assert_role_outcome, client_as
from tests.factories import WorkingGroupUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue() -> Dialogue:
    return DialogueFactory(title="Framtidsfokus", conference__name="Starkare än förr")


@pytest.fixture
def wg(give_mfa) -> Client:
    person = WorkingGroupUserFactory()
    give_mfa(person)
    client = Client()
    client.force_login(person)
    return client


def projector_url(dialogue: Dialogue, **query: str) -> str:
    path = reverse("dialogues:projector", args=[dialogue.pk])
    return f"{path}?{urlencode(query)}" if query else path


def content_url(dialogue: Dialogue) -> str:
    return reverse("dialogues:projector_content", args=[dialogue.pk])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["page", "content"])
def test_working_group_only(role: str, which: str, dialogue, give_mfa) -> None:
    path = projector_url(dialogue) if which == "page" else content_url(dialogue)
    response = client_as(role, give_mfa).get(path)
    assert_role_outcome(role, response, path)
    if role in ALLOWED:
        assert response.status_code == 200


def test_unknown_dialogue_is_404(wg) -> None:
    assert wg.get(reverse("dialogues:projector", args=[987654])).status_code == 404
    assert wg.get(reverse("dialogues:projector_content", args=[987654])).status_code == 404


def test_shows_newest_visible_notes_and_never_hidden_ones(wg, dialogue) -> None:
    question = DialogueQuestionFactory(dialogue=dialogue, text="Vilka samhällsproblem?")
    old = NoteFactory(dialogue=dialogue, text="Den allra första anteckningen")
    for n in range(9):
        NoteFactory(dialogue=dialogue, text=f"Anteckning {n:02d}", table_group="Bord 3")
    NoteFactory(dialogue=dialogue, question=question, text="Ofrivillig ensamhet")
    hidden = NoteFactory(
        dialogue=dialogue, text="Ring Kalle på 070-1234567", hidden=True, hidden_reason="Namn"
    )
    other = NoteFactory(text="En anteckning i en annan dialog")

    for path in (projector_url(dialogue), content_url(dialogue)):
        html = wg.get(path).content.decode()
        assert "Ofrivillig ensamhet" in html
        assert "Vilka samhällsproblem?" in html
        assert "Bord 3" in html
        assert html.index("Ofrivillig ensamhet") < html.index("Anteckning 08")
        assert old.text not in html  # only the nine newest
        assert hidden.text not in html and "Namn" not in html
        assert other.text not in html
        assert "11 anteckningar" in html  # visible notes in all


def test_theme_counts_of_this_dialogue_accepted_and_visible_only(wg, dialogue) -> None:
    conference = dialogue.conference
    psykisk = ThemeFactory(conference=conference, name="psykisk hälsa")
    ensam = ThemeFactory(conference=conference, name="ensamhet")
    unused = ThemeFactory(conference=conference, name="barnkonventionen")
    for _ in range(3):
        NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=psykisk)
    NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=ensam)
    NoteThemeFactory(
        note=NoteFactory(dialogue=dialogue), theme=ensam, status=NoteTheme.Status.SUGGESTED
    )
    NoteThemeFactory(note=NoteFactory(dialogue=dialogue, hidden=True), theme=ensam)
    NoteThemeFactory(note=NoteFactory(dialogue=DialogueFactory(conference=conference)), theme=ensam)

    html = wg.get(projector_url(dialogue)).content.decode()
    themes = html[html.index("projector-themes") :]
    assert themes.index("Psykisk hälsa") < themes.index("Ensamhet")
    assert '<span class="projector-theme__count">3</span>' in themes
    assert '<span class="projector-theme__count">1</span>' in themes
    assert unused.name not in html.lower()


def test_no_notes_yet(wg, dialogue) -> None:
    html = wg.get(projector_url(dialogue)).content.decode()
    assert "Inga anteckningar ännu" in html
    assert "Arbetsgruppen sätter teman" in html


def test_refreshes_by_itself_and_says_how_without_javascript(wg, dialogue) -> None:
    html = wg.get(projector_url(dialogue)).content.decode()
    assert f'hx-get="{content_url(dialogue)}"' in html
    assert 'hx-trigger="every 8s"' in html
    assert "htmx.min.js" in html
    noscript = html[html.index("<noscript>", html.index("<body")) :]
    assert "Ladda om sidan" in noscript
    assert '<meta http-equiv="refresh" content="30">' in html


def test_shows_how_to_join(wg, dialogue) -> None:
    html = wg.get(projector_url(dialogue)).content.decode()
    assert dialogue.short_code in html
    assert "testserver/dialog" in html
    assert "<svg" in html and "QR-kod till dialogen" in html


def test_closed_dialogue_says_so(wg) -> None:
    closed = DialogueFactory(manual_state=Dialogue.ManualState.CLOSED)
    html = wg.get(projector_url(closed)).content.decode()
    assert "Dialogen är stängd för nya anteckningar." in html


def test_partial_is_the_changing_part_only(wg, dialogue) -> None:
    NoteFactory(dialogue=dialogue, text="Matchmaking")
    html = wg.get(content_url(dialogue)).content.decode()
    assert "Matchmaking" in html
    assert "<html" not in html and "<svg" not in html


# Session, user, two role checks, two-factor check, the dialogue, the notes, their count and the
# theme counts (one query).
@pytest.mark.parametrize("which", ["page", "content"])
def test_query_count(wg, dialogue, which: str, django_assert_max_num_queries) -> None:
    theme = ThemeFactory(conference=dialogue.conference)
    question = DialogueQuestionFactory(dialogue=dialogue)
    for n in range(20):
        note = NoteFactory(dialogue=dialogue, question=question if n % 2 else None)
        NoteThemeFactory(note=note, theme=theme)
    path = projector_url(dialogue) if which == "page" else content_url(dialogue)
    with django_assert_max_num_queries(9):
        assert wg.get(path).status_code == 200


def test_ten_themes_at_most_and_the_rest_summed_up(wg, dialogue) -> None:
    for n in range(12):
        theme = ThemeFactory(conference=dialogue.conference, name=f"tema {n:02d}")
        for _ in range(n + 1):
            NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=theme)
    html = wg.get(projector_url(dialogue)).content.decode()
    assert html.count('class="projector-theme"') == 10
    assert "Tema 11" in html and "Tema 01" not in html
    assert "och 2 teman till" in html

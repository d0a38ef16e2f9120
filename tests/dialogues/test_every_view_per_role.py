"""Every URL of the dialogues app, for every role, read from the URL configuration itself.

The detailed tests per area (test_management_views, test_moderation_views, test_projector,
test_outcomes_views, test_attendee) check what each page shows and what each action changes.
This one makes sure none is forgotten: a new URL without an entry below fails
`test_every_url_is_listed`, and every listed URL is requested by all six roles. A view that
only takes POST answers a GET with 405, after the access check.
"""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from dialogues.models import NoteTheme
from dialogues.urls import urlpatterns
from hok.models import User
from tests.dialogues.factories import (
    DialogueFactory,
    DialogueQuestionFactory,
    FinishedDocumentRenderFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)
from tests.dialogues.roles import ALLOWED, ROLES, assert_role_outcome, client_as

pytestmark = pytest.mark.django_db

PUBLIC = {
    "find",
    "attendee",
    "conference_public_list",
    "conference_public",
    "document",
    "document_pdf",
}
POST_ONLY = {
    "dialogue_state",
    "dialogue_delete",
    "question_add",
    "question_move",
    "question_delete",
    "moderation_suggest",
    "moderation_note_hide",
    "moderation_note_unhide",
    "moderation_note_themes",
    "moderation_note_suggestion",
    "document_render_start",
}


@pytest.fixture
def paths(seed: object) -> dict[str, str]:
    """One path per URL name, to objects that exist (a published summary and finished PDFs)."""
    dialogue = DialogueFactory(summary="Vi hörde er.", summary_published=True)
    conference = dialogue.conference
    FinishedDocumentRenderFactory(conference=conference, drafts=False)
    FinishedDocumentRenderFactory(conference=conference, drafts=True)
    question = DialogueQuestionFactory(dialogue=dialogue)
    note = NoteFactory(dialogue=dialogue, question=question)
    theme = ThemeFactory(conference=conference)
    link = NoteThemeFactory(note=note, theme=theme, status=NoteTheme.Status.SUGGESTED)
    by_dialogue = {"pk": dialogue.pk}
    by_note = {"pk": dialogue.pk, "note_pk": note.pk}
    by_conference = {"pk": conference.pk}
    by_slug = {"slug": conference.slug}
    kwargs: dict[str, dict[str, object]] = {
        "find": {},
        "attendee": {"code": dialogue.short_code},
        "conference_list": {},
        "conference_create": {},
        "conference_detail": by_conference,
        "conference_edit": by_conference,
        "dialogue_create": by_conference,
        "dialogue_edit": by_dialogue,
        "dialogue_state": by_dialogue,
        "dialogue_delete": by_dialogue,
        "question_add": by_dialogue,
        "dialogue_qr": by_dialogue,
        "dialogue_sheet": by_dialogue,
        "question_edit": {"pk": question.pk},
        "question_move": {"pk": question.pk},
        "question_delete": {"pk": question.pk},
        "moderation": by_dialogue,
        "moderation_notes": by_dialogue,
        "moderation_suggest": by_dialogue,
        "moderation_note": by_note,
        "moderation_note_hide": by_note,
        "moderation_note_unhide": by_note,
        "moderation_note_themes": by_note,
        "moderation_note_suggestion": {**by_note, "link_pk": link.pk},
        "moderation_note_proposal": by_note,
        "projector": by_dialogue,
        "projector_content": by_dialogue,
        "themes": by_conference,
        "theme_merge": by_conference,
        "theme_edit": {**by_conference, "theme_pk": theme.pk},
        "outcomes": by_conference,
        "summary_edit": {**by_conference, "dialogue_pk": dialogue.pk},
        "feedback_edit": {**by_conference, "theme_pk": theme.pk},
        "document_draft_pdf": by_conference,
        "document_renders": by_conference,
        "document_render_start": by_conference,
        "notes_csv": by_conference,
        "conference_public_list": {},
        "conference_public": by_slug,
        "document": by_slug,
        "document_pdf": by_slug,
    }
    return {name: reverse(f"dialogues:{name}", kwargs=args) for name, args in kwargs.items()}


def test_every_url_is_listed(paths: dict[str, str]) -> None:
    assert {pattern.name for pattern in urlpatterns} == set(paths)
    assert PUBLIC | POST_ONLY <= set(paths)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_per_role(
    role: str, paths: dict[str, str], give_mfa: Callable[[User], str]
) -> None:
    client: Client = client_as(role, give_mfa)
    for name, path in paths.items():
        response = client.get(path)
        if name in PUBLIC:
            assert response.status_code == 200, (name, response.status_code)
            continue
        if role in ALLOWED:
            expected = 405 if name in POST_ONLY else 200
            assert response.status_code == expected, (name, response.status_code)
        else:
            assert_role_outcome(role, response, path)

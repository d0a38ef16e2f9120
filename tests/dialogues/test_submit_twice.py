"""Every create form of the dialogues app, sent twice with the same submission key, creates
one thing, and the repeat lands where the first went (hok/submissions.py). Attendee notes keep
their own key, stored on the note (the phone's outbox resends it, see note-outbox.js)."""

from collections.abc import Callable
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import RevisionProposal
from dialogues.models import Conference, Dialogue, DialogueQuestion, DocumentRender, Note, Theme
from dialogues.services import outcomes as outcome_services
from hok.models import User
from tests.dialogues import roles
from tests.dialogues.factories import ConferenceFactory, DialogueFactory, NoteFactory, ThemeFactory
from tests.dialogues.test_attendee import local_cache, note_data, page_url, phone  # noqa: F401
from tests.submissions import submit_twice

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(give_mfa: Callable[[User], str]) -> Client:
    return roles.client_as("working_group_mfa", give_mfa)


@pytest.fixture
def dialogue() -> Dialogue:
    return DialogueFactory(title="Framtidsfokus", short_code="ABC234")


def test_conference(manager: Client) -> None:
    submit_twice(
        manager,
        page=reverse("dialogues:conference_create"),
        data={"name": "Starkare än förr", "date": "2026-11-18", "place": "Laholm"},
        count=Conference.objects.count,
    )


def test_dialogue(manager: Client) -> None:
    conference = ConferenceFactory()
    submit_twice(
        manager,
        page=reverse("dialogues:dialogue_create", args=[conference.pk]),
        data={"title": "Framtidsfokus", "note_cap": "1500", "questions": "Vad vill ni se?"},
        count=Dialogue.objects.count,
    )


def test_dialogue_question(manager: Client, dialogue: Dialogue) -> None:
    url = reverse("dialogues:question_add", args=[dialogue.pk])
    submit_twice(
        manager,
        page=reverse("dialogues:dialogue_edit", args=[dialogue.pk]),
        action=url,
        data={"new-text": "Ny fråga?"},
        count=DialogueQuestion.objects.count,
    )


def test_theme(manager: Client, dialogue: Dialogue) -> None:
    url = reverse("dialogues:themes", args=[dialogue.conference_id])
    submit_twice(
        manager,
        page=url,
        action=url,
        data={"name": "Ungdomar", "keywords": "unga, ungdom"},
        count=Theme.objects.count,
    )


def test_summary(manager: Client, dialogue: Dialogue) -> None:
    """Saving is an update: the dialogue's history shows it saved once."""
    url = reverse(
        "dialogues:summary_edit",
        kwargs={"pk": dialogue.conference_id, "dialogue_pk": dialogue.pk},
    )
    submit_twice(
        manager,
        page=url,
        data={"summary": "Många ville ha fler mötesplatser.", "action": "save"},
        count=Dialogue.history.count,
    )


def test_feedback(manager: Client, dialogue: Dialogue) -> None:
    theme = ThemeFactory(conference=dialogue.conference)
    url = reverse(
        "dialogues:feedback_edit", kwargs={"pk": dialogue.conference_id, "theme_pk": theme.pk}
    )
    with mock.patch(
        "dialogues.views.outcomes.services.theme_feedback_save",
        wraps=outcome_services.theme_feedback_save,
    ) as save:
        submit_twice(
            manager,
            page=url,
            data={"feedback": "Regionen tar frågan vidare.", "action": "save"},
            count=lambda: save.call_count,
        )


def test_document_render(
    manager: Client, dialogue: Dialogue, django_capture_on_commit_callbacks
) -> None:
    conference = dialogue.conference
    with django_capture_on_commit_callbacks(execute=False):
        submit_twice(
            manager,
            page=reverse("dialogues:document_renders", kwargs={"pk": conference.pk}),
            action=reverse("dialogues:document_render_start", kwargs={"pk": conference.pk}),
            data={"version": "drafts"},
            count=DocumentRender.objects.count,
        )


def test_an_attendee_note_sent_twice_is_stored_once(dialogue: Dialogue) -> None:
    client = phone(code="ABC234")
    data = note_data()
    first = client.post(page_url("ABC234"), data)
    second = client.post(page_url("ABC234"), data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Note.objects.count() == 1


def test_note_proposal(seed, manager: Client) -> None:
    note = NoteFactory(proposes_revision=True, text="Fler unga.")
    url = reverse("dialogues:moderation_note_proposal", args=[note.dialogue_id, note.pk])
    first, _second = submit_twice(
        manager,
        page=url,
        data={"part": "new-goal", "proposed_text": "Fler unga deltar.", "reason": "Bord 3."},
        count=RevisionProposal.objects.count,
    )
    proposal = RevisionProposal.objects.get()
    assert first["Location"] == reverse("agreements:proposal_review", args=[proposal.pk])

"""No personal data with a note: no IP address, user agent, device id or account, anywhere.

Not in the note's own columns, not in a history table (django-simple-history records who
changed what for the audited models; a note must not be one of them), not in any other row
the submit writes, and not in the log.
"""

import logging
import uuid

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from dialogues import limits
from dialogues.models import Note
from tests.dialogues.factories import DialogueFactory
from tests.factories import WorkingGroupUserFactory

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 7.0; Gammal telefon) Testwebbläsare/1.0"

NOTE_FIELDS = {
    "id",
    "dialogue",
    "question",
    "table_group",
    "text",
    "proposes_revision",  # a yes/no the writer ticks: about the text, not the person
    "client_key",
    "created_at",
    "hidden",
    "hidden_reason",
    "hidden_by",
}


def test_a_note_has_no_field_for_personal_data() -> None:
    assert {field.name for field in Note._meta.concrete_fields} == NOTE_FIELDS


def test_notes_and_their_themes_have_no_history_table() -> None:
    history = [model.__name__ for model in apps.get_models() if hasattr(model, "history_user")]
    assert "HistoricalNote" not in history
    assert "HistoricalNoteTheme" not in history
    # The audited models of the app do have one (so the check above looks at the right list).
    assert "HistoricalDialogue" in history


def _every_stored_text() -> set[str]:
    """Every text and key in every table of the project (the models' tables)."""
    parts: set[str] = set()
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(
                field,
                models.CharField
                | models.TextField
                | models.GenericIPAddressField
                | models.JSONField
                | models.UUIDField,
            )
        ]
        if fields:
            for row in model.objects.values_list(*fields):
                parts.update(str(value) for value in row)
    return parts


def test_a_signed_in_attendee_leaves_no_trace(caplog: pytest.LogCaptureFixture) -> None:
    dialogue = DialogueFactory()
    person = WorkingGroupUserFactory(email="greta.trace@example.org")
    client = Client(REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    client.force_login(person)
    page = reverse("dialogues:attendee", kwargs={"code": dialogue.short_code})
    client.get(page)
    device_cookie = client.cookies[limits.DEVICE_COOKIE].value
    device_id = device_cookie.split(":")[0]
    before = _every_stored_text()
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            page,
            {
                "question": "hela",
                "table_group": "Bord 3",
                "text": "Fler mötesplatser på landsbygden.",
                "client_key": str(uuid.uuid4()),
                "webbplats": "",
            },
        )
    assert response.status_code == 302
    note = Note.objects.get()
    assert note.hidden_by is None
    added = "\n".join(_every_stored_text() - before)
    assert note.text in added  # the scan sees what the submit wrote
    for trace in (IP, AGENT, device_id, person.email):
        assert trace not in added
    logged = caplog.text
    for trace in (IP, AGENT, device_id, person.email):
        assert trace not in logged

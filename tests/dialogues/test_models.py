"""The dialogues models' database constraints and Dialogue.is_open."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from dialogues.codes import ALPHABET, LENGTH
from dialogues.models import Dialogue, Note, NoteTheme
from tests.dialogues.factories import (
    ConferenceFactory,
    DialogueFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def _fails(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_new_dialogue_gets_a_well_formed_unique_code() -> None:
    codes = {DialogueFactory().short_code for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert len(code) == LENGTH
        assert set(code) <= set(ALPHABET)


def test_short_code_is_unique_and_upper_case() -> None:
    first = DialogueFactory()
    _fails(lambda: DialogueFactory(short_code=first.short_code))
    _fails(lambda: DialogueFactory(short_code="abcdef"))


def test_closing_must_come_after_opening() -> None:
    now = timezone.now()
    _fails(lambda: DialogueFactory(opens_at=now, closes_at=now))
    _fails(lambda: DialogueFactory(opens_at=now, closes_at=now - datetime.timedelta(minutes=1)))
    DialogueFactory(opens_at=now, closes_at=None)
    DialogueFactory(opens_at=None, closes_at=now)


def test_one_note_per_client_key_per_dialogue() -> None:
    note = NoteFactory()
    _fails(lambda: NoteFactory(dialogue=note.dialogue, client_key=note.client_key))
    # The same key in another dialogue is another note.
    NoteFactory(client_key=note.client_key)


def test_note_text_length_is_limited_in_the_database() -> None:
    dialogue = DialogueFactory()
    _fails(lambda: Note.objects.create(dialogue=dialogue, text="x" * 2001, client_key=uuid.uuid4()))
    _fails(lambda: Note.objects.create(dialogue=dialogue, text="", client_key=uuid.uuid4()))
    Note.objects.create(dialogue=dialogue, text="x" * 2000, client_key=uuid.uuid4())


def test_a_theme_is_linked_to_a_note_once() -> None:
    link = NoteThemeFactory()
    _fails(lambda: NoteTheme.objects.create(note=link.note, theme=link.theme))


def test_theme_names_are_unique_per_conference_ignoring_case() -> None:
    conference = ConferenceFactory()
    ThemeFactory(conference=conference, name="Ensamhet")
    _fails(lambda: ThemeFactory(conference=conference, name="ensamhet"))
    ThemeFactory(name="ensamhet")


@pytest.mark.parametrize(
    ("state", "opens", "closes", "expected"),
    [
        (Dialogue.ManualState.OPEN, None, None, True),
        (Dialogue.ManualState.OPEN, 1, 2, True),
        (Dialogue.ManualState.CLOSED, -1, 1, False),
        (Dialogue.ManualState.AUTO, None, None, False),
        (Dialogue.ManualState.AUTO, -1, None, True),
        (Dialogue.ManualState.AUTO, -1, 1, True),
        (Dialogue.ManualState.AUTO, 1, 2, False),
        (Dialogue.ManualState.AUTO, -2, -1, False),
        (Dialogue.ManualState.AUTO, None, 1, False),
    ],
)
def test_is_open(state: str, opens: int | None, closes: int | None, expected: bool) -> None:
    now = timezone.now()

    def at(hours: int | None) -> datetime.datetime | None:
        return None if hours is None else now + datetime.timedelta(hours=hours)

    dialogue = Dialogue(manual_state=state, opens_at=at(opens), closes_at=at(closes))
    assert dialogue.is_open(now) is expected


def test_closing_time_itself_is_closed() -> None:
    now = timezone.now()
    dialogue = Dialogue(opens_at=now - datetime.timedelta(hours=1), closes_at=now)
    assert dialogue.is_open(now) is False

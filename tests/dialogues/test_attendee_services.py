"""dialogues.services.notes.note_submit and the attendee selectors: stored once per client key,
refused with a Swedish message when the dialogue is not open, full, or the input is wrong."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dialogues.models import Dialogue, Note
from dialogues.selectors import notes as selectors
from dialogues.services.notes import note_submit
from tests.dialogues.factories import (
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
    TimedDialogueFactory,
)

pytestmark = pytest.mark.django_db


def submit(dialogue: Dialogue, **overrides: object) -> tuple[Note, bool]:
    values: dict[str, object] = {
        "dialogue": dialogue,
        "question": None,
        "table_group": "Bord 2",
        "text": "Mer tid för samtal mellan föreningarna.",
        "client_key": uuid.uuid4(),
    }
    values.update(overrides)
    return note_submit(**values)  # type: ignore[arg-type]


def refusal(dialogue: Dialogue, **overrides: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        submit(dialogue, **overrides)
    return caught.value


class TestNoteSubmit:
    def test_stores_a_note_for_a_question(self):
        dialogue = DialogueFactory()
        question = DialogueQuestionFactory(dialogue=dialogue)
        note, created = submit(dialogue, question=question, table_group="  Bord 2 ")
        assert created
        note.refresh_from_db()
        assert (note.dialogue, note.question, note.table_group) == (dialogue, question, "Bord 2")
        assert note.hidden is False

    def test_the_same_client_key_is_stored_once(self):
        dialogue = DialogueFactory()
        key = uuid.uuid4()
        first, created = submit(dialogue, client_key=key)
        again, created_again = submit(dialogue, client_key=key, text="Annan text")
        assert created and not created_again
        assert again.pk == first.pk
        assert again.text == "Mer tid för samtal mellan föreningarna."
        assert Note.objects.count() == 1

    def test_a_retry_after_closing_or_at_the_cap_is_still_confirmed(self):
        dialogue = DialogueFactory(note_cap=1)
        key = uuid.uuid4()
        submit(dialogue, client_key=key)
        dialogue.manual_state = Dialogue.ManualState.CLOSED
        dialogue.save()
        note, created = submit(dialogue, client_key=key)
        assert not created
        assert Note.objects.count() == 1

    def test_two_requests_racing_with_one_key_store_it_once(self, monkeypatch):
        dialogue = DialogueFactory()
        key = uuid.uuid4()
        stored = NoteFactory(dialogue=dialogue, client_key=key)
        # The other request stored the note after this one looked: the insert hits the
        # unique constraint, and the stored note is returned.
        monkeypatch.setattr(
            "dialogues.services.notes.note_count_and_retry", lambda **kwargs: (0, None)
        )
        note, created = submit(dialogue, client_key=key)
        assert not created
        assert note.pk == stored.pk
        assert Note.objects.count() == 1

    def test_closed(self):
        dialogue = DialogueFactory(manual_state=Dialogue.ManualState.CLOSED)
        error = refusal(dialogue)
        assert error.code == "closed"
        assert "Dialogen är stängd" in error.messages[0]

    def test_past_its_closing_time(self):
        dialogue = TimedDialogueFactory(
            opens_at=timezone.now() - datetime.timedelta(hours=3),
            closes_at=timezone.now() - datetime.timedelta(hours=1),
        )
        assert refusal(dialogue).code == "closed"

    def test_not_yet_open(self):
        dialogue = TimedDialogueFactory(
            opens_at=timezone.now() + datetime.timedelta(hours=1),
            closes_at=timezone.now() + datetime.timedelta(hours=2),
        )
        error = refusal(dialogue)
        assert error.code == "not_open"
        assert "Dialogen har inte öppnat än" in error.messages[0]

    def test_open_by_its_times(self):
        assert submit(TimedDialogueFactory())[1]

    def test_the_global_cap_counts_every_note(self):
        dialogue = DialogueFactory(note_cap=2)
        NoteFactory(dialogue=dialogue)
        NoteFactory(dialogue=dialogue, hidden=True)
        error = refusal(dialogue)
        assert error.code == "cap"
        assert "(2)" in error.messages[0]

    def test_the_cap_is_per_dialogue(self):
        dialogue = DialogueFactory(note_cap=1)
        NoteFactory()  # in another dialogue
        assert submit(dialogue)[1]

    @pytest.mark.parametrize(
        ("overrides", "code"),
        [
            ({"text": "  \n "}, "empty"),
            ({"text": "x" * 2001}, "too_long"),
            ({"table_group": "B" * 101}, "table_group_too_long"),
        ],
    )
    def test_bad_input(self, overrides, code):
        error = refusal(DialogueFactory(), **overrides)
        assert error.code == code
        assert not Note.objects.exists()

    def test_a_question_of_another_dialogue(self):
        error = refusal(DialogueFactory(), question=DialogueQuestionFactory())
        assert error.code == "question"


class TestSelectors:
    def test_dialogue_by_code_in_any_case_with_questions_in_order(self, django_assert_num_queries):
        dialogue = DialogueFactory(short_code="K7MQ2P")
        second = DialogueQuestionFactory(dialogue=dialogue, position=2)
        first = DialogueQuestionFactory(dialogue=dialogue, position=1)
        with django_assert_num_queries(2):
            found = selectors.dialogue_for_attendee(code=" k7m-q2p ")
            assert found == dialogue
            assert list(found.questions.all()) == [first, second]
            assert found.conference.name

    @pytest.mark.parametrize("code", ["", "K7MQ2", "K7MQ2PX", "O0I1L9", "ZZZ999"])
    def test_no_dialogue(self, code, django_assert_max_num_queries):
        DialogueFactory(short_code="K7MQ2P")
        # A code that cannot be one costs no query; a well-formed unknown one costs one each.
        with django_assert_max_num_queries(2):
            assert selectors.dialogue_for_attendee(code=code) is None
            assert selectors.dialogue_exists(code=code) is None

    def test_exists(self):
        DialogueFactory(short_code="K7MQ2P")
        assert selectors.dialogue_exists(code="k7mq2p") == "K7MQ2P"

    def test_count_and_retry_in_one_query(self, django_assert_num_queries):
        dialogue = DialogueFactory()
        note = NoteFactory(dialogue=dialogue)
        NoteFactory(dialogue=dialogue)
        NoteFactory()
        with django_assert_num_queries(1):
            assert selectors.note_count_and_retry(
                dialogue=dialogue, client_key=note.client_key
            ) == (2, note.pk)
        assert selectors.note_count_and_retry(dialogue=dialogue, client_key=uuid.uuid4()) == (
            2,
            None,
        )

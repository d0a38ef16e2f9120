"""The working group's write use cases for conferences, dialogues and set questions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from dialogues import codes
from dialogues.models import Conference, Dialogue, DialogueQuestion
from dialogues.services import conferences as services
from hok.models import User
from tests.dialogues.factories import (
    ConferenceFactory,
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
)

pytestmark = pytest.mark.django_db


def _codes(error: ValidationError) -> set[str]:
    return (
        {item.code for item in error.error_list}
        if not hasattr(error, "error_dict")
        else {item.code for items in error.error_dict.values() for item in items}
    )


def _fields(error: ValidationError) -> set[str]:
    return set(error.error_dict) if hasattr(error, "error_dict") else set()


class TestConference:
    def test_create_makes_a_slug_from_name_and_year(self, working_group_user: User) -> None:
        conference = services.conference_create(
            name="  Starkare än förr ",
            date=datetime.date(2026, 11, 18),
            place="Halmstad",
            by=working_group_user,
        )
        assert conference.name == "Starkare än förr"
        assert conference.slug == "starkare-an-forr-2026"
        again = services.conference_create(
            name="Starkare än förr", date=datetime.date(2026, 11, 19), by=working_group_user
        )
        assert again.slug == "starkare-an-forr-2026-2"

    def test_a_chosen_slug_must_be_free(self, working_group_user: User) -> None:
        ConferenceFactory(slug="konferensen")
        with pytest.raises(ValidationError) as caught:
            services.conference_create(
                name="Ny", date=datetime.date(2026, 1, 1), slug="konferensen", by=working_group_user
            )
        assert _fields(caught.value) == {"slug"}
        assert "används redan" in caught.value.messages[0]

    @pytest.mark.parametrize(
        ("name", "date", "field"),
        [
            ("", datetime.date(2026, 1, 1), "name"),
            ("   ", datetime.date(2026, 1, 1), "name"),
            ("Konferens", None, "date"),
        ],
    )
    def test_name_and_date_are_required(
        self, working_group_user: User, name: str, date: datetime.date | None, field: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            services.conference_create(name=name, date=date, by=working_group_user)
        assert _fields(caught.value) == {field}
        assert Conference.objects.count() == 0

    def test_update_keeps_its_own_slug(self, working_group_user: User) -> None:
        conference = ConferenceFactory(slug="min-konferens")
        services.conference_update(
            conference=conference,
            name="Nytt namn",
            date=conference.date,
            slug="min-konferens",
            place="Varberg",
            description="Beskrivning",
            introduction="Inledning",
            by=working_group_user,
        )
        conference.refresh_from_db()
        assert (conference.name, conference.slug, conference.place) == (
            "Nytt namn",
            "min-konferens",
            "Varberg",
        )


class TestDialogue:
    def test_create_gives_a_code_the_next_position_and_the_questions(
        self, working_group_user: User
    ) -> None:
        conference = ConferenceFactory()
        first = services.dialogue_create(
            conference=conference, title="Psykisk hälsa", by=working_group_user
        )
        second = services.dialogue_create(
            conference=conference,
            title=" Framtidsfokus ",
            questions=["Vad vill ni se?", "  ", "Vilka aktiviteter?"],
            by=working_group_user,
        )
        assert (first.position, second.position) == (1, 2)
        assert second.title == "Framtidsfokus"
        assert codes.is_well_formed(first.short_code) and first.short_code != second.short_code
        assert first.note_cap == 1500
        assert first.manual_state == Dialogue.ManualState.AUTO
        assert [q.text for q in second.questions.all()] == ["Vad vill ni se?", "Vilka aktiviteter?"]
        assert [q.position for q in second.questions.all()] == [1, 2]

    def test_create_retries_when_a_concurrent_request_took_the_code(
        self, working_group_user: User, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        taken = DialogueFactory()
        offered = iter([taken.short_code, "ZZZZZZ"])
        # new_short_code checked before the other request saved: the insert itself collides.
        monkeypatch.setattr(services, "new_short_code", lambda: next(offered))
        dialogue = services.dialogue_create(
            conference=ConferenceFactory(), title="Dialog", by=working_group_user
        )
        assert dialogue.short_code == "ZZZZZZ"

    def test_create_gives_up_after_repeated_collisions(
        self, working_group_user: User, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        taken = DialogueFactory()
        monkeypatch.setattr(services, "new_short_code", lambda: taken.short_code)
        with pytest.raises(IntegrityError):
            services.dialogue_create(
                conference=ConferenceFactory(), title="Dialog", by=working_group_user
            )

    def test_closing_must_come_after_opening(self, working_group_user: User) -> None:
        now = timezone.now()
        conference = ConferenceFactory()
        for closes in [now, now - datetime.timedelta(hours=1)]:
            with pytest.raises(ValidationError) as caught:
                services.dialogue_create(
                    conference=conference,
                    title="Dialog",
                    opens_at=now,
                    closes_at=closes,
                    by=working_group_user,
                )
            assert _fields(caught.value) == {"closes_at"}
            assert _codes(caught.value) == {"closes_before_opening"}
        assert Dialogue.objects.count() == 0

    @pytest.mark.parametrize("cap", [0, -1, 100_001])
    def test_note_cap_must_be_in_range(self, working_group_user: User, cap: int) -> None:
        dialogue = DialogueFactory()
        with pytest.raises(ValidationError) as caught:
            services.dialogue_update(
                dialogue=dialogue, title="T", note_cap=cap, by=working_group_user
            )
        assert _fields(caught.value) == {"note_cap"}

    def test_title_is_required(self, working_group_user: User) -> None:
        with pytest.raises(ValidationError) as caught:
            services.dialogue_create(
                conference=ConferenceFactory(), title="  ", by=working_group_user
            )
        assert _fields(caught.value) == {"title"}

    def test_update_saves_times_and_cap(self, working_group_user: User) -> None:
        dialogue = DialogueFactory()
        opens = timezone.now()
        services.dialogue_update(
            dialogue=dialogue,
            title="Ny rubrik",
            introduction="Inledning",
            opens_at=opens,
            closes_at=opens + datetime.timedelta(hours=1),
            note_cap=300,
            by=working_group_user,
        )
        dialogue.refresh_from_db()
        assert (dialogue.title, dialogue.note_cap, dialogue.opens_at) == ("Ny rubrik", 300, opens)

    @pytest.mark.parametrize("state", list(Dialogue.ManualState))
    def test_set_state(self, working_group_user: User, state: str) -> None:
        dialogue = DialogueFactory(manual_state=Dialogue.ManualState.AUTO)
        services.dialogue_set_state(dialogue=dialogue, state=state, by=working_group_user)
        dialogue.refresh_from_db()
        assert dialogue.manual_state == state
        assert dialogue.is_open(timezone.now()) is (state == Dialogue.ManualState.OPEN)

    def test_unknown_state_is_refused(self, working_group_user: User) -> None:
        with pytest.raises(ValidationError):
            services.dialogue_set_state(
                dialogue=DialogueFactory(), state="maybe", by=working_group_user
            )

    def test_a_dialogue_with_notes_cannot_be_deleted(self, working_group_user: User) -> None:
        note = NoteFactory()
        with pytest.raises(ValidationError) as caught:
            services.dialogue_delete(dialogue=note.dialogue, by=working_group_user)
        assert _codes(caught.value) == {"has_notes"}
        empty = DialogueFactory()
        services.dialogue_delete(dialogue=empty, by=working_group_user)
        assert not Dialogue.objects.filter(pk=empty.pk).exists()


class TestQuestions:
    def _three(self) -> tuple[Dialogue, list[DialogueQuestion]]:
        dialogue = DialogueFactory()
        questions = [
            DialogueQuestionFactory(dialogue=dialogue, position=n, text=f"Fråga {n}")
            for n in (1, 2, 3)
        ]
        return dialogue, questions

    def _order(self, dialogue: Dialogue) -> list[str]:
        return [q.text for q in dialogue.questions.order_by("position")]

    def test_add_puts_it_last(self, working_group_user: User) -> None:
        dialogue, _ = self._three()
        added = services.question_add(dialogue=dialogue, text=" Fråga 4 ", by=working_group_user)
        assert added.position == 4 and added.text == "Fråga 4"

    @pytest.mark.parametrize(("text", "code"), [("   ", "required"), ("x" * 1001, "too_long")])
    def test_bad_text_is_refused(self, working_group_user: User, text: str, code: str) -> None:
        dialogue, _ = self._three()
        with pytest.raises(ValidationError) as caught:
            services.question_add(dialogue=dialogue, text=text, by=working_group_user)
        assert _codes(caught.value) == {code}

    def test_move_up_and_down_and_stay_at_the_ends(self, working_group_user: User) -> None:
        dialogue, (first, second, third) = self._three()
        services.question_move(question=third, up=True, by=working_group_user)
        assert self._order(dialogue) == ["Fråga 1", "Fråga 3", "Fråga 2"]
        services.question_move(question=first, up=False, by=working_group_user)
        assert self._order(dialogue) == ["Fråga 3", "Fråga 1", "Fråga 2"]
        services.question_move(question=third, up=True, by=working_group_user)
        services.question_move(question=second, up=False, by=working_group_user)
        assert self._order(dialogue) == ["Fråga 3", "Fråga 1", "Fråga 2"]
        assert [q.position for q in dialogue.questions.order_by("position")] == [1, 2, 3]

    def test_update(self, working_group_user: User) -> None:
        _dialogue, (first, *_rest) = self._three()
        services.question_update(question=first, text="Ny text", by=working_group_user)
        first.refresh_from_db()
        assert first.text == "Ny text"

    def test_delete_renumbers_and_refuses_a_question_with_notes(
        self, working_group_user: User
    ) -> None:
        dialogue, (first, second, third) = self._three()
        NoteFactory(dialogue=dialogue, question=third)
        services.question_delete(question=first, by=working_group_user)
        assert self._order(dialogue) == ["Fråga 2", "Fråga 3"]
        assert [q.position for q in dialogue.questions.order_by("position")] == [1, 2]
        with pytest.raises(ValidationError) as caught:
            services.question_delete(question=third, by=working_group_user)
        assert _codes(caught.value) == {"has_notes"}
        assert dialogue.questions.count() == 2


class TestHistory:
    """Every change the working group makes is recorded with who made it."""

    def test_conference_and_dialogue_changes_name_the_user(self, working_group_user: User) -> None:
        conference = services.conference_create(
            name="Konferens", date=datetime.date(2026, 11, 18), by=working_group_user
        )
        dialogue = services.dialogue_create(
            conference=conference, title="Dialog", questions=["A?", "B?"], by=working_group_user
        )
        services.dialogue_set_state(
            dialogue=dialogue, state=Dialogue.ManualState.OPEN, by=working_group_user
        )
        services.dialogue_set_state(
            dialogue=dialogue, state=Dialogue.ManualState.CLOSED, by=working_group_user
        )
        states = [
            (record.manual_state, record.history_user)
            for record in dialogue.history.order_by("history_date", "history_id")
        ]
        assert states == [
            ("auto", working_group_user),
            ("open", working_group_user),
            ("closed", working_group_user),
        ]
        assert conference.history.get().history_user == working_group_user

    def test_question_moves_and_deletes_name_the_user(self, working_group_user: User) -> None:
        dialogue = DialogueFactory()
        first = services.question_add(dialogue=dialogue, text="A?", by=working_group_user)
        second = services.question_add(dialogue=dialogue, text="B?", by=working_group_user)
        services.question_move(question=second, up=True, by=working_group_user)
        moved = DialogueQuestion.history.filter(id=first.pk, position=2).get()
        assert moved.history_user == working_group_user
        first_pk = first.pk
        services.question_delete(question=first, by=working_group_user)
        deleted = DialogueQuestion.history.filter(id=first_pk, history_type="-").get()
        assert deleted.history_user == working_group_user

"""Every conference, dialogue, question and summary service names its `by` user on the newest
history row.

The services are called directly, outside any request, so simple-history's request
middleware cannot supply the user: only the service can.
"""

import datetime

import pytest

from dialogues.models import Conference, Dialogue, DialogueQuestion
from dialogues.services import conferences as services
from dialogues.services import documents, outcomes
from hok.models import User
from tests.dialogues.factories import ConferenceFactory, DialogueFactory, DialogueQuestionFactory
from tests.factories import WorkingGroupUserFactory

pytestmark = pytest.mark.django_db


def _newest_user(model, pk: int) -> User | None:
    history = model.history.filter(id=pk).order_by("-history_date", "-history_id")
    return history.first().history_user


@pytest.fixture
def actor() -> User:
    return WorkingGroupUserFactory()


class TestConference:
    def test_create(self, actor: User) -> None:
        conference = services.conference_create(
            name="Samverkanskonferens", date=datetime.date(2026, 10, 1), by=actor
        )
        assert _newest_user(Conference, conference.pk) == actor

    def test_update(self, actor: User) -> None:
        conference = ConferenceFactory()
        services.conference_update(
            conference=conference, name="Nytt namn", date=conference.date, by=actor
        )
        assert _newest_user(Conference, conference.pk) == actor


class TestDialogue:
    def test_create_names_the_actor_on_the_dialogue_and_its_questions(self, actor: User) -> None:
        dialogue = services.dialogue_create(
            conference=ConferenceFactory(), title="Dialog", questions=["Vad?"], by=actor
        )
        assert _newest_user(Dialogue, dialogue.pk) == actor
        (question,) = dialogue.questions.all()
        assert _newest_user(DialogueQuestion, question.pk) == actor

    def test_update(self, actor: User) -> None:
        dialogue = DialogueFactory()
        services.dialogue_update(dialogue=dialogue, title="Ny titel", note_cap=1500, by=actor)
        assert _newest_user(Dialogue, dialogue.pk) == actor

    def test_set_state(self, actor: User) -> None:
        dialogue = DialogueFactory()
        services.dialogue_set_state(dialogue=dialogue, state=Dialogue.ManualState.OPEN, by=actor)
        assert _newest_user(Dialogue, dialogue.pk) == actor

    def test_delete(self, actor: User) -> None:
        dialogue = DialogueFactory()
        pk = dialogue.pk
        services.dialogue_delete(dialogue=dialogue, by=actor)
        assert _newest_user(Dialogue, pk) == actor


class TestQuestion:
    def test_add_and_update(self, actor: User) -> None:
        question = services.question_add(dialogue=DialogueFactory(), text="Vad?", by=actor)
        assert _newest_user(DialogueQuestion, question.pk) == actor
        editor = WorkingGroupUserFactory()
        services.question_update(question=question, text="Varför?", by=editor)
        assert _newest_user(DialogueQuestion, question.pk) == editor

    def test_move(self, actor: User) -> None:
        dialogue = DialogueFactory()
        DialogueQuestionFactory(dialogue=dialogue, position=1)
        second = DialogueQuestionFactory(dialogue=dialogue, position=2)
        services.question_move(question=second, up=True, by=actor)
        assert _newest_user(DialogueQuestion, second.pk) == actor

    def test_delete(self, actor: User) -> None:
        question = DialogueQuestionFactory()
        pk = question.pk
        services.question_delete(question=question, by=actor)
        assert _newest_user(DialogueQuestion, pk) == actor


class TestSummary:
    """Summaries live on the dialogue, so their history rows name who saved or published."""

    def test_save(self, actor: User) -> None:
        dialogue = DialogueFactory(manual_state=Dialogue.ManualState.CLOSED)
        outcomes.summary_save(dialogue=dialogue, summary="Vi vill ses oftare.", by=actor)
        assert _newest_user(Dialogue, dialogue.pk) == actor

    def test_publish_and_unpublish(self, actor: User) -> None:
        dialogue = DialogueFactory(
            manual_state=Dialogue.ManualState.CLOSED, summary="Vi vill ses oftare."
        )
        outcomes.summary_publish(dialogue=dialogue, by=actor)
        assert _newest_user(Dialogue, dialogue.pk) == actor
        other = WorkingGroupUserFactory()
        outcomes.summary_unpublish(dialogue=dialogue, by=other)
        assert _newest_user(Dialogue, dialogue.pk) == other


def test_a_pdf_names_who_asked_for_it(actor: User) -> None:
    # The job row is the record (document renders keep no history of their own).
    job = documents.document_render_request(conference=ConferenceFactory(), drafts=True, by=actor)
    assert job.requested_by == actor

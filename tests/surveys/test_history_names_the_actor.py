"""Every surveys write service that writes a history row names its user on it.

The services are called directly, outside any request, so simple-history's request
middleware cannot supply the user: only the service can. Surveys, questions and options keep
history; the services writing anything else (invitations, reminder rounds, hidden answers)
log their actor instead, and are checked here for taking `by` at all.
"""

import datetime
import inspect
from typing import Any

import pytest

from hok.models import User
from surveys.models import Option, Question, Survey
from surveys.services import builder, invitations, reminders, results
from surveys.services.builder import (
    OptionChange,
    QuestionData,
    SurveySettings,
    survey_create,
    survey_delete,
    survey_update,
)
from tests.factories import WorkingGroupUserFactory
from tests.surveys.factories import OptionFactory, QuestionFactory, SurveyFactory
from tests.surveys.test_results_data import Built, survey_2020  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

SETTINGS = SurveySettings(
    title="Uppföljning 2026",
    introduction="Tack för att du svarar.",
    opens_on=datetime.date(2026, 3, 1),
    closes_on=datetime.date(2026, 3, 31),
    min_group_size=5,
    open_link_enabled=False,
)


def _newest(model: type[Survey | Question | Option], pk: int) -> Any:
    history = model.history.filter(id=pk).order_by("-history_date", "-history_id")
    return history.first()


def _newest_user(survey_id: int) -> User | None:
    return _newest(Survey, survey_id).history_user


def test_create_update_delete() -> None:
    creator, editor, remover = (WorkingGroupUserFactory() for _ in range(3))
    survey = survey_create(by=creator, settings=SETTINGS)
    assert _newest_user(survey.pk) == creator
    survey_update(by=editor, survey=survey, settings=SETTINGS)
    assert _newest_user(survey.pk) == editor
    survey_delete(by=remover, survey=survey)
    assert _newest_user(survey.pk) == remover


def test_results_publish_and_unpublish(survey_2020: Built) -> None:  # noqa: F811
    publisher, withdrawer = WorkingGroupUserFactory(), WorkingGroupUserFactory()
    survey = results.results_publish(survey=survey_2020.survey, by=publisher)
    assert _newest_user(survey.pk) == publisher
    results.results_unpublish(survey=survey, by=withdrawer)
    assert _newest_user(survey.pk) == withdrawer


def test_copy_to_next_year_names_the_copier_on_everything_copied() -> None:
    copier = WorkingGroupUserFactory()
    question = QuestionFactory(survey=SurveyFactory(year=2026))
    OptionFactory(question=question)
    copy = builder.survey_copy_to_next_year(by=copier, survey=question.survey)
    assert _newest_user(copy.pk) == copier
    copied = copy.questions.get()
    assert _newest(Question, copied.pk).history_user == copier
    copied_option = copied.options.get()
    assert _newest(Option, copied_option.pk).history_user == copier


def test_question_create_names_the_creator_on_the_question_and_its_options() -> None:
    creator = WorkingGroupUserFactory()
    question = builder.question_create(
        by=creator,
        survey=SurveyFactory(),
        data=QuestionData(kind="single", text="Hur går det?"),
        options=["Bra", "Dåligt"],
    )
    assert _newest(Question, question.pk).history_user == creator
    for option in question.options.all():
        assert _newest(Option, option.pk).history_user == creator


def test_question_update_names_the_editor_on_every_change() -> None:
    editor = WorkingGroupUserFactory()
    question = QuestionFactory(kind="single")
    kept, moved, removed = (OptionFactory(question=question, position=n) for n in (1, 2, 3))
    builder.question_update(
        by=editor,
        question=question,
        data=QuestionData(kind="single", text="Rättad fråga?"),
        option_changes=[
            OptionChange(option_id=kept.pk, text="Rättad", position=1),
            OptionChange(option_id=moved.pk, text=moved.text, position=1),
            OptionChange(option_id=removed.pk, text=removed.text, position=3, delete=True),
        ],
        new_options=["Nytt"],
    )
    assert _newest(Question, question.pk).history_user == editor
    for option in question.options.all():
        assert _newest(Option, option.pk).history_user == editor
    removal = _newest(Option, removed.pk)
    assert (removal.history_type, removal.history_user) == ("-", editor)


def test_question_delete_names_the_remover_on_the_question_its_options_and_the_rest() -> None:
    remover = WorkingGroupUserFactory()
    survey = SurveyFactory()
    first = QuestionFactory(survey=survey, position=1)
    option = OptionFactory(question=first)
    second = QuestionFactory(survey=survey, position=2)
    deleted = ((Question, first.pk), (Option, option.pk))
    builder.question_delete(by=remover, question=first)
    for model, pk in deleted:
        removal = _newest(model, pk)
        assert (removal.history_type, removal.history_user) == ("-", remover)
    assert _newest(Question, second.pk).history_user == remover  # renumbered to 1


def test_question_move_names_the_mover_on_both_questions() -> None:
    mover = WorkingGroupUserFactory()
    survey = SurveyFactory()
    first = QuestionFactory(survey=survey, position=1)
    second = QuestionFactory(survey=survey, position=2)
    builder.question_move(by=mover, question=second, up=True)
    assert _newest(Question, first.pk).history_user == mover
    assert _newest(Question, second.pk).history_user == mover


WRITE_SERVICES = [
    builder.survey_create,
    builder.survey_update,
    builder.survey_delete,
    builder.survey_copy_to_next_year,
    builder.question_create,
    builder.question_update,
    builder.question_delete,
    builder.question_move,
    results.results_publish,
    results.results_unpublish,
    results.answer_hide,
    results.answer_unhide,
    invitations.invitations_add,
    invitations.invitation_send_start,
    invitations.invitations_send_again,
    invitations.invitation_remove,
    reminders.reminder_round_create,
    reminders.reminder_round_delete,
]


@pytest.mark.parametrize("service", WRITE_SERVICES, ids=lambda service: service.__name__)
def test_every_write_service_takes_by_keyword_only(service) -> None:
    parameter = inspect.signature(service).parameters["by"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY


def test_deleting_a_survey_names_the_actor_on_its_questions_and_options_too() -> None:
    remover = WorkingGroupUserFactory()
    survey = SurveyFactory()
    question = QuestionFactory(survey=survey, kind=Question.Kind.SINGLE)
    option = OptionFactory(question=question)
    survey_delete(by=remover, survey=survey)
    for model, pk in [(Survey, survey.pk), (Question, question.pk), (Option, option.pk)]:
        row = _newest(model, pk)
        assert (row.history_type, row.history_user) == ("-", remover)

"""Database constraints of the survey models hold even when Python is bypassed."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from surveys.models import Question
from tests.surveys.factories import (
    AnswerFactory,
    InvitationFactory,
    OptionFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


def test_factories_build_a_consistent_answer():
    answer = AnswerFactory()
    assert answer.question.survey == answer.response.survey
    assert answer.option.question == answer.question
    assert answer.response.survey.has_responses
    assert InvitationFactory().token_hash


def test_is_open_includes_both_ends():
    survey = SurveyFactory(opens_on=datetime.date(2026, 3, 1), closes_on=datetime.date(2026, 3, 31))
    assert not survey.is_open(datetime.date(2026, 2, 28))
    assert survey.is_open(datetime.date(2026, 3, 1))
    assert survey.is_open(datetime.date(2026, 3, 31))
    assert not survey.is_open(datetime.date(2026, 4, 1))
    assert not survey.has_responses


def test_survey_cannot_close_before_it_opens():
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyFactory(opens_on=datetime.date(2026, 3, 2), closes_on=datetime.date(2026, 3, 1))


def test_min_group_size_at_least_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyFactory(min_group_size=0)


@pytest.mark.parametrize("scale_max", [1, 11])
def test_scale_max_between_two_and_ten(scale_max):
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionFactory(kind=Question.Kind.SCALE, scale_max=scale_max)


def test_other_only_on_choice_questions():
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionFactory(kind=Question.Kind.SCALE, allow_other=True)


def test_one_units_question_per_survey():
    survey = SurveyFactory()
    QuestionFactory(survey=survey, kind=Question.Kind.UNITS)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionFactory(survey=survey, kind=Question.Kind.UNITS)


def test_one_invitation_per_email_and_survey():
    invitation = InvitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(survey=invitation.survey, email=invitation.email)


def test_token_hash_may_be_missing_on_many_invitations():
    InvitationFactory(token_hash=None)
    InvitationFactory(token_hash=None)


@pytest.mark.parametrize(
    "values",
    [
        {"scale_value": 3},  # option and scale value
        {"text": "annat svar", "is_other": True},  # option and text
    ],
)
def test_answer_with_two_values_is_refused(values):
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(**values)


def test_answer_with_no_value_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(option=None)


def test_answer_with_scale_value_or_text_alone_is_accepted():
    response = ResponseFactory()
    scale = QuestionFactory(survey=response.survey, kind=Question.Kind.SCALE)
    free = QuestionFactory(survey=response.survey, kind=Question.Kind.TEXT)
    AnswerFactory(response=response, question=scale, option=None, scale_value=4)
    AnswerFactory(response=response, question=free, option=None, text="Mer tid")
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(response=response, question=free, option=None, text="Ett till")


def test_same_option_counts_once_per_response():
    answer = AnswerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(response=answer.response, question=answer.question, option=answer.option)
    AnswerFactory(
        response=answer.response,
        question=answer.question,
        option=OptionFactory(question=answer.question),
    )


def test_only_text_answers_are_hidden():
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(hidden=True)

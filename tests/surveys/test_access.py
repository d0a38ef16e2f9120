"""surveys.access: every loader answers missing with 404, refused with 403, allowed with the
object; a child of another survey is missing; the answering links say why they are refused."""

import datetime
import uuid
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from hok.models import User
from surveys import access
from surveys.models.invitations import ReminderRound
from surveys.rules import CLOSED, NOT_YET_OPEN, UNKNOWN, USED
from tests.surveys.factories import (
    AnswerFactory,
    InvitationFactory,
    QuestionFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db

MISSING = 10**9
USER_LOADERS = (
    access.survey_for_manager,
    access.survey_with_questions_for_manager,
    access.results_for_manager,
)


@pytest.fixture
def manager(person_for: Callable[[str], User | None]) -> User | None:
    return person_for("working_group_mfa")


@pytest.mark.parametrize("loader", USER_LOADERS)
def test_missing_survey_is_404(loader: Callable, manager: User) -> None:
    with pytest.raises(Http404):
        loader(manager, MISSING)


@pytest.mark.parametrize("loader", USER_LOADERS)
@pytest.mark.parametrize("role", ["anonymous", "user", "working_group", "admin"])
def test_refused_is_403(
    loader: Callable, role: str, person_for: Callable[[str], User | None]
) -> None:
    survey = SurveyFactory()
    person = person_for(role)
    with pytest.raises(PermissionDenied):
        loader(person if person is not None else AnonymousUser(), survey.pk)


@pytest.mark.parametrize("loader", USER_LOADERS)
@pytest.mark.parametrize("role", ["working_group_mfa", "admin_mfa"])
def test_allowed_gets_the_survey(
    loader: Callable, role: str, person_for: Callable[[str], User | None]
) -> None:
    survey = SurveyFactory()
    assert loader(person_for(role), survey.pk) == survey


def test_survey_with_questions_has_them_prefetched(
    manager: User, django_assert_num_queries: Callable
) -> None:
    survey = SurveyFactory()
    question = QuestionFactory(survey=survey)
    loaded = access.survey_with_questions_for_manager(manager, survey.pk)
    with django_assert_num_queries(0):
        assert access.question_of(loaded, question.pk) == question


def test_results_for_manager_has_its_counts(manager: User) -> None:
    survey = SurveyFactory()
    assert access.results_for_manager(manager, survey.pk).response_count == 0


def test_question_of() -> None:
    survey = SurveyFactory()
    own = QuestionFactory(survey=survey)
    other = QuestionFactory()
    assert access.question_of(survey, own.pk) == own
    for pk in (other.pk, MISSING):
        with pytest.raises(Http404):
            access.question_of(survey, pk)


def test_text_question_of() -> None:
    survey = SurveyFactory()
    text = QuestionFactory(survey=survey, kind="text")
    with_other = QuestionFactory(survey=survey, kind="single", allow_other=True)
    choice = QuestionFactory(survey=survey, kind="single")
    assert access.text_question_of(survey, text.pk) == text
    assert access.text_question_of(survey, with_other.pk) == with_other
    for pk in (choice.pk, QuestionFactory(kind="text").pk, MISSING):
        with pytest.raises(Http404):
            access.text_question_of(survey, pk)


def test_answer_of() -> None:
    answer = AnswerFactory()
    survey_id = answer.response.survey_id
    assert access.answer_of(survey_id, answer.pk) == answer
    for survey_pk, answer_id in ((SurveyFactory().pk, answer.pk), (survey_id, uuid.uuid4())):
        with pytest.raises(Http404):
            access.answer_of(survey_pk, answer_id)


def test_invitation_of() -> None:
    survey = SurveyFactory()
    own = InvitationFactory(survey=survey)
    other = InvitationFactory()
    assert access.invitation_of(survey, own.pk) == own
    for pk in (other.pk, MISSING):
        with pytest.raises(Http404):
            access.invitation_of(survey, pk)


def test_reminder_round_of() -> None:
    survey, other_survey = SurveyFactory(), SurveyFactory()
    own = ReminderRound.objects.create(survey=survey, send_on=datetime.date(2026, 6, 1))
    other = ReminderRound.objects.create(survey=other_survey, send_on=datetime.date(2026, 6, 1))
    assert access.reminder_round_of(survey, own.pk) == own
    for pk in (other.pk, MISSING):
        with pytest.raises(Http404):
            access.reminder_round_of(survey, pk)


def test_fetches_are_404_only() -> None:
    survey = SurveyFactory()
    for fetch in (access.survey_by_pk, access.survey_with_questions, access.survey_with_results):
        assert fetch(survey.pk) == survey
        with pytest.raises(Http404):
            fetch(MISSING)


# --- the public -----------------------------------------------------------------------------


def test_published_results() -> None:
    published = SurveyFactory(results_published_at=timezone.now())
    unpublished = SurveyFactory()
    assert access.published_results(published.pk) == published
    for pk in (unpublished.pk, MISSING):
        with pytest.raises(Http404):
            access.published_results(pk)


def test_survey_for_respondent() -> None:
    survey = SurveyFactory()
    assert access.survey_for_respondent(survey.pk) == survey
    with pytest.raises(Http404):
        access.survey_for_respondent(MISSING)


TODAY = datetime.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("token", "opens_on", "refusal"),
    [
        ("okänd", datetime.date(2026, 6, 1), UNKNOWN),
        ("använd", datetime.date(2026, 6, 1), USED),
        ("giltig", datetime.date(2026, 7, 1), NOT_YET_OPEN),
        ("giltig", datetime.date(2026, 5, 1), CLOSED),
        ("giltig", datetime.date(2026, 6, 1), None),
    ],
)
def test_answer_link_for_token(token: str, opens_on: datetime.date, refusal: str | None) -> None:
    survey = SurveyFactory(opens_on=opens_on, closes_on=opens_on + datetime.timedelta(days=29))
    InvitationFactory(survey=survey, token="giltig")
    InvitationFactory(survey=survey, token="använd", used=True)
    link = access.answer_link_for_token(token, TODAY)
    assert link.refusal == refusal
    if refusal == UNKNOWN:
        assert (link.survey, link.invitation) == (None, None)
    else:
        assert link.survey == survey
        assert link.invitation is not None and link.invitation.survey == survey


@pytest.mark.parametrize(
    ("enabled", "right_key", "opens_on", "refusal"),
    [
        (True, False, datetime.date(2026, 6, 1), UNKNOWN),
        (False, True, datetime.date(2026, 6, 1), UNKNOWN),
        (True, True, datetime.date(2026, 7, 1), NOT_YET_OPEN),
        (True, True, datetime.date(2026, 5, 1), CLOSED),
        (True, True, datetime.date(2026, 6, 1), None),
    ],
)
def test_answer_link_for_open_key(
    enabled: bool, right_key: bool, opens_on: datetime.date, refusal: str | None
) -> None:
    survey = SurveyFactory(
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(days=29),
        open_link_enabled=enabled,
    )
    link = access.answer_link_for_open_key(survey.open_link_key if right_key else "fel", TODAY)
    assert link.refusal == refusal
    assert link.invitation is None
    assert link.survey == (None if refusal == UNKNOWN else survey)

"""The answering service on its own: token lookup, every refusal, every integrity check."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hok.tokens import token_hash
from surveys.models import Answer, Invitation, Response
from surveys.rules import CLOSED, NOT_YET_OPEN, USED, answer_refusal
from surveys.selectors.answering import invitation_for_token
from surveys.services.answering import AnswerInput, ResponseInput, response_submit
from tests.conftest import service_or_skip
from tests.surveys.factories import InvitationFactory, SurveyFactory
from tests.surveys.test_answering import Built, build_survey, count_waiting, nothing_stored

pytestmark = pytest.mark.django_db


def required_answers(built: Built) -> list[AnswerInput]:
    return [
        AnswerInput(question=built.background, option=built.background.options.first()),
        AnswerInput(question=built.known, option=built.known.options.first()),
        AnswerInput(question=built.scale, scale_value=3),
    ]


@pytest.fixture
def built() -> Built:
    return build_survey()


def test_token_hash_is_sha256_hex_of_the_raw_token() -> None:
    assert token_hash("abc") == hashlib.sha256(b"abc").hexdigest()
    assert len(token_hash("abc")) == 64


def test_invitation_for_token(built: Built) -> None:
    invitation = InvitationFactory(survey=built.survey, token="rätt-kod")
    found = invitation_for_token("rätt-kod")
    assert found == invitation
    assert invitation_for_token("fel-kod") is None
    assert invitation_for_token("") is None
    assert invitation_for_token("x" * 201) is None


def test_invitation_for_token_finds_used_invitations_too(built: Built) -> None:
    InvitationFactory(survey=built.survey, token="använd", used=True)
    found = invitation_for_token("använd")
    assert found is not None
    assert answer_refusal(survey=found.survey, invitation=found, today=timezone.localdate()) == USED


def test_answer_refusal_by_date() -> None:
    survey = SurveyFactory.build(
        opens_on=datetime.date(2026, 3, 1), closes_on=datetime.date(2026, 3, 31)
    )
    assert answer_refusal(survey=survey, today=datetime.date(2026, 2, 28)) == NOT_YET_OPEN
    assert answer_refusal(survey=survey, today=datetime.date(2026, 3, 1)) is None
    assert answer_refusal(survey=survey, today=datetime.date(2026, 3, 31)) is None
    assert answer_refusal(survey=survey, today=datetime.date(2026, 4, 1)) == CLOSED


def test_submit_stores_the_response_and_uses_the_invitation(built: Built) -> None:
    invitation = InvitationFactory(survey=built.survey, token="kod")
    sent = response_submit(
        survey=built.survey,
        invitation=invitation,
        responses=[ResponseInput(unit=None, answers=required_answers(built))],
    )
    assert sent == 1
    count_waiting(built.survey)
    stored = Response.objects.get()
    assert stored.submitted_on == timezone.localdate()
    assert Answer.objects.filter(response=stored).count() == 3
    assert Invitation.objects.get(pk=invitation.pk).used


def test_a_used_invitation_is_refused_even_when_the_caller_has_a_stale_copy(built: Built) -> None:
    invitation = InvitationFactory(survey=built.survey, token="kod")
    stale = Invitation.objects.get(pk=invitation.pk)
    response_submit(
        survey=built.survey,
        invitation=invitation,
        responses=[ResponseInput(unit=None, answers=required_answers(built))],
    )
    assert not stale.used
    with pytest.raises(ValidationError) as raised:
        response_submit(
            survey=built.survey,
            invitation=stale,
            responses=[ResponseInput(unit=None, answers=required_answers(built))],
        )
    assert raised.value.code == USED
    count_waiting(built.survey)
    assert Response.objects.count() == 1


def test_without_invitation_only_an_open_link_survey_takes_answers(built: Built) -> None:
    item = ResponseInput(unit=None, answers=required_answers(built))
    with pytest.raises(ValidationError):
        response_submit(survey=built.survey, responses=[item])
    built.survey.open_link_enabled = True
    built.survey.save(update_fields=["open_link_enabled"])
    response_submit(survey=built.survey, responses=[item])
    count_waiting(built.survey)
    assert Response.objects.count() == 1


def test_invitation_of_another_survey_is_refused(built: Built) -> None:
    other = build_survey(year=built.survey.year - 1)
    invitation = InvitationFactory(survey=other.survey, token="annan")
    with pytest.raises(ValidationError):
        response_submit(
            survey=built.survey,
            invitation=invitation,
            responses=[ResponseInput(unit=None, answers=required_answers(built))],
        )
    assert not Invitation.objects.get(pk=invitation.pk).used


@pytest.mark.parametrize("shift", [-30, 30])
def test_closed_survey_is_refused(shift: int) -> None:
    today = timezone.localdate()
    built = build_survey(
        opens_on=today + datetime.timedelta(days=shift - 5),
        closes_on=today + datetime.timedelta(days=shift + 5),
    )
    invitation = InvitationFactory(survey=built.survey, token="kod")
    with pytest.raises(ValidationError) as raised:
        response_submit(
            survey=built.survey,
            invitation=invitation,
            responses=[ResponseInput(unit=None, answers=required_answers(built))],
        )
    assert raised.value.code == (CLOSED if shift < 0 else NOT_YET_OPEN)
    assert not Invitation.objects.get(pk=invitation.pk).used


@pytest.mark.parametrize(
    "case",
    [
        "option_of_another_question",
        "scale_out_of_range",
        "scale_zero",
        "other_where_not_allowed",
        "too_long_text",
        "too_long_other",
        "empty_answer",
        "required_missing",
        "question_of_another_survey",
        "units_answer_as_a_question",
    ],
)
def test_answers_that_do_not_fit_the_survey_are_refused_and_nothing_is_stored(
    built: Built, case: str
) -> None:
    invitation = InvitationFactory(survey=built.survey, token="kod")
    answers = required_answers(built)
    match case:
        case "option_of_another_question":
            answers[0] = AnswerInput(question=built.background, option=built.known.options.first())
        case "scale_out_of_range":
            answers[2] = AnswerInput(question=built.scale, scale_value=6)
        case "scale_zero":
            answers[2] = AnswerInput(question=built.scale, scale_value=0)
        case "other_where_not_allowed":
            answers.append(AnswerInput(question=built.text, text="x", is_other=True))
        case "too_long_text":
            answers.append(AnswerInput(question=built.text, text="x" * 2001))
        case "too_long_other":
            answers.append(AnswerInput(question=built.areas, text="x" * 501, is_other=True))
        case "empty_answer":
            answers.append(AnswerInput(question=built.text, text="   "))
        case "required_missing":
            answers.pop(1)
        case "question_of_another_survey":
            other = build_survey(year=built.survey.year - 1)
            answers.append(AnswerInput(question=other.text, text="fel enkät"))
        case "units_answer_as_a_question":
            units = build_survey(with_units=True, year=built.survey.year - 2)
            answers.append(AnswerInput(question=units.units, option=units.units.options.first()))
    with pytest.raises(ValidationError) as raised:
        response_submit(
            survey=built.survey,
            invitation=invitation,
            responses=[ResponseInput(unit=None, answers=answers)],
        )
    assert raised.value.messages
    assert nothing_stored()
    assert not Invitation.objects.get(pk=invitation.pk).used


def test_units_one_response_each_and_checked() -> None:
    built = build_survey(with_units=True)
    assert built.units is not None
    invitation = InvitationFactory(survey=built.survey, token="kod")
    a, b, _c = built.units.options.all()
    answers = required_answers(built)
    for bad in (
        [ResponseInput(unit=None, answers=answers)],  # the units question is required
        [ResponseInput(unit=a, answers=answers), ResponseInput(unit=a, answers=answers)],
        [ResponseInput(unit=a, answers=answers), ResponseInput(unit=None, answers=answers)],
        [ResponseInput(unit=built.known.options.first(), answers=answers)],
        [],
    ):
        with pytest.raises(ValidationError):
            response_submit(survey=built.survey, invitation=invitation, responses=bad)
    assert nothing_stored()
    response_submit(
        survey=built.survey,
        invitation=invitation,
        responses=[ResponseInput(unit=a, answers=answers), ResponseInput(unit=b, answers=answers)],
    )
    count_waiting(built.survey)
    assert sorted(Response.objects.values_list("unit__text", flat=True)) == sorted([a.text, b.text])


def test_a_unit_given_to_a_survey_without_units_question_is_refused(built: Built) -> None:
    units = build_survey(with_units=True, year=built.survey.year - 1)
    invitation = InvitationFactory(survey=built.survey, token="kod")
    with pytest.raises(ValidationError):
        response_submit(
            survey=built.survey,
            invitation=invitation,
            responses=[
                ResponseInput(unit=units.units.options.first(), answers=required_answers(built))
            ],
        )


@pytest.mark.django_db(transaction=True)
def test_two_submits_racing_on_one_invitation_store_one_response() -> None:
    """Two tabs (or a double tap) submit at the same moment: one wins, the other is refused.
    Real concurrency needs PostgreSQL; SQLite serialises writers anyway."""
    import threading

    from django.db import connection, connections

    service_or_skip(
        "PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not PostgreSQL"
    )
    built = build_survey()
    invitation = InvitationFactory(survey=built.survey, token="dubbeltryck")
    answers = required_answers(built)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            own = Invitation.objects.get(pk=invitation.pk)
            barrier.wait(timeout=10)
            response_submit(
                survey=built.survey,
                invitation=own,
                responses=[ResponseInput(unit=None, answers=answers)],
            )
            outcomes.append("stored")
        except ValidationError as error:
            outcomes.append(str(error.code))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["stored", USED]
    count_waiting(built.survey)
    assert Response.objects.filter(survey=built.survey).count() == 1

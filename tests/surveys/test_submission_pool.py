"""The pool of sealed submissions (surveys.services.submission_pool): sealing, counting in
batches, closing, what the working group sees, and that nothing is lost or counted twice."""

import datetime
import logging
from collections.abc import Callable
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Invitation, Response, SealedSubmission, Survey
from surveys.services import builder, submission_pool
from surveys.services.answering import ResponseInput, response_submit
from surveys.services.results import results_publish
from surveys.services.submission_pool import (
    NONCE_BYTES,
    PAD_BYTES,
    TAG_BYTES,
    SealedAnswer,
    SealedResponse,
    Unsealable,
    seal,
    submissions_flush,
    unseal,
)
from surveys.tasks import flush_waiting_submissions
from tests.factories import WorkingGroupUserFactory
from tests.surveys.factories import InvitationFactory
from tests.surveys.test_answering import Built, answer_url, build_survey, valid_answers
from tests.surveys.test_answering_services import required_answers

pytestmark = pytest.mark.django_db

CONTENT = [
    SealedResponse(
        unit_id=None,
        answers=[
            SealedAnswer(question_id=1, option_id=2, scale_value=None, text="", is_other=False),
            SealedAnswer(
                question_id=3, option_id=None, scale_value=None, text="Å ä ö", is_other=True
            ),
        ],
    )
]


def submit(built: Built, count: int = 1) -> None:
    """`count` people answer through invitations of their own."""
    for _ in range(count):
        invitation = InvitationFactory(survey=built.survey)
        response_submit(
            survey=built.survey,
            invitation=invitation,
            responses=[ResponseInput(unit=None, answers=required_answers(built))],
        )


def close(survey: Survey) -> None:
    today = timezone.localdate()
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=today - datetime.timedelta(days=30), closes_on=today - datetime.timedelta(days=3)
    )


# ------------------------------------------------------------------------------ sealing


def test_sealed_content_opens_again_as_it_was() -> None:
    sealed = seal(survey_id=7, responses=CONTENT)
    assert unseal(survey_id=7, sealed=sealed).responses == CONTENT


def test_sealed_bytes_are_padded_and_never_the_same_twice() -> None:
    first, second = seal(survey_id=7, responses=CONTENT), seal(survey_id=7, responses=CONTENT)
    assert first != second  # a fresh nonce each time: equal answers do not look equal
    assert len(first) == NONCE_BYTES + PAD_BYTES + TAG_BYTES
    longer = [SealedResponse(unit_id=None, answers=[CONTENT[0].answers[1]] * 3)]
    assert len(seal(survey_id=7, responses=longer)) == len(first)  # size says next to nothing


def test_sealed_content_belongs_to_its_survey() -> None:
    with pytest.raises(Unsealable):
        unseal(survey_id=8, sealed=seal(survey_id=7, responses=CONTENT))


def test_a_changed_secret_key_opens_what_waits_through_the_fallbacks(settings) -> None:
    sealed = seal(survey_id=7, responses=CONTENT)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    with pytest.raises(Unsealable):
        unseal(survey_id=7, sealed=sealed)
    settings.SECRET_KEY_FALLBACKS = [old]
    assert unseal(survey_id=7, sealed=sealed).responses == CONTENT


# ----------------------------------------------------------------------------- batches


def test_nothing_is_counted_until_twice_the_group_size_wait() -> None:
    built = build_survey(min_group_size=3)
    submit(built, 5)
    assert (Response.objects.count(), SealedSubmission.objects.count()) == (0, 5)
    submit(built, 1)  # six waiting: three are counted, three kept back
    assert (Response.objects.count(), SealedSubmission.objects.count()) == (3, 3)
    assert submissions_flush(survey_id=built.survey.pk) == 0  # three wait: too few
    submit(built, 2)
    assert (Response.objects.count(), SealedSubmission.objects.count()) == (3, 5)


def test_a_batch_is_never_one_person_even_with_a_group_size_of_one() -> None:
    built = build_survey(min_group_size=1)
    submit(built, 3)
    assert (Response.objects.count(), SealedSubmission.objects.count()) == (0, 3)
    submit(built, 1)
    assert (Response.objects.count(), SealedSubmission.objects.count()) == (2, 2)


def test_which_submissions_wait_on_is_chosen_at_random() -> None:
    """Over a few batches both of two distinguishable submissions get kept back sometimes."""
    built = build_survey(min_group_size=2)
    kept: set[int] = set()
    for _ in range(12):
        for scale in (1, 2, 3, 4):
            answers = required_answers(built)
            answers[2] = answers[2].__class__(question=built.scale, scale_value=scale)
            response_submit(
                survey=built.survey,
                invitation=InvitationFactory(survey=built.survey),
                responses=[ResponseInput(unit=None, answers=answers)],
            )
        counted = set(
            Response.objects.filter(answers__question=built.scale).values_list(
                "answers__scale_value", flat=True
            )
        )
        kept |= {1, 2, 3, 4} - counted
        submissions_flush(survey_id=built.survey.pk, closing=True)
        Response.objects.all().delete()
    assert kept == {1, 2, 3, 4}


def test_units_of_one_submission_become_one_response_each() -> None:
    built = build_survey(with_units=True)
    assert built.units is not None
    a, b, c = built.units.options.all()
    answers = required_answers(built)
    response_submit(
        survey=built.survey,
        invitation=InvitationFactory(survey=built.survey),
        responses=[ResponseInput(unit=unit, answers=answers) for unit in (a, b, c)],
    )
    assert SealedSubmission.objects.count() == 1
    assert submissions_flush(survey_id=built.survey.pk, closing=True) == 3
    assert sorted(Response.objects.values_list("unit__text", flat=True)) == sorted(
        [a.text, b.text, c.text]
    )
    for response in Response.objects.all():
        assert response.answers.count() == len(answers)


def test_a_closed_survey_counts_everything_dated_by_its_last_day() -> None:
    """Responses carry the day their batch was written, never the day anyone answered; after
    closing, the survey's last day."""
    built = build_survey()
    submit(built, 2)
    close(built.survey)
    assert flush_waiting_submissions() == {built.survey.pk: 2}
    assert not SealedSubmission.objects.exists()
    closes_on = Survey.objects.get(pk=built.survey.pk).closes_on
    assert set(Response.objects.values_list("submitted_on", flat=True)) == {closes_on}
    assert flush_waiting_submissions() == {}


def test_the_beat_leaves_an_open_survey_with_few_waiting_alone() -> None:
    built = build_survey()
    submit(built, 2)
    assert flush_waiting_submissions() == {built.survey.pk: 0}
    assert SealedSubmission.objects.count() == 2


def test_a_row_that_does_not_open_waits_and_the_rest_are_counted(caplog) -> None:
    built = build_survey()
    submit(built, 2)
    SealedSubmission.objects.create(survey=built.survey, sealed=b"\x00" * 64)
    SealedSubmission.objects.create(survey=built.survey, sealed=b"short")
    with caplog.at_level(logging.ERROR, logger="surveys.services.submission_pool"):
        assert submissions_flush(survey_id=built.survey.pk, closing=True) == 2
    assert SealedSubmission.objects.count() == 2
    assert "does not open" in caplog.text


# --------------------------------------------------------------- nothing lost, once only


def test_if_the_sealed_row_cannot_be_written_the_invitation_stays_unused() -> None:
    """One transaction: a crash (here a database error) between the mark and the sealed row
    leaves neither, and the link works again."""
    built = build_survey()
    invitation = InvitationFactory(survey=built.survey, token="kod")
    item = ResponseInput(unit=None, answers=required_answers(built))
    with mock.patch.object(SealedSubmission.objects, "create", side_effect=OperationalError):
        with pytest.raises(OperationalError):
            response_submit(survey=built.survey, invitation=invitation, responses=[item])
    fresh = Invitation.objects.get(pk=invitation.pk)
    assert not fresh.used
    assert not SealedSubmission.objects.exists()
    response_submit(survey=built.survey, invitation=fresh, responses=[item])
    assert SealedSubmission.objects.count() == 1


def test_a_failing_count_after_the_answer_loses_nothing(client: Client) -> None:
    built = build_survey(min_group_size=2)
    for number in range(4):
        InvitationFactory(survey=built.survey, token=f"kod-{number}")
    for number in range(3):
        assert client.post(answer_url(f"kod-{number}"), valid_answers(built)).status_code == 302
    # The fourth answer fills a batch, and counting it fails (say, a lock timeout).
    with mock.patch.object(submission_pool, "_flush", side_effect=OperationalError("lock")):
        assert client.post(answer_url("kod-3"), valid_answers(built)).status_code == 302
    assert (Response.objects.count(), SealedSubmission.objects.count()) == (0, 4)
    assert client.post(answer_url("kod-3"), valid_answers(built)).status_code == 410
    # The beat counts it later.
    assert flush_waiting_submissions() == {built.survey.pk: 2}
    assert (Response.objects.count(), SealedSubmission.objects.count()) == (2, 2)


def test_counting_twice_counts_nothing_twice() -> None:
    built = build_survey()
    submit(built, 3)
    assert submissions_flush(survey_id=built.survey.pk, closing=True) == 3
    assert submissions_flush(survey_id=built.survey.pk, closing=True) == 0
    assert Response.objects.count() == 3


# ------------------------------------------------------------ what the working group sees


def test_publishing_counts_what_waits_first() -> None:
    built = build_survey(min_group_size=2)
    submit(built, 3)
    close(built.survey)
    Survey.objects.filter(pk=built.survey.pk).update(closes_on=timezone.localdate())
    survey = Survey.objects.get(pk=built.survey.pk)
    # Still open today: nothing is counted early, and publishing is refused as before.
    with pytest.raises(ValidationError):
        results_publish(survey=survey, by=WorkingGroupUserFactory())
    assert (Response.objects.count(), SealedSubmission.objects.count()) == (0, 3)
    close(built.survey)
    results_publish(survey=Survey.objects.get(pk=built.survey.pk), by=WorkingGroupUserFactory())
    assert (Response.objects.count(), SealedSubmission.objects.count()) == (3, 0)


def test_questions_of_a_survey_with_waiting_answers_cannot_be_deleted() -> None:
    built = build_survey()
    submit(built, 1)
    assert not Response.objects.exists()
    with pytest.raises(ValidationError):
        builder.question_delete(by=WorkingGroupUserFactory(), question=built.text)


def test_the_working_group_sees_how_many_wait_the_public_does_not(
    client_as: Callable[[str], Client],
) -> None:
    built = build_survey()
    submit(built, 2)
    page = client_as("working_group_mfa").get(reverse("surveys:results", args=[built.survey.pk]))
    assert page.status_code == 200
    assert "2 inskickade svar väntar på att räknas." in " ".join(page.content.decode().split())
    detail = client_as("working_group_mfa").get(
        reverse("surveys:survey_detail", args=[built.survey.pk])
    )
    assert "Enkäten har svar." in detail.content.decode()  # questions are locked
    built.survey.results_published_at = timezone.now()
    built.survey.save(update_fields=["results_published_at"])
    public = client_as("anonymous").get(reverse("surveys:public_results", args=[built.survey.pk]))
    assert public.status_code == 200
    assert "väntar på att räknas" not in public.content.decode()

"""Every create form of the surveys app, sent twice with the same submission key, creates one
thing, and the repeat lands where the first went (hok/submissions.py)."""

import datetime
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hok.models import Submission
from surveys.models import Invitation, Question, Response, SealedSubmission, Survey
from surveys.models.invitations import ReminderRound
from tests.factories import MembershipFactory, PublicOrganisationFactory, UserFactory
from tests.submissions import submit_twice
from tests.surveys.factories import InvitationFactory, SurveyFactory
from tests.surveys.test_answering import build_survey, valid_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client_as: Callable[[str], Client]) -> Client:
    return client_as("working_group_mfa")


@pytest.fixture
def survey() -> Survey:
    today = timezone.localdate()
    return SurveyFactory(
        year=today.year,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=20),
    )


def _answers_stored() -> int:
    """Answers waiting in the sealed pool and those already written out."""
    return SealedSubmission.objects.count() + Response.objects.count()


def test_survey_create(manager: Client) -> None:
    data = {
        "title": "Uppföljning 2040",
        "introduction": "Tack!",
        "opens_on": "2040-03-01",
        "closes_on": "2040-03-31",
        "min_group_size": "5",
    }
    submit_twice(
        manager, page=reverse("surveys:survey_create"), data=data, count=Survey.objects.count
    )


def test_survey_copy_to_next_year(manager: Client, survey: Survey) -> None:
    submit_twice(
        manager,
        page=reverse("surveys:survey_detail", args=[survey.pk]),
        action=reverse("surveys:survey_copy", args=[survey.pk]),
        data={},
        count=Survey.objects.count,
    )


def test_question_create(manager: Client, survey: Survey) -> None:
    url = reverse("surveys:question_create", args=[survey.pk])
    data = {"kind": "single", "text": "Känner du till HÖK?", "new_options": "Ja\nNej"}
    submit_twice(
        manager,
        page=f"{url}?kind=single",
        data=data,
        count=Question.objects.count,
    )


@pytest.mark.parametrize(
    ("name", "data", "creates"),
    [
        ("invitations_paste", {"addresses": "anna@example.se\nbo@example.se"}, 2),
        (
            "invitations_csv",
            lambda: {
                "file": SimpleUploadedFile(
                    "adresser.csv", b"email\nanna@example.se\n", content_type="text/csv"
                )
            },
            1,
        ),
    ],
)
def test_invitations(manager: Client, survey: Survey, name: str, data, creates: int) -> None:
    submit_twice(
        manager,
        page=reverse("surveys:invitations", args=[survey.pk]),
        action=reverse(f"surveys:{name}", args=[survey.pk]),
        data=data,
        count=Invitation.objects.count,
        creates=creates,
    )


def test_invitations_from_the_signatories(seed, manager: Client, survey: Survey) -> None:
    signatory = PublicOrganisationFactory(contact_email="info@kustlaget.example")
    MembershipFactory(organisation=signatory, user=UserFactory(email="rut@kustlaget.example"))
    addresses = {signatory.contact_email.lower()} | {
        m.user.email.lower() for m in signatory.memberships.select_related("user")
    }
    submit_twice(
        manager,
        page=reverse("surveys:invitations", args=[survey.pk]),
        action=reverse("surveys:invitations_contacts", args=[survey.pk]),
        data={"organisations": [signatory.pk]},
        count=Invitation.objects.count,
        creates=len(addresses),
    )


def test_reminder_round(manager: Client, survey: Survey) -> None:
    day = timezone.localdate() + datetime.timedelta(days=3)
    submit_twice(
        manager,
        page=reverse("surveys:invitations", args=[survey.pk]),
        action=reverse("surveys:reminder_add", args=[survey.pk]),
        data={"send_on": day.isoformat()},
        count=ReminderRound.objects.count,
    )


def test_answer_through_the_open_link(client: Client) -> None:
    built = build_survey(open_link_enabled=True)
    url = reverse("surveys:answer_open", kwargs={"key": built.survey.open_link_key})
    submit_twice(
        client,
        page=url,
        data={"step": "answers", **valid_answers(built)},
        count=_answers_stored,
    )


def test_answer_through_an_invitation(client: Client) -> None:
    built = build_survey()
    InvitationFactory(survey=built.survey, token="hemlig-kod-1")
    url = reverse("surveys:answer", kwargs={"token": "hemlig-kod-1"})
    submit_twice(client, page=url, data=valid_answers(built), count=_answers_stored)


def test_an_answer_records_nobody_even_when_signed_in() -> None:
    """Nothing stored may tell who answered: the submission's record names no person, and
    its time is only the hour."""
    built = build_survey(open_link_enabled=True)
    client = Client()
    client.force_login(UserFactory())
    url = reverse("surveys:answer_open", kwargs={"key": built.survey.open_link_key})
    submit_twice(
        client,
        page=url,
        data={"step": "answers", **valid_answers(built)},
        count=_answers_stored,
    )
    submission = Submission.objects.get()
    assert submission.user is None
    assert submission.created_at.minute == submission.created_at.second == 0

"""Retention of invitees' addresses (issue 11, finding 10, the survey part): deleted a stated
number of days after the survey closes, by a beat task; the anonymous responses stay."""

import datetime
from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Invitation, Response, Survey
from surveys.models.invitations import InvitationSendRun, ReminderDelivery, ReminderRound
from surveys.models.survey import INVITATION_ADDRESS_DAYS
from surveys.services.retention import invitation_addresses_delete
from surveys.tasks import delete_expired_invitation_addresses
from tests.surveys.factories import InvitationFactory, ResponseFactory, SurveyFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 6, 1)


def survey_closed(days_ago: int) -> Survey:
    closes_on = TODAY - datetime.timedelta(days=days_ago)
    survey = SurveyFactory(
        opens_on=closes_on - datetime.timedelta(days=30), closes_on=closes_on, year=closes_on.year
    )
    InvitationFactory(survey=survey, email=f"a{days_ago}@exempel.se", status="sent", used=True)
    InvitationFactory(survey=survey, email=f"b{days_ago}@exempel.se", status="sent")
    ResponseFactory(survey=survey)
    return survey


def test_addresses_go_the_stated_number_of_days_after_closing_and_responses_stay() -> None:
    assert INVITATION_ADDRESS_DAYS == 90
    expired = survey_closed(days_ago=INVITATION_ADDRESS_DAYS)
    kept = survey_closed(days_ago=INVITATION_ADDRESS_DAYS - 1)
    reminder = ReminderRound.objects.create(survey=expired, send_on=expired.closes_on)
    ReminderDelivery.objects.create(
        reminder_round=reminder, invitation=expired.invitations.get(used=False)
    )
    run = InvitationSendRun.objects.create(survey=expired, sent=2)

    assert invitation_addresses_delete(today=TODAY) == {expired.pk: 2}

    assert not Invitation.objects.filter(survey=expired).exists()
    assert not ReminderDelivery.objects.exists()
    assert set(Invitation.objects.values_list("email", flat=True)) == {
        f"a{INVITATION_ADDRESS_DAYS - 1}@exempel.se",
        f"b{INVITATION_ADDRESS_DAYS - 1}@exempel.se",
    }
    assert Response.objects.filter(survey__in=[expired, kept]).count() == 2
    assert InvitationSendRun.objects.get(pk=run.pk).sent == 2  # counts, no address
    assert kept.invitation_addresses_deleted_on == TODAY + datetime.timedelta(days=1)
    # Again: nothing more to do.
    assert invitation_addresses_delete(today=TODAY) == {}


def test_an_open_survey_keeps_its_addresses() -> None:
    survey = SurveyFactory(
        opens_on=TODAY - datetime.timedelta(days=200), closes_on=TODAY, year=TODAY.year
    )
    InvitationFactory(survey=survey)
    assert invitation_addresses_delete(today=TODAY) == {}
    assert Invitation.objects.count() == 1


def test_the_beat_runs_the_task() -> None:
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "surveys.tasks.delete_expired_invitation_addresses" in schedule
    assert "surveys.tasks.flush_waiting_submissions" in schedule
    closes_on = timezone.localdate() - datetime.timedelta(days=INVITATION_ADDRESS_DAYS + 1)
    expired = SurveyFactory(
        opens_on=closes_on - datetime.timedelta(days=30), closes_on=closes_on, year=closes_on.year
    )
    InvitationFactory.create_batch(2, survey=expired)
    assert delete_expired_invitation_addresses.delay().get() == {expired.pk: 2}


@pytest.mark.parametrize(
    ("prefix", "stated"),
    [
        ("", f"raderas {INVITATION_ADDRESS_DAYS} dagar efter att enkäten har stängt"),
        ("/en", f"is deleted {INVITATION_ADDRESS_DAYS} days after the survey has closed"),
    ],
)
def test_the_privacy_page_states_the_period(client: Client, prefix: str, stated: str) -> None:
    page = client.get(f"{prefix}/integritet/")
    assert stated in " ".join(page.content.decode().split())


@pytest.mark.parametrize(
    ("closed_days_ago", "says"),
    [
        (INVITATION_ADDRESS_DAYS + 5, "e-postadresser raderades"),
        (3, "e-postadresser raderas"),
    ],
)
def test_the_invitations_page_says_when_the_addresses_go(
    client_as: Callable[[str], Client], closed_days_ago: int, says: str
) -> None:
    today = timezone.localdate()
    closes_on = today - datetime.timedelta(days=closed_days_ago)
    survey = SurveyFactory(
        opens_on=closes_on - datetime.timedelta(days=30), closes_on=closes_on, year=closes_on.year
    )
    page = client_as("working_group_mfa").get(reverse("surveys:invitations", args=[survey.pk]))
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    deleted_on = closes_on + datetime.timedelta(days=INVITATION_ADDRESS_DAYS)
    assert f"Inbjudningarnas {says} {deleted_on.day} " in text

"""Reminder rounds: planned by date, due from 08:00 that day while the survey is open, sent once
to those whose invitation was sent and who have not answered, with the invitation's own link."""

import datetime
import hashlib
import re
import zoneinfo
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from surveys import tasks
from surveys.models import Invitation
from surveys.models.invitations import InvitationSendRun, ReminderDelivery, ReminderRound
from surveys.selectors.invitations import reminder_rounds, reminder_rounds_due
from surveys.services import reminders as services
from surveys.services.invitations import invitation_send_start
from tests.factories import WorkingGroupUserFactory
from tests.surveys.factories import InvitationFactory, SurveyFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
TODAY = datetime.date(2026, 3, 10)
LINK = re.compile(r"/enkat/svara/([A-Za-z0-9_-]+)/")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def fixed_day():
    # Each module that asks for the day looks it up in its own namespace.
    with (
        mock.patch("surveys.services.invitations.local_today", return_value=TODAY),
        mock.patch("surveys.services.invitation_mail.local_today", return_value=TODAY),
        mock.patch("surveys.services.reminders.local_today", return_value=TODAY),
    ):
        yield


@pytest.fixture
def survey():
    return SurveyFactory(opens_on=datetime.date(2026, 3, 1), closes_on=datetime.date(2026, 3, 31))


@pytest.fixture
def member():
    return WorkingGroupUserFactory()


@pytest.fixture
def sent_invitations(survey, django_capture_on_commit_callbacks) -> dict[str, Invitation]:
    """Five invitations really sent through the service; the outbox is emptied after."""
    emails = [f"person{n}@example.se" for n in range(5)]
    for email in emails:
        InvitationFactory(survey=survey, email=email, token_hash=None)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send_start(survey=survey, by=WorkingGroupUserFactory())
    tokens = {m.to[0]: LINK.search(m.body).group(1) for m in mail.outbox}
    mail.outbox.clear()
    invitations = {i.email: i for i in survey.invitations.all()}
    for email, invitation in invitations.items():
        invitation.token = tokens[email]
    return invitations


class TestPlanning:
    def test_a_round_is_planned_for_a_day_while_the_survey_is_open(self, survey, member) -> None:
        reminder = services.reminder_round_create(
            survey=survey, send_on=datetime.date(2026, 3, 20), by=member
        )
        assert reminder.created_by == member
        assert reminder.started_at is None

    @pytest.mark.parametrize(
        ("day", "code"),
        [
            (datetime.date(2026, 3, 9), "in_the_past"),
            (datetime.date(2026, 4, 1), "outside_survey"),
        ],
    )
    def test_bad_days_are_refused(self, survey, member, day, code) -> None:
        with pytest.raises(ValidationError) as error:
            services.reminder_round_create(survey=survey, send_on=day, by=member)
        assert error.value.code == code
        assert not ReminderRound.objects.exists()

    def test_one_round_per_day(self, survey, member) -> None:
        day = datetime.date(2026, 3, 20)
        services.reminder_round_create(survey=survey, send_on=day, by=member)
        with pytest.raises(ValidationError) as error:
            services.reminder_round_create(survey=survey, send_on=day, by=member)
        assert error.value.code == "duplicate"
        assert "redan" in error.value.messages[0]

    def test_a_planned_round_can_be_deleted_but_not_one_that_started(self, survey, member):
        planned = services.reminder_round_create(
            survey=survey, send_on=datetime.date(2026, 3, 20), by=member
        )
        started = services.reminder_round_create(survey=survey, send_on=TODAY, by=member)
        ReminderRound.objects.filter(pk=started.pk).update(started_at=_at(TODAY, 8))
        services.reminder_round_delete(reminder_round=planned, by=member)
        with pytest.raises(ValidationError) as error:
            services.reminder_round_delete(reminder_round=started, by=member)
        assert error.value.code == "started"
        assert list(ReminderRound.objects.all()) == [started]


class TestDue:
    def test_due_from_eight_in_the_morning_of_its_day(self, survey, member) -> None:
        reminder = services.reminder_round_create(survey=survey, send_on=TODAY, by=member)
        assert list(reminder_rounds_due(now=_at(TODAY, 7))) == []
        assert list(reminder_rounds_due(now=_at(TODAY, 8))) == [reminder]
        assert list(reminder_rounds_due(now=_at(TODAY + datetime.timedelta(days=1), 0))) == [
            reminder
        ]

    def test_a_sent_round_or_a_closed_survey_is_not_due(self, survey, member) -> None:
        reminder = services.reminder_round_create(survey=survey, send_on=TODAY, by=member)
        assert list(reminder_rounds_due(now=_at(datetime.date(2026, 4, 1), 9))) == []
        ReminderRound.objects.filter(pk=reminder.pk).update(finished_at=_at(TODAY, 8))
        assert list(reminder_rounds_due(now=_at(TODAY, 9))) == []


class TestSending:
    def test_only_those_who_have_not_answered_get_it_with_their_invitation_link(
        self, survey, member, sent_invitations
    ) -> None:
        Invitation.objects.filter(email__in=["person1@example.se", "person3@example.se"]).update(
            used=True
        )
        reminder = services.reminder_round_create(survey=survey, send_on=TODAY, by=member)

        outcome = services.reminder_round_send(round_id=reminder.pk)

        assert outcome.sent == 3
        got = sorted(m.to[0] for m in mail.outbox)
        assert got == ["person0@example.se", "person2@example.se", "person4@example.se"]
        for message in mail.outbox:
            assert message.subject.startswith("[HÖK-portalen] Påminnelse")
            token = LINK.search(message.body).group(1)
            # the same link as in the invitation, still working
            assert token == sent_invitations[message.to[0]].token
            invitation = Invitation.objects.get(email=message.to[0])
            assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
        reminder.refresh_from_db()
        assert reminder.started_at and reminder.finished_at
        assert ReminderDelivery.objects.filter(status="sent").count() == 3

    def test_a_rerun_sends_nothing_twice(self, survey, member, sent_invitations) -> None:
        reminder = services.reminder_round_send(
            round_id=services.reminder_round_create(survey=survey, send_on=TODAY, by=member).pk
        )
        assert reminder.sent == 5
        round_ = ReminderRound.objects.get()
        # even a round reopened (say, the finish was never recorded) skips whoever got it
        ReminderRound.objects.filter(pk=round_.pk).update(finished_at=None)
        again = services.reminder_round_send(round_id=round_.pk)
        assert again.sent == 0
        assert len(mail.outbox) == 5

    def test_a_second_round_reminds_again_only_those_still_not_answered(
        self, survey, member, sent_invitations
    ) -> None:
        first = services.reminder_round_create(survey=survey, send_on=TODAY, by=member)
        services.reminder_round_send(round_id=first.pk)
        Invitation.objects.filter(email="person0@example.se").update(used=True)
        second = services.reminder_round_create(
            survey=survey, send_on=TODAY + datetime.timedelta(days=5), by=member
        )
        mail.outbox.clear()
        services.reminder_round_send(round_id=second.pk)
        assert len(mail.outbox) == 4
        assert "person0@example.se" not in {m.to[0] for m in mail.outbox}
        counts = {r.pk: r.delivered for r in reminder_rounds(survey=survey)}
        assert counts == {first.pk: 5, second.pk: 4}

    def test_invitations_not_sent_get_no_reminder(self, survey, member) -> None:
        for status in ["pending", "failed", "uncertain", "sending"]:
            InvitationFactory(survey=survey, status=status)
        reminder = services.reminder_round_create(survey=survey, send_on=TODAY, by=member)
        services.reminder_round_send(round_id=reminder.pk)
        reminder.refresh_from_db()
        assert mail.outbox == []
        assert reminder.finished_at is not None

    def test_a_reminder_left_sending_by_a_dead_worker_becomes_uncertain(
        self, survey, member, sent_invitations
    ) -> None:
        reminder = services.reminder_round_create(survey=survey, send_on=TODAY, by=member)
        ReminderDelivery.objects.create(
            reminder_round=reminder, invitation=sent_invitations["person0@example.se"]
        )
        services.reminder_round_send(round_id=reminder.pk)
        assert len(mail.outbox) == 4
        assert ReminderDelivery.objects.get(
            invitation=sent_invitations["person0@example.se"]
        ).status == ("uncertain")
        (row,) = reminder_rounds(survey=survey)
        assert (row.delivered, row.uncertain, row.failed) == (4, 1, 0)

    def test_after_a_new_secret_key_the_reminder_carries_a_working_new_link(
        self, survey, member, sent_invitations, settings
    ) -> None:
        settings.SECRET_KEY = "a-rotated-secret-key-for-this-test-only"
        reminder = services.reminder_round_create(survey=survey, send_on=TODAY, by=member)
        services.reminder_round_send(round_id=reminder.pk)
        for message in mail.outbox:
            token = LINK.search(message.body).group(1)
            assert token != sent_invitations[message.to[0]].token
            stored = Invitation.objects.get(email=message.to[0]).token_hash
            assert stored == hashlib.sha256(token.encode()).hexdigest()


class TestBeatTask:
    def test_the_beat_task_sends_due_rounds_once(self, survey, member, sent_invitations) -> None:
        due = services.reminder_round_create(survey=survey, send_on=TODAY, by=member)
        later = services.reminder_round_create(
            survey=survey, send_on=TODAY + datetime.timedelta(days=3), by=member
        )
        now = _at(TODAY, 9)
        with mock.patch("django.utils.timezone.now", return_value=now):
            assert tasks.send_due_reminders() == [due.pk]
            assert tasks.send_due_reminders() == []
        assert len(mail.outbox) == 5
        later.refresh_from_db()
        assert later.started_at is None

    def test_the_beat_schedule_runs_it(self, settings) -> None:
        schedule = settings.CELERY_BEAT_SCHEDULE
        names = {entry["task"] for entry in schedule.values()}
        assert "surveys.tasks.send_due_reminders" in names


def test_a_run_record_exists_only_for_invitations(sent_invitations) -> None:
    assert InvitationSendRun.objects.count() == 1

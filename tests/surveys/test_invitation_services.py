"""Adding invitees, sending invitations in batches, what a dead worker leaves behind, sending
again with a new token. Mail goes to Django's in-memory outbox (or a refusing test backend)."""

import datetime
import hashlib
import re
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.utils import timezone

from hok.bulk_mail import SendingBusy
from surveys.models import Invitation
from surveys.models.invitations import InvitationSendRun
from surveys.selectors.invitations import invitation_progress, invitations_needing_attention
from surveys.services import invitation_mail
from surveys.services import invitations as services
from tests.factories import WorkingGroupUserFactory
from tests.surveys.factories import InvitationFactory, SurveyFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)
LINK = re.compile(r"http://portal\.test/enkat/svara/([A-Za-z0-9_-]+)/")


class RefusingBackend(LocmemBackend):
    """Like the in-memory backend, but the server refuses any address at studsar.example."""

    def send_messages(self, messages):  # noqa: ANN001, ANN201 - Django's signature
        for message in messages:
            if any(address.endswith("@studsar.example") for address in message.to):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def fixed_day(settings):
    settings.PORTAL_BASE_URL = "http://portal.test"
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


def _pending(survey, *emails: str) -> list[Invitation]:
    return [
        InvitationFactory(survey=survey, email=email, token_hash=None, status="pending")
        for email in emails
    ]


def _tokens(messages) -> list[str]:
    return [LINK.search(message.body).group(1) for message in messages]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send(survey, member, django_capture_on_commit_callbacks) -> InvitationSendRun:
    with django_capture_on_commit_callbacks(execute=True):
        return services.invitation_send_start(survey=survey, by=member)


class TestAdd:
    def test_adds_new_addresses_and_skips_those_already_invited(self, survey, member) -> None:
        _pending(survey, "anna@example.se")
        result = services.invitations_add(
            survey=survey, emails=["anna@example.se", "bo@example.se", "bo@example.se"], by=member
        )
        assert result == services.InvitationsAdded(added=1, already_invited=1)
        assert sorted(survey.invitations.values_list("email", flat=True)) == [
            "anna@example.se",
            "bo@example.se",
        ]
        new = survey.invitations.get(email="bo@example.se")
        assert (new.status, new.token_hash, new.attempts) == ("pending", None, 0)

    def test_the_same_address_may_be_invited_to_another_survey(self, survey, member) -> None:
        other = SurveyFactory(year=2025)
        _pending(other, "anna@example.se")
        result = services.invitations_add(survey=survey, emails=["anna@example.se"], by=member)
        assert result.added == 1

    def test_a_closed_survey_takes_no_invitees(self, member) -> None:
        closed = SurveyFactory(opens_on=TODAY.replace(day=1), closes_on=TODAY.replace(day=9))
        with pytest.raises(ValidationError) as error:
            services.invitations_add(survey=closed, emails=["anna@example.se"], by=member)
        assert error.value.code == "closed"
        assert "stängde" in error.value.messages[0]
        assert not closed.invitations.exists()

    def test_nothing_to_add(self, survey, member) -> None:
        with pytest.raises(ValidationError):
            services.invitations_add(survey=survey, emails=[], by=member)


class TestSend:
    def test_every_pending_invitation_gets_one_mail_with_its_own_working_link(
        self, survey, member, django_capture_on_commit_callbacks
    ) -> None:
        _pending(survey, *[f"person{n}@example.se" for n in range(45)])
        run = _send(survey, member, django_capture_on_commit_callbacks)

        assert len(mail.outbox) == 45
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            survey.invitations.values_list("email", flat=True)
        )
        tokens = _tokens(mail.outbox)
        assert len(set(tokens)) == 45
        by_email = {m.to[0]: token for m, token in zip(mail.outbox, tokens, strict=True)}
        for invitation in survey.invitations.all():
            assert invitation.status == "sent"
            assert invitation.attempts == 1
            assert invitation.sent_at is not None
            assert invitation.token_hash == _hash(by_email[invitation.email])
        message = mail.outbox[0]
        assert message.subject.startswith("[HÖK-portalen] Inbjudan att svara på enkäten")
        assert survey.title in message.subject
        assert "31 mars 2026" in message.body
        run.refresh_from_db()
        assert (run.sent, run.failed, run.found_uncertain) == (45, 0, 0)
        assert run.started_at and run.finished_at and not run.interrupted

    def test_the_link_is_the_answering_page(
        self, survey, member, django_capture_on_commit_callbacks
    ):
        _pending(survey, "anna@example.se")
        _send(survey, member, django_capture_on_commit_callbacks)
        token = _tokens(mail.outbox)[0]
        assert f"http://portal.test/enkat/svara/{token}/" in mail.outbox[0].body

    def test_a_second_run_mails_nobody_again(
        self, survey, member, django_capture_on_commit_callbacks
    ) -> None:
        _pending(survey, "anna@example.se", "bo@example.se")
        run = _send(survey, member, django_capture_on_commit_callbacks)
        assert len(mail.outbox) == 2
        before = list(survey.invitations.values_list("token_hash", flat=True))

        again = InvitationSendRun.objects.create(survey=survey)
        outcome = invitation_mail.invitations_send_pending(run_id=again.pk)
        assert outcome == invitation_mail.SendOutcome(sent=0, failed=0, found_uncertain=0)
        # the same run redelivered by the broker does nothing either
        invitation_mail.invitations_send_pending(run_id=run.pk)
        assert len(mail.outbox) == 2
        assert list(survey.invitations.values_list("token_hash", flat=True)) == before

    def test_asking_to_send_when_everyone_has_been_sent_to_is_refused(
        self, survey, member, django_capture_on_commit_callbacks
    ) -> None:
        _pending(survey, "anna@example.se")
        _send(survey, member, django_capture_on_commit_callbacks)
        with pytest.raises(ValidationError) as error:
            services.invitation_send_start(survey=survey, by=member)
        assert error.value.code == "nothing_pending"

    def test_only_pending_invitations_added_later_are_sent(
        self, survey, member, django_capture_on_commit_callbacks
    ) -> None:
        _pending(survey, "anna@example.se")
        _send(survey, member, django_capture_on_commit_callbacks)
        services.invitations_add(survey=survey, emails=["bo@example.se"], by=member)
        _send(survey, member, django_capture_on_commit_callbacks)
        assert [m.to[0] for m in mail.outbox] == ["anna@example.se", "bo@example.se"]

    @pytest.mark.parametrize(
        ("opens", "closes", "code"),
        [
            (datetime.date(2026, 3, 11), datetime.date(2026, 3, 31), "not_open"),
            (datetime.date(2026, 2, 1), datetime.date(2026, 3, 9), "closed"),
        ],
    )
    def test_sending_is_refused_outside_the_survey_period(
        self, member, opens, closes, code
    ) -> None:
        survey = SurveyFactory(opens_on=opens, closes_on=closes)
        _pending(survey, "anna@example.se")
        with pytest.raises(ValidationError) as error:
            services.invitation_send_start(survey=survey, by=member)
        assert error.value.code == code
        assert not InvitationSendRun.objects.exists()

    def test_batches_share_one_connection_each(
        self, survey, member, django_capture_on_commit_callbacks
    ) -> None:
        _pending(survey, *[f"person{n}@example.se" for n in range(45)])
        opened = []
        original = LocmemBackend.open

        def counting_open(backend):  # noqa: ANN001, ANN202
            opened.append(backend)
            return original(backend)

        closes = mock.patch.object(LocmemBackend, "close", autospec=True)
        with mock.patch.object(LocmemBackend, "open", counting_open), closes as closed:
            _send(survey, member, django_capture_on_commit_callbacks)
        # 45 mails in batches of 20: the connection is closed after each of the 3 batches
        # (and once more at the end), and one backend object serves the whole run.
        assert len(set(map(id, opened))) == 1
        assert closed.call_count == 4


class TestDeadWorker:
    def test_an_invitation_left_sending_becomes_uncertain_and_is_not_mailed(
        self, survey, member, django_capture_on_commit_callbacks
    ) -> None:
        left, waiting = _pending(survey, "left@example.se", "waiting@example.se")
        dead_run = InvitationSendRun.objects.create(survey=survey, started_at=timezone.now())
        Invitation.objects.filter(pk=left.pk).update(
            status="sending", attempts=1, token_hash="a" * 64
        )

        run = _send(survey, member, django_capture_on_commit_callbacks)

        assert [m.to[0] for m in mail.outbox] == ["waiting@example.se"]
        left.refresh_from_db()
        assert left.status == "uncertain"
        assert left.token_hash == "a" * 64  # the link it may have got still works
        assert left.last_error == ""  # the page explains "uncertain" in the reader's language
        dead_run.refresh_from_db()
        assert dead_run.finished_at is not None and dead_run.interrupted
        run.refresh_from_db()
        assert run.found_uncertain == 1

    def test_sending_again_gives_a_new_token_and_retires_the_old(
        self, survey, member, django_capture_on_commit_callbacks
    ) -> None:
        (invitation,) = _pending(survey, "left@example.se")
        Invitation.objects.filter(pk=invitation.pk).update(
            status="uncertain", attempts=1, token_hash="a" * 64
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.invitations_send_again(
                survey=survey, invitation_ids=[invitation.pk], by=member
            )
        invitation.refresh_from_db()
        (token,) = _tokens(mail.outbox)
        assert invitation.status == "sent"
        assert invitation.attempts == 2
        assert invitation.token_hash == _hash(token) != "a" * 64

    def test_sending_again_something_already_sent_is_refused(self, survey, member) -> None:
        (invitation,) = _pending(survey, "anna@example.se")
        Invitation.objects.filter(pk=invitation.pk).update(status="sent", token_hash="b" * 64)
        with pytest.raises(ValidationError) as error:
            services.invitations_send_again(
                survey=survey, invitation_ids=[invitation.pk], by=member
            )
        assert error.value.code == "not_resendable"
        invitation.refresh_from_db()
        assert invitation.token_hash == "b" * 64


class TestMailServerErrors:
    def test_a_refused_address_fails_with_the_error_and_the_rest_are_sent(
        self, survey, member, settings, django_capture_on_commit_callbacks
    ) -> None:
        settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
        _pending(survey, "anna@example.se", "borta@studsar.example", "cecilia@example.se")
        run = _send(survey, member, django_capture_on_commit_callbacks)

        statuses = dict(survey.invitations.values_list("email", "status"))
        assert statuses == {
            "anna@example.se": "sent",
            "borta@studsar.example": "failed",
            "cecilia@example.se": "sent",
        }
        failed = survey.invitations.get(status="failed")
        assert "SMTPRecipientsRefused" in failed.last_error
        assert "No such user" in failed.last_error
        run.refresh_from_db()
        assert (run.sent, run.failed) == (2, 1)

    def test_a_mail_server_that_cannot_be_reached_fails_each_mail(
        self, survey, member, django_capture_on_commit_callbacks
    ) -> None:
        _pending(survey, "anna@example.se", "bo@example.se")
        refused = mock.patch.object(
            LocmemBackend, "open", side_effect=ConnectionRefusedError(111, "Connection refused")
        )
        with refused:
            _send(survey, member, django_capture_on_commit_callbacks)
        assert set(survey.invitations.values_list("status", flat=True)) == {"failed"}
        assert "Connection refused" in survey.invitations.first().last_error

    def test_retrying_the_failed_ones_sends_them(
        self, survey, member, settings, django_capture_on_commit_callbacks
    ) -> None:
        settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
        _pending(survey, "anna@example.se", "borta@studsar.example")
        _send(survey, member, django_capture_on_commit_callbacks)
        settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        failed = list(survey.invitations.filter(status="failed").values_list("pk", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            services.invitations_send_again(survey=survey, invitation_ids=failed, by=member)
        assert set(survey.invitations.values_list("status", flat=True)) == {"sent"}
        assert [m.to[0] for m in mail.outbox] == ["anna@example.se", "borta@studsar.example"]


class TestTokens:
    def test_tokens_differ_per_invitation_and_attempt(self) -> None:
        tokens = {
            invitation_mail.invitation_token(invitation_id=i, attempt=a)
            for i in range(1, 20)
            for a in range(1, 4)
        }
        assert len(tokens) == 57
        token = invitation_mail.invitation_token(invitation_id=1, attempt=1)
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)

    def test_the_token_depends_on_the_secret_key(self, settings) -> None:
        before = invitation_mail.invitation_token(invitation_id=1, attempt=1)
        settings.SECRET_KEY = "another-secret-key-for-this-test-only"
        assert invitation_mail.invitation_token(invitation_id=1, attempt=1) != before


class TestRemove:
    def test_a_pending_or_failed_invitation_can_be_removed(self, survey, member) -> None:
        pending, failed = _pending(survey, "a@example.se", "b@example.se")
        Invitation.objects.filter(pk=failed.pk).update(status="failed")
        services.invitation_remove(invitation=pending, by=member)
        services.invitation_remove(invitation=failed, by=member)
        assert not survey.invitations.exists()

    @pytest.mark.parametrize("status", ["sending", "sent", "uncertain"])
    def test_one_that_may_have_left_stays(self, survey, member, status) -> None:
        (invitation,) = _pending(survey, "a@example.se")
        Invitation.objects.filter(pk=invitation.pk).update(status=status)
        with pytest.raises(ValidationError) as error:
            services.invitation_remove(invitation=invitation, by=member)
        assert error.value.code == "not_removable"
        assert survey.invitations.exists()


class TestLock:
    def test_while_another_process_sends_for_the_survey_a_run_waits(self, survey) -> None:
        """On PostgreSQL the lock is a session advisory lock; a second connection holding it
        stands for a live worker. (SQLite runs tasks in process: one sender, no lock.)"""
        if connection.vendor != "postgresql":
            pytest.skip("the sending lock is PostgreSQL's advisory lock")
        import psycopg

        (invitation,) = _pending(survey, "anna@example.se")
        Invitation.objects.filter(pk=invitation.pk).update(status="sending")
        run = InvitationSendRun.objects.create(survey=survey)
        db = connection.settings_dict
        key = (invitation_mail.LOCK_NAMESPACE << 32) + survey.pk
        with psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"],
            dbname=db["NAME"],
            autocommit=True,
        ) as other:
            other.execute("SELECT pg_advisory_lock(%s)", [key])
            with pytest.raises(SendingBusy):
                invitation_mail.invitations_send_pending(run_id=run.pk)
            # the live sender's invitation is left alone, not called uncertain
            invitation.refresh_from_db()
            assert invitation.status == "sending"
            other.execute("SELECT pg_advisory_unlock(%s)", [key])
        invitation_mail.invitations_send_pending(run_id=run.pk)
        invitation.refresh_from_db()
        assert invitation.status == "uncertain"


class TestUsedMeansArrived:
    def test_an_interrupted_invitation_whose_link_was_used_counts_as_sent(
        self, survey, member, django_capture_on_commit_callbacks
    ) -> None:
        (invitation,) = _pending(survey, "svarat@example.se")
        Invitation.objects.filter(pk=invitation.pk).update(
            status="sending", attempts=1, token_hash="c" * 64, used=True
        )
        run = InvitationSendRun.objects.create(survey=survey)
        outcome = invitation_mail.invitations_send_pending(run_id=run.pk)
        invitation.refresh_from_db()
        assert invitation.status == "sent"
        assert outcome.found_uncertain == 0

    def test_one_used_after_being_called_uncertain_is_not_offered_again(
        self, survey, member
    ) -> None:
        (invitation,) = _pending(survey, "svarat@example.se")
        Invitation.objects.filter(pk=invitation.pk).update(
            status="uncertain", token_hash="c" * 64, used=True
        )
        assert not invitations_needing_attention(survey=survey).exists()
        progress = invitation_progress(survey=survey)
        assert (progress.sent, progress.uncertain) == (1, 0)
        with pytest.raises(ValidationError):
            services.invitations_send_again(
                survey=survey, invitation_ids=[invitation.pk], by=member
            )
        invitation.refresh_from_db()
        assert invitation.token_hash == "c" * 64

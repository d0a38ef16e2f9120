"""The shared bulk sender (hok.bulk_mail) on newsletter deliveries: claim before send, one
connection per batch, permanent refusals, the rate, the time budget, interrupted rows."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from hok import bulk_mail
from hok.bulk_mail import BulkJob, DeliveryStatus, bulk_send, is_permanent, mark_interrupted, resend
from newsletters.models import Delivery
from tests.newsletters.factories import NewsletterFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


class RefusingBackend(LocmemBackend):
    """Refuses addresses at permanent.example with 550 and at temporary.example with 451."""

    def send_messages(self, messages):  # noqa: ANN001, ANN201 - Django's signature
        for message in messages:
            domain = message.to[0].rsplit("@", 1)[1]
            if domain == "permanent.example":
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
            if domain == "temporary.example":
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (451, b"Try later")})
        return super().send_messages(messages)


def _rows(*emails: str) -> list[Delivery]:
    newsletter = NewsletterFactory()
    return [
        Delivery.objects.create(newsletter=newsletter, subscriber=SubscriberFactory(email=email))
        for email in emails
    ]


def _job(rows: list[Delivery], **kwargs: object) -> BulkJob:
    kwargs.setdefault(
        "message",
        lambda row: EmailMessage(subject="Hej", body="Text", to=[row.subscriber.email]),
    )
    return BulkJob(
        rows=Delivery.objects.filter(newsletter=rows[0].newsletter).select_related("subscriber"),
        **kwargs,
    )


class WitnessBackend(LocmemBackend):
    """Notes each row's stored status at the moment its mail reaches the server."""

    seen: list[str] = []

    def send_messages(self, messages):  # noqa: ANN001, ANN201 - Django's signature
        for message in messages:
            row = Delivery.objects.get(subscriber__email=message.to[0])
            WitnessBackend.seen.append(row.status)
        return super().send_messages(messages)


def test_each_pending_row_is_claimed_sent_and_marked_with_its_message_id(settings) -> None:
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.WitnessBackend"}}
    WitnessBackend.seen = []
    rows = _rows("a@example.se", "b@example.se")

    outcome = bulk_send(_job(rows))

    assert outcome == bulk_mail.BulkOutcome(sent=2, failed=0, more=False)
    assert WitnessBackend.seen == ["sending", "sending"]  # claimed before the mail server
    for row in Delivery.objects.all():
        assert row.status == "sent"
        assert row.sent_at is not None and row.claimed_at is not None
        sent = next(m for m in mail.outbox if m.to == [row.subscriber.email])
        assert sent.extra_headers["Message-ID"] == row.message_id
        assert row.message_id.endswith(">") and "@" in row.message_id
    assert bulk_send(_job(rows)).sent == 0  # nothing is pending any more
    assert len(mail.outbox) == 2


def test_a_permanent_refusal_fails_the_row_and_tells_the_caller(settings) -> None:
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    rows = _rows("ok@example.se", "gone@permanent.example", "later@temporary.example")
    heard = []
    outcome = bulk_send(_job(rows, on_failed=lambda row, permanent: heard.append(permanent)))
    assert (outcome.sent, outcome.failed) == (1, 2)
    assert sorted(heard) == [False, True]
    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert statuses["gone@permanent.example"] == "failed"
    assert "550" in Delivery.objects.get(subscriber__email="gone@permanent.example").last_error


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPRecipientsRefused({"a@b.se": (550, b"no")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.se": (450, b"busy")}), False),
        (smtplib.SMTPDataError(554, b"rejected"), True),
        (smtplib.SMTPSenderRefused(421, b"later", "x@y.se"), False),
        (ConnectionRefusedError(111, "refused"), False),
    ],
)
def test_what_counts_as_permanent(error: BaseException, permanent: bool) -> None:
    assert is_permanent(error) is permanent


def test_the_rate_spaces_the_mails() -> None:
    rows = _rows("a@example.se", "b@example.se", "c@example.se")
    with mock.patch.object(bulk_mail.time, "sleep") as sleep:
        bulk_send(_job(rows, per_minute=60))
    waits = [call.args[0] for call in sleep.call_args_list]
    assert len(waits) == 2  # before the second and the third mail
    assert all(0 < wait <= 1.0 for wait in waits)


def test_a_spent_time_budget_stops_between_batches_and_says_more_is_left() -> None:
    rows = _rows(*[f"p{n}@example.se" for n in range(5)])
    clock = iter([0.0, 0.0, 100.0, 100.0])
    with mock.patch.object(bulk_mail.time, "monotonic", side_effect=lambda: next(clock, 100.0)):
        outcome = bulk_send(_job(rows, batch_size=2, time_budget=10))
    assert outcome.sent == 2
    assert outcome.more is True
    assert Delivery.objects.filter(status="pending").count() == 3


def test_rows_left_sending_become_uncertain_and_only_an_explicit_resend_sends_them() -> None:
    rows = _rows("left@example.se", "waiting@example.se")
    Delivery.objects.filter(pk=rows[0].pk).update(status="sending")
    queryset = Delivery.objects.filter(newsletter=rows[0].newsletter)
    assert mark_interrupted(queryset) == 1
    bulk_send(_job(rows))
    assert [m.to[0] for m in mail.outbox] == ["waiting@example.se"]
    assert Delivery.objects.get(pk=rows[0].pk).status == DeliveryStatus.UNCERTAIN
    assert resend(queryset.filter(pk=rows[0].pk)) == 1
    bulk_send(_job(rows))
    assert [m.to[0] for m in mail.outbox] == ["waiting@example.se", "left@example.se"]
    assert resend(queryset.filter(pk=rows[0].pk)) == 0  # sent rows are never reset


# --- what a dead sender leaves ---------------------------------------------------------------


class WorkerDied(Exception):
    """Anything but a mail error stops the sender where it is, as a killed worker would."""


class DyingBackend(LocmemBackend):
    """The worker dies when the mail to an address at dies.example is being handed over."""

    def send_messages(self, messages):  # noqa: ANN001, ANN201 - Django's signature
        for message in messages:
            if message.to[0].endswith("@dies.example"):
                raise WorkerDied
        return super().send_messages(messages)


def _statuses(rows: list[Delivery]) -> list[str]:
    by_pk = dict(Delivery.objects.values_list("pk", "status"))
    return [by_pk[row.pk] for row in rows]


def test_a_whole_batch_is_claimed_before_its_first_mail_goes_out(settings) -> None:
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.WitnessBackend"}}
    WitnessBackend.seen = []
    rows = _rows(*[f"p{n}@example.se" for n in range(5)])
    seen_at_first: list[str] = []

    def message(row: Delivery) -> EmailMessage:
        if not seen_at_first:
            seen_at_first.extend(_statuses(rows))
        return EmailMessage(subject="Hej", body="Text", to=[row.subscriber.email])

    bulk_send(_job(rows, message=message, batch_size=3))
    assert seen_at_first == ["sending"] * 3 + ["pending"] * 2
    claims = Delivery.objects.order_by("pk").values_list("claimed_at", flat=True)
    assert len(set(claims[:3])) == 1 and claims[3] != claims[0]  # one claim time per batch


def test_a_sender_dying_mid_batch_leaves_only_the_mail_in_flight_uncertain(settings) -> None:
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DyingBackend"}}
    rows = _rows("a@example.se", "b@example.se", "c@dies.example", "d@example.se", "e@example.se")
    with pytest.raises(WorkerDied):
        bulk_send(_job(rows, batch_size=5))
    assert _statuses(rows) == ["sent", "sent", "sending", "sending", "sending"]

    queryset = Delivery.objects.filter(newsletter=rows[0].newsletter)
    assert mark_interrupted(queryset) == 1
    # c's mail may have left; d and e never did and go out with the next send.
    assert _statuses(rows) == ["sent", "sent", "uncertain", "pending", "pending"]
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert bulk_send(_job(rows)).sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a@example.se",
        "b@example.se",
        "d@example.se",
        "e@example.se",
    ]


def test_after_a_database_restart_every_row_of_the_batch_still_sending_is_uncertain(
    settings,
) -> None:
    # Outcomes are committed asynchronously: a crash of the database server may have lost
    # some of them, so the rows after the first one may have left too.
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DyingBackend"}}
    rows = _rows("a@example.se", "b@example.se", "c@dies.example", "d@example.se")
    with pytest.raises(WorkerDied):
        bulk_send(_job(rows, batch_size=4))
    Delivery.objects.filter(pk=rows[1].pk).update(status="sending")  # its mark was lost
    claimed_at = Delivery.objects.get(pk=rows[0].pk).claimed_at
    restarted = claimed_at + datetime.timedelta(seconds=1)
    queryset = Delivery.objects.filter(newsletter=rows[0].newsletter)
    with mock.patch.object(bulk_mail, "_database_started", return_value=restarted):
        assert mark_interrupted(queryset) == 3
    assert _statuses(rows) == ["sent", "uncertain", "uncertain", "uncertain"]


def test_the_first_row_still_sending_of_each_claim_is_uncertain() -> None:
    rows = _rows(*[f"p{n}@example.se" for n in range(6)])
    early = timezone.now() - datetime.timedelta(minutes=5)
    late = timezone.now() - datetime.timedelta(minutes=1)
    for row, claimed_at in zip(rows, [early, early, early, late, late, None], strict=True):
        Delivery.objects.filter(pk=row.pk).update(status="sending", claimed_at=claimed_at)
    Delivery.objects.filter(pk=rows[0].pk).update(status="sent")
    queryset = Delivery.objects.filter(newsletter=rows[0].newsletter)
    with mock.patch.object(bulk_mail, "_database_started", return_value=None):
        assert mark_interrupted(queryset) == 3
    assert _statuses(rows) == ["sent", "uncertain", "pending", "uncertain", "pending", "uncertain"]

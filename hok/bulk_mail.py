"""The one way the portal sends many mails (survey invitations and reminders, newsletters).

A *delivery row* per recipient (any model built on `BulkDelivery`) goes through

    pending → sending → sent | failed
                   ↘ uncertain   (its worker died while the mail was with the mail server)

and the sender keeps three promises, whoever calls it and however often:

1. A row is *claimed* (pending → sending, its Message-ID written) by a conditional UPDATE that
   is committed before its mail is handed to the mail server (together with the outcome of
   the mail before it: one commit per mail). A retried or resumed
   send only ever picks *pending* rows, so nothing is mailed twice.
2. After the server accepted the mail the row becomes *sent*; when it refused, *failed* with
   the error, and a permanent refusal (a 5xx reply) is reported to the caller, which may stop
   mailing that address (newsletters mark a subscriber bouncing after repeated ones).
3. One sender at a time per mailing (a "campaign": a survey, a newsletter) holds a PostgreSQL
   session advisory lock, which the database releases by itself when a killed worker's
   connection drops. So a sender that gets the lock and still finds rows in *sending* knows
   their worker is gone: their mail may or may not have left, so they become *uncertain*, and
   only an explicit choice (a person's "skicka igen") makes them pending again.

Rows are taken in batches (`SELECT … FOR UPDATE SKIP LOCKED`, so a row someone is changing
right now, say an address being removed, is passed over instead of waited for) and each batch
is sent over one mail-server connection. A rate (mails per minute) spaces the mails for relays
that throttle, and a time budget ends a call early so that a Celery task stays short: the
caller queues a follow-up task while `BulkOutcome.more` is true.

The functions run in autocommit on purpose (each claim must be committed before its mail goes
out); do not call them inside a transaction.
"""

import logging
import smtplib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

BATCH_SIZE = 20
ERROR_MAX_CHARS = 1000
# Errors a mail server or the network gives for one message; anything else is a bug and
# propagates (the claimed row then becomes uncertain on the next run).
MAIL_ERRORS = (smtplib.SMTPException, OSError)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Väntar")
    SENDING = "sending", _("Skickas")
    SENT = "sent", _("Skickad")
    FAILED = "failed", _("Misslyckades")
    UNCERTAIN = "uncertain", _("Osäker (kan ha skickats)")


STATUS_VALUES = [value for value, _label in DeliveryStatus.choices]


class BulkDelivery(models.Model):
    """The fields the sender reads and writes on a delivery row. A concrete model adds what
    it is a delivery of, and a CheckConstraint that `status` is one of `STATUS_VALUES`."""

    status = models.CharField(
        _("utskick"), max_length=10, choices=DeliveryStatus, default=DeliveryStatus.PENDING
    )
    claimed_at = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    last_error = models.TextField(_("senaste fel"), blank=True)

    class Meta:
        abstract = True


class SendingBusy(Exception):
    """Another sender holds this mailing's lock right now; try again shortly."""


@dataclass(frozen=True)
class BulkOutcome:
    sent: int
    failed: int
    more: bool = False  # the time budget ran out with pending rows left


@dataclass
class BulkJob:
    """What to send. `rows` are the mailing's delivery rows (any status: the sender takes the
    pending ones); `message` builds a row's mail after its claim; `claim_fields` are extra
    fields written with the claim (say a new token's hash), set on the row before `message`;
    `on_failed(row, permanent)` hears of every refusal; `on_batch(sent, failed)` of progress."""

    rows: models.QuerySet[Any]
    message: Callable[[Any], EmailMessage]
    claim_fields: Callable[[Any], dict[str, Any]] | None = None
    on_failed: Callable[[Any, bool], None] | None = None
    on_batch: Callable[[int, int], object] | None = None
    batch_size: int = BATCH_SIZE
    per_minute: int | None = None  # None: as fast as the server takes them
    time_budget: float | None = None  # seconds; None: until no pending row is left


# --- the lock and what a dead worker leaves ----------------------------------------------------


@contextmanager
def send_lock(*, namespace: int, key: int) -> Iterator[bool]:
    """Yield whether this process may send for the mailing `key` now.

    On PostgreSQL a session advisory lock on (namespace << 32) + key: it outlives the claim
    transactions and is released by the database when the connection of a killed worker goes
    away. Elsewhere (SQLite in development, where tasks run in process) there is only one
    sender, so always True.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    lock_key = (namespace << 32) + key
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_key])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_key])


def mark_interrupted(rows: models.QuerySet[Any]) -> int:
    """With the mailing's lock held: rows still *sending* were left by a dead worker, so they
    become *uncertain*. Returns how many."""
    return rows.filter(status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.UNCERTAIN, last_error=""
    )


# --- the mail-server connection --------------------------------------------------------------


class Mailer:
    """One mail-server connection, reopened after an error so one bad address does not fail
    the rest of the batch."""

    def __init__(self) -> None:
        self.backend: BaseEmailBackend = mailers.default

    def send(self, message: EmailMessage) -> None:
        self.backend.open()
        try:
            self.backend.send_messages([message])
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        try:
            self.backend.close()
        except (smtplib.SMTPException, OSError):
            logger.warning("closing the mail connection failed", exc_info=True)


def is_permanent(error: BaseException) -> bool:
    """Whether the mail server refused for good (a 5xx reply), as opposed to a temporary
    problem (4xx, a dropped connection) that a later try may get past."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


def error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:ERROR_MAX_CHARS]


def message_id_domain() -> str:
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"


# --- the sending -----------------------------------------------------------------------------


def _next_batch(rows: models.QuerySet[Any], size: int) -> list[Any]:
    with transaction.atomic():
        return list(
            rows.filter(status=DeliveryStatus.PENDING)
            .order_by("pk")
            .select_for_update(skip_locked=True, of=("self",))[:size]
        )


class _Ledger:
    """Writes the rows' states. The outcome of one mail is written in the same transaction as
    the claim of the next (one commit per mail instead of two: a commit waits for the disk),
    and at the latest when the batch ends. A worker that dies in between leaves that row
    *sending*, hence uncertain: never mailed twice."""

    def __init__(self) -> None:
        self.outcome: tuple[Any, dict[str, Any]] | None = None

    def _write_outcome(self) -> None:
        if self.outcome is not None:
            row, fields = self.outcome
            type(row)._default_manager.filter(pk=row.pk, status=DeliveryStatus.SENDING).update(
                **fields
            )
            self.outcome = None

    def flush(self) -> None:
        with transaction.atomic():
            self._write_outcome()

    def claim(self, row: Any, extra: dict[str, Any], message_id: str) -> bool:
        """Pending → sending, committed (with the previous mail's outcome) before returning."""
        with transaction.atomic():
            self._write_outcome()
            claimed = (
                type(row)
                ._default_manager.filter(pk=row.pk, status=DeliveryStatus.PENDING)
                .update(
                    status=DeliveryStatus.SENDING,
                    claimed_at=timezone.now(),
                    message_id=message_id,
                    last_error="",
                    **extra,
                )
            )
        return bool(claimed)

    def sent(self, row: Any) -> None:
        self.outcome = (row, {"status": DeliveryStatus.SENT, "sent_at": timezone.now()})

    def failed(self, row: Any, error: BaseException) -> None:
        self.outcome = (row, {"status": DeliveryStatus.FAILED, "last_error": error_text(error)})
        self.flush()


def _prepared(job: BulkJob, row: Any, domain: str) -> tuple[dict[str, Any], EmailMessage]:
    """The row's claim fields and its mail, built before the claim so that the time between
    the committed claim and the hand-over to the mail server is as short as it can be."""
    extra = job.claim_fields(row) if job.claim_fields else {}
    for name, value in extra.items():
        setattr(row, name, value)
    row.message_id = make_msgid(domain=domain)
    message = job.message(row)
    message.extra_headers["Message-ID"] = row.message_id
    return extra, message


def bulk_send(job: BulkJob) -> BulkOutcome:
    """Send the job's pending rows, a batch per mail-server connection. Call it with the
    mailing's `send_lock` held and after `mark_interrupted`."""
    started = time.monotonic()
    interval = 60.0 / job.per_minute if job.per_minute else 0.0
    last_handed = 0.0
    domain = message_id_domain()
    sent = failed = 0
    more = False
    mailer = Mailer()
    ledger = _Ledger()
    try:
        while True:
            if job.time_budget is not None and time.monotonic() - started >= job.time_budget:
                more = job.rows.filter(status=DeliveryStatus.PENDING).exists()
                break
            batch = _next_batch(job.rows, job.batch_size)
            if not batch:
                break
            for row in batch:
                extra, message = _prepared(job, row, domain)
                if interval:
                    wait = last_handed + interval - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
                    last_handed = time.monotonic()
                if not ledger.claim(row, extra, row.message_id):
                    continue
                try:
                    mailer.send(message)
                except MAIL_ERRORS as error:
                    ledger.failed(row, error)
                    failed += 1
                    if job.on_failed:
                        job.on_failed(row, is_permanent(error))
                    continue
                ledger.sent(row)
                sent += 1
            ledger.flush()
            mailer.close()
            if job.on_batch:
                job.on_batch(sent, failed)
    finally:
        ledger.flush()
        mailer.close()
    return BulkOutcome(sent=sent, failed=failed, more=more)


def resend(rows: models.QuerySet[Any], **reset: Any) -> int:
    """Make the chosen failed or uncertain rows pending again (a person chose to send them
    again). `reset` are extra fields to clear. Returns how many."""
    return rows.filter(status__in=[DeliveryStatus.FAILED, DeliveryStatus.UNCERTAIN]).update(
        status=DeliveryStatus.PENDING, last_error="", **reset
    )

"""The one way the portal sends many mails (survey invitations and reminders, newsletters).

A *delivery row* per recipient (any model built on `BulkDelivery`) goes through

    pending → sending → sent | failed
                   ↘ uncertain   (its worker died while the mail was with the mail server)

and the sender keeps three promises, whoever calls it and however often:

1. A row is *claimed* (pending → sending, its Message-ID written) before its mail is handed
   to the mail server. Rows are claimed a batch at a time (`SELECT … FOR UPDATE SKIP LOCKED`,
   so a row someone is changing right now, say an address being removed, is passed over) in
   one transaction whose commit is durable: one wait for the disk per batch, not per mail. A
   retried or resumed send only ever picks *pending* rows, so nothing is mailed twice.
2. The batch's rows are handed over one after the other, in primary-key order, on one
   mail-server connection. After the server accepted a mail its row becomes *sent*; when it
   refused, *failed* with the error, and a permanent refusal (a 5xx reply) is reported to the
   caller, which may stop mailing that address (newsletters mark a subscriber bouncing after
   repeated ones). That outcome is committed before the next row is handed over, but
   asynchronously on PostgreSQL (no wait for the disk; see `_mark`).
3. One sender at a time per mailing (a "campaign": a survey, a newsletter) holds a PostgreSQL
   session advisory lock, which the database releases by itself when a killed worker's
   connection drops. So a sender that gets the lock and still finds rows in *sending* knows
   their worker is gone (`mark_interrupted`).

What a crash leaves (the window):
- The worker killed (kill -9) at any moment: of the batch it was sending, the rows before
  the one in flight are marked, the one in flight (handed over, or accepted by the server but
  not yet marked) is *sending*, and so are the rows after it, which never left. The next
  sender makes the first of them *uncertain* (its mail may or may not have left) and the
  others pending again: exactly the mail in flight is uncertain, nothing is sent twice.
- The database server crashing: outcomes committed asynchronously since the last durable
  claim, so at most one batch's, may be lost and those rows are *sending* again; the server's
  start time is then later than their claim, and every row of that batch still sending
  becomes *uncertain*. The window is one batch.
Only an explicit choice (a person's "skicka igen") makes an uncertain row pending again.

A rate (mails per minute) spaces the mails for relays that throttle, and a time budget,
checked between batches, ends a call early so that a Celery task stays short: the caller
queues a follow-up task while `BulkOutcome.more` is true. A `PreparedMessage` writes its own
bytes, which the sender hands straight to the SMTP connection.

The functions run in autocommit on purpose (each claim must be committed before its mail goes
out); do not call them inside a transaction.
"""

import datetime
import email.policy
import logging
import re
import smtplib
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from email.policy import Policy
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, models, transaction
from django.db.models.functions import Now
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
    """With the mailing's lock held: rows still *sending* were left by a sender that died.
    Returns how many became *uncertain*.

    Of each claim (the rows with one `claimed_at`), only the first row still sending can have
    reached the mail server: `bulk_send` hands a claim's rows over in primary-key order and
    commits each one's outcome before it hands over the next. That row becomes uncertain; the
    rows after it never left and become pending again. Unless the database server has
    restarted since the claim: then an outcome committed asynchronously may have been lost
    with it, and every row of the claim still sending becomes uncertain. A row without a
    claim time (left by an older sender) is uncertain too.
    """
    left = list(
        rows.filter(status=DeliveryStatus.SENDING)
        .order_by("claimed_at", "pk")
        .values_list("pk", "claimed_at")
    )
    if not left:
        return 0
    restarted = _database_started()
    uncertain: list[int] = []
    unsent: list[int] = []
    seen_claims: set[datetime.datetime] = set()
    for pk, claimed_at in left:
        never_handed = claimed_at in seen_claims and (restarted is None or restarted < claimed_at)
        (unsent if never_handed else uncertain).append(pk)
        if claimed_at is not None:
            seen_claims.add(claimed_at)
    model = rows.model
    model._default_manager.filter(pk__in=unsent, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.PENDING, last_error=""
    )
    return model._default_manager.filter(pk__in=uncertain, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.UNCERTAIN, last_error=""
    )


def _database_started() -> datetime.datetime | None:
    """When the PostgreSQL server started (its clock, as `claimed_at`); None elsewhere, where
    every commit is durable."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_postmaster_start_time()")
        return cursor.fetchone()[0]


# --- the mail-server connection --------------------------------------------------------------


class PreparedMessage(EmailMultiAlternatives):
    """A mail that writes its own bytes (`smtp_bytes`), for a sender of thousands of nearly
    identical mails: the email package takes milliseconds to build and fold each one. The bulk
    sender hands these bytes straight to an SMTP connection; any other backend (the test
    outbox, the development folder) gets `message()`, parsed from the same bytes, so every
    backend sees one and the same mail. The default `smtp_bytes` is Django's own message."""

    def smtp_bytes(self) -> bytes:
        """The whole mail, headers and body, with CRLF line ends."""
        return EmailMultiAlternatives.message(self, policy=email.policy.SMTP).as_bytes()

    def message(self, *, policy: "Policy[Message[str, str]] | None" = None) -> Any:
        # refold_source="none": written back exactly as prepared.
        base = policy if isinstance(policy, email.policy.EmailPolicy) else email.policy.default
        return email.message_from_bytes(self.smtp_bytes(), policy=base.clone(refold_source="none"))


# A line of mail content starting with a dot gets a second one (RFC 5321, 4.5.2).
DOT_AT_LINE_START = re.compile(rb"(?m)^\.")
# An address the SMTP envelope takes as it is (Django's prep_address parses the others).
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")


class Mailer:
    """One mail-server connection, reopened after an error so one bad address does not fail
    the rest of the batch."""

    def __init__(self) -> None:
        self.backend: BaseEmailBackend = mailers.default
        self.envelopes: dict[str, str] = {}

    def send(self, message: EmailMessage, *, before_content: Callable[[], None]) -> None:
        """Hand one mail over. `before_content` runs before the mail's content goes out, the
        step after which the server may accept it."""
        self.backend.open()
        try:
            smtp = getattr(self.backend, "connection", None)
            if isinstance(message, PreparedMessage) and isinstance(smtp, smtplib.SMTP):
                self._send_prepared(smtp, message, before_content)
            else:
                before_content()
                self.backend.send_messages([message])
        except Exception:
            self.close()
            raise

    def _send_prepared(
        self, smtp: smtplib.SMTP, message: PreparedMessage, before_content: Callable[[], None]
    ) -> None:
        """smtplib's sendmail and data in their steps: the envelope (MAIL FROM, RCPT TO,
        DATA), then `before_content`, then the prepared bytes (dot-stuffed) and the final
        dot. On an error the caller closes the connection instead of resetting it."""
        sender = self._envelope(message.from_email)
        recipients = [self._envelope(address) for address in message.recipients()]
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        refused = {}
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, reply)
        if len(refused) == len(recipients):
            raise smtplib.SMTPRecipientsRefused(refused)
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        content = DOT_AT_LINE_START.sub(b"..", message.smtp_bytes())
        before_content()
        smtp.send(content + (b"" if content.endswith(b"\r\n") else b"\r\n") + b".\r\n")
        code, reply = smtp.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)

    def _envelope(self, address: str) -> str:
        if PLAIN_ADDRESS.fullmatch(address):
            return address
        if address not in self.envelopes:
            self.envelopes[address] = self.backend.prep_address(address)  # type: ignore[attr-defined]
        return self.envelopes[address]

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


def _claim_batch(job: BulkJob, domain: str) -> list[Any]:
    """Take the next pending rows (in primary-key order) and claim them all in one transaction
    with a durable commit: pending → sending, claimed_at the database's own clock (see
    `mark_interrupted`), a new Message-ID each, and the job's claim fields. The claim fields
    and the Message-ID are set on the row objects too, for `job.message`."""
    with transaction.atomic():
        rows = list(
            job.rows.filter(status=DeliveryStatus.PENDING)
            .order_by("pk")
            .select_for_update(skip_locked=True, of=("self",))[: job.batch_size]
        )
        if not rows:
            return []
        model = type(rows[0])
        extra_fields: list[str] = []
        for row in rows:
            extra = job.claim_fields(row) if job.claim_fields else {}
            for name, value in extra.items():
                setattr(row, name, value)
            extra_fields += [name for name in extra if name not in extra_fields]
            row.message_id = make_msgid(domain=domain)
        # The rows are locked by this transaction and were pending: no condition needed.
        _write_claims(model, rows)
        if extra_fields:
            model._default_manager.bulk_update(rows, extra_fields)
    for row in rows:
        row.status = DeliveryStatus.SENDING
    return rows


def _write_claims(model: type[models.Model], rows: list[Any]) -> None:
    """pending → sending for the rows, each with its Message-ID: one UPDATE on PostgreSQL."""
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(rows, ["message_id"])
        model._default_manager.filter(pk__in=[row.pk for row in rows]).update(
            status=DeliveryStatus.SENDING, claimed_at=Now(), last_error=""
        )
        return
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    pk, status, claimed_at, last_error, message_id = (
        quote(_column(model, name))
        for name in ("pk", "status", "claimed_at", "last_error", "message_id")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {status} = %s, {claimed_at} = STATEMENT_TIMESTAMP(), "  # noqa: S608 - names from the model
            f"{last_error} = '', {message_id} = claim.message_id "
            "FROM unnest(%s::bigint[], %s::text[]) AS claim(id, message_id) "
            f"WHERE {table}.{pk} = claim.id",
            [
                DeliveryStatus.SENDING.value,
                [row.pk for row in rows],
                [row.message_id for row in rows],
            ],
        )


def _mark(row: Any, **fields: Any) -> None:
    """sending → the outcome: one UPDATE, written by hand (it runs once per mail)."""
    meta = type(row)._meta
    quote = connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in columns)
    status = quote(meta.get_field("status").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {assignments} "  # noqa: S608 - names from the model
            f"WHERE {quote(meta.pk.column)} = %s AND {status} = %s",
            [
                *(field.get_db_prep_save(fields[field.name], connection) for field in columns),
                row.pk,
                DeliveryStatus.SENDING.value,
            ],
        )


def _asynchronous_commits() -> None:
    """On PostgreSQL, this session's commits no longer wait for the disk (`synchronous_commit`
    off): they return once the commit is in the server's memory, visible to everyone. Only a
    crash of the database server itself can lose one, which `mark_interrupted` allows for,
    and the next claim's durable commit makes them all durable (the log is written in order)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")


def _close_connection() -> None:
    connection.close()  # the calling thread's own


class _Outcomes:
    """Writes the rows' outcomes, each committed before the next row's mail content goes to
    the server (`settle`, which `Mailer.send` calls at that step).

    On PostgreSQL and outside a transaction (where the sender always runs; a test may wrap it
    in one) a thread with a database connection of its own writes them, with asynchronous
    commits: the round trip to the database then overlaps the next mail's envelope instead of
    adding to it."""

    def __init__(self) -> None:
        self.executor: ThreadPoolExecutor | None = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.executor = ThreadPoolExecutor(
                max_workers=1,
                thread_name_prefix="bulk-mail-outcomes",
                initializer=_asynchronous_commits,
            )
        self.pending: Future[None] | None = None

    def write(self, row: Any, **fields: Any) -> None:
        self.settle()
        if self.executor is None:
            _mark(row, **fields)
        else:
            self.pending = self.executor.submit(_mark, row, **fields)

    def settle(self) -> None:
        """Wait until the last outcome is committed (raising what writing it raised)."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def close(self) -> None:
        try:
            self.settle()
        finally:
            if self.executor is not None:
                self.executor.submit(_close_connection)
                self.executor.shutdown(wait=True)
                self.executor = None


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
    outcomes = _Outcomes()
    try:
        while True:
            if job.time_budget is not None and time.monotonic() - started >= job.time_budget:
                more = job.rows.filter(status=DeliveryStatus.PENDING).exists()
                break
            batch = _claim_batch(job, domain)
            if not batch:
                break
            # In primary-key order, each row's outcome committed before the next is handed
            # over: `mark_interrupted` relies on it.
            for row in batch:
                message = job.message(row)
                message.extra_headers["Message-ID"] = row.message_id
                if interval:
                    wait = last_handed + interval - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
                    last_handed = time.monotonic()
                try:
                    mailer.send(message, before_content=outcomes.settle)
                except MAIL_ERRORS as error:
                    outcomes.write(row, status=DeliveryStatus.FAILED, last_error=error_text(error))
                    failed += 1
                    if job.on_failed:
                        job.on_failed(row, is_permanent(error))
                    continue
                outcomes.write(row, status=DeliveryStatus.SENT, sent_at=timezone.now())
                sent += 1
            # Committed before the next claim, whose durable commit then covers them too.
            outcomes.settle()
            mailer.close()
            if job.on_batch:
                job.on_batch(sent, failed)
    finally:
        try:
            outcomes.close()
        finally:
            mailer.close()
    return BulkOutcome(sent=sent, failed=failed, more=more)


def resend(rows: models.QuerySet[Any], **reset: Any) -> int:
    """Make the chosen failed or uncertain rows pending again (a person chose to send them
    again). `reset` are extra fields to clear. Returns how many."""
    return rows.filter(status__in=[DeliveryStatus.FAILED, DeliveryStatus.UNCERTAIN]).update(
        status=DeliveryStatus.PENDING, last_error="", **reset
    )


def _column(model: type[models.Model], name: str) -> str:
    """The database column of a concrete field of a delivery model ("pk": its primary key)."""
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    if not isinstance(field, models.Field) or field.column is None:
        raise TypeError(f"{model.__name__}.{name} is not a concrete field")
    return field.column

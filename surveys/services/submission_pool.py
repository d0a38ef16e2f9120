"""The pool of sealed submissions: how an answer is stored so that nothing links it to its
invitation, not even PostgreSQL's own bookkeeping.

Threat model
============

Who may read what (and must still not learn who answered what):

- A person with SQL access to the live database (an administrator, a support engineer, an
  attacker with the application's database password), who can run any SELECT at any moment,
  including the system columns `xmin`, `xmax` and `ctid`, and read a table in physical order.
- A `pg_dump` (the rows of every table, in physical order, without system columns) and a
  physical backup (`pg_basebackup`, a disk snapshot: the data files, system columns and dead
  rows included).

What they must not be able to learn: which response (or answer) came from which invitation,
and so from which e-mail address. Not through a column, a system column (`xmin` is the id of
the transaction that wrote a row, `ctid` its place in the table), the physical or dump order of
rows, or a time.

What they hold none of: the application's SECRET_KEY (it lives in the application server's
environment, never in the database). Whoever has it and the database can read the pool while
answers wait in it (but not answers that have been counted: see below).

Out of scope, and why:

- The WAL and its archives (point-in-time recovery) record every write with its transaction
  id and in order, for as long as they are kept. They show what a live reader who polls every
  second would see (below): which sealed row came with which invitation's "used" mark, and in
  which batch it was counted; the answers themselves stay sealed there. Keep WAL archives as
  short as recovery needs and guard them like the database.
- The database server's own logs. With `log_statement = 'all'` (or `log_min_duration_statement
  = 0`) PostgreSQL would log every statement with its time and parameters. Production must not
  log statements; only the sealed row's bytes and the invitation's id would appear anyway.
- The application's request logs: the personal link is redacted from every log line
  (`hok.log_redaction`), and the answering pages log nothing about what was answered.
- A person who controls the running application (its code or its memory) sees answers as they
  arrive. No storage design helps against that.

How the write goes
==================

1. Answering through an invitation runs one transaction that marks the invitation used (a
   conditional UPDATE: a second or racing submit changes nothing and is refused) and inserts one
   `SealedSubmission`: the answers of every unit, encrypted with AES-GCM under a key derived from
   SECRET_KEY, padded to a multiple of PAD_BYTES. The row has a random id, the survey and the
   sealed bytes; no invitation id, no time and no order can be read from it. Committing both in
   one transaction is what makes a token work exactly once and loses nothing on a crash (both
   or neither are stored). The sealed row and the invitation do share their `xmin`; splitting
   them into two transactions would hide nothing, since transaction ids are handed out in order
   and the two would be neighbours. The answers are protected by the seal, not by the xid.
2. Nothing response-shaped is written then. Sealed rows are counted in batches: when at least
   2 × k submissions wait (k is the survey's minimum group size, at least 2), one transaction
   opens all of them, keeps k back at random and writes the others as `Response` and `Answer`
   rows in a random order (so their `xmin` is the batch's, and their `ctid` and dump order are
   shuffled), and deletes the sealed rows it counted. When the survey has closed, everything
   still waiting is counted (by the beat task `surveys.tasks.flush_waiting_submissions`, and
   before results are published). Keeping k back means that even the last batch holds at least
   k respondents, so watching the pool empty never narrows a response down to fewer than k
   people.
3. Right after a batch is committed the pool table is vacuumed (`VACUUM`), which removes the
   dead sealed rows and their `xmin`/`xmax`. Without it autovacuum would remove them within
   minutes (it runs when 50 rows + 20 % of a table are dead; on a busy day that is after one or
   two batches). Until then a dead sealed row only tells which batch its invitation's answer
   went into, which is what the batches are built to allow.

What each reader can learn, then:

- From the live database at one moment: which invitations have been used, the sealed rows
  still waiting (with the `xmin` of their invitation, but unreadable), and the counted
  responses, each batch with one `xmin`, in random order within it, dated by the day the batch
  was written (never the day the person answered, so a reminder sent to those who had not
  answered by a given day does not single out anyone either).
- By polling all the time: in addition, which invitations were used between two batches, so
  that a response is known to be one of at least k (in practice 2 × k or more) people's.
- From a dump or a backup: at most the same, and nothing more.

The survey's answer counts therefore lag behind: up to 2 × k − 1 submissions wait until the
batch fills or the survey closes. The working group sees how many wait (never whose).
"""

import json
import logging
import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from surveys import rules
from surveys.models import Answer, Response, SealedSubmission, Survey

logger = logging.getLogger(__name__)

KEY_SALT = "surveys.sealed-submission"
NONCE_BYTES = 12
TAG_BYTES = 16  # AES-GCM's authentication tag, at the end of the ciphertext
# Sealed answers are padded to a multiple of this many bytes before encryption, so the size of
# a sealed row says only roughly how much free text it holds, never how many questions or units.
PAD_BYTES = 4096
FORMAT = 1
# A batch (and what is kept back) is never smaller than this, whatever the survey's setting.
SMALLEST_BATCH = 2


class Unsealable(Exception):
    """A sealed row that no current or fallback SECRET_KEY opens."""


@dataclass(frozen=True)
class SealedAnswer:
    question_id: int
    option_id: int | None
    scale_value: int | None
    text: str
    is_other: bool


@dataclass(frozen=True)
class SealedResponse:
    unit_id: int | None
    answers: list[SealedAnswer]


@dataclass(frozen=True)
class Opened:
    """What a sealed row holds: the responses of one submission."""

    responses: list[SealedResponse]


def _key(secret: str) -> bytes:
    return salted_hmac(KEY_SALT, "aes-256-gcm", secret=secret, algorithm="sha256").digest()


def _associated(survey_id: int) -> bytes:
    # Bound to its survey: a sealed row moved to another survey does not open.
    return f"survey:{survey_id}".encode()


def seal(*, survey_id: int, responses: Iterable[SealedResponse]) -> bytes:
    """The sealed bytes of one submission: nonce + AES-GCM of the padded JSON."""
    payload = {
        "v": FORMAT,
        "r": [
            {
                "u": response.unit_id,
                "a": [
                    [a.question_id, a.option_id, a.scale_value, a.text, a.is_other]
                    for a in response.answers
                ],
            }
            for response in responses
        ],
    }
    plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    # JSON ignores trailing whitespace: pad with spaces to the next multiple of PAD_BYTES.
    plain += b" " * (-len(plain) % PAD_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(_key(settings.SECRET_KEY)).encrypt(nonce, plain, _associated(survey_id))


def unseal(*, survey_id: int, sealed: bytes | memoryview) -> Opened:
    """Open a sealed row with SECRET_KEY or one of SECRET_KEY_FALLBACKS."""
    sealed = bytes(sealed)
    if len(sealed) < NONCE_BYTES + TAG_BYTES:
        raise Unsealable
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            plain = AESGCM(_key(secret)).decrypt(nonce, body, _associated(survey_id))
        except InvalidTag:
            continue
        payload: dict[str, Any] = json.loads(plain)
        return Opened(
            responses=[
                SealedResponse(
                    unit_id=item["u"],
                    answers=[SealedAnswer(*answer) for answer in item["a"]],
                )
                for item in payload["r"]
            ]
        )
    raise Unsealable


def _batch_floor(survey: Survey) -> int:
    """k: how many submissions a batch holds at least, and how many are kept back."""
    return max(survey.min_group_size, SMALLEST_BATCH)


def submissions_flush(*, survey_id: int, closing: bool = False) -> int:
    """Count what waits in the pool of one survey, if enough waits (see the module docstring);
    everything when the survey has closed or `closing` is given. Returns the number of
    responses written. Safe to run at any time and concurrently (one flush per survey at a
    time; the others find nothing to do)."""
    written = _flush(survey_id=survey_id, closing=closing)
    if written:
        vacuum_pool()
    return written


@transaction.atomic
def _flush(*, survey_id: int, closing: bool) -> int:
    survey = Survey.objects.select_for_update().filter(pk=survey_id).first()
    if survey is None:
        return 0
    closing = closing or rules.survey_is_closed(survey, timezone.localdate())
    floor = _batch_floor(survey)
    waiting = list(
        SealedSubmission.objects.select_for_update().filter(survey_id=survey_id).order_by()
    )
    if not waiting or (not closing and len(waiting) < 2 * floor):
        return 0
    opened: list[tuple[SealedSubmission, Opened]] = []
    for row in waiting:
        try:
            opened.append((row, unseal(survey_id=survey_id, sealed=row.sealed)))
        except Unsealable:
            # Kept, not lost: it opens again once the key it was sealed with is a fallback.
            logger.error("Survey %s: a sealed submission does not open with any key", survey_id)
    shuffler = random.SystemRandom()
    shuffler.shuffle(opened)
    chosen = opened if closing else opened[: max(len(opened) - floor, 0)]
    if not closing and len(chosen) < floor:
        return 0
    # The batch is dated by the day it is written (within the survey's dates), never by the
    # day anyone answered.
    day = min(timezone.localdate(), survey.closes_on)
    batch: list[tuple[Response, list[Answer]]] = []
    for _row, content in chosen:
        for item in content.responses:
            response = Response(survey_id=survey_id, submitted_on=day, unit_id=item.unit_id)
            answers = [
                Answer(
                    response=response,
                    question_id=a.question_id,
                    option_id=a.option_id,
                    scale_value=a.scale_value,
                    text=a.text,
                    is_other=a.is_other,
                )
                for a in item.answers
            ]
            batch.append((response, answers))
    # Submissions were shuffled; the units of one submission are shuffled among all the
    # batch's responses too. Rows are inserted in this order, so it is their physical order.
    shuffler.shuffle(batch)
    Response.objects.bulk_create([response for response, _answers in batch])
    Answer.objects.bulk_create([answer for _response, answers in batch for answer in answers])
    SealedSubmission.objects.filter(pk__in=[row.pk for row, _content in chosen]).delete()
    logger.info("Survey %s: %s responses counted from the pool", survey_id, len(batch))
    return len(batch)


def vacuum_pool() -> None:
    """Remove the dead sealed rows (and their system columns) now rather than when autovacuum
    gets to them. Only outside a transaction (VACUUM cannot run in one) and on PostgreSQL."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    table = connection.ops.quote_name(SealedSubmission._meta.db_table)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {table}")
    except DatabaseError:
        # Autovacuum removes them later (see the module docstring); the flush itself is done.
        logger.warning("VACUUM of the sealed submission pool failed", exc_info=True)


def flush_after_submit(*, survey: Survey) -> None:
    """Called after a submission is committed: count a batch if one is full (one COUNT when it
    is not). A failure here loses nothing: the submission is in the pool, and the beat task
    tries again."""
    if SealedSubmission.objects.filter(survey=survey).count() < 2 * _batch_floor(survey):
        return
    try:
        submissions_flush(survey_id=survey.pk)
    except DatabaseError:
        logger.warning("Survey %s: counting the pool failed; left for the beat", survey.pk)

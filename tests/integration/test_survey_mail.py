"""Survey invitations through real components: a Celery worker process on Redis, a real SMTP
server (aiosmtpd, in a thread of this test) and the test's own PostgreSQL database, which the
worker shares. Nothing is mocked between the task and the mail server.

Run locally with, for example:
    CELERY_BROKER_URL=redis://127.0.0.1:6379/10 REDIS_URL=redis://127.0.0.1:6379/11 \
    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/hok_invitations \
    uv run pytest tests/integration/test_survey_mail.py
Without a broker or PostgreSQL the tests are skipped (and fail under REQUIRE_SERVICES=1).
"""

import asyncio
import datetime
import email
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from unittest import mock
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hok.celery import app as celery_app
from hok.models import User
from surveys.models import Invitation, Survey
from surveys.models.invitations import InvitationSendRun, ReminderRound
from surveys.selectors.answering import invitation_for_token
from surveys.services import invitations as services
from surveys.tasks import send_invitations, send_reminder_round
from tests.conftest import service_or_skip
from tests.factories import WorkingGroupUserFactory
from tests.surveys.factories import InvitationFactory, SurveyFactory

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"http://portal\.test/enkat/svara/([A-Za-z0-9_-]+)/")
WAIT_SECONDS = 120


# --- the SMTP server ----------------------------------------------------------------------


@dataclass
class Received:
    to: str
    subject: str
    token: str


@dataclass
class Inbox:
    """What the SMTP server received. `stall_at` makes the server hold the n-th message (after
    receiving it, before answering "250 OK") until `release` is set: a mail in flight."""

    port: int = 0
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stall_at: int | None = None
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def to(self, subject_prefix: str = "") -> list[str]:
        with self.lock:
            return [m.to for m in self.messages if m.subject.startswith(subject_prefix)]

    def count(self) -> int:
        with self.lock:
            return len(self.messages)


class Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802
        parsed: Message = email.message_from_bytes(envelope.content)
        body = parsed.get_payload(decode=True).decode(parsed.get_content_charset() or "utf-8")
        subject = str(email.header.make_header(email.header.decode_header(parsed["Subject"])))
        found = LINK.search(body)
        with self.inbox.lock:
            for recipient in envelope.rcpt_tos:
                self.inbox.messages.append(
                    Received(to=recipient, subject=subject, token=found.group(1) if found else "")
                )
            number = len(self.inbox.messages)
        if number == self.inbox.stall_at:
            self.inbox.stalled.set()
            while not self.inbox.release.is_set():
                await asyncio.sleep(0.05)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    box = Inbox(port=_free_port())
    controller = Controller(Handler(box), hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        box.release.set()
        controller.stop()


# --- the worker ---------------------------------------------------------------------------


def _database_url() -> str:
    """The test database (pytest-django's `test_` copy), as the worker must see the same rows."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or "5432"
    return f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"


@dataclass
class Worker:
    queue: str
    start: Callable[[], subprocess.Popen]
    processes: list[subprocess.Popen]

    @property
    def process(self) -> subprocess.Popen:
        return self.processes[-1]


@pytest.fixture
def worker(inbox: Inbox, transactional_db: None, tmp_path: Path) -> Iterator[Worker]:
    broker = os.environ.get("CELERY_BROKER_URL", "")
    service_or_skip("Celery broker", bool(broker), "CELERY_BROKER_URL is not set")
    service_or_skip(
        "PostgreSQL",
        connection.vendor == "postgresql",
        "DATABASE_URL does not point at PostgreSQL (a worker cannot share SQLite's test database)",
    )
    queue = f"test-survey-mail-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hok.settings.dev",
        "DJANGO_DEBUG": "0",
        "CELERY_BROKER_URL": broker,
        "DATABASE_URL": _database_url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(inbox.port),
        "EMAIL_USE_TLS": "0",
        "PORTAL_BASE_URL": "http://portal.test",
    }
    processes: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "hok",
                "worker",
                "-Q",
                queue,
                "--pool",
                "solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "WARNING",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        processes.append(process)
        return process

    start()
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield Worker(queue=queue, start=start, processes=processes)
    finally:
        celery_app.conf.task_always_eager = eager
        for process in processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


# --- helpers ------------------------------------------------------------------------------


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting ({WAIT_SECONDS} s): {what}")


def _open_survey() -> Survey:
    today = timezone.localdate()
    return SurveyFactory(
        title="Uppföljning med riktig e-post",
        year=today.year,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )


def _invite(survey: Survey, count: int) -> list[str]:
    emails = [f"person{n:02d}@example.se" for n in range(count)]
    for address in emails:
        InvitationFactory(survey=survey, email=address, token_hash=None)
    return emails


def _send_through_worker(survey: Survey, worker: Worker) -> InvitationSendRun:
    run = InvitationSendRun.objects.create(survey=survey)
    send_invitations.apply_async(kwargs={"run_id": run.pk}, queue=worker.queue)
    return run


def _finished(run: InvitationSendRun) -> Callable[[], bool]:
    return lambda: InvitationSendRun.objects.filter(pk=run.pk, finished_at__isnull=False).exists()


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


INVITATION = "[HÖK-portalen] Inbjudan"
REMINDER = "[HÖK-portalen] Påminnelse"


# --- the tests ----------------------------------------------------------------------------


def test_fifty_invitations_arrive_with_fifty_distinct_working_tokens_and_a_rerun_sends_none(
    worker: Worker, inbox: Inbox
) -> None:
    survey = _open_survey()
    emails = _invite(survey, 50)

    run = _send_through_worker(survey, worker)
    _until(_finished(run), "the send run to finish")

    assert sorted(inbox.to(INVITATION)) == emails
    tokens = {m.to: m.token for m in inbox.messages}
    assert len(set(tokens.values())) == 50
    for address, token in tokens.items():
        invitation = invitation_for_token(token)
        assert invitation is not None, address
        assert invitation.email == address
        assert invitation.token_hash == _sha(token)
        assert invitation.status == Invitation.Status.SENT
    run.refresh_from_db()
    assert (run.sent, run.failed, run.found_uncertain) == (50, 0, 0)
    # A token opens the answering page.
    token = tokens[emails[0]]
    assert Client().get(reverse("surveys:answer", args=[token])).status_code == 200

    second = _send_through_worker(survey, worker)
    _until(_finished(second), "the second send run to finish")
    second.refresh_from_db()
    assert (second.sent, second.failed) == (0, 0)
    assert inbox.count() == 50
    assert {i.token_hash for i in survey.invitations.all()} == {_sha(t) for t in tokens.values()}


def test_the_reminder_reaches_exactly_those_who_have_not_answered(
    worker: Worker, inbox: Inbox
) -> None:
    survey = _open_survey()
    emails = _invite(survey, 10)
    run = _send_through_worker(survey, worker)
    _until(_finished(run), "the invitations to be sent")
    answered = emails[::3]  # 0, 3, 6, 9
    Invitation.objects.filter(email__in=answered).update(used=True)
    reminder = ReminderRound.objects.create(survey=survey, send_on=timezone.localdate())

    send_reminder_round.apply_async(kwargs={"round_id": reminder.pk}, queue=worker.queue)
    _until(
        lambda: ReminderRound.objects.filter(pk=reminder.pk, finished_at__isnull=False).exists(),
        "the reminder round to finish",
    )

    reminded = sorted(inbox.to(REMINDER))
    assert reminded == sorted(set(emails) - set(answered))
    invitation_tokens = {m.to: m.token for m in inbox.messages if m.subject.startswith(INVITATION)}
    for message in inbox.messages:
        if message.subject.startswith(REMINDER):
            # the reminder carries the invitation's own link, which still works
            assert message.token == invitation_tokens[message.to]
            assert invitation_for_token(message.token).email == message.to

    # Run again: the round is done, and even reopened it reminds nobody twice.
    ReminderRound.objects.filter(pk=reminder.pk).update(finished_at=None)
    send_reminder_round.apply_async(kwargs={"round_id": reminder.pk}, queue=worker.queue)
    _until(
        lambda: ReminderRound.objects.filter(pk=reminder.pk, finished_at__isnull=False).exists(),
        "the rerun to finish",
    )
    assert sorted(inbox.to(REMINDER)) == reminded


def test_a_worker_killed_mid_batch_duplicates_nobody_and_leaves_nobody_silently_unsent(
    worker: Worker, inbox: Inbox, give_mfa: Callable[[User], str]
) -> None:
    survey = _open_survey()
    emails = _invite(survey, 30)
    inbox.stall_at = 5  # the server holds the 5th mail: the worker dies with it in flight

    first = _send_through_worker(survey, worker)
    assert inbox.stalled.wait(WAIT_SECONDS), "the worker never reached the 5th mail"
    in_flight = inbox.to()[-1]
    assert Invitation.objects.get(email=in_flight).status == Invitation.Status.SENDING
    worker.process.send_signal(signal.SIGKILL)
    worker.process.wait(timeout=30)
    inbox.release.set()

    worker.start()
    second = _send_through_worker(survey, worker)
    _until(_finished(second), "the run after the restart to finish")

    received = inbox.to(INVITATION)
    assert len(received) == len(set(received)), "someone got the invitation twice"
    statuses = dict(survey.invitations.values_list("email", "status"))
    assert set(statuses) == set(emails)
    # Everyone is either sent (and got exactly one mail) or uncertain (and listed).
    assert set(statuses.values()) <= {Invitation.Status.SENT, Invitation.Status.UNCERTAIN}
    uncertain = sorted(e for e, s in statuses.items() if s == Invitation.Status.UNCERTAIN)
    assert uncertain == [in_flight]
    for address, status in statuses.items():
        if status == Invitation.Status.SENT:
            assert received.count(address) == 1, address
    assert set(received) == set(emails)  # the in-flight mail did reach the server
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.sent, second.found_uncertain) == (25, 1)
    assert first.interrupted

    # The working group sees the uncertain invitation, with the way to send it again.
    member = WorkingGroupUserFactory()
    give_mfa(member)
    client = Client()
    client.force_login(member)
    page = client.get(reverse("surveys:invitations", args=[survey.pk])).content.decode()
    attention = page.split('id="att-atgarda"')[1].split("</section>")[0]
    assert in_flight in attention
    assert "Skicka igen" in attention

    # Sending it again gives a new token; the one in the (maybe delivered) mail stops working.
    old_token = next(m.token for m in inbox.messages if m.to == in_flight)
    with mock.patch.object(
        services,
        "_queue_send",
        lambda run_id: send_invitations.apply_async(kwargs={"run_id": run_id}, queue=worker.queue),
    ):
        again = services.invitations_send_again(
            survey=survey,
            invitation_ids=[Invitation.objects.get(email=in_flight).pk],
            by=member,
        )
    _until(_finished(again), "the resend to finish")
    new_token = [m.token for m in inbox.messages if m.to == in_flight][-1]
    assert new_token != old_token
    assert invitation_for_token(old_token) is None
    assert invitation_for_token(new_token).email == in_flight
    assert Invitation.objects.get(email=in_flight).status == Invitation.Status.SENT

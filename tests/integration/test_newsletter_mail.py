"""Newsletters through real components: Celery worker processes on Redis, a real SMTP server
(aiosmtpd, in a thread of this test) and the test's PostgreSQL database, shared with the
workers. Nothing is mocked between the task and the mail server. The workers are started as
in test_survey_mail.py (its `worker` fixture), with tasks cut short (one second each) so a
send runs as a chain of continuations.

Without a broker or PostgreSQL the tests are skipped (and fail under REQUIRE_SERVICES=1).
"""

import asyncio
import email
import signal
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django.utils import timezone

from newsletters.models import Delivery, Newsletter, Subscriber
from newsletters.services import sending
from newsletters.tasks import send_newsletter
from tests.factories import AdminUserFactory
from tests.integration.test_survey_mail import (  # noqa: F401 - the worker fixture
    WAIT_SECONDS,
    Worker,
    _free_port,
    _until,
    worker,
)
from tests.newsletters.factories import NewsletterFactory

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Inbox:
    """Every message the SMTP server accepted, raw. `stall_at` holds the n-th message (received,
    not yet answered "250 OK") until `release` is set: a mail in flight."""

    port: int = 0
    raw: list[tuple[str, bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stall_at: int | None = None
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def recipients(self) -> list[str]:
        with self.lock:
            return [to for to, _content in self.raw]

    def parsed(self) -> list[EmailMessage]:
        with self.lock:
            return [email.message_from_bytes(c, policy=policy.default) for _to, c in self.raw]


class Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802
        with self.inbox.lock:
            for recipient in envelope.rcpt_tos:
                self.inbox.raw.append((recipient, envelope.original_content or envelope.content))
            number = len(self.inbox.raw)
        if number == self.inbox.stall_at:
            self.inbox.stalled.set()
            while not self.inbox.release.is_set():
                await asyncio.sleep(0.05)
        return "250 OK"


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    # Seen by the worker processes the `worker` fixture starts after this one.
    monkeypatch.setenv("NEWSLETTER_TASK_SECONDS", "1")
    box = Inbox(port=_free_port())
    controller = Controller(Handler(box), hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        box.release.set()
        controller.stop()


def _subscribers(confirmed: int) -> list[str]:
    now = timezone.now()
    emails = [f"prenumerant{n:04d}@example.se" for n in range(confirmed)]
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=address, status="confirmed", consent_at=now, consent_version="t")
            for address in emails
        ]
        + [
            Subscriber(email="vantar@example.se", status="pending"),
            Subscriber(email="avslutad@example.se", status="unsubscribed"),
            Subscriber(email="studsar@example.se", status="bouncing", consent_at=now),
        ]
    )
    return emails


def _start(newsletter: Newsletter, worker: Worker, times: int = 1) -> None:  # noqa: F811
    def queue(newsletter_id: int) -> None:
        for _n in range(times):
            send_newsletter.apply_async(kwargs={"newsletter_id": newsletter_id}, queue=worker.queue)

    with mock.patch.object(sending, "_queue_send", queue):
        sending.newsletter_send_start(newsletter=newsletter, by=AdminUserFactory())


def _sent(newsletter: Newsletter):  # noqa: ANN202
    return lambda: Newsletter.objects.filter(pk=newsletter.pk, status="sent").exists()


def test_a_thousand_subscribers_get_exactly_one_mail_each_even_with_two_tasks_and_two_workers(
    worker: Worker,  # noqa: F811
    inbox: Inbox,
) -> None:
    emails = _subscribers(1000)
    newsletter = NewsletterFactory(title="Nyhetsbrev till tusen")
    worker.start()  # a second worker on the same queue: the two tasks run side by side

    _start(newsletter, worker, times=2)
    _until(_sent(newsletter), "the newsletter to be sent")

    received = Counter(inbox.recipients())
    assert sorted(received) == emails  # nobody unconfirmed, unsubscribed or bouncing
    assert set(received.values()) == {1}
    message_ids = dict(
        Delivery.objects.filter(newsletter=newsletter).values_list(
            "subscriber__email", "message_id"
        )
    )
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    for message in inbox.parsed():
        to = message["To"]
        assert message["Message-ID"] == message_ids[to]
        assert message["List-Unsubscribe"].startswith("<http://portal.test/nyhetsbrev/avsluta/")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.get_body(("plain",)).get_content().startswith("Nyhetsbrev till tusen")
        assert "Nyhetsbrev till tusen" in message.get_body(("html",)).get_content()

    # Run the task again, twice: nothing more goes out.
    Newsletter.objects.filter(pk=newsletter.pk).update(status="sending")
    for _n in range(2):
        send_newsletter.apply_async(kwargs={"newsletter_id": newsletter.pk}, queue=worker.queue)
    _until(_sent(newsletter), "the reruns to finish")
    assert len(inbox.recipients()) == 1000

    # The one-click POST from a mail's header unsubscribes.
    first = inbox.parsed()[0]
    url = first["List-Unsubscribe"].strip("<>").removeprefix("http://portal.test")
    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Subscriber.objects.get(email=first["To"]).status == "unsubscribed"


def test_a_worker_killed_mid_send_leaves_one_uncertain_mail_and_doubles_nothing(
    worker: Worker,  # noqa: F811
    inbox: Inbox,
) -> None:
    emails = _subscribers(200)
    newsletter = NewsletterFactory()
    inbox.stall_at = 60

    _start(newsletter, worker)
    assert inbox.stalled.wait(WAIT_SECONDS), "the worker never reached the 60th mail"
    in_flight = inbox.recipients()[-1]
    assert Delivery.objects.get(subscriber__email=in_flight).status == "sending"
    worker.process.send_signal(signal.SIGKILL)
    worker.process.wait(timeout=30)
    inbox.release.set()

    worker.start()  # what the beat's resume does: the task queued again
    send_newsletter.apply_async(kwargs={"newsletter_id": newsletter.pk}, queue=worker.queue)
    _until(_sent(newsletter), "the send after the restart to finish")

    received = Counter(inbox.recipients())
    assert set(received.values()) == {1}, "someone got the newsletter twice"
    assert sorted(received) == emails
    statuses = dict(
        Delivery.objects.filter(newsletter=newsletter).values_list("subscriber__email", "status")
    )
    assert [e for e, s in statuses.items() if s == "uncertain"] == [in_flight]
    assert Counter(statuses.values()) == {"sent": 199, "uncertain": 1}

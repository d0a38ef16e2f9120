"""The newsletter sender on a real SMTP server (aiosmtpd in a thread) and committed rows: the
prepared bytes go over the connection, and each mail's outcome is committed (by the sender's
own outcome thread) before the next mail's content reaches the server."""

import asyncio
import email
import threading
import time
from collections.abc import Iterator
from email import policy
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, connections

from hok import bulk_mail
from newsletters.models import Delivery
from newsletters.services import sending
from tests.integration.test_survey_mail import _free_port
from tests.newsletters.factories import NewsletterFactory, SubscriberFactory

pytestmark = pytest.mark.django_db(transaction=True)


class Witness:
    """Keeps every mail and, as each one's content arrives, the stored status of every row."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[tuple[str, bytes, dict[str, str]]] = []

    def statuses(self) -> dict[str, str]:
        try:
            return dict(Delivery.objects.values_list("subscriber__email", "status"))
        finally:
            connections.close_all()  # this executor thread's own connection

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802
        statuses = await asyncio.get_running_loop().run_in_executor(None, self.statuses)
        with self.lock:
            self.received.append((envelope.rcpt_tos[0], envelope.original_content, statuses))
        return "250 OK"


@pytest.fixture
def witness(settings) -> Iterator[Witness]:
    if connection.vendor != "postgresql":
        pytest.skip("the outcome thread is used on PostgreSQL")
    box = Witness()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    try:
        yield box
    finally:
        controller.stop()


def test_each_outcome_is_committed_before_the_next_mail_arrives(witness: Witness) -> None:
    subscribers = [SubscriberFactory(email=f"p{n:02d}@example.se") for n in range(6)]
    newsletter = NewsletterFactory()
    mark = bulk_mail._mark

    def slow_mark(row, **fields) -> None:  # noqa: ANN001 - a database far away
        time.sleep(0.3)
        mark(row, **fields)

    with mock.patch.object(bulk_mail, "_mark", slow_mark):
        sending.newsletter_send_start(newsletter=newsletter, by=None)  # its task is eager here

    assert [to for to, _data, _statuses in witness.received] == [s.email for s in subscribers]
    for number, (to, _data, statuses) in enumerate(witness.received):
        earlier = [s.email for s in subscribers[:number]]
        assert [statuses[address] for address in earlier] == ["sent"] * number, to
        assert statuses[to] == "sending"
    message_ids = dict(Delivery.objects.values_list("subscriber__email", "message_id"))
    for to, data, _statuses in witness.received:
        mail = email.message_from_bytes(data, policy=policy.default)
        assert mail["To"] == to
        assert mail["Message-ID"] == message_ids[to]
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    with connection.cursor() as cursor:  # the outcome thread closed its connection
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] == 0

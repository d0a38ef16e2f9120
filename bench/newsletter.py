"""Benchmark: one newsletter to 10,000 subscribers through the real worker and a local SMTP
server, against a bare smtplib loop sending the same messages in the same run.

Run from the project directory:

    uv run python -m bench.newsletter [--subscribers N] [--database-url URL] [--broker-url URL]

It creates its own PostgreSQL database (hok_bench_newsletter on the server of
BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/; dropped again at the end),
migrates it, starts an SMTP server (aiosmtpd, counting what it accepts) in this process and
one Celery worker (solo pool) on Redis (--broker-url, default $CELERY_BROKER_URL or
redis://127.0.0.1:6379/0) with
a queue of its own. A warm-up newsletter to 10 subscribers makes sure the worker is up; then
the subscribers are GENERATED (prenumerant00000@bench.example …) and one newsletter is sent to
all of them: the time runs from the send being started to the last delivery row marked sent.
Then the same messages (written by the same code, one per subscriber with its delivery row's
Message-ID, so the server must receive as many bytes as from the worker) are sent by a bare
smtplib loop over one connection to the same server. Prints mails/s for both and the ratio
(aim ≥ 0.5), and one line of JSON. Fails (exit 1) when the server did not receive exactly one
mail per subscriber.
"""

import argparse
import json
import logging
import os
import platform
import smtplib
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from aiosmtpd.controller import Controller

from bench.harness import BenchError, free_port, fresh_database, log

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "hok_bench_newsletter"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/"
DEFAULT_BROKER = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"
WAIT_SECONDS = 900


class Counting:
    """An SMTP handler that counts recipients and bytes and keeps nothing else."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.recipients: dict[str, int] = {}
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.recipients[recipient] = self.recipients.get(recipient, 0) + 1
            self.bytes += len(envelope.original_content or b"")
        return "250 OK"

    def total(self) -> int:
        with self.lock:
            return sum(self.recipients.values())

    def reset(self) -> None:
        with self.lock:
            self.recipients.clear()
            self.bytes = 0


def _database_url(args: argparse.Namespace) -> str:
    if args.database_url:
        return args.database_url
    server = urlsplit(os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    return urlunsplit(server._replace(path=f"/{DATABASE_NAME}"))


def _wait(condition, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise BenchError(f"gave up waiting for {what}")


def run(args: argparse.Namespace) -> dict[str, object]:
    # aiosmtpd narrates every SMTP command at INFO: that would be measured too.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    handler = Counting()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    queue = f"bench-newsletter-{uuid.uuid4().hex[:8]}"
    with fresh_database(_database_url(args)) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hok.settings.dev",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": args.broker_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "EMAIL_USE_TLS": "0",
            "PORTAL_BASE_URL": "https://hok.example",
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("REDIS_URL", None)
        os.environ.update(env)
        log("manage.py migrate")
        subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
            cwd=PROJECT_DIR,
            env=env,
            check=True,
            timeout=600,
        )
        import django

        django.setup()
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        from hok.celery import app as celery_app

        celery_app.conf.task_always_eager = False
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "celery", "-A", "hok", "worker", "-Q", queue]
            + ["--pool", "solo", "--without-gossip", "--without-mingle", "--without-heartbeat"]
            + ["--loglevel", "WARNING"],
            cwd=PROJECT_DIR,
            env=env,
        )
        try:
            return _measure(args, handler, port, queue)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
            controller.stop()


def _measure(args: argparse.Namespace, handler: Counting, port: int, queue: str) -> dict:
    from unittest import mock

    from django.conf import settings
    from django.utils import timezone

    from hok.models import User
    from newsletters.mail import render_newsletter
    from newsletters.models import Delivery, Newsletter, Subscriber
    from newsletters.services import sending
    from newsletters.tasks import send_newsletter

    admin = User.objects.create_user("bench@hok.example", is_staff=True)
    now = timezone.now()

    def add_subscribers(start: int, stop: int) -> None:
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=f"prenumerant{n:05d}@bench.example",
                    status="confirmed",
                    consent_at=now,
                    consent_version="bench",
                )
                for n in range(start, stop)
            ],
            batch_size=2000,
        )

    def send(title: str) -> tuple[Newsletter, float]:
        newsletter = Newsletter.objects.create(
            title=title,
            preamble="Genererat nyhetsbrev för att mäta utskicket.",
            body="## Rubrik\n\nEtt stycke med **fetstil** och en [länk](https://example.se/).\n"
            * 5,
            created_by=admin,
        )

        def queue_send(newsletter_id: int) -> None:
            send_newsletter.apply_async(kwargs={"newsletter_id": newsletter_id}, queue=queue)

        started = time.perf_counter()
        with mock.patch.object(sending, "_queue_send", queue_send):
            sending.newsletter_send_start(newsletter=newsletter, by=admin)
        _wait(
            lambda: Newsletter.objects.filter(pk=newsletter.pk, status="sent").exists(),
            f"{title} to be sent",
        )
        return newsletter, time.perf_counter() - started

    log("warm-up: 10 subscribers")
    add_subscribers(0, 10)
    send("Uppvärmning")
    handler.reset()

    add_subscribers(10, args.subscribers)
    log(f"sending to {args.subscribers} subscribers through the worker")
    newsletter, worker_seconds = send("Genererat nyhetsbrev")
    received = handler.total()
    doubles = sum(1 for count in handler.recipients.values() if count > 1)
    if received != args.subscribers or doubles:
        raise BenchError(f"the server received {received} mails ({doubles} addresses twice)")

    worker_bytes = handler.bytes

    log("writing the same messages for the bare smtplib loop")
    rendered = render_newsletter(newsletter)
    payloads = []
    deliveries = Delivery.objects.filter(newsletter=newsletter).select_related("subscriber")
    for delivery in deliveries.order_by("pk"):
        subscriber = delivery.subscriber
        if subscriber is None:  # removed since the send: the bench removes nobody
            continue
        message = rendered.message(to=subscriber.email, unsubscribe_key=subscriber.unsubscribe_key)
        message.extra_headers["Message-ID"] = delivery.message_id
        payloads.append((subscriber.email, message.smtp_bytes()))
    handler.reset()
    sender = settings.DEFAULT_FROM_EMAIL
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for to, payload in payloads:
            smtp.sendmail(sender, [to], payload)
    bare_seconds = time.perf_counter() - started
    if handler.total() != args.subscribers:
        raise BenchError("the bare loop did not deliver every message")
    if handler.bytes != worker_bytes:
        raise BenchError(f"not the same messages: {worker_bytes} bytes, bare {handler.bytes}")

    worker_rate = args.subscribers / worker_seconds
    bare_rate = args.subscribers / bare_seconds
    return {
        "name": "newsletter",
        "subscribers": args.subscribers,
        "worker_seconds": round(worker_seconds, 2),
        "worker_mails_per_second": round(worker_rate, 1),
        "mail_bytes": round(worker_bytes / args.subscribers),
        "bare_smtplib_seconds": round(bare_seconds, 2),
        "bare_smtplib_mails_per_second": round(bare_rate, 1),
        "ratio": round(worker_rate / bare_rate, 3),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--broker-url", default=DEFAULT_BROKER)
    args = parser.parse_args(argv)
    try:
        result = run(args)
    except BenchError as error:
        log(f"FAILED: {error}")
        return 1
    print(  # noqa: T201
        f"newsletter to {result['subscribers']} subscribers, {result['mail_bytes']} bytes a mail"
    )
    print(  # noqa: T201
        f"  through the worker: {result['worker_mails_per_second']:>8} mails/s "
        f"({result['worker_seconds']} s)"
    )
    print(  # noqa: T201
        f"  bare smtplib loop:  {result['bare_smtplib_mails_per_second']:>8} mails/s "
        f"({result['bare_smtplib_seconds']} s)"
    )
    print(f"  ratio: {result['ratio']} (aim >= 0.5)")  # noqa: T201
    print(json.dumps(result))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())

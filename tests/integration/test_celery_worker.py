"""A real Celery worker, started here, takes a task from Redis and delivers the mail."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from hok.celery import app as celery_app
from hok.tasks import deliver_email


def _broker_or_skip() -> str:
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 but CELERY_BROKER_URL is not set")
        pytest.skip("CELERY_BROKER_URL is not set: no broker to run a real worker against")
    return broker


@pytest.fixture
def worker_queue(tmp_path: Path):
    broker = _broker_or_skip()
    queue = f"test-{uuid.uuid4().hex[:12]}"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hok.settings.dev",
        "CELERY_BROKER_URL": broker,
        "EMAIL_FILE_PATH": str(mail_dir),
        "EMAIL_HOST": "",
    }
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
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
            "--loglevel",
            "WARNING",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    try:
        yield queue, mail_dir
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.fixture
def through_the_broker():
    """Test settings run tasks in process; here the task must really go through Redis."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = eager


def test_worker_delivers_mail_sent_through_the_broker(worker_queue, through_the_broker):
    queue, mail_dir = worker_queue
    deliver_email.apply_async(
        kwargs={
            "subject": "Välkommen till HÖK-portalen",
            "body": "Hej från arbetsgruppen.",
            "html": "<p>Hej från arbetsgruppen.</p>",
            "to": ["mottagare@example.org"],
            "from_email": "noreply@example.org",
        },
        queue=queue,
    )

    deadline = time.monotonic() + 60
    files: list[Path] = []
    while time.monotonic() < deadline and not files:
        files = list(mail_dir.glob("*.log")) if mail_dir.exists() else []
        time.sleep(0.25)
    assert files, "the worker did not deliver the message within 60 s"
    content = files[0].read_text(encoding="utf-8")
    assert "mottagare@example.org" in content
    assert "text/html" in content

"""The sealed answer pool through a real Celery worker process (issue 11, finding 1): answers
sealed by the web process are opened and counted by the worker when the survey has closed (the
beat's task), and the worker vacuums the pool table afterwards. Needs PostgreSQL and Redis."""

import datetime
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from hok.celery import app as celery_app
from surveys.models import Response, SealedSubmission, Survey
from surveys.tasks import flush_waiting_submissions
from tests.conftest import service_or_skip
from tests.surveys.factories import InvitationFactory
from tests.surveys.test_answering import answer_url, build_survey, valid_answers

WAIT_SECONDS = 60


def _database_url() -> str:
    """The test database (pytest-django's `test_` copy): the worker must see the same rows."""
    db = connection.settings_dict
    user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or "5432"
    return f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def worker_queue(transactional_db: None) -> Iterator[str]:
    broker = os.environ.get("CELERY_BROKER_URL", "")
    service_or_skip("Celery broker", bool(broker), "CELERY_BROKER_URL is not set")
    service_or_skip(
        "PostgreSQL",
        connection.vendor == "postgresql",
        "DATABASE_URL does not point at PostgreSQL (a worker cannot share SQLite's test database)",
    )
    queue = f"test-survey-pool-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hok.settings.dev",
        "DJANGO_DEBUG": "0",
        # The same key as this process: the worker opens what the web process sealed.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "CELERY_BROKER_URL": broker,
        "DATABASE_URL": _database_url(),
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            *(sys.executable, "-m", "celery", "-A", "hok", "worker", "-Q", queue),
            *("--pool", "solo", "--without-gossip", "--without-mingle", "--without-heartbeat"),
            *("--loglevel", "WARNING"),
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        celery_app.conf.task_always_eager = eager
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting ({WAIT_SECONDS} s): {what}")


def _vacuumed_at() -> datetime.datetime | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = %s",
            [SealedSubmission._meta.db_table],
        )
        return cursor.fetchone()[0]


def test_the_worker_counts_a_closed_surveys_pool_and_vacuums_it(worker_queue: str) -> None:
    built = build_survey()
    client = Client()
    for number in range(3):
        InvitationFactory(survey=built.survey, token=f"kod-{number}")
        assert client.post(answer_url(f"kod-{number}"), valid_answers(built)).status_code == 302
    assert (Response.objects.count(), SealedSubmission.objects.count()) == (0, 3)
    vacuumed_before = _vacuumed_at()  # other tests of the session may have vacuumed it

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Survey.objects.filter(pk=built.survey.pk).update(
        opens_on=yesterday - datetime.timedelta(days=10), closes_on=yesterday
    )
    flush_waiting_submissions.apply_async(queue=worker_queue)

    _until(lambda: not SealedSubmission.objects.exists(), "the worker to count the pool")
    assert Response.objects.filter(survey=built.survey).count() == 3
    texts = set(
        Response.objects.filter(answers__question=built.text).values_list(
            "answers__text", flat=True
        )
    )
    assert texts == {"Mer dialog, tack."}
    _until(lambda: _vacuumed_at() != vacuumed_before, "the worker to vacuum the pool table")

"""The report through real components: a Celery worker process on Redis, consuming the pdf
route, sharing the test's PostgreSQL database and private file storage. The PDF it writes is
read back with pypdf and compared with what the site shows.

Skipped without a broker or PostgreSQL (a failure under REQUIRE_SERVICES=1).
"""

import io
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from agreements.selectors.directory import signatories_public
from hok.celery import app as celery_app
from reports.models import Report, ReportVersion
from reports.rules import render_time_limit
from tests.conftest import client_for, person_in_role, service_or_skip
from tests.reports.data import Year, build_year

pytestmark = pytest.mark.django_db(transaction=True)

WAIT_SECONDS = 180


def _database_url() -> str:
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


@pytest.fixture
def worker(transactional_db: None, settings, tmp_path: Path) -> Iterator[Worker]:
    broker = os.environ.get("CELERY_BROKER_URL", "")
    service_or_skip("Celery broker", bool(broker), "CELERY_BROKER_URL is not set")
    service_or_skip(
        "PostgreSQL",
        connection.vendor == "postgresql",
        "DATABASE_URL does not point at PostgreSQL (a worker cannot share SQLite's test database)",
    )
    # The pdf route of the settings, under a name of this test's own (-Q below).
    assert celery_app.amqp.router.route({}, "reports.tasks.render_report")["queue"].name == (
        settings.CELERY_PDF_QUEUE
    )
    queue = f"test-pdf-{uuid.uuid4().hex[:12]}"
    private = tmp_path / "private-media"
    settings.PRIVATE_MEDIA_ROOT = private
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hok.settings.dev",
        "DJANGO_DEBUG": "0",
        "CELERY_BROKER_URL": broker,
        "DATABASE_URL": _database_url(),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(private),
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

    eager = celery_app.conf.task_always_eager
    routes = celery_app.conf.task_routes
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_routes = {"*.render_*": {"queue": queue}}
    celery_app.amqp.flush_routes()
    celery_app.amqp.router = celery_app.amqp.Router()
    try:
        yield Worker(queue=queue, start=start, processes=processes)
    finally:
        celery_app.conf.task_always_eager = eager
        celery_app.conf.task_routes = routes
        celery_app.amqp.flush_routes()
        celery_app.amqp.router = celery_app.amqp.Router()
        for process in processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def _until(condition: Callable[[], bool], what: str, interval: float = 0.1) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"gave up waiting ({WAIT_SECONDS} s): {what}")


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&nbsp;", " ")


@pytest.fixture
def manager(give_mfa) -> Client:
    return client_for(person_in_role("working_group_mfa", give_mfa))


def _version(report: Report) -> ReportVersion:
    return ReportVersion.objects.get(report=report, number=1)


def test_worker_renders_the_report_and_two_presses_make_one_job(worker, manager, seed):
    year: Year = build_year()
    response = manager.post(reverse("reports:report_create"), {"year": year.year})
    assert response.status_code == 302
    report = Report.objects.get(year=year.year)
    press = reverse("reports:pdf_create", args=[year.year])
    assert manager.post(press).status_code == 302
    second = manager.post(press, follow=True)
    assert "håller redan på att skapas" in second.content.decode()
    assert ReportVersion.objects.filter(report=report).count() == 1

    worker.start()
    _until(lambda: _version(report).status == ReportVersion.Status.DONE, "the PDF")
    assert ReportVersion.objects.filter(report=report).count() == 1
    version = _version(report)
    pdf = manager.get(reverse("reports:version_pdf", args=[year.year, 1]))
    content = b"".join(pdf.streaming_content)
    assert len(content) == version.size
    assert PdfReader(io.BytesIO(content)).metadata.title == (
        f"Uppföljning av Halländska Överenskommelsen {year.year}"
    )
    assert len(PdfReader(io.BytesIO(content)).pages) == version.page_count
    text = _text(content)

    # Signatories: the directory's count is the report's.
    assert signatories_public().count() == 3
    assert f"Vid slutet av {year.year} hade 3 organisationer" in text
    assert "1 återkallade sin underskrift" in text
    for organisation in year.signatories:
        assert organisation.name in text  # the annex

    # The survey: the results page's percentages and answer rate.
    results = _plain(
        manager.get(reverse("surveys:results", args=[year.survey.pk])).content.decode()
    )
    for figure in ("69 %", "31 %", "(77 %)", "2,30"):
        assert figure in results.replace("\xa0", " "), figure
        assert figure in text.replace("\xa0", " "), figure

    # The conference: theme counts as on the conference's public page.
    page = _plain(
        Client()
        .get(reverse("dialogues:conference_public", args=[year.conference.slug]))
        .content.decode()
    )
    assert re.search(r"psykisk hälsa\s+5", page)
    assert re.search(r"psykisk hälsa\s+5", text)
    assert re.search(r"ensamhet\s+2", text)

    # Published, the public sees the same PDF.
    manager.post(reverse("reports:version_publish", args=[year.year, 1]))
    public = Client().get(reverse("reports:public_pdf", args=[year.year]))
    assert b"".join(public.streaming_content) == content


def test_killed_worker_leaves_an_interrupted_job_that_can_be_retried(worker, manager, seed):
    # Enough signatories that writing the PDF takes a while to catch it mid-render.
    year = build_year(extra_signatories=600)
    manager.post(reverse("reports:report_create"), {"year": year.year})
    report = Report.objects.get(year=year.year)
    manager.post(reverse("reports:pdf_create", args=[year.year]))
    process = worker.start()
    _until(
        lambda: _version(report).status == ReportVersion.Status.WRITING,
        "the worker to start writing",
        interval=0.02,
    )
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)

    version = _version(report)
    assert version.status == ReportVersion.Status.WRITING
    assert not version.pdf
    storage = Path(settings.PRIVATE_MEDIA_ROOT)
    assert not list(storage.rglob("*.pdf")), "a half-written PDF under its real name"

    page = manager.get(reverse("reports:report_edit", args=[year.year])).content.decode()
    assert "avbröts" not in page  # still within the time limit: shown as running
    # The time limit passes (moved back rather than waited for).
    gone = version.started_at - _seconds(render_time_limit() + 60)
    ReportVersion.objects.filter(pk=version.pk).update(queued_at=gone, started_at=gone)
    page = manager.get(reverse("reports:report_edit", args=[year.year])).content.decode()
    assert "avbröts" in page and "Försök igen" in page

    worker.start()
    assert manager.post(reverse("reports:version_retry", args=[year.year, 1])).status_code == 302
    _until(lambda: _version(report).status == ReportVersion.Status.DONE, "the retried PDF")
    version = _version(report)
    assert version.attempt == 2
    assert version.page_count > 10
    assert len(list(storage.rglob("*.pdf"))) == 1
    assert not list(storage.rglob("*.part"))


def _seconds(count: int):
    import datetime

    return datetime.timedelta(seconds=count)

"""A real Celery worker, started as docker-compose's `worker-pdf` runs (the `pdf` queue only,
prefork, one process, a fresh one every few tasks), renders the 2021 conference's compiled
document that the working group asked for through the page: the task goes through Redis on its
route, the job row reports done, and the stored PDF is tagged, titled and holds the notes."""

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from dialogues.models import DocumentRender, Note
from dialogues.services.seed import conference_load_seed
from hok.celery import app as celery_app
from hok.models import User
from tests.conftest import service_or_skip
from tests.dialogues import roles

WAIT_SECONDS = 180
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")


def _database_url() -> str:
    """The test database (pytest-django's `test_` copy): the worker must see the same rows."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or "5432"
    return f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def pdf_worker(transactional_db: None) -> Iterator[subprocess.Popen]:
    broker = os.environ.get("CELERY_BROKER_URL", "")
    service_or_skip("Celery broker", bool(broker), "CELERY_BROKER_URL is not set")
    service_or_skip(
        "PostgreSQL",
        connection.vendor == "postgresql",
        "DATABASE_URL does not point at PostgreSQL (a worker cannot share SQLite's test database)",
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hok.settings.dev",
        "DJANGO_DEBUG": "0",
        "CELERY_BROKER_URL": broker,
        "DATABASE_URL": _database_url(),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hok",
            "worker",
            "--queues",
            settings.CELERY_PDF_QUEUE,
            "--concurrency",
            "1",
            "--max-tasks-per-child",
            "5",
            "--max-memory-per-child",
            "600000",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "WARNING",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield worker
    finally:
        celery_app.conf.task_always_eager = eager
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"gave up waiting ({WAIT_SECONDS} s): {what}")


def _run(program: str | None, *args: str) -> str:
    assert program is not None
    return subprocess.run(  # noqa: S603 - a fixed program on a file we wrote
        [program, *args], check=True, capture_output=True, text=True
    ).stdout


def test_the_pdf_worker_renders_the_compiled_document(
    pdf_worker: subprocess.Popen, give_mfa: Callable[[User], str], tmp_path: Path
) -> None:
    service_or_skip("poppler", bool(PDFTOTEXT and PDFINFO), "install poppler-utils")
    conference, _created = conference_load_seed()
    wg = roles.client_as("working_group_mfa", give_mfa)
    start = reverse("dialogues:document_render_start", kwargs={"pk": conference.pk})
    assert wg.post(start, {"version": "public"}).status_code == 302
    # a second press while the worker renders starts nothing new
    wg.post(start, {"version": "public"})
    job = DocumentRender.objects.get(conference=conference)

    def finished() -> bool:
        job.refresh_from_db()
        assert pdf_worker.poll() is None, "the pdf worker died"
        return job.status in {DocumentRender.Status.DONE, DocumentRender.Status.FAILED}

    _until(finished, "the worker to finish the compiled document")
    assert job.status == DocumentRender.Status.DONE, job.error
    assert DocumentRender.objects.count() == 1

    pdf_url = reverse("dialogues:document_pdf", kwargs={"slug": conference.slug})
    response = wg.get(pdf_url)
    assert response.status_code == 200
    path = tmp_path / "sammanstallning.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    assert path.stat().st_size == job.size

    info = _run(PDFINFO, str(path))
    assert "Tagged:          yes" in info
    assert "Title:           Sammanställning av dialogerna – Starkare än förr" in info
    assert f"Pages:           {job.pages}" in info
    text = " ".join(_run(PDFTOTEXT, "-enc", "UTF-8", str(path), "-").split())
    assert "RÅMATERIAL DIALOG 1 – PSYKISK HÄLSA" in text
    for note in Note.objects.filter(dialogue__conference=conference, hidden=False)[:20]:
        first_line = " ".join(note.text.splitlines()[0].split())
        assert first_line in text, first_line
    # the working group's page no longer polls and calls the PDF current
    page = wg.get(reverse("dialogues:document_renders", kwargs={"pk": conference.pk}))
    assert 'hx-trigger="every 2s"' not in page.content.decode()
    assert "Aktuell" in page.content.decode()

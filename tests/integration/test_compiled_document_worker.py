"""A real Celery worker, started as docker-compose's `worker-pdf` runs (the `pdf` queue only,
prefork, one process, a fresh one every few tasks), renders the 2021 conference's compiled
document that the working group asked for through the page: the task goes through Redis on its
route, the job row reports done, and the stored PDF is tagged, titled and holds the notes."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from dialogues.models import DocumentRender, Note
from dialogues.models import documents as document_models
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
def start_pdf_worker(
    transactional_db: None, settings, tmp_path: Path
) -> Iterator[Callable[[], subprocess.Popen]]:
    """Starts pdf workers (each in a session of its own, so a test can kill -9 all of it),
    storing their files in this test's own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
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
    workers: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "hok",
                "worker",
                "--queues",
                django_settings.CELERY_PDF_QUEUE,
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
            cwd=django_settings.BASE_DIR,
            env=env,
            start_new_session=True,
        )
        workers.append(worker)
        return worker

    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield start
    finally:
        celery_app.conf.task_always_eager = eager
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    pass
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGKILL)
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
    start_pdf_worker: Callable[[], subprocess.Popen],
    give_mfa: Callable[[User], str],
    tmp_path: Path,
) -> None:
    service_or_skip("poppler", bool(PDFTOTEXT and PDFINFO), "install poppler-utils")
    pdf_worker = start_pdf_worker()
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


def test_a_worker_killed_mid_render_leaves_an_interrupted_job_to_try_again(
    start_pdf_worker: Callable[[], subprocess.Popen],
    give_mfa: Callable[[User], str],
    settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The page's idea of "too long": one second past the start (the worker keeps its limits).
    grace = document_models.STALE_GRACE_SECONDS
    monkeypatch.setattr(document_models, "STALE_GRACE_SECONDS", 1 - settings.PDF_RENDER_TIME_LIMIT)
    worker = start_pdf_worker()
    conference, _created = conference_load_seed()
    wg = roles.client_as("working_group_mfa", give_mfa)
    start = reverse("dialogues:document_render_start", kwargs={"pk": conference.pk})
    page_url = reverse("dialogues:document_renders", kwargs={"pk": conference.pk})
    wg.post(start, {"version": "drafts"})
    job = DocumentRender.objects.get()

    def writing() -> bool:
        job.refresh_from_db()
        return job.step == DocumentRender.Step.WRITING  # WeasyPrint at work

    _until(writing, "the worker to start writing the PDF")
    os.killpg(worker.pid, signal.SIGKILL)  # the worker and its pool process
    worker.wait(timeout=30)
    time.sleep(1.5)  # past the (shortened) time limit

    page = wg.get(page_url).content.decode()
    assert "blev aldrig klar" in page and "Försök igen" in page
    job.refresh_from_db()
    assert job.status == DocumentRender.Status.RUNNING and not job.file
    documents = Path(settings.PRIVATE_MEDIA_ROOT) / "dialogues" / "documents"
    assert not (documents.exists() and list(documents.iterdir()))  # nothing half-written

    start_pdf_worker()
    assert wg.post(start, {"version": "drafts"}).status_code == 302  # "Försök igen"
    monkeypatch.setattr(document_models, "STALE_GRACE_SECONDS", grace)  # for the new job
    job.refresh_from_db()
    assert job.status == DocumentRender.Status.FAILED
    retry = DocumentRender.objects.exclude(pk=job.pk).get()

    def finished() -> bool:
        retry.refresh_from_db()
        return retry.status in {DocumentRender.Status.DONE, DocumentRender.Status.FAILED}

    _until(finished, "the new worker to render the retried job")
    assert retry.status == DocumentRender.Status.DONE, retry.error
    assert [path.name for path in documents.iterdir()] == [Path(retry.file.name).name]

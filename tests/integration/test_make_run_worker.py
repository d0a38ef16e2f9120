"""What `make run` starts works without any server: `manage.py serve_all` runs a Celery worker
(the same command line) on the development settings' folder broker, which takes a task from
the folder and runs it; and one SIGINT stops the supervisor and every process it started.

Nothing here needs Redis: the broker is kombu's filesystem transport in a temporary folder.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from hok.management.commands.serve_all import commands

SEND_MAIL = """
import django
django.setup()
from hok.tasks import deliver_email
deliver_email.delay(subject="Prov", body="Hej från make run.", html="", to=["a@example.org"],
                    from_email="noreply@example.org")
"""

ROUTE_AND_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
from django.db import connection
from hok.celery import app
route = app.amqp.router.route({}, "dialogues.tasks.render_compiled_document")
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
print(json.dumps({
    "broker": settings.CELERY_BROKER_URL,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "pdf_queue": route["queue"].name,
    "journal": journal,
    "transaction_mode": settings.DATABASES["default"]["OPTIONS"]["transaction_mode"],
}))
"""


def _dev_env(tmp_path: Path) -> dict[str, str]:
    """The environment of `make run` on a fresh clone: no broker URL, no database URL."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="hok.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CELERY_BROKER_FOLDER=str(tmp_path / "broker"),
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
        PYTHONUNBUFFERED="1",
    )
    return env


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our interpreter, our code
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _group_members(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after the name: state, ppid, pgrp; a zombie (Z) is already gone
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def test_development_settings_use_a_real_worker(tmp_path: Path) -> None:
    result = _python(ROUTE_AND_SETTINGS, _dev_env(tmp_path))
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "broker": "filesystem://",
        "eager": False,
        "pdf_queue": "pdf",
        "journal": "wal",
        "transaction_mode": "IMMEDIATE",
    }


def test_worker_of_make_run_takes_a_task_from_the_folder_broker(tmp_path: Path) -> None:
    env = _dev_env(tmp_path)
    worker_command = commands(address="127.0.0.1:0", concurrency=1, beat_schedule=tmp_path / "s")
    worker = subprocess.Popen(  # noqa: S603 - the command line serve_all uses
        worker_command["worker"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        sent = _python(SEND_MAIL, env)
        assert sent.returncode == 0, sent.stderr
        mail_dir = tmp_path / "mail"
        deadline = time.monotonic() + 90
        files: list[Path] = []
        while time.monotonic() < deadline and not files:
            files = list(mail_dir.glob("*.log")) if mail_dir.exists() else []
            time.sleep(0.25)
        assert files, "the worker did not take the task from the folder broker within 90 s"
        assert "Hej från make run." in files[0].read_text(encoding="utf-8")
        # taken and acknowledged: nothing is left waiting in the folder
        assert not list((tmp_path / "broker" / "queue").glob("*.msg"))
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_one_signal_stops_worker_and_beat_with_no_process_left(
    tmp_path: Path, signum: signal.Signals
) -> None:
    env = _dev_env(tmp_path)
    supervisor = subprocess.Popen(  # noqa: S603 - our interpreter and command
        [sys.executable, "manage.py", "serve_all", "--only", "worker", "--only", "beat"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=(tmp_path / "stderr").open("w"),
        text=True,
        start_new_session=True,  # a terminal of its own: the signal goes to its group
    )
    try:
        started: list[int] = []
        assert supervisor.stdout is not None
        for line in supervisor.stdout:
            if line.startswith("started "):
                started.append(int(line.rsplit("pid ", 1)[1].rstrip(")\n")))
            if len(started) == 2:
                break
        assert len(started) == 2
        # let the worker fork its pool, so there are grandchildren to clean up too
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_group_members(started[0])) < 2:
            time.sleep(0.25)
        assert len(_group_members(started[0])) >= 2, "the worker's pool did not start"
        os.killpg(supervisor.pid, signum)  # what Ctrl-C does in a terminal
        supervisor.wait(timeout=60)
        assert supervisor.returncode == 0
        for pid in started:
            assert not _alive(pid), pid
            assert _group_members(pid) == []
        # stopped by the signal, within the grace period, not killed
        assert "did not stop in time" not in (tmp_path / "stderr").read_text()
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
            supervisor.wait()

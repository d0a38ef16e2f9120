"""`make run`: runserver, a Celery worker (the default queue and the `pdf` queue) and Celery
beat, started together and stopped together.

Each child runs in its own process group, so the supervisor alone decides how they stop: Ctrl-C
(SIGINT), SIGTERM or SIGHUP here sends SIGTERM to each child (to runserver's whole group, so
its autoreloader child goes too), waits, and then kills every child's whole group, so nothing
it started (the worker's pool processes) outlives it. If
one child ends by itself, the others are stopped too and the command fails, so a crashed worker
never leaves a portal that looks fine but runs no tasks. On Linux each child is also told to
receive SIGTERM if the supervisor itself dies (prctl PR_SET_PDEATHSIG).
"""

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

# Seconds a child gets to stop after SIGTERM before it is killed.
STOP_GRACE_SECONDS = 10
PR_SET_PDEATHSIG = 1


# Who gets the first SIGTERM: the whole group for runserver (its autoreloader parent would
# leave the serving child behind), the main process alone for Celery (it stops its own pool
# processes in a warm shutdown; signalling them too makes it wait for the dead ones).
STOP_WHOLE_GROUP = {"web": True, "worker": False, "beat": False}


@dataclass
class Child:
    name: str
    process: subprocess.Popen[bytes]


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGTERM when the supervisor goes away."""
    libc_name = ctypes.util.find_library("c")
    if libc_name:
        ctypes.CDLL(libc_name, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def commands(*, address: str, concurrency: int, beat_schedule: Path) -> dict[str, list[str]]:
    python = sys.executable
    queues = f"celery,{settings.CELERY_PDF_QUEUE}"
    return {
        "web": [python, "manage.py", "runserver", address],
        "worker": [
            python,
            "-m",
            "celery",
            "-A",
            "hok",
            "worker",
            "--queues",
            queues,
            "--concurrency",
            str(concurrency),
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
        ],
        "beat": [
            python,
            "-m",
            "celery",
            "-A",
            "hok",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(beat_schedule),
        ],
    }


class Command(BaseCommand):
    help = "Serve the portal with a Celery worker and beat beside it; Ctrl-C stops all of them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--concurrency", type=int, default=2)
        parser.add_argument(
            "--only",
            choices=["web", "worker", "beat"],
            action="append",
            help="start only these (repeatable); default: all three",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        var = Path(settings.BASE_DIR) / "var"
        var.mkdir(exist_ok=True)
        wanted = commands(
            address=options["address"],
            concurrency=options["concurrency"],
            beat_schedule=var / "celerybeat-schedule",
        )
        only = options["only"] or list(wanted)
        children: list[Child] = []
        stopping = False

        def stop(signum: int, _frame: object) -> None:
            nonlocal stopping
            stopping = True

        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, stop)
        try:
            for name in only:
                process = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
                    wanted[name],
                    cwd=settings.BASE_DIR,
                    process_group=0,
                    preexec_fn=_die_with_parent,  # noqa: PLW1509 - no threads started yet
                )
                children.append(Child(name, process))
                self.stdout.write(f"started {name} (pid {process.pid})")
            failed = self._watch(children, lambda: stopping)
        finally:
            self._stop(children)
        if failed:
            sys.exit(1)

    def _watch(self, children: list[Child], stopping: Any) -> bool:
        """Wait until asked to stop (False) or until a child ends by itself (True)."""
        while not stopping():
            for child in children:
                code = child.process.poll()
                if code is not None:
                    self.stderr.write(f"{child.name} ended (exit code {code}): stopping the rest")
                    return True
            time.sleep(0.2)
        return False

    def _stop(self, children: list[Child]) -> None:
        for child in children:
            if STOP_WHOLE_GROUP[child.name]:
                self._signal_group(child, signal.SIGTERM)
            elif child.process.poll() is None:
                child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in children:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{child.name} did not stop in time: killing it")
        # The whole group, also when its leader has exited: pool or reloader processes that
        # outlived it must not be left behind.
        for child in children:
            self._signal_group(child, signal.SIGKILL)
            child.process.wait()
        self.stdout.write("stopped " + ", ".join(child.name for child in children))

    @staticmethod
    def _signal_group(child: Child, signum: int) -> None:
        try:
            os.killpg(child.process.pid, signum)
        except ProcessLookupError:
            pass

"""Development: `make run`. SQLite, a real Celery worker and beat on a folder broker, mail
written to var/mail."""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_DEBUG", "1")

from hok.settings.base import *  # noqa: E402, F403
from hok.settings.base import BASE_DIR, DATABASES  # noqa: E402
from hok.settings.environment import env_str  # noqa: E402

# Static files come from the finders; `collectstatic` is for production.
STATIC_ROOT = None

# runserver, the Celery worker and beat share the SQLite file. WAL lets readers go on while one
# process writes; IMMEDIATE takes the write lock when a transaction starts, so two writers wait
# for each other (up to `timeout` seconds) instead of one failing with "database is locked"
# when its read turns into a write halfway through.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Tasks go to a real worker (`make run` starts one, and beat, beside runserver). Without Redis
# the broker is kombu's filesystem transport: messages are files in var/celery/, so nothing
# needs a server. It routes by queue (the `pdf` queue too), has the fanout exchanges the
# worker's control commands use, locks each message file so one worker takes it, and beat only
# publishes to it. With acks_late, a message taken but not yet acknowledged is put back when the
# worker's connection closes cleanly (kombu restores unacknowledged messages on close); a
# killed worker loses it, and a render job then shows as interrupted, with "Försök igen".
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_TASK_ALWAYS_EAGER = False
if CELERY_BROKER_URL.startswith("filesystem:"):
    _broker_folder = Path(env_str("CELERY_BROKER_FOLDER", str(BASE_DIR / "var" / "celery")))
    for _name in ("queue", "processed", "control"):
        (_broker_folder / _name).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_folder / "queue"),
        "data_folder_out": str(_broker_folder / "queue"),
        "processed_folder": str(_broker_folder / "processed"),
        "control_folder": str(_broker_folder / "control"),
        "store_processed": False,
    }

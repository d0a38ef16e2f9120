"""Tests: SQLite and in-process Celery unless DATABASE_URL / CELERY_BROKER_URL are set."""

import os
import tempfile
from pathlib import Path
from typing import Any, cast

# Under pytest-xdist each worker process (gw0, gw1, ...) gets its own test database from
# pytest-django, and here its own cache keys and broker keys on the shared Redis: the workers
# never empty each other's cache (tests/conftest.py) nor take each other's tasks. The Celery
# workers that integration tests start inherit this environment, so they share their test
# process's broker keys.
if _xdist_worker := os.environ.get("PYTEST_XDIST_WORKER", ""):
    os.environ["CACHE_KEY_PREFIX"] = f"hok-test-{_xdist_worker}"
    os.environ["CELERY_BROKER_KEY_PREFIX"] = f"hok-test-{_xdist_worker}:"

from hok.settings.base import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# The Celery app follows the broker setting; single tests that need the real
# worker start one (tests/conftest.py). Everything else runs in process.
CELERY_TASK_ALWAYS_EAGER = True
# Static files come from the finders; there is no collected STATIC_ROOT in tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# Uploads in tests go to a throwaway folder, never into the project.
_uploads = Path(tempfile.mkdtemp(prefix="hok-test-uploads-"))
MEDIA_ROOT = _uploads / "media"
PRIVATE_MEDIA_ROOT = _uploads / "private-media"

# Two test processes on two cores (with Celery workers, gunicorn and Chromium beside them) can
# keep Redis waiting past the production timeout of 2 s; the resilient cache (hok/cache.py)
# would take that for an outage and leave Redis alone for 10 s, so an unrelated test in that
# window finds no page cached and no rate counted. The outage tests use a closed port, which
# fails at once whatever the timeout.
_default_cache = cast(dict[str, Any], CACHES["default"])  # noqa: F405
if _default_cache["BACKEND"] == "hok.cache.ResilientRedisCache":
    _default_cache["OPTIONS"] = {"socket_connect_timeout": 5, "socket_timeout": 10}

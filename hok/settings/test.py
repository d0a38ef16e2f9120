"""Tests: SQLite and in-process Celery unless DATABASE_URL / CELERY_BROKER_URL are set."""

import tempfile
from pathlib import Path

from hok.settings.base import *  # noqa: F403

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

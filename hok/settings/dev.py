"""Development: `make run`. SQLite, in-process Celery, mail written to var/mail."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from hok.settings.base import *  # noqa: E402, F403

# Static files come from the finders; `collectstatic` is for production.
STATIC_ROOT = None

"""Settings for benchmarks: production settings, DEBUG off, served over plain HTTP on loopback.

The harness sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DJANGO_SECURE_SSL_REDIRECT=0,
DATABASE_URL and BENCH_STATIC_ROOT before anything imports this module.
"""

import os
from pathlib import Path

from hok.settings.production import *  # noqa: F403

DEBUG = False

# The project's URLs plus /bench/constant/, the baseline every page is compared with.
ROOT_URLCONF = "bench.urls"

# collectstatic writes to a temporary directory, so the production storage (whitenoise's
# manifest) is used as-is without touching the project's staticfiles/.
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])

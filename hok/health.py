"""Checks for /health/: each configured part is asked for real."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from hok.celery import app as celery_app

logger = logging.getLogger(__name__)

OK = "ok"
FAILING = "failing"
NOT_CONFIGURED = "not_configured"


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        logger.exception("Health check: database failed")
        return FAILING
    return OK


def check_cache() -> str:
    """The cache server itself: its fallback (hok/cache.py) keeps pages up, not the check."""
    server = getattr(cache, "direct", cache)
    key = f"health:{uuid.uuid4().hex}"
    try:
        server.set(key, "1", timeout=10)
        answered = server.get(key) == "1"
        server.delete(key)
    except Exception:  # noqa: BLE001
        logger.exception("Health check: cache failed")
        return FAILING
    return OK if answered else FAILING


def check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return NOT_CONFIGURED
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # noqa: BLE001
        logger.exception("Health check: broker failed")
        return FAILING
    return OK


def run_checks() -> dict[str, str]:
    return {"database": check_database(), "cache": check_cache(), "broker": check_broker()}

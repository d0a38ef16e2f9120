"""/health/ asks the database, the cache and the broker for real, and says 503 when one fails."""

import logging
import os
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import OperationalError, connection
from django.test import Client

from hok import health
from hok.celery import app as celery_app
from tests.conftest import service_or_skip

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


class _BrokenConnection:
    """Stands in for django.db.connection when the database server is gone."""

    def cursor(self):
        raise OperationalError("could not connect to server: Connection refused")


@pytest.fixture
def no_broker(settings) -> None:
    settings.CELERY_BROKER_URL = ""


@pytest.fixture
def unreachable_broker(settings, monkeypatch) -> None:
    settings.CELERY_BROKER_URL = UNREACHABLE_REDIS
    # The Celery app read its configuration once, and its environment variables win over it:
    # point both at the dead broker.
    monkeypatch.setitem(celery_app.conf, "broker_url", UNREACHABLE_REDIS)
    for name in ("CELERY_BROKER_URL", "CELERY_BROKER_WRITE_URL"):
        monkeypatch.setenv(name, UNREACHABLE_REDIS)


@pytest.fixture
def broken_database(monkeypatch) -> None:
    monkeypatch.setattr(health, "connection", _BrokenConnection())


@pytest.fixture
def unreachable_cache(settings) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
        }
    }


def _health(client: Client) -> tuple[int, dict]:
    response = client.get("/health/")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


class TestHealthy:
    def test_all_ok_without_a_broker(self, client: Client, no_broker) -> None:
        status, body = _health(client)
        assert status == 200
        assert body == {
            "status": "ok",
            "checks": {"database": "ok", "cache": "ok", "broker": "not_configured"},
        }

    def test_never_cached(self, client: Client, no_broker) -> None:
        response = client.get("/health/")
        assert "no-store" in response["Cache-Control"]
        assert "max-age=0" in response["Cache-Control"]

    def test_no_language_prefix(self, client: Client) -> None:
        assert client.get("/en/health/").status_code == 404

    def test_for_a_signed_in_user_too(self, user_client: Client, no_broker) -> None:
        status, body = _health(user_client)
        assert status == 200
        assert body["status"] == "ok"

    def test_the_cache_check_leaves_nothing_behind(self, monkeypatch) -> None:
        probe = uuid.UUID(int=42)
        monkeypatch.setattr(health.uuid, "uuid4", lambda: probe)
        assert health.check_cache() == health.OK
        assert caches["default"].get(f"health:{probe.hex}", "gone") == "gone"


class TestFailing:
    def test_database_down(self, client: Client, no_broker, broken_database, caplog) -> None:
        with caplog.at_level(logging.ERROR, logger="hok.health"):
            status, body = _health(client)
        assert status == 503
        assert body["status"] == "failing"
        assert body["checks"] == {
            "database": "failing",
            "cache": "ok",
            "broker": "not_configured",
        }
        assert "Health check: database failed" in caplog.text

    def test_cache_down(self, client: Client, no_broker, unreachable_cache) -> None:
        status, body = _health(client)
        assert status == 503
        assert body["status"] == "failing"
        assert body["checks"]["cache"] == "failing"
        assert body["checks"]["database"] == "ok"

    def test_cache_that_forgets(self, client: Client, no_broker, settings) -> None:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        status, body = _health(client)
        assert status == 503
        assert body["checks"]["cache"] == "failing"

    def test_broker_down(self, client: Client, unreachable_broker, caplog) -> None:
        with caplog.at_level(logging.ERROR, logger="hok.health"):
            status, body = _health(client)
        assert status == 503
        assert body["status"] == "failing"
        assert body["checks"]["broker"] == "failing"
        assert body["checks"]["database"] == "ok"
        assert "Health check: broker failed" in caplog.text

    def test_everything_down(
        self, client: Client, broken_database, unreachable_cache, unreachable_broker
    ) -> None:
        status, body = _health(client)
        assert status == 503
        assert body == {
            "status": "failing",
            "checks": {"database": "failing", "cache": "failing", "broker": "failing"},
        }


class TestRealServices:
    """With the services' variables set (CI), the checks run against the real servers."""

    def test_broker_ok_against_real_redis(self, client: Client, settings) -> None:
        broker = os.environ.get("CELERY_BROKER_URL", "")
        service_or_skip("Redis (Celery broker)", bool(broker), "CELERY_BROKER_URL is not set")
        assert settings.CELERY_BROKER_URL == broker
        status, body = _health(client)
        assert body["checks"]["broker"] == "ok"
        assert status == 200

    def test_cache_ok_against_real_redis(self, client: Client) -> None:
        service_or_skip("Redis (cache)", bool(os.environ.get("REDIS_URL")), "REDIS_URL is not set")
        assert isinstance(caches["default"], RedisCache)
        assert health.check_cache() == health.OK

    def test_database_ok_against_real_postgresql(self) -> None:
        url = os.environ.get("DATABASE_URL", "")
        service_or_skip(
            "PostgreSQL",
            url.startswith(("postgres://", "postgresql://")),
            "DATABASE_URL does not point at PostgreSQL",
        )
        assert connection.vendor == "postgresql"
        assert health.check_database() == health.OK

"""Redis down: logging in and sending a note still work, and the limits still count.

The cache is pointed at a closed port (the settings as production has them, with only the
address changed), so every Redis call fails with a connection error, as in an outage.
"""

import logging
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse

from dialogues import limits
from dialogues.models import Note
from hok import health
from hok.cache import ResilientRedisCache
from hok.models import User
from tests.conftest import service_or_skip
from tests.dialogues.factories import DialogueFactory
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"
LOGIN_URL = "/konto/login/"
CODE = "K7MQ2P"


@pytest.fixture
def redis_down(settings) -> None:
    default = settings.CACHES["default"]
    service_or_skip(
        "Redis cache settings",
        "redis" in default["BACKEND"].lower(),
        "REDIS_URL is not set, so the cache is not Redis",
    )
    settings.CACHES = {**settings.CACHES, "default": {**default, "LOCATION": CLOSED_PORT}}
    # The settings change gave every thread fresh cache connections, to the closed port.


class TestLogin:
    def test_the_right_password_logs_in(self, redis_down, client: Client, user: User) -> None:
        response = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == reverse("home")
        assert client.session["_auth_user_id"] == str(user.pk)

    def test_failed_logins_are_still_limited(self, redis_down, client: Client, user: User) -> None:
        # ACCOUNT_RATE_LIMITS login_failed: 5 per 5 minutes per account, now in the database.
        for _attempt in range(5):
            wrong = client.post(LOGIN_URL, {"login": user.email, "password": "fel"})
            assert wrong.status_code == 200
        response = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
        assert response.status_code == 200
        html = response.content.decode()
        assert "För många misslyckade inloggningsförsök. Försök igen senare." in html
        assert "_auth_user_id" not in client.session


class TestNotes:
    def _phone(self) -> Client:
        client = Client()
        assert client.get(reverse("dialogues:attendee", kwargs={"code": CODE})).status_code == 200
        return client

    def _note(self, text: str) -> dict[str, str]:
        return {
            "question": "hela",
            "table_group": "Bord 7",
            "text": text,
            "client_key": str(uuid.uuid4()),
            "webbplats": "",
        }

    def test_a_note_is_taken_and_the_phone_limit_still_counts(self, redis_down) -> None:
        dialogue = DialogueFactory(short_code=CODE)
        url = reverse("dialogues:attendee", kwargs={"code": CODE})
        client = self._phone()
        first = client.post(url, self._note("Skapa mötesplatser."), HTTP_ACCEPT="application/json")
        assert first.status_code == 201
        assert Note.objects.filter(dialogue=dialogue).count() == 1
        for n in range(limits.DEVICE_LIMIT - 1):
            assert client.post(url, self._note(f"Nr {n}")).status_code == 302
        refused = client.post(url, self._note("En för mycket"), HTTP_ACCEPT="application/json")
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate"
        assert Note.objects.filter(dialogue=dialogue).count() == limits.DEVICE_LIMIT


class TestTheBackend:
    def test_health_still_says_the_cache_is_failing(self, redis_down, client: Client) -> None:
        response = client.get("/health/")
        assert response.status_code == 503
        assert response.json()["checks"]["cache"] == "failing"

    def test_it_falls_back_logs_once_and_leaves_redis_alone_for_a_while(
        self, redis_down, caplog, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        backend = caches["default"]
        assert isinstance(backend, ResilientRedisCache)
        with caplog.at_level(logging.WARNING, logger="hok.cache"):
            cache.set("k", "v", 60)
            assert backend.redis_is_down
            # Redis is not asked again until the retry time has passed.
            monkeypatch.setattr(
                "django.core.cache.backends.redis.RedisCache.get",
                lambda *args, **kwargs: pytest.fail("Redis was asked during the pause"),
            )
            assert cache.get("k") == "v"
            assert cache.get_or_set("n", 1, 60) == 1
            assert cache.incr("n") == 2
        warnings = [r for r in caplog.records if r.name == "hok.cache"]
        assert len(warnings) == 1
        assert "Redis cannot be reached" in warnings[0].getMessage()
        assert caches["database"].get("k") == "v"

    def test_redis_is_asked_again_after_the_pause(
        self, redis_down, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        backend = caches["default"]
        cache.set("k", "v", 60)
        assert backend.redis_is_down
        monkeypatch.setattr(backend, "_down_until", 0.0)  # the pause is over
        assert not backend.redis_is_down
        assert cache.get("k", "gone") == "v"  # asked Redis, failed, fell back again
        assert backend.redis_is_down

    def test_the_check_asks_redis_not_the_fallback(self, redis_down) -> None:
        assert health.check_cache() == health.FAILING

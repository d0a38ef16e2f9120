"""The device cookie and the per-device note limit (dialogues/limits.py), in an in-process cache
and in a real Redis, where 300 phones count at once."""

import os
import re
import threading
import uuid

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory

from dialogues import limits
from tests.conftest import service_or_skip

# The test's own Redis database (db 13 belongs to the dialogues' attendee side and its bench).
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"


def request_with(cookie: str | None = None, *, secure: bool = False):
    request = RequestFactory().get("/dialog/K7MQ2P/", secure=secure)
    if cookie is not None:
        request.COOKIES[limits.DEVICE_COOKIE] = cookie
    return request


def signed(value: str, salt: str = limits.DEVICE_SALT) -> str:
    response = HttpResponse()
    response.set_signed_cookie(limits.DEVICE_COOKIE, value, salt=salt)
    return response.cookies[limits.DEVICE_COOKIE].value


@pytest.fixture
def local_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"limits-{uuid.uuid4()}",
        }
    }
    caches["default"].clear()


class TestDeviceCookie:
    def test_a_new_id_is_random_hex(self):
        first, second = limits.new_device_id(), limits.new_device_id()
        assert re.fullmatch(r"[0-9a-f]{32}", first)
        assert first != second

    def test_missing(self):
        assert limits.device_id_from(request_with()) is None

    def test_valid(self):
        device_id = limits.new_device_id()
        assert limits.device_id_from(request_with(signed(device_id))) == device_id

    @pytest.mark.parametrize(
        "cookie",
        [
            "0" * 32,
            "not signed at all",
            signed("a" * 32, salt="another purpose"),
            signed("not a device id"),
            signed("A" * 32),
        ],
        # Named, as the signed values hold the time: pytest-xdist's processes must collect the
        # same test names.
        ids=["unsigned-zeros", "unsigned-text", "other-salt", "not-an-id", "upper-case"],
    )
    def test_forged_or_garbled(self, cookie):
        assert limits.device_id_from(request_with(cookie)) is None

    def test_ensure_sets_a_long_lived_httponly_lax_cookie(self):
        response = HttpResponse()
        device_id = limits.ensure_device_cookie(response, request_with())
        cookie = response.cookies[limits.DEVICE_COOKIE]
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["max-age"] == limits.DEVICE_COOKIE_MAX_AGE
        assert not cookie["secure"]
        assert limits.device_id_from(request_with(cookie.value)) == device_id

    def test_secure_over_https(self):
        response = HttpResponse()
        limits.ensure_device_cookie(response, request_with(secure=True))
        assert response.cookies[limits.DEVICE_COOKIE]["secure"] is True

    def test_ensure_keeps_a_valid_cookie(self):
        device_id = limits.new_device_id()
        response = HttpResponse()
        assert limits.ensure_device_cookie(response, request_with(signed(device_id))) == device_id
        assert limits.DEVICE_COOKIE not in response.cookies

    def test_ensure_replaces_a_forged_cookie(self):
        response = HttpResponse()
        device_id = limits.ensure_device_cookie(response, request_with("0" * 32))
        assert device_id != "0" * 32
        assert limits.DEVICE_COOKIE in response.cookies


@pytest.mark.usefixtures("local_cache")
class TestDeviceLimit:
    def test_the_limit_per_device_and_dialogue(self):
        device = limits.new_device_id()
        allowed = [
            limits.device_note_allowed(dialogue_id=1, device_id=device)
            for _ in range(limits.DEVICE_LIMIT + 5)
        ]
        assert allowed == [True] * limits.DEVICE_LIMIT + [False] * 5
        assert limits.device_notes_counted(dialogue_id=1, device_id=device) == 25

    def test_other_devices_and_dialogues_count_apart(self):
        device = limits.new_device_id()
        for _ in range(limits.DEVICE_LIMIT):
            limits.device_note_allowed(dialogue_id=1, device_id=device)
        assert not limits.device_note_allowed(dialogue_id=1, device_id=device)
        assert limits.device_note_allowed(dialogue_id=2, device_id=device)
        assert limits.device_note_allowed(dialogue_id=1, device_id=limits.new_device_id())

    def test_the_window_ends(self):
        device = limits.new_device_id()
        for _ in range(limits.DEVICE_LIMIT + 1):
            limits.device_note_allowed(dialogue_id=1, device_id=device)
        # The counter's key expires with its window; then the device starts afresh.
        caches["default"].delete(limits._counter_key(1, device))
        assert limits.device_note_allowed(dialogue_id=1, device_id=device)

    def test_a_counter_that_vanished_between_add_and_incr_starts_a_new_window(self, monkeypatch):
        cache = caches["default"]
        real_incr = cache.incr
        calls = []

        def incr_once_missing(key, delta=1, version=None):
            calls.append(key)
            if len(calls) == 1:
                raise ValueError("Key not found")
            return real_incr(key, delta, version)

        monkeypatch.setattr(cache, "incr", incr_once_missing)
        assert limits.device_note_allowed(dialogue_id=1, device_id=limits.new_device_id())
        assert len(calls) == 2

    def test_no_device_id_goes_to_the_database(self):
        # This test has no database access: a query would fail it (pytest-django blocks it).
        assert limits.device_note_allowed(dialogue_id=1, device_id=limits.new_device_id())


class TestRedis:
    @pytest.fixture
    def redis_cache(self, settings):
        import redis

        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
            reachable, reason = True, ""
        except redis.RedisError as error:
            reachable, reason = False, str(error)
        service_or_skip("Redis", reachable, reason)
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"hok-test-limits-{uuid.uuid4().hex[:8]}",
            }
        }
        return caches["default"]

    def test_the_window_expires_in_redis(self, redis_cache):
        device = limits.new_device_id()
        limits.device_note_allowed(dialogue_id=7, device_id=device)
        limits.device_note_allowed(dialogue_id=7, device_id=device)
        client = redis_cache._cache.get_client()
        key = redis_cache.make_and_validate_key(limits._counter_key(7, device))
        ttl = client.ttl(key)
        # incr keeps the expiry add() set: the window is fixed, not renewed by each note.
        assert 0 < ttl <= limits.DEVICE_WINDOW
        client.delete(key)

    def test_concurrent_phones_count_exactly(self, redis_cache):
        device = limits.new_device_id()
        results: list[bool] = []
        lock = threading.Lock()

        def send() -> None:
            for _ in range(10):
                allowed = limits.device_note_allowed(dialogue_id=8, device_id=device)
                with lock:
                    results.append(allowed)

        threads = [threading.Thread(target=send) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(results) == 80
        assert results.count(True) == limits.DEVICE_LIMIT
        assert limits.device_notes_counted(dialogue_id=8, device_id=device) == 80
        redis_cache.delete(limits._counter_key(8, device))

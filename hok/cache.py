"""The portal's cache: Redis, and the database cache while Redis cannot be reached.

Everything the portal keeps in the cache is small and short-lived, and some of it guards
against abuse: allauth's rate limits (failed logins, sign-ups, password resets), the per-phone
note limit of the conference dialogues (dialogues/limits.py), and rendered PDFs. With a plain
RedisCache, an unreachable Redis turned every one of those reads into a
``redis.exceptions.ConnectionError`` and the page into a 500: nobody could log in and no note
was taken.

Each use is better served by carrying on than by refusing, as long as the limits still count:

- rate limits (allauth, the per-phone limit) move to the database cache: every process shares
  it, so the limits keep counting across workers (they start from zero at the switch, and the
  database's incr is a read and a write, not one atomic step; the per-dialogue cap on notes is
  counted in the database by the service and holds whatever the cache does);
- rendered PDFs are kept in the database cache for the duration, or rendered again.

So every operation that fails with a connection error or a timeout is done on the fallback
cache instead, the failure is logged (once per outage, as a warning), and for the next
RETRY_AFTER seconds this process does not try Redis at all (no connection timeout on every
request). When Redis answers again, the functions in ``recovery_hooks`` run first (the page
cache's generations replay the bumps Redis missed). /health/ asks Redis itself (``direct``),
so it still answers 503 during an outage.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import BaseCache, caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER = 10.0  # seconds a process leaves Redis alone after a failure
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)

RECOVERY_PROBE = "hok-cache:recovery-probe"
# Called (with the cache) by a process when Redis answers again after an outage it saw, before
# the operation that found it back, e.g. to replay into Redis what was written to the fallback
# meanwhile (hok/generations.py).
recovery_hooks: list[Callable[["ResilientRedisCache"], None]] = []


class ResilientRedisCache(RedisCache):
    """A RedisCache that does each operation on the ``FALLBACK`` cache while Redis is down."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._fallback_alias: str = params["FALLBACK"]
        self._down_until = 0.0
        self._saw_outage = False
        self._lock = threading.Lock()
        # The same server without the fallback, for /health/.
        self.direct = RedisCache(server, params)

    @property
    def fallback(self) -> BaseCache:
        return caches[self._fallback_alias]

    @property
    def redis_is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _redis_failed(self, operation: str, error: Exception) -> None:
        with self._lock:
            first = not self.redis_is_down
            self._down_until = time.monotonic() + RETRY_AFTER
            self._saw_outage = True
        if first:
            logger.warning(
                "Cache: Redis cannot be reached (%s: %s); using the %r cache for %.0f s",
                operation,
                error,
                self._fallback_alias,
                RETRY_AFTER,
            )

    def _recovered(self) -> None:
        self._saw_outage = False
        for hook in recovery_hooks:
            try:
                hook(self)
            except Exception:
                logger.exception("Cache: a recovery hook failed")


def _resilient(name: str) -> Callable[..., Any]:
    redis_operation = getattr(RedisCache, name)

    def operation(self: ResilientRedisCache, *args: Any, **kwargs: Any) -> Any:
        if not self.redis_is_down:
            try:
                if self._saw_outage:
                    # Back after an outage: the hooks run before this operation reads anything.
                    RedisCache.has_key(self, RECOVERY_PROBE)
                    self._recovered()
                return redis_operation(self, *args, **kwargs)
            except REDIS_DOWN as error:
                self._redis_failed(name, error)
        return getattr(self.fallback, name)(*args, **kwargs)

    operation.__name__ = name
    operation.__doc__ = redis_operation.__doc__
    return operation


# Every operation RedisCache implements against the server; BaseCache builds the rest
# (get_or_set, decr, incr_version, the async variants) on these.
for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(ResilientRedisCache, _name, _resilient(_name))

"""Generations: a token per kind of public data that changes whenever that data changes.

A cached page is stored under the generations of the data it shows (hok/page_cache.py). A
service that changes public data calls ``bump("signatories")`` inside its transaction; once the
transaction commits, the generation gets a new token, so the next request finds no page under
the new key and renders a fresh one. Nothing is deleted: pages under old tokens are never asked
for again and expire (PAGE_TIMEOUT).

A token is random, not a counter: a generation that was lost (Redis restarted, key evicted) is
read as missing and gets a new random token, so an old page can never be taken for a new one.

The names in use, and the services that bump them, are declared next to each app's services
(e.g. agreements/generations.py); a name may carry an id (``survey:12``). One more, SITE, is
part of every key and is bumped by every change made in the Django admin.

To make a new service show on the pages at once: call ``bump(NAME)`` inside its transaction
(the names are in the app's generations.py; add one there for a new kind of public data).
To cache a new public page: see hok/page_cache.py (``@cached_public_page(NAME, ...)``). To
keep an expensive value once per change (a count, a chart's figures, a survey's results):
``remembered(key, [NAME, ...], compute)``.

While Redis cannot be reached the cache writes to its fallback (hok/cache.py), so a bump made
then would be lost for Redis. It is also noted in the fallback cache, and a process that saw
the outage replays the missed bumps into Redis on its first successful operation after it
(hok.cache.recovery_hooks); the web processes all see an outage, as every cached page reads
its generations.
"""

import functools
import hashlib
import os
import secrets
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction

from hok import cache as resilient

_MISSING = object()
PREFIX = "generation:"
# Every cached page and remembered value depends on it: bumped by every change made in the
# Django admin (hok/apps.py), which edits models directly, past the services.
SITE = "site"
MISSED_KEY = "generations:missed-while-redis-was-down"


def _cache() -> BaseCache:
    return caches["default"]


def _key(name: str) -> str:
    return PREFIX + name


def _token() -> str:
    return secrets.token_hex(8)


def bump(*names: str, using: str | None = None) -> None:
    """Give each generation a new token once the current transaction commits (at once outside
    one). Call it in the service, inside its transaction, for every kind of data it changes."""
    if names:
        transaction.on_commit(lambda: bump_now(*names), using=using)


def bump_now(*names: str) -> None:
    cache = _cache()
    cache.set_many({_key(name): _token() for name in names}, timeout=None)
    if isinstance(cache, resilient.ResilientRedisCache) and cache.redis_is_down:
        missed = set(cache.fallback.get(MISSED_KEY) or ()) | set(names)
        cache.fallback.set(MISSED_KEY, sorted(missed), timeout=None)


def current(names: Iterable[str]) -> dict[str, str]:
    """The tokens of `names`, in one round trip; a missing one gets a new token."""
    return current_and_values(names, [])[0]


def current_and_values(
    names: Iterable[str], keys: list[str]
) -> tuple[dict[str, str], dict[str, object]]:
    """The tokens of `names` and the cached values of `keys`, together in one round trip."""
    cache = _cache()
    wanted = {_key(name): name for name in names}
    found = cache.get_many([*wanted, *keys])
    tokens = {wanted[key]: found[key] for key in wanted if key in found}
    for key, name in wanted.items():
        if name not in tokens:
            token = _token()
            # Another process may have set it meanwhile: theirs wins.
            tokens[name] = token if cache.add(key, token, timeout=None) else cache.get(key, token)
    return tokens, {key: found[key] for key in keys if key in found}


def remembered[T](
    key: str, names: Iterable[str], compute: Callable[[], T], *, timeout: int = 24 * 60 * 60
) -> T:
    """`compute()`, kept in the cache under `key` and the current tokens of `names`: computed
    once per change of those generations, not once per request. With the cache unreachable it
    is simply computed, as it is without Redis (settings.PAGE_CACHE off)."""
    cache = _cache()
    if not settings.PAGE_CACHE or getattr(cache, "redis_is_down", False):
        return compute()
    cache_key = "remembered:" + hashlib.sha256(f"{release()}\n{key}".encode()).hexdigest()[:40]
    tokens, values = current_and_values([SITE, *names], [cache_key])
    fingerprint = "\n".join(f"{name}={tokens[name]}" for name in sorted(tokens))
    stored = values.get(cache_key)
    if isinstance(stored, tuple) and stored[0] == fingerprint:
        return stored[1]
    value = compute()
    cache.set(cache_key, (fingerprint, value), timeout=timeout)
    return value


RELEASE_SUFFIXES = (".py", ".html", ".txt", ".mo", ".json")
RELEASE_SKIP = {".venv", ".git", "tests", "node_modules", "var", "media", "staticfiles"}


@functools.cache
def release() -> str:
    """A fingerprint of the deployed code, templates and translations (names, sizes, times)
    and of the environment the settings are read from (e.g. the contact address in every
    page's footer), so a deploy or a changed setting shows on the next request."""
    digest = hashlib.sha256()
    for name, value in sorted(os.environ.items()):
        digest.update(f"{name}={value}\n".encode())
    for folder, dirs, files in os.walk(settings.BASE_DIR):
        dirs[:] = sorted(d for d in dirs if d not in RELEASE_SKIP and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(RELEASE_SUFFIXES):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _replay_missed(cache: "resilient.ResilientRedisCache") -> None:
    missed = cache.fallback.get(MISSED_KEY)
    if missed:
        cache.set_many({_key(name): _token() for name in missed}, timeout=None)
        if not cache.redis_is_down:
            cache.fallback.delete(MISSED_KEY)


resilient.recovery_hooks.append(_replay_missed)

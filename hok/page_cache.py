"""Public pages served from the cache to anonymous visitors, exact to the last change.

    from hok.page_cache import cached_public_page

    @cached_public_page("agreement", "signatories")
    def home(request): ...

    @cached_public_page("surveys", "survey:{pk}")     # {pk}: the view's keyword argument
    def public_results(request, pk): ...

A page is stored under its path, query string, language, today's date and the release (a
fingerprint of the code, templates and translations, so a deploy shows at once), together with
the tokens of the generations it names (hok/generations.py) as they were when it was rendered.
One round trip reads the current tokens and the stored page: the page is served only if its
tokens are still current. A service that changes the data bumps the generation when its
transaction commits, so the next request renders afresh (and stores over the old page). The
response carries an ETag made of the key and the tokens; a repeat visit with
``If-None-Match`` is answered 304.

Only what cannot belong to anyone is cached. A request is rendered afresh, and not stored,
when it is not a GET or HEAD, comes with a session or a messages cookie (a signed-in user, a
message waiting, anything of a session), or is from a signed-in user. A response is stored
only when it is a 200 that sets no cookie, is not marked private or no-store, and did not ask
for a CSRF token while rendering (a page with a POST form needs the visitor's own token; such
a form either posts to a view that safely needs none, see newsletters' subscribe, or the page
is simply never stored). When the cache cannot be reached (Redis down) the page is rendered
as if it had never been cached: the cache is a shortcut, never a requirement. Without Redis
(settings.PAGE_CACHE off, e.g. `make run`) every page is rendered.
"""

import functools
import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from hok import generations

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 24 * 60 * 60  # seconds a page lingers under a key nobody asks for
KEY_PREFIX = "page:"
# Set on a request whose response came from (or went into) the cache; tests and the bench read it.
CACHE_HEADER = "X-Page-Cache"

View = Callable[..., HttpResponseBase]


def _is_personal(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _page_key(request: HttpRequest) -> str:
    parts = [
        generations.release(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
    ]
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _fingerprint(key: str, tokens: dict[str, str]) -> str:
    parts = [key, *(f"{name}={tokens[name]}" for name in sorted(tokens))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _etag(key: str) -> str:
    return f'W/"{key}"'


def _matches(request: HttpRequest, etag: str) -> bool:
    wanted = request.headers.get("If-None-Match", "")
    return (
        any(tag.strip() in (etag, etag[2:], "*") for tag in wanted.split(",")) if wanted else False
    )


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a CSRF token was put in the page: it belongs to this visitor only
    session = getattr(request, "session", None)
    if (session is not None and session.modified) or len(get_messages(request)):
        return False  # the visitor now has a session or a message of their own
    control = response.get("Cache-Control", "").lower()
    return "private" not in control and "no-store" not in control


def _mark_public(response: HttpResponseBase, etag: str, state: str) -> HttpResponseBase:
    response["ETag"] = etag
    response[CACHE_HEADER] = state
    # Browsers keep it and ask again each time (a 304 while nothing changed); whoever has a
    # session cookie gets a page of their own.
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def cached_public_page(*generation_names: str) -> Callable[[View], View]:
    """Serve the view from the cache to anonymous visitors, under the generations named.

    A name may hold the view's keyword arguments in braces: ``"survey:{pk}"``.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            cache = caches["default"]
            if (
                not settings.PAGE_CACHE
                or request.method not in ("GET", "HEAD")
                or _is_personal(request)
                or getattr(cache, "redis_is_down", False)  # a ResilientRedisCache in an outage
            ):
                return view(request, *args, **kwargs)
            names = [generations.SITE, *(name.format(**kwargs) for name in generation_names)]
            key = _page_key(request)
            try:
                # One round trip: the generations and the page stored last under this key.
                tokens, values = generations.current_and_values(names, [key])
                if getattr(cache, "redis_is_down", False):  # it went down just now
                    return view(request, *args, **kwargs)
            except Exception:  # the cache is a shortcut: render as if there were none
                logger.warning("Page cache unavailable for %s", request.path, exc_info=True)
                return view(request, *args, **kwargs)
            fingerprint = _fingerprint(key, tokens)
            etag = _etag(fingerprint)
            if _matches(request, etag):
                return _mark_public(HttpResponseNotModified(), etag, "not-modified")
            stored = values.get(key)
            # Stored under other tokens, the page is of data changed since: render it again.
            match stored:
                case (str() as stored_fingerprint, bytes() as content, dict() as stored_headers):
                    if stored_fingerprint == fingerprint:
                        page = HttpResponse(content, headers=stored_headers)
                        return _mark_public(page, etag, "hit")
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if not isinstance(response, HttpResponse) or not _storable(request, response):
                return response
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() not in ("set-cookie", "date", "vary")
            }
            try:
                cache.set(key, (fingerprint, response.content, headers), timeout=PAGE_TIMEOUT)
            except Exception:
                logger.warning("Page cache could not store %s", request.path, exc_info=True)
                return response
            return _mark_public(response, etag, "miss")

        return wrapper

    return decorator

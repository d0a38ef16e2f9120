"""The one check in front of every page that needs a role (log in first, then the rule), and
the plumbing of every app's permission-checked loaders (`<app>/access.py`).

A loader is two halves: it fetches the object (`found`: 404 when it is missing) and asks the
app's rule (`granted`: PermissionDenied when refused, or 404 when even the object's existence
is not to be told). Under a role decorator that has just asked the rule, `loads(fetch)` hands
the view the fetched object in place of its URL argument.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlparse

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from hok.middleware import turn_on_mfa_first
from hok.models import User

View = Callable[..., HttpResponseBase]
Rule = Callable[[User | AnonymousUser], bool]


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _to_login(request: HttpRequest) -> HttpResponse:
    if is_htmx(request):
        # A live refresh after the session ended: the whole page goes to the login
        # (a plain redirect would be followed and the login page swapped into the region).
        current = urlparse(request.headers.get("HX-Current-URL", ""))
        back = f"{current.path}?{current.query}" if current.query else current.path
        login = redirect_to_login(back or request.get_full_path())
        return HttpResponse(status=204, headers={"HX-Redirect": login["Location"]})
    return redirect_to_login(request.get_full_path())


def refuse(request: HttpRequest, *, as_missing: bool = False) -> HttpResponse:
    """What a view answers when its rule says no (it always raises or redirects).

    Rules for the working group ask hok.roles.uses_powers, which needs two-factor login; a
    member of the working group (or an admin) without it is sent to turn it on. Anyone else
    gets 403, or 404 with `as_missing` where even the page's existence is not to be told.
    """
    if (refusal := turn_on_mfa_first(request)) is not None:
        return refusal
    raise Http404 if as_missing else PermissionDenied


def found[T](obj: T | None) -> T:
    """A loader's first half: the object fetched, or Http404 when there is none (None)."""
    if obj is None:
        raise Http404
    return obj


def granted(allowed: bool, *, as_missing: bool = False) -> None:
    """A loader's second half: nothing when the rule allows, else PermissionDenied (403), or
    Http404 with `as_missing` where the object's existence is not to be told (or where the
    object is only there in some states, e.g. a published one)."""
    if not allowed:
        raise Http404 if as_missing else PermissionDenied


def permitted_by(rule: Rule) -> Callable[[View], View]:
    """A view decorator: an anonymous visitor goes to the login, anyone the rule refuses is
    refused (`refuse`: the working group without two-factor login is sent to turn it on)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return _to_login(request)
            if not rule(request.user):
                return refuse(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def loads(fetch: Callable[[Any], object], arg: str = "pk") -> Callable[[View], View]:
    """A view decorator: the view gets `fetch(kwargs[arg])` (the object the URL names; the
    fetch raises Http404 when it is missing) in place of that URL argument, as its first
    argument after the request.

    It asks no rule: put it under a role decorator (`permitted_by(...)`) that has just asked,
    innermost, right above the view. Then the anonymous visitor goes to the login and the
    refused person gets 403 before anything is fetched (so never learns whether the object
    exists, and asking the rule again would cost a query), and the method check and the
    submission key (`require_POST`, `once_per_submission`) still come before the 404.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            obj = fetch(kwargs.pop(arg))
            return view(request, obj, *args, **kwargs)

        return wrapper

    return decorator

"""The one check in front of every page that needs a role: log in first, then the rule."""

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

"""Who may reach the working group's conference pages: the only copy of that check."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlparse

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from dialogues import rules
from dialogues.models import Conference

View = Callable[..., HttpResponse]


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def managers_only(view: View) -> View:
    """Only the working group and admins (two-factor login is enforced by the path)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            if is_htmx(request):
                # A live refresh after the session ended: the whole page goes to the login
                # (a plain redirect would be followed and the login page swapped into the list).
                current = urlparse(request.headers.get("HX-Current-URL", ""))
                back = f"{current.path}?{current.query}" if current.query else current.path
                login = redirect_to_login(back or request.get_full_path())
                return HttpResponse(status=204, headers={"HX-Redirect": login["Location"]})
            return redirect_to_login(request.get_full_path())
        if not rules.can_manage_conferences(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def conference_managers_only(view: View) -> View:
    """As `managers_only`, and the conference named by `pk` is loaded for the view."""

    @managers_only
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        conference = get_object_or_404(Conference, pk=pk)
        return view(request, conference, *args, **kwargs)

    return wrapper

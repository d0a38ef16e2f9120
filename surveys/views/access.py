"""Who may use the working group's survey pages.

Every such page is under /arbetsgruppen/hantera/, where the middleware also demands two-factor
login; this decorator adds the role check (the working group or an admin).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from surveys import rules

View = Callable[..., HttpResponse]


def survey_managers_only(view: View) -> View:
    """Send an anonymous visitor to the login; refuse anyone but the working group (403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rules.can_manage_surveys(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from hok.context_processors import AFTER_TWO_FACTOR_SESSION_KEY
from hok.roles import has_powers, has_two_factor

# Paths where the working group and admins use their powers.
POWER_PATH_PREFIXES = ("/admin/", "/arbetsgruppen/hantera/")


def _strip_language_prefix(path: str) -> str:
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def turn_on_mfa_first(request: HttpRequest) -> HttpResponse | None:
    """The redirect to two-factor setup for someone using powers without it, else None."""
    if not has_powers(request.user) or has_two_factor(request.user):
        return None
    messages.warning(
        request,
        _(
            "Du behöver aktivera tvåstegsverifiering innan du kan använda "
            "arbetsgruppens eller administratörens verktyg."
        ),
    )
    if request.method == "GET":
        # Offered again once two-factor login is on (portal.views.continue_after_two_factor).
        request.session[AFTER_TWO_FACTOR_SESSION_KEY] = request.get_full_path()
    return redirect("mfa_activate_totp")


class RequireMfaForPowersMiddleware:
    """Admins and the working group must turn on two-factor login before using their powers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _strip_language_prefix(request.path_info).startswith(POWER_PATH_PREFIXES):
            if (refusal := turn_on_mfa_first(request)) is not None:
                return refusal
        return self.get_response(request)

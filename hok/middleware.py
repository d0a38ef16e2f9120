from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from hok.roles import has_powers

# Paths where the working group and admins use their powers.
POWER_PATH_PREFIXES = ("/admin/", "/arbetsgruppen/hantera/")


def _strip_language_prefix(path: str) -> str:
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


class RequireMfaForPowersMiddleware:
    """Admins and the working group must turn on two-factor login before using their powers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = _strip_language_prefix(request.path_info)
        if (
            path.startswith(POWER_PATH_PREFIXES)
            and has_powers(request.user)
            and not is_mfa_enabled(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Du behöver aktivera tvåstegsverifiering innan du kan använda "
                    "arbetsgruppens eller administratörens verktyg."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

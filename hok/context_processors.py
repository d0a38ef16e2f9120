from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from hok.roles import has_two_factor, role_of

# Where a member was going when sent to turn on two-factor login (hok.middleware).
AFTER_TWO_FACTOR_SESSION_KEY = "hok_after_two_factor"


def portal(request: HttpRequest) -> dict[str, Any]:
    return {
        "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
        # Lazy: pages that never ask cost no query.
        "user_role": SimpleLazyObject(lambda: role_of(request.user)),
        "after_two_factor_path": SimpleLazyObject(lambda: after_two_factor_path(request)),
    }


def after_two_factor_path(request: HttpRequest) -> str:
    """The page a member was going to before being sent to set up two-factor login, once it
    is on (the account pages then offer the way back); else empty."""
    path = (
        request.session.get(AFTER_TWO_FACTOR_SESSION_KEY, "") if hasattr(request, "session") else ""
    )
    if not path or not has_two_factor(request.user):
        return ""
    return path

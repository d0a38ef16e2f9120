from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from hok.roles import role_of


def portal(request: HttpRequest) -> dict[str, Any]:
    return {
        "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
        # Lazy: pages that never ask cost no query.
        "user_role": SimpleLazyObject(lambda: role_of(request.user)),
    }

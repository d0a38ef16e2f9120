from typing import Any

from django.conf import settings
from django.http import HttpRequest

from hok.roles import role_of


def portal(request: HttpRequest) -> dict[str, Any]:
    return {
        "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
        "user_role": role_of(request.user),
    }

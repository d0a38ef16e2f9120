"""Who may reach the working group's conference pages: the only copy of that check."""

from functools import wraps
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from dialogues import rules
from dialogues.models import Conference
from hok.access import View, permitted_by

# Only the working group and admins (two-factor login is enforced by the path).
managers_only = permitted_by(rules.can_manage_conferences)


def conference_managers_only(view: View) -> View:
    """As `managers_only`, and the conference named by `pk` is loaded for the view."""

    @managers_only
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
        conference = get_object_or_404(Conference, pk=pk)
        return view(request, conference, *args, **kwargs)

    return wrapper

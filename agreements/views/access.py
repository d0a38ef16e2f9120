"""Permission-checked lookups: the only way a view gets an organisation to change."""

from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from agreements import rules
from agreements.models import Organisation
from hok.access import View, permitted_by


def representative_required(view: View) -> View:
    """Load the organisation named by `slug` for one of its representatives, or refuse."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = get_object_or_404(Organisation, slug=slug)
        if not rules.can_manage_organisation(request.user, organisation):
            raise PermissionDenied
        return view(request, organisation, *args, **kwargs)

    return wrapper


signature_deciders_only = permitted_by(rules.can_decide_signatures)

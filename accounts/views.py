import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts import selectors, services
from accounts.forms import AccountDeleteForm
from agreements.selectors import personal_data as agreement_data
from hok.http import AuthenticatedHttpRequest
from hok.utils import add_service_errors, form_status


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/my_data.html")


@never_cache
@login_required
def my_data_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everything stored about the signed-in person, as one JSON file; only ever their own."""
    data = selectors.personal_data_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    name = f"hok-portalen-mina-uppgifter-{timezone.localdate():%Y-%m-%d}.json"
    return HttpResponse(
        body,
        content_type="application/json; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@never_cache
@login_required
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET states what will happen; POST with the right password deletes the account."""
    obstacles = selectors.account_deletion_obstacles(user=request.user)
    # Bound on every POST, an empty one too (it gets "write your password").
    data = request.POST if request.method == "POST" else None
    form = AccountDeleteForm(data, user=request.user)
    status = form_status(request)
    if request.method == "POST":
        if obstacles:
            messages.error(request, _("Kontot kan inte raderas ännu. Se nedan vad som behövs."))
            status = 409
        elif not ratelimit.consume(request, action="reauthenticate", user=request.user):
            form.add_error(None, _("För många försök. Vänta en minut och försök igen."))
            status = 429
        elif form.is_valid():
            try:
                services.account_delete(user=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                logout(request)
                messages.success(request, _("Ditt konto är raderat."))
                return redirect("home")
    return render(
        request,
        "accounts/delete.html",
        {
            "form": form,
            "obstacles": obstacles,
            "summary": agreement_data.erasure_summary(user=request.user),
        },
        status=status,
    )

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, field_by_code: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form, on the field its code names if any."""
    field_by_code = field_by_code or {}
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    for item in error.error_list:
        form.add_error(field_by_code.get(item.code or ""), item)


def form_status(request: HttpRequest) -> int:
    """A form sent back with errors is a 400; the page itself is a 200."""
    return 400 if request.method == "POST" else 200


def this_year() -> int:
    """The current year in the portal's time zone (Europe/Stockholm)."""
    return timezone.localdate().year


def absolute_url(path: str) -> str:
    """A link for a mail or a document: the portal's configured address, never a request's host.

    PORTAL_BASE_URL is the one source of the portal's address (README, 'Configuration').
    """
    return f"{settings.PORTAL_BASE_URL}{path}"


def field_max_length(model: type[models.Model], name: str) -> int:
    """The max_length of a model's text field, for checks that must agree with its column."""
    field = model._meta.get_field(name)
    length = field.max_length if isinstance(field, models.Field) else None
    if length is None:
        raise ImproperlyConfigured(f"{model.__name__}.{name} has no max_length.")
    return length

from django import forms
from django.core.exceptions import ValidationError


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

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core import checks
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hok.models import User
from hok.storage import PrivateStorage

if TYPE_CHECKING:
    _AdminBase = admin.ModelAdmin[Any]
else:
    _AdminBase = object  # a mixin: the ModelAdmin comes after it in the bases


class PrivateFilesAdmin(_AdminBase):
    """Shows files in private storage through the site's own, permission-checked download.

    A private file has no URL, so Django's file display (``value.url``) fails with "This file
    is not accessible via a URL" and the whole change page answers 500. A ModelAdmin with such
    a field names, in ``private_file_urls``, the URL name of the view that serves it (taking the
    object's pk); the field is then shown as a link to that view, read-only. The system check
    below refuses an admin that shows a private file without one.
    """

    private_file_urls: dict[str, str | Callable[[Any], str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field_name, url_name in self.private_file_urls.items():
            label = self.model._meta.get_field(field_name).verbose_name
            setattr(self, f"{field_name}_download", _download_display(field_name, url_name, label))

    def get_fields(
        self, request: HttpRequest, obj: Any = None
    ) -> list[str | list[str] | tuple[str, ...]]:
        fields = super().get_fields(request, obj)
        return [f"{name}_download" if name in self.private_file_urls else name for name in fields]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [f"{name}_download" for name in self.private_file_urls]


def _download_display(field_name: str, url_name: str | Callable[[Any], str], label: str) -> Any:
    def display(obj: models.Model) -> str:
        if obj.pk is None or not getattr(obj, field_name):
            return "–"
        # A URL name taking the pk, or a function giving the URL of a view not keyed by pk.
        url = url_name(obj) if callable(url_name) else reverse(url_name, args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Ladda ner"))

    return admin.display(description=label)(display)


def private_file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and isinstance(field.storage, PrivateStorage)
    ]


@checks.register(checks.Tags.admin)
def check_private_files_in_admin(**kwargs: Any) -> list[checks.CheckMessage]:
    """Every admin that shows a model with a private file shows it through a download view."""
    errors: list[checks.CheckMessage] = []
    for model, model_admin in admin.site._registry.items():
        for field in private_file_fields(model):
            urls = getattr(model_admin, "private_file_urls", {})
            if field.name in urls:
                continue
            errors.append(
                checks.Error(
                    f"{model._meta.label}.{field.name} is in private storage, which has no URL: "
                    "the admin page would fail.",
                    hint="Inherit hok.admin.PrivateFilesAdmin and name the download view in "
                    "private_file_urls.",
                    obj=type(model_admin),
                    id="hok.E001",
                )
            )
    return errors


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "first_name", "last_name"]}),
        (
            _("Behörigheter"),
            {
                "fields": ["is_active", "is_staff", "is_superuser", "groups"],
                "description": _(
                    "Lägg till personen i gruppen Arbetsgruppen för att ge personen tillgång "
                    "till arbetsgruppens verktyg. Tvåstegsverifiering krävs innan verktygen "
                    "kan användas."
                ),
            },
        ),
        (_("Datum"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

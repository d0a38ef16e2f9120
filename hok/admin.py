from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from hok.models import User


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

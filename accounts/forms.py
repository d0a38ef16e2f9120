from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hok.models import User


class AccountDeleteForm(forms.Form):
    """The person confirms with their password that the account is to be deleted."""

    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Skriv ditt lösenord för att bekräfta.")},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Lösenordet stämmer inte."), code="incorrect_password")
        return password

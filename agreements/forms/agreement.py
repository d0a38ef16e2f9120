from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import AgreementVersion


class VersionCompareForm(forms.Form):
    old = forms.TypedChoiceField(label=_("Jämför version"), coerce=int)
    new = forms.TypedChoiceField(label=_("med version"), coerce=int)

    def __init__(self, *args: Any, versions: list[AgreementVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(v.number, _("Version %(number)s") % {"number": v.number}) for v in versions]
        for name in ("old", "new"):
            cast(forms.ChoiceField, self.fields[name]).choices = choices
            self.fields[name].error_messages["invalid_choice"] = _(
                "Välj en av versionerna i listan."
            )
            self.fields[name].error_messages["required"] = _("Välj en version.")

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("old") is not None and cleaned.get("old") == cleaned.get("new"):
            raise forms.ValidationError(_("Välj två olika versioner att jämföra."))
        return cleaned

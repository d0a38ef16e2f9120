from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Signature


class SignForm(forms.Form):
    capacity = forms.ChoiceField(
        label=_("Jag undertecknar i egenskap av"),
        choices=Signature.Capacity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj i vilken egenskap du undertecknar.")},
    )
    board_decision = forms.FileField(
        label=_("Styrelsebeslutet (PDF, frivilligt)"),
        required=False,
        help_text=_(
            "Om du undertecknar med mandat från styrelsen kan du bifoga beslutet. Högst 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    signer_name = forms.CharField(
        label=_("Ditt fullständiga namn"),
        max_length=200,
        error_messages={"required": _("Skriv ditt fullständiga namn.")},
    )
    confirm = forms.BooleanField(
        label=_("Jag har läst överenskommelsen och undertecknar den för organisationens räkning."),
        error_messages={"required": _("Bekräfta att du undertecknar för organisationen.")},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Beslut"),
        choices=[("approve", _("Godkänn")), ("reject", _("Avslå"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj godkänn eller avslå.")},
    )
    reason = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Krävs vid avslag. Organisationen får läsa den."),
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "reject" and not str(cleaned.get("reason", "")).strip():
            self.add_error("reason", _("Skriv varför underskriften avslås."))
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl (frivilligt)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Jag vill återkalla organisationens underskrift."),
        error_messages={"required": _("Bekräfta att du vill återkalla underskriften.")},
    )

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import ActivityArea, Municipality, Organisation
from agreements.orgnr import normalise_org_number


class OrganisationForm(forms.Form):
    """The organisation's details, used to register and to edit."""

    # Plain fields, named as on the model and in the services.
    PROFILE_FIELDS = ("name", "party_side", "form", "website", "contact_email", "description")

    name = forms.CharField(label=_("Organisationens namn"), max_length=200)
    party_side = forms.ChoiceField(
        label=_("Part i överenskommelsen"),
        choices=Organisation.PartySide.choices,
        widget=forms.RadioSelect,
        initial=Organisation.PartySide.CIVIL_SOCIETY,
    )
    form = forms.ChoiceField(
        label=_("Organisationsform"),
        choices=[("", _("Välj organisationsform"))] + list(Organisation.Form.choices),
        required=False,
        help_text=_("Krävs för organisationer i den idéburna sektorn."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Kommuner där ni verkar"),
        queryset=Municipality.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Verksamhetsområden"),
        queryset=ActivityArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(
        label=_("Webbplats"), required=False, max_length=300, assume_scheme="https"
    )
    contact_email = forms.EmailField(
        label=_("Publik kontaktadress"),
        required=False,
        help_text=_("Visas på organisationens sida. Använd gärna en funktionsadress."),
    )
    description = forms.CharField(
        label=_("Kort beskrivning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Högst 2 000 tecken. Vad gör organisationen, och för vem?"),
    )
    logo = forms.FileField(
        label=_("Logotyp"),
        required=False,
        help_text=_("PNG, JPEG eller WebP, högst 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Skriv organisationens namn.")
        self.fields["website"].error_messages["invalid"] = _(
            "Skriv en fullständig webbadress, till exempel https://forening.se."
        )
        self.fields["contact_email"].error_messages["invalid"] = _("Skriv en giltig e-postadress.")

    def profile(self) -> dict[str, Any]:
        """The cleaned details as the register and update services take them."""
        names = [*self.PROFILE_FIELDS, "municipalities", "areas"]
        return {name: self.cleaned_data[name] for name in names}

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("party_side") == Organisation.PartySide.CIVIL_SOCIETY and not cleaned.get(
            "form"
        ):
            self.add_error("form", _("Välj organisationsform."))
        return cleaned


class OrganisationRegisterForm(OrganisationForm):
    org_number = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=13,
        help_text=_("Tio siffror, med eller utan bindestreck: 802000-1007."),
    )

    field_order = ["name", "org_number"]

    def clean_org_number(self) -> str:
        return normalise_org_number(self.cleaned_data["org_number"])


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Meddelande till organisationens företrädare"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Berätta gärna vem du är och din roll i organisationen. Högst 1 000 tecken."),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadress till den du vill bjuda in"),
        error_messages={
            "required": _("Skriv en e-postadress."),
            "invalid": _("Skriv en giltig e-postadress."),
        },
    )

"""Input validation for the knowledge base; no side effects. Field names of the filter form are
the public URL parameters (Swedish, like the directory's) and must not change."""

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from examples.models import FIRST_YEAR, SUMMARY_MAX, TEXT_MAX, TITLE_MAX, Example
from examples.selectors import ExampleFilters
from examples.services import REVIEW_MESSAGE_MAX, ExampleContent

if TYPE_CHECKING:
    from agreements.models import ActivityArea, Municipality, Organisation, Principle

INVALID_CHOICE = _("”%(value)s” finns inte bland alternativen. Välj ett av dem i listan.")
CHOICE_ERRORS = {
    "invalid_choice": INVALID_CHOICE,
    # ModelMultipleChoiceField names a value that is not an id at all `pk`.
    "invalid_pk_value": _("”%(pk)s” finns inte bland alternativen. Välj ett av dem i listan."),
}
TOO_LONG = {"max_length": _("Skriv högst %(limit_value)d tecken (nu är det %(show_value)d).")}
LINES_MAX = 4000


class LabelledChoices(forms.ModelMultipleChoiceField):
    """A multiple choice of model instances (the queryset set by the form), each shown as
    `label_of` names it."""

    def __init__(self, *, label_of: Callable[[Any], str], **kwargs: Any) -> None:
        super().__init__(queryset=None, **kwargs)
        self.label_of = label_of

    def label_from_instance(self, obj: Model) -> str:
        return self.label_of(obj)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class ExampleFilterForm(forms.Form):
    princip = forms.ChoiceField(label=_("Princip"), required=False, error_messages=CHOICE_ERRORS)
    kommun = forms.ChoiceField(label=_("Kommun"), required=False, error_messages=CHOICE_ERRORS)
    omrade = forms.ChoiceField(
        label=_("Verksamhetsområde"), required=False, error_messages=CHOICE_ERRORS
    )
    ar = forms.TypedChoiceField(
        label=_("År"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Samverkan pågick det året."),
        error_messages=CHOICE_ERRORS,
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        principles: Sequence["Principle"],
        municipalities: Sequence["Municipality"],
        areas: Sequence["ActivityArea"],
    ) -> None:
        super().__init__(data, label_suffix="")
        cast(forms.ChoiceField, self.fields["princip"]).choices = [
            ("", _("Alla principer")),
            *((p.slug, f"{p.number}. {p.display_title}") for p in principles),
        ]
        cast(forms.ChoiceField, self.fields["kommun"]).choices = [
            ("", _("Alla kommuner")),
            *((m.slug, m.display_name) for m in municipalities),
        ]
        cast(forms.ChoiceField, self.fields["omrade"]).choices = [
            ("", _("Alla områden")),
            *((a.slug, a.display_name) for a in areas),
        ]
        this_year = timezone.localdate().year
        cast(forms.ChoiceField, self.fields["ar"]).choices = [
            ("", _("Alla år")),
            *((str(year), str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)),
        ]

    def filters(self) -> ExampleFilters:
        """The filters that validated; an invalid one is left out (its error is shown)."""
        data = getattr(self, "cleaned_data", {})
        return ExampleFilters(
            principle=data.get("princip") or "",
            municipality=data.get("kommun") or "",
            area=data.get("omrade") or "",
            year=data.get("ar"),
        )

    def error_summary(self) -> list[tuple[str, str, list[str]]]:
        return [
            (self[name].id_for_label, str(self.fields[name].label), [str(e) for e in errors])
            for name, errors in self.errors.items()
            if name in self.fields
        ]


class ExampleForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=TITLE_MAX, error_messages=TOO_LONG)
    summary = forms.CharField(
        label=_("Sammanfattning"),
        max_length=SUMMARY_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Två eller tre meningar som visas i listan över exempel."),
    )
    principles = LabelledChoices(
        label_of=lambda p: f"{p.number}. {p.display_title}",
        label=_("Principer som exemplet visar"),
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    municipalities = LabelledChoices(
        label_of=lambda m: m.display_name,
        label=_("Kommun"),
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    areas = LabelledChoices(
        label_of=lambda a: a.display_name,
        label=_("Verksamhetsområden"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    party_organisations: "forms.ModelMultipleChoiceField[Organisation]" = (
        forms.ModelMultipleChoiceField(
            label=_("Andra undertecknare som var med"),
            queryset=None,
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 6}),
            help_text=_("Håll ner Ctrl (Cmd på Mac) för att välja flera."),
            error_messages=CHOICE_ERRORS,
        )
    )
    region_units = forms.CharField(
        label=_("Enheter inom Region Halland som var med"),
        required=False,
        max_length=LINES_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En enhet per rad, till exempel Regional utveckling."),
    )
    other_parties = forms.CharField(
        label=_("Andra parter"),
        required=False,
        max_length=LINES_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En per rad: kommuner, föreningar som inte har undertecknat, företag …"),
    )
    start_year = forms.IntegerField(label=_("Startår"), min_value=FIRST_YEAR, max_value=2100)
    end_year = forms.IntegerField(
        label=_("Slutår"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=2100,
        help_text=_("Lämna tomt om samverkan pågår."),
    )
    what_was_done = forms.CharField(
        label=_("Vad gjorde ni?"),
        max_length=TEXT_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    outcome = forms.CharField(
        label=_("Vad ledde det till?"),
        max_length=TEXT_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    lessons = forms.CharField(
        label=_("Vad lärde ni er?"),
        max_length=TEXT_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Det som andra kan ha nytta av: vad fungerade, vad skulle ni göra annorlunda?"),
    )
    contact_kind = forms.ChoiceField(
        label=_("Vem kan man kontakta?"),
        choices=Example.ContactKind.choices,
        widget=forms.RadioSelect,
        initial=Example.ContactKind.ORGANISATION,
        error_messages=CHOICE_ERRORS,
    )
    contact_name = forms.CharField(
        label=_("Namn"),
        required=False,
        max_length=120,
        error_messages=TOO_LONG,
        help_text=_("En funktion (till exempel Kansliet) eller kontaktpersonens namn."),
    )
    contact_email = forms.EmailField(
        label=_("E-postadress"), required=False, max_length=254, error_messages=TOO_LONG
    )
    contact_phone = forms.RegexField(
        label=_("Telefonnummer"),
        required=False,
        max_length=40,
        regex=r"^[0-9 +()\-]{5,40}$",
        error_messages={
            "invalid": _("Skriv telefonnumret med siffror, till exempel 035-13 10 00.")
        },
    )
    contact_consent = forms.BooleanField(
        label=_("Kontaktpersonen har samtyckt till att namn och kontaktuppgifter visas publikt."),
        required=False,
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        organisation: "Organisation",
        principles: QuerySet,
        municipalities: QuerySet,
        areas: QuerySet,
        party_organisations: QuerySet,
        initial: dict | None = None,
    ) -> None:
        """The choices are the agreements app's own lists (its selectors' querysets)."""
        super().__init__(data, initial=initial, label_suffix="")
        for name, queryset in (
            ("principles", principles),
            ("municipalities", municipalities),
            ("areas", areas),
            ("party_organisations", party_organisations.exclude(pk=organisation.pk)),
        ):
            cast(forms.ModelMultipleChoiceField, self.fields[name]).queryset = queryset

    def content(self) -> ExampleContent:
        data = self.cleaned_data
        return ExampleContent(
            title=data["title"],
            summary=data["summary"],
            start_year=data["start_year"],
            end_year=data["end_year"],
            what_was_done=data["what_was_done"],
            outcome=data["outcome"],
            lessons=data["lessons"],
            municipalities=list(data["municipalities"]),
            principles=list(data["principles"]),
            areas=list(data["areas"]),
            party_organisations=list(data["party_organisations"]),
            other_parties=_lines(data["other_parties"]),
            region_units=_lines(data["region_units"]),
            contact_kind=data["contact_kind"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            contact_consent=data["contact_consent"],
        )


def initial_of(example: Example) -> dict:
    """The form's starting values for an existing example."""
    parties = list(example.parties.all())
    return {
        "title": example.title,
        "summary": example.summary,
        "principles": [p.pk for p in example.principles.all()],
        "municipalities": [m.pk for m in example.municipalities.all()],
        "areas": [a.pk for a in example.areas.all()],
        "party_organisations": [p.organisation_id for p in parties if p.organisation_id],
        "region_units": "\n".join(p.name for p in parties if p.is_region_unit),
        "other_parties": "\n".join(
            p.name for p in parties if not p.organisation_id and not p.is_region_unit
        ),
        "start_year": example.start_year,
        "end_year": example.end_year,
        "what_was_done": example.what_was_done,
        "outcome": example.outcome,
        "lessons": example.lessons,
        "contact_kind": example.contact_kind,
        "contact_name": example.contact_name,
        "contact_email": example.contact_email,
        "contact_phone": example.contact_phone,
        "contact_consent": example.contact_consent_at is not None,
    }


class ReviewForm(forms.Form):
    message = forms.CharField(
        label=_("Meddelande till organisationen"),
        required=False,
        max_length=REVIEW_MESSAGE_MAX,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Krävs när ni ber om ändringar eller tar ner ett publicerat exempel."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Dokumentets titel"), max_length=200, error_messages=TOO_LONG)
    file = forms.FileField(
        label=_("Fil (PDF, högst 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        error_messages={"required": _("Välj en PDF-fil."), "empty": _("Filen är tom.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ImageForm(forms.Form):
    image = forms.FileField(
        label=_("Bild (PNG, JPEG eller WebP, högst 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        error_messages={"required": _("Välj en bild."), "empty": _("Filen är tom.")},
    )
    alt = forms.CharField(
        label=_("Bildbeskrivning"),
        max_length=300,
        help_text=_("Vad bilden visar, för den som inte ser den. Krävs."),
        error_messages={"required": _("Beskriv bilden för den som inte ser den."), **TOO_LONG},
    )
    caption = forms.CharField(
        label=_("Bildtext (valfri)"), required=False, max_length=300, error_messages=TOO_LONG
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

from collections.abc import Mapping, Sequence
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import ActivityArea, Municipality, Organisation
from agreements.selectors.directory import DirectoryFilters, DirectorySort

# The agreement was launched in 2019: nobody signed it before.
FIRST_YEAR = 2019
QUERY_MAX_LENGTH = 100

INVALID_CHOICE = _("”%(value)s” finns inte bland alternativen. Välj ett av dem i listan.")


class DirectoryFilterForm(forms.Form):
    """The directory's filters (a GET form). Field names are the public URL parameters, so
    they are Swedish and must not change: the open data links depend on them."""

    q = forms.CharField(
        label=_("Sök på namn"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        strip=True,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
        error_messages={
            "max_length": _("Skriv högst %(limit_value)d tecken i sökrutan."),
        },
    )
    kommun = forms.MultipleChoiceField(
        label=_("Kommun"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisationer som verkar i hela länet har valet Hela Halland."),
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    omrade = forms.MultipleChoiceField(
        label=_("Verksamhetsområde"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    organisationsform = forms.ChoiceField(
        label=_("Organisationsform"),
        required=False,
        choices=[("", _("Alla organisationsformer")), *Organisation.Form.choices],
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    part = forms.ChoiceField(
        label=_("Part i överenskommelsen"),
        required=False,
        choices=[("", _("Båda parter")), *Organisation.PartySide.choices],
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    ar = forms.TypedChoiceField(
        label=_("Undertecknare sedan år"),
        required=False,
        help_text=_("Året då arbetsgruppen godkände organisationens underskrift."),
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    sortering = forms.ChoiceField(
        label=_("Sortera"),
        required=False,
        choices=DirectorySort.choices,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        municipalities: Sequence[Municipality],
        areas: Sequence[ActivityArea],
    ) -> None:
        super().__init__(data, label_suffix="")
        self._ids = {
            "kommun": {m.slug: m.pk for m in municipalities},
            "omrade": {a.slug: a.pk for a in areas},
        }
        cast(forms.ChoiceField, self.fields["kommun"]).choices = [
            (m.slug, m.display_name) for m in municipalities
        ]
        cast(forms.ChoiceField, self.fields["omrade"]).choices = [
            (a.slug, a.display_name) for a in areas
        ]
        this_year = timezone.localdate().year
        cast(forms.ChoiceField, self.fields["ar"]).choices = [
            ("", _("Alla år")),
            *((str(year), str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)),
        ]

    def _chosen_ids(self, name: str) -> tuple[int, ...]:
        """The ids of the chosen values of a multiple-choice field. An unknown value is left
        out (the field's error names it) and the known ones still apply."""
        data = getattr(self, "cleaned_data", {})
        chosen = data[name] if name in data else (self[name].value() or [])
        ids = self._ids[name]
        return tuple(ids[str(value)] for value in chosen if str(value) in ids)

    def filters(self) -> DirectoryFilters:
        """The filters that validated; an invalid field is left out (its error is shown)."""
        data = getattr(self, "cleaned_data", {})
        return DirectoryFilters(
            query=data.get("q") or "",
            municipalities=self._chosen_ids("kommun"),
            areas=self._chosen_ids("omrade"),
            form=data.get("organisationsform") or "",
            party_side=data.get("part") or "",
            year=data.get("ar"),
            sort=data.get("sortering") or DirectorySort.NAME,
        )

    def error_summary(self) -> list[tuple[str, str, list[str]]]:
        """(field id, label, messages) for each invalid field, for the summary at the top."""
        return [
            (self[name].id_for_label, str(self.fields[name].label), [str(e) for e in errors])
            for name, errors in self.errors.items()
            if name in self.fields
        ]

"""Forms for commitments, progress reports and organisation documents: input checks only.

The rules of the domain (the action belongs to the principle, years in range, the file is a
real PDF) are the services' to enforce; the views put the services' errors on these fields.
"""

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from agreements.models import Action, OrganisationDocument, Principle, ProgressReport
from agreements.services.commitments import commitment_check

# Options of a <select> are one line on most phones; the full text is shown everywhere else.
ACTION_LABEL_CHARS = 110


def _year_input() -> forms.TextInput:
    # A text input with a numeric keyboard: number inputs change on scroll and drop bad input.
    return forms.TextInput(
        attrs={
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "4",
            "class": "input--year",
        }
    )


def principle_label(principle: Principle) -> str:
    return f"{principle.number}. {principle.display_title}"


class CommitmentForm(forms.Form):
    # Which field shows each error code the commitment services raise.
    error_fields = {
        "action_principle": "action",
        "principle_version": "principle",
        "year": "start_year",
        "start_after_report": "start_year",
    }

    principle = forms.ChoiceField(
        label=_("Princip"),
        error_messages={
            "required": _("Välj den princip som åtagandet hör till."),
            "invalid_choice": _("Välj en av principerna i listan."),
        },
    )
    action = forms.ChoiceField(
        label=_("Åtgärd (frivilligt)"),
        required=False,
        help_text=_(
            "Välj en åtgärd under den princip du valde ovan, eller ingen om åtagandet gäller "
            "principen i stort."
        ),
        error_messages={"invalid_choice": _("Välj en av åtgärderna i listan.")},
    )
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=200,
        help_text=_("Kort och konkret, till exempel ”Årlig dialogträff med regionen”."),
        error_messages={
            "required": _("Skriv en rubrik för åtagandet."),
            "max_length": _("Rubriken får vara högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Vad ska organisationen göra, och hur vet ni att det har blivit gjort?"),
        error_messages={
            "required": _("Beskriv vad organisationen åtar sig."),
            "max_length": _(
                "Beskrivningen får vara högst %(limit_value)d tecken (nu %(show_value)d)."
            ),
        },
    )
    start_year = forms.IntegerField(
        label=_("Startår"),
        widget=_year_input(),
        help_text=_("Det år organisationen börjar arbeta med åtagandet."),
        error_messages={
            "required": _("Skriv det år då åtagandet börjar."),
            "invalid": _("Skriv året med fyra siffror, till exempel 2026."),
        },
    )

    def __init__(self, *args: Any, principles: Iterable[Principle], **kwargs: Any) -> None:
        """`principles` come with their actions prefetched; only these may be chosen."""
        super().__init__(*args, **kwargs)
        self._principles = {str(principle.pk): principle for principle in principles}
        self._actions: dict[str, Action] = {}
        action_choices: list[tuple[str, Any]] = [("", _("Ingen särskild åtgärd"))]
        for principle in self._principles.values():
            group = []
            for action in principle.actions.all():
                self._actions[str(action.pk)] = action
                label = Truncator(action.display_text).chars(ACTION_LABEL_CHARS)
                group.append((str(action.pk), label))
            if group:
                action_choices.append((principle_label(principle), group))
        cast(forms.ChoiceField, self.fields["principle"]).choices = [("", _("Välj princip"))] + [
            (pk, principle_label(principle)) for pk, principle in self._principles.items()
        ]
        cast(forms.ChoiceField, self.fields["action"]).choices = action_choices

    def clean_principle(self) -> Principle:
        return self._principles[self.cleaned_data["principle"]]

    def clean_action(self) -> Action | None:
        return self._actions.get(self.cleaned_data["action"] or "")

    def clean(self) -> dict[str, Any]:
        """Run the services' rules now too, so every problem shows at once."""
        cleaned = super().clean() or {}
        try:
            commitment_check(
                principle=cleaned.get("principle"),
                action=cleaned.get("action"),
                start_year=cleaned.get("start_year"),
            )
        except ValidationError as error:
            for item in error.error_list:
                field = self.error_fields.get(item.code or "")
                if field is not None and field not in self.errors:
                    self.add_error(field, item)
        return cleaned


class ProgressReportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Läge"),
        choices=ProgressReport.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj hur långt ni har kommit."),
            "invalid_choice": _("Välj ett av lägena i listan."),
        },
    )
    text = forms.CharField(
        label=_("Vad har hänt under året?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Berätta kort vad ni har gjort, vad som gick bra och vad som återstår."),
        error_messages={
            "required": _("Skriv några rader om vad som har hänt."),
            "max_length": _("Texten får vara högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )
    link = forms.URLField(
        label=_("Länk (frivilligt)"),
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text=_("Till exempel en nyhet eller en rapport om arbetet på er webbplats."),
        error_messages={
            "invalid": _(
                "Skriv en fullständig webbadress, till exempel https://forening.se/nyhet."
            ),
            "max_length": _("Länken får vara högst %(limit_value)d tecken."),
        },
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Typ av dokument"),
        choices=OrganisationDocument.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vilken typ av dokument det är."),
            "invalid_choice": _("Välj en av typerna i listan."),
        },
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Som den ska visas på organisationens sida, till exempel ”Stadgar”."),
        error_messages={
            "required": _("Skriv en titel för dokumentet."),
            "max_length": _("Titeln får vara högst %(limit_value)d tecken (nu %(show_value)d)."),
        },
    )
    year = forms.IntegerField(
        label=_("År (frivilligt)"),
        required=False,
        widget=_year_input(),
        help_text=_("Till exempel det år årsredovisningen gäller eller stadgarna antogs."),
        error_messages={"invalid": _("Skriv året med fyra siffror, till exempel 2025.")},
    )
    file = forms.FileField(
        label=_("Fil (PDF)"),
        help_text=_("Bara PDF, högst 10 MB."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={
            "required": _("Välj en PDF-fil att ladda upp."),
            "empty": _("Filen är tom. Välj en annan fil."),
            "invalid": _("Välj en PDF-fil att ladda upp."),
            "missing": _("Välj en PDF-fil att ladda upp."),
        },
    )

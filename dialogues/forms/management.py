"""Forms for the working group's conference pages: input checks only.

The rules (closing after opening, a free address, the note cap's range) are the services';
the views put the services' errors on these fields.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dialogues.limits import DEVICE_LIMIT, DEVICE_WINDOW
from dialogues.models import Dialogue
from dialogues.services.conferences import NOTE_CAP_MAX, QUESTION_MAX_LENGTH

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


def _datetime_field(label: "StrOrPromise", help_text: "StrOrPromise") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        help_text=help_text,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "invalid": _("Skriv datum och tid som 2026-11-18 09:30."),
        },
    )


def _note_cap_help() -> str:
    """Where the working group sets the cap, what really bounds a flood of notes."""
    return gettext(
        "Skydd mot missbruk: fler anteckningar än så tas inte emot. Taket är det som "
        "verkligen begränsar: gränsen per telefon (%(limit)s anteckningar på %(minutes)s "
        "minuter) följer en kaka och börjar om när någon hämtar sidan på nytt utan den."
    ) % {"limit": DEVICE_LIMIT, "minutes": DEVICE_WINDOW // 60}


class ConferenceForm(forms.Form):
    name = forms.CharField(
        label=_("Namn"),
        max_length=200,
        error_messages={
            "required": _("Skriv konferensens namn."),
            "max_length": _("Namnet får vara högst %(limit_value)d tecken."),
        },
    )
    date = forms.DateField(
        label=_("Datum"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Ange konferensens datum."),
            "invalid": _("Skriv datumet som 2026-11-18."),
        },
    )
    place = forms.CharField(label=_("Plats"), max_length=200, required=False)
    slug = forms.SlugField(
        label=_("Kortnamn i adressen"),
        max_length=80,
        required=False,
        help_text=_(
            "Små bokstäver a–z, siffror och bindestreck. "
            "Lämna tomt så skapas det av namnet och året."
        ),
        error_messages={
            "invalid": _("Använd bara små bokstäver a–z, siffror och bindestreck."),
        },
    )
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    introduction = forms.CharField(
        label=_("Inledning till dokumentationen"),
        required=False,
        help_text=_(
            "Visas först i den sammanställda dokumentationen. Stycken skiljs åt med en tom rad."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class DialogueForm(forms.Form):
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=200,
        error_messages={
            "required": _("Skriv dialogens rubrik."),
            "max_length": _("Rubriken får vara högst %(limit_value)d tecken."),
        },
    )
    introduction = forms.CharField(
        label=_("Inledning"),
        required=False,
        help_text=_("Visas för deltagarna ovanför frågorna."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    opens_at = _datetime_field(
        _("Öppnar"), _("Lämna tomt om ni öppnar dialogen för hand med knappen.")
    )
    closes_at = _datetime_field(_("Stänger"), _("Lämna tomt om ni stänger dialogen för hand."))
    note_cap = forms.IntegerField(
        label=_("Högsta antal anteckningar"),
        min_value=1,
        max_value=NOTE_CAP_MAX,
        initial=Dialogue._meta.get_field("note_cap").default,
        help_text=lazy(_note_cap_help, str)(),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": _("Ange högsta antal anteckningar."),
            "invalid": _("Skriv ett heltal, till exempel 1500."),
            "min_value": _("Taket måste vara minst %(limit_value)s."),
            "max_value": _("Taket får vara högst %(limit_value)s."),
        },
    )


class NewDialogueForm(DialogueForm):
    questions = forms.CharField(
        label=_("Frågor"),
        required=False,
        help_text=_("En fråga per rad. Du kan ändra, lägga till och flytta frågorna efteråt."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def question_list(self) -> list[str]:
        text = self.cleaned_data.get("questions", "")
        return [line.strip() for line in text.splitlines() if line.strip()]


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Fråga"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Skriv frågan."),
            "max_length": _("Frågan får vara högst %(limit_value)d tecken."),
        },
    )


class NewQuestionForm(QuestionForm):
    """The form under a dialogue's questions that adds one more."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Ny fråga")


class StateForm(forms.Form):
    state = forms.ChoiceField(
        choices=Dialogue.ManualState.choices,
        error_messages={"invalid_choice": _("Okänt läge för dialogen.")},
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("up", _("Upp")), ("down", _("Ned"))],
        error_messages={"invalid_choice": _("Välj upp eller ned.")},
    )

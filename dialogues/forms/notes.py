"""The attendee's forms: the short code on the front page, and a note. Input checks only.

The rules of the domain (the dialogue is open, the global cap) are the service's; the device
limit is dialogues.limits'. The note's text has no `maxlength` attribute on purpose: a browser
silently cuts a pasted text at maxlength, and nothing typed may be lost. The length is checked
here instead, with the text kept.
"""

import uuid
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from dialogues.codes import LENGTH as CODE_LENGTH
from dialogues.models import NOTE_MAX_LENGTH, TABLE_GROUP_MAX_LENGTH, DialogueQuestion

# The value of the "whole dialogue" choice; the questions' values are their ids.
WHOLE_DIALOGUE = "hela"
# A field people never see; a script filling every field fills it too.
HONEYPOT = "webbplats"


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


class ShortCodeForm(forms.Form):
    kod = forms.CharField(
        label=_("Dialogkod"),
        max_length=40,
        help_text=_(
            "Sex tecken, till exempel K7M Q2P. Stora eller små bokstäver spelar ingen roll."
        ),
        error_messages={"required": _("Skriv dialogkoden från bordet.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "size": CODE_LENGTH + 4,
                "class": "code-input",
            }
        ),
    )


class NoteForm(forms.Form):
    question = forms.ChoiceField(
        label=_("Anteckningen gäller"),
        widget=forms.RadioSelect,
        # Nothing chosen: the note is about the whole dialogue.
        required=False,
        error_messages={
            "invalid_choice": _(
                "Frågan finns inte längre i dialogen. Välj en av frågorna, eller hela dialogen."
            ),
        },
    )
    table_group = forms.CharField(
        label=_("Bordsgruppens namn eller nummer (frivilligt)"),
        required=False,
        help_text=_("Till exempel ”Bord 7”. Skriv inte era egna namn."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    text = forms.CharField(
        label=_("Anteckning"),
        strip=False,
        error_messages={"required": _("Skriv en anteckning innan du skickar.")},
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "true"}),
    )
    proposes_revision = forms.BooleanField(
        label=_("Det här är ett förslag till revidering av överenskommelsen"),
        required=False,
        help_text=_(
            "Kryssa i om ni föreslår en ändring i överenskommelsens text. Arbetsgruppen läser "
            "förslaget och kan lägga upp det bland förslagen till revidering."
        ),
    )
    client_key = forms.CharField(required=False, widget=forms.HiddenInput)
    webbplats = forms.CharField(
        label=_("Lämna det här fältet tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, questions: Sequence[DialogueQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = {str(question.pk): question for question in questions}
        cast(forms.ChoiceField, self.fields["question"]).choices = [
            *((str(question.pk), question.text) for question in questions),
            (WHOLE_DIALOGUE, _("Hela dialogen (ingen särskild fråga)")),
        ]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].replace("\r\n", "\n").strip()
        if not text:
            raise forms.ValidationError(_("Skriv en anteckning innan du skickar."), code="empty")
        if len(text) > NOTE_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "Anteckningen är för lång: %(count)s tecken, men högst %(max)s får plats. "
                    "Korta den, eller dela upp den i flera anteckningar. Det du skrev finns kvar."
                )
                % {"count": _number(len(text)), "max": _number(NOTE_MAX_LENGTH)},
                code="too_long",
            )
        return text

    def clean_table_group(self) -> str:
        table_group = " ".join(self.cleaned_data["table_group"].split())
        if len(table_group) > TABLE_GROUP_MAX_LENGTH:
            raise forms.ValidationError(
                _("Bordsgruppens namn får vara högst %(max)s tecken.")
                % {"max": TABLE_GROUP_MAX_LENGTH},
                code="table_group_too_long",
            )
        return table_group

    def clean_client_key(self) -> uuid.UUID:
        # Missing or garbled (an odd client): the note is still taken, under a new key.
        try:
            return uuid.UUID(self.cleaned_data["client_key"].strip())
        except ValueError:
            return uuid.uuid4()

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def chosen_question(self) -> DialogueQuestion | None:
        """The question the valid form names; None for the whole dialogue."""
        return self.questions.get(self.cleaned_data["question"])

"""Forms for the summary of a dialogue and the feedback on a theme: input checks only.

Which button was pressed (preview, save, publish, withdraw) is the view's to read; the
services decide whether publishing is allowed.
"""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogues.services.outcomes import TEXT_MAX_LENGTH

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MARKDOWN_HELP = _(
    "Skriv vanlig text; en tom rad ger ett nytt stycke. Du kan använda Markdown: "
    "# Rubrik, - punktlista, 1. numrerad lista, **fetstil**, *kursiv* och "
    "[länktext](https://adress). Annan HTML tas bort."
)


def _markdown_field(label: "StrOrPromise", required_message: "StrOrPromise") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true", "lang": "sv"}),
        error_messages={
            "max_length": _(
                "Texten får vara högst %(limit_value)d tecken lång (nu %(show_value)d)."
            ),
            "required": required_message,
        },
    )


class SummaryForm(forms.Form):
    summary = _markdown_field(_("Sammanfattning"), _("Skriv en sammanfattning."))


class FeedbackForm(forms.Form):
    feedback = _markdown_field(_("Återkoppling"), _("Skriv återkopplingen."))

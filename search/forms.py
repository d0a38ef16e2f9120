from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from search.text import parse_query

QUERY_MAX_LENGTH = 200


class SearchForm(forms.Form):
    """A search as typed in the header or on the results page (GET)."""

    q = forms.CharField(
        label=_("Sök i portalen"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={
            "max_length": _(
                "Skriv högst %(limit_value)d tecken, till exempel några ord ur ett namn."
            )
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        if text and parse_query(text).is_empty:
            raise forms.ValidationError(
                _(
                    "Sökningen innehåller inga ord. Skriv ett eller flera ord, till exempel "
                    "namnet på en förening eller en ort."
                ),
                code="no_words",
            )
        return text

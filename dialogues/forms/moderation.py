"""Forms of the moderation page, the themes page and the projector. Input checks only."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogues.models import DialogueQuestion, Theme
from dialogues.selectors.moderation import (
    SHOW_ALL,
    SHOW_HIDDEN,
    SHOW_SUGGESTED,
    SHOW_UNTAGGED,
    SHOW_VISIBLE,
    WHOLE_DIALOGUE,
)
from dialogues.services.moderation import HIDDEN_REASON_MAX_LENGTH, THEME_NAME_MAX_LENGTH
from dialogues.suggestions import KEYWORD_MAX_LENGTH, KEYWORDS_MAX_COUNT

UNKNOWN_THEME = _("Ett av temana finns inte i den här konferensen. Ladda om sidan och försök igen.")


def _theme_choices(themes: Sequence[Theme]) -> list[tuple[int, str]]:
    return [(theme.pk, theme.name) for theme in themes]


def _short(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class NoteFilterForm(forms.Form):
    """Which notes the moderation page lists (GET). Bad values are reported, never a 500."""

    visa = forms.ChoiceField(
        label=_("Visa"),
        required=False,
        choices=[
            (SHOW_ALL, _("Alla anteckningar")),
            (SHOW_VISIBLE, _("Synliga")),
            (SHOW_HIDDEN, _("Dolda")),
            (SHOW_UNTAGGED, _("Utan tema")),
            (SHOW_SUGGESTED, _("Med förslag att ta ställning till")),
        ],
        error_messages={"invalid_choice": _("Välj vilka anteckningar som ska visas.")},
    )
    tema = forms.TypedChoiceField(
        label=_("Tema"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Temat finns inte i den här konferensen.")},
    )
    fraga = forms.ChoiceField(
        label=_("Fråga"),
        required=False,
        error_messages={"invalid_choice": _("Frågan finns inte i den här dialogen.")},
    )

    def __init__(
        self,
        *args: Any,
        themes: Sequence[Theme],
        questions: Sequence[DialogueQuestion],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["tema"]).choices = [
            ("", _("Alla teman")),
            *_theme_choices(themes),
        ]
        cast(forms.ChoiceField, self.fields["fraga"]).choices = [
            ("", _("Alla frågor")),
            (WHOLE_DIALOGUE, _("Hela dialogen")),
            *[(str(question.pk), _short(question.text)) for question in questions],
        ]


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl att dölja"),
        max_length=HIDDEN_REASON_MAX_LENGTH,
        help_text=_("Till exempel ”innehåller ett namn”. Syns bara för arbetsgruppen."),
        error_messages={
            "required": _("Skriv varför anteckningen döljs, till exempel ”innehåller ett namn”."),
            "max_length": _("Skälet får vara högst %(limit_value)d tecken."),
        },
    )


class NoteThemesForm(forms.Form):
    themes = forms.TypedMultipleChoiceField(
        label=_("Teman"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": UNKNOWN_THEME, "invalid_list": UNKNOWN_THEME},
    )

    def __init__(self, *args: Any, themes: Sequence[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["themes"]).choices = _theme_choices(themes)


class SuggestionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Beslut"),
        choices=[("accept", _("Godkänn")), ("reject", _("Avvisa"))],
        error_messages={
            "required": _("Välj om förslaget ska godkännas eller avvisas."),
            "invalid_choice": _("Välj om förslaget ska godkännas eller avvisas."),
        },
    )


class ThemeForm(forms.Form):
    name = forms.CharField(
        label=_("Namn"),
        max_length=THEME_NAME_MAX_LENGTH,
        error_messages={
            "required": _("Skriv temats namn."),
            "max_length": _("Namnet får vara högst %(limit_value)d tecken."),
        },
    )
    keywords = forms.CharField(
        label=_("Nyckelord"),
        required=False,
        strip=False,
        max_length=KEYWORDS_MAX_COUNT * (KEYWORD_MAX_LENGTH + 2),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Ett ord eller uttryck per rad. Böjningsformer räknas med: ”psykisk” hittar även "
            "”psykiska”. Avsluta med * för att hitta sammansatta ord: ”förening*” hittar "
            "”föreningslivet”."
        ),
        error_messages={"max_length": _("Listan med nyckelord är för lång.")},
    )


class ThemeMergeForm(forms.Form):
    source = forms.TypedChoiceField(
        label=_("Slå ihop temat"),
        coerce=int,
        error_messages={
            "required": _("Välj temat som ska slås ihop."),
            "invalid_choice": _("Temat finns inte i den här konferensen."),
        },
    )
    target = forms.TypedChoiceField(
        label=_("med temat"),
        coerce=int,
        help_text=_("Det första temat tas bort; dess anteckningar och nyckelord flyttas hit."),
        error_messages={
            "required": _("Välj temat som ska finnas kvar."),
            "invalid_choice": _("Temat finns inte i den här konferensen."),
        },
    )

    def __init__(self, *args: Any, themes: Sequence[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Välj tema")), *_theme_choices(themes)]
        cast(forms.ChoiceField, self.fields["source"]).choices = choices
        cast(forms.ChoiceField, self.fields["target"]).choices = choices

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        source, target = cleaned.get("source"), cleaned.get("target")
        if source is not None and source == target:
            self.add_error("target", _("Ett tema kan inte slås ihop med sig självt."))
        return cleaned

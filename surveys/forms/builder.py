"""Forms of the survey builder: settings, a question (fields for its kind only) and option rows."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import Question
from surveys.models.questions import SCALE_MAX_HIGHEST, SCALE_MAX_LOWEST
from surveys.services.builder import OptionChange, QuestionData, SurveySettings

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class SurveyForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Ge enkäten en titel.")},
    )
    introduction = forms.CharField(
        label=_("Inledning"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Visas överst på enkätens första sida. Där står också alltid hur svaren hålls anonyma."
        ),
    )
    opens_on = forms.DateField(
        label=_("Öppnar"),
        widget=DateInput(),
        help_text=_("Datum, t.ex. 2026-03-01. Enkätens år är året då den öppnar."),
        error_messages={
            "required": _("Ange när enkäten öppnar."),
            "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-03-01."),
        },
    )
    closes_on = forms.DateField(
        label=_("Stänger"),
        widget=DateInput(),
        help_text=_("Sista dagen man kan svara."),
        error_messages={
            "required": _("Ange när enkäten stänger."),
            "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-03-31."),
        },
    )
    min_group_size = forms.IntegerField(
        label=_("Minsta gruppstorlek för uppdelningar"),
        initial=5,
        min_value=1,
        max_value=1000,
        help_text=_(
            "En grupp med färre svar än så visas som ”för få svar” när resultaten delas upp, "
            "så att ingen kan kännas igen."
        ),
        error_messages={
            "required": _("Ange minsta gruppstorlek (t.ex. 5)."),
            "invalid": _("Skriv ett heltal, t.ex. 5."),
            "min_value": _("Minsta gruppstorlek måste vara minst 1."),
            "max_value": _("Minsta gruppstorlek kan vara högst 1000."),
        },
    )
    open_link_enabled = forms.BooleanField(
        label=_("Öppen länk: vem som helst med länken kan svara, utan inbjudan"),
        label_suffix="",
        required=False,
        help_text=_("Använd bara för enkäter som arbetsgruppen vill göra offentliga."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("Enkäten kan inte stänga innan den öppnar."))
        return cleaned

    def to_settings(self) -> SurveySettings:
        data = self.cleaned_data
        return SurveySettings(
            title=data["title"],
            introduction=data["introduction"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            min_group_size=data["min_group_size"],
            open_link_enabled=data["open_link_enabled"],
        )


# The fields each kind of question shows besides kind, text, help text and required.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    Question.Kind.SINGLE: ("allow_other", "other_label", "new_options"),
    Question.Kind.MULTIPLE: ("allow_other", "other_label", "new_options"),
    Question.Kind.SCALE: ("scale_max", "scale_min_label", "scale_max_label"),
    Question.Kind.TEXT: (),
    Question.Kind.BACKGROUND: ("new_options",),
    Question.Kind.UNITS: ("new_options",),
}
OPTIONAL_FIELDS = (
    "allow_other",
    "other_label",
    "new_options",
    "scale_max",
    "scale_min_label",
    "scale_max_label",
)

KIND_HELP: dict[str, "StrOrPromise"] = {
    Question.Kind.SINGLE: _("Den som svarar väljer ett av alternativen."),
    Question.Kind.MULTIPLE: _("Den som svarar kan välja flera av alternativen."),
    Question.Kind.SCALE: _("Ett värde från 1 till N, med en text vid var sin ände av skalan."),
    Question.Kind.TEXT: _("Den som svarar skriver med egna ord."),
    Question.Kind.BACKGROUND: _(
        "Ett val, t.ex. verksamhetsområde. Resultaten kan delas upp efter svaren."
    ),
    Question.Kind.UNITS: _(
        "De enheter (t.ex. nämnder) som den som svarar svarar för. Varje enhet blir ett svar."
    ),
}


def kind_or_default(value: str | None) -> str:
    return value if value in Question.Kind.values else Question.Kind.SINGLE


class QuestionForm(forms.Form):
    """One question. Only the fields of `kind` are on the form; the kind may be changed."""

    kind = forms.ChoiceField(label=_("Frågetyp"), choices=Question.Kind.choices)
    text = forms.CharField(
        label=_("Fråga"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv frågan.")},
    )
    help_text = forms.CharField(
        label=_("Hjälptext (frivillig)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Visas under frågan, t.ex. ”Hoppa över om det inte finns någon”."),
    )
    required = forms.BooleanField(
        label=_("Obligatorisk: frågan måste besvaras"), label_suffix="", required=False
    )
    allow_other = forms.BooleanField(
        label=_("Lägg till svarsalternativet ”annat” med en fritextruta"),
        label_suffix="",
        required=False,
    )
    other_label = forms.CharField(
        label=_("Text för ”annat”"),
        max_length=100,
        initial="Annat",
        required=False,
    )
    new_options = forms.CharField(
        label=_("Svarsalternativ, ett per rad"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    scale_max = forms.IntegerField(
        label=_("Skalan går från 1 till"),
        initial=5,
        required=False,
        min_value=SCALE_MAX_LOWEST,
        max_value=SCALE_MAX_HIGHEST,
        help_text=_("Ett värde mellan 2 och 10. Tomt betyder 5."),
        error_messages={
            "required": _("Ange skalans högsta värde (2–10)."),
            "invalid": _("Skriv ett heltal mellan 2 och 10."),
            "min_value": _("Skalan måste gå till minst 2."),
            "max_value": _("Skalan kan gå till högst 10."),
        },
    )
    scale_min_label = forms.CharField(
        label=_("Text vid 1 (frivillig)"),
        max_length=100,
        required=False,
        help_text=_("T.ex. ”Dåligt, ger inget!”"),
    )
    scale_max_label = forms.CharField(
        label=_("Text vid skalans högsta värde (frivillig)"),
        max_length=100,
        required=False,
        help_text=_("T.ex. ”Utmärkt, berikande!”"),
    )

    def __init__(
        self,
        *args: Any,
        kind: str,
        adding_to_existing: bool = False,
        kind_chosen: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.question_kind = kind_or_default(kind)
        if kind_chosen:
            # A new question's kind was picked on the page before; its fields follow from it.
            self.fields["kind"].widget = forms.HiddenInput()
        keep = KIND_FIELDS[self.question_kind]
        for name in OPTIONAL_FIELDS:
            if name not in keep:
                del self.fields[name]
        if "new_options" in self.fields:
            if adding_to_existing:
                self.fields["new_options"].label = _("Lägg till svarsalternativ, ett per rad")
                self.fields["new_options"].help_text = _(
                    "Nya alternativ hamnar sist. Ändra, flytta och ta bort befintliga ovan."
                )
            else:
                self.fields["new_options"].help_text = _(
                    "Minst två. Ordningen här blir ordningen i enkäten."
                )
        self.fields["kind"].help_text = KIND_HELP.get(self.question_kind, "")

    def option_texts(self) -> list[str]:
        return str(self.cleaned_data.get("new_options") or "").splitlines()

    def to_data(self) -> QuestionData:
        data = self.cleaned_data
        return QuestionData(
            kind=data["kind"],
            text=data["text"],
            help_text=data["help_text"],
            required=data["required"],
            allow_other=data.get("allow_other", False),
            other_label=data.get("other_label") or "Annat",
            scale_max=data.get("scale_max") or 5,
            scale_min_label=data.get("scale_min_label", ""),
            scale_max_label=data.get("scale_max_label", ""),
        )


class OptionRowForm(forms.Form):
    """One existing option: its text, its place in the list, or deletion."""

    option_id = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Text"), max_length=500, required=False)
    position = forms.IntegerField(
        label=_("Plats"),
        min_value=1,
        max_value=999,
        error_messages={
            "required": _("Ange en plats (1, 2, 3 …)."),
            "invalid": _("Skriv platsen som ett heltal."),
            "min_value": _("Platsen är ett heltal från 1."),
            "max_value": _("Platsen kan vara högst 999."),
        },
    )
    delete = forms.BooleanField(label=_("Ta bort"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("delete") and not str(cleaned.get("text", "")).strip():
            self.add_error("text", _("Skriv en text eller kryssa i ”Ta bort”."))
        return cleaned


OptionRowFormSet = forms.formset_factory(OptionRowForm, extra=0)


def option_changes(formset: Any) -> list[OptionChange]:
    return [
        OptionChange(
            option_id=form.cleaned_data["option_id"],
            text=form.cleaned_data["text"],
            position=form.cleaned_data["position"],
            delete=form.cleaned_data["delete"],
        )
        for form in formset.forms
    ]

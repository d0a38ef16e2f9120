"""The respondent's forms: which units they answer for, and the answers to the questions.

Input validation only. The fields are built from the survey's questions; the template renders
them by hand (`templates/surveys/includes/question_fields.html`) through `QuestionBlock`, so
every question is a fieldset with a legend, its help text and its errors linked to it.
"""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import Option, Question
from surveys.services.answering import OTHER_MAX_LENGTH, TEXT_MAX_LENGTH, AnswerInput

# The value of the "annat (fritext)" choice; option values are option ids (digits).
OTHER = "other"

TOGETHER = "together"
SEPARATELY = "separately"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    checked: bool
    id: str
    # Scale ends: the label shown beside the first and the last value.
    end_label: str = ""


@dataclass
class QuestionBlock:
    """Everything the template needs to render one question the way a respondent sees it."""

    question: Question
    number: int
    html_id: str
    field: forms.BoundField
    other: forms.BoundField | None = None
    choices: list[Choice] = dataclasses.field(default_factory=list)  # `field` is taken above
    other_checked: bool = False

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def input_type(self) -> str:
        if self.kind in (Question.Kind.MULTIPLE, Question.Kind.UNITS):
            return "checkbox"
        return "radio"

    @property
    def help_id(self) -> str:
        return f"{self.html_id}-help" if self.question.help_text else ""

    @property
    def errors(self) -> list[str]:
        found = [str(error) for error in self.field.errors]
        if self.other is not None:
            found += [str(error) for error in self.other.errors]
        return found

    @property
    def error_id(self) -> str:
        return f"{self.html_id}-error" if self.errors else ""

    @property
    def describedby(self) -> str:
        return " ".join(part for part in (self.help_id, self.error_id) if part)

    @property
    def max_length(self) -> int:
        return TEXT_MAX_LENGTH


def _is_option_kind(question: Question) -> bool:
    return question.kind in Question.CHOICE_KINDS


def _option_choices(question: Question) -> list[tuple[str, str]]:
    choices = [(str(option.pk), option.text) for option in question.options.all()]
    if question.allow_other:
        choices.append((OTHER, question.other_label))
    return choices


def _question_field(question: Question) -> forms.Field:
    """The form field for one question, with Swedish messages for every way it can fail."""
    required = _("Svara på frågan. Den måste besvaras.")
    invalid_choice = _("Välj ett av den här frågans svarsalternativ.")
    match question.kind:
        case Question.Kind.SINGLE | Question.Kind.BACKGROUND:
            return forms.ChoiceField(
                choices=_option_choices(question),
                required=question.required,
                error_messages={"required": required, "invalid_choice": invalid_choice},
            )
        case Question.Kind.MULTIPLE | Question.Kind.UNITS:
            return forms.MultipleChoiceField(
                choices=_option_choices(question),
                required=question.required,
                error_messages={
                    "required": _("Välj minst ett alternativ. Frågan måste besvaras."),
                    "invalid_choice": invalid_choice,
                    "invalid_list": invalid_choice,
                },
            )
        case Question.Kind.SCALE:
            return forms.TypedChoiceField(
                choices=[(str(value), str(value)) for value in range(1, question.scale_max + 1)],
                coerce=int,
                empty_value=None,
                required=question.required,
                error_messages={
                    "required": required,
                    "invalid_choice": _("Välj ett värde från 1 till %(max)s.")
                    % {"max": question.scale_max},
                },
            )
        case _:
            return forms.CharField(
                max_length=TEXT_MAX_LENGTH,
                required=question.required,
                error_messages={
                    "required": _("Skriv ett svar. Frågan måste besvaras."),
                    "max_length": _(
                        "Svaret får vara högst %(limit_value)d tecken långt (nu %(show_value)d)."
                    ),
                },
            )


def _other_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=OTHER_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Texten får vara högst %(limit_value)d tecken lång (nu %(show_value)d)."
            ),
        },
    )


def _selected(bound: forms.BoundField) -> set[str]:
    value = bound.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(item) for item in value}
    return {str(value)}


if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object  # a mixin: the Form comes after it in the bases


class _BlocksMixin(_FormBase):
    """Builds `QuestionBlock`s from the fields named after the questions."""

    questions: list[Question]

    @staticmethod
    def field_name(question: Question) -> str:
        return f"q{question.pk}"

    @staticmethod
    def other_name(question: Question) -> str:
        return f"q{question.pk}_other"

    def _block(self, question: Question, number: int) -> QuestionBlock:
        form: forms.Form = self
        bound = form[self.field_name(question)]
        html_id = bound.auto_id
        block = QuestionBlock(question=question, number=number, html_id=html_id, field=bound)
        if question.allow_other:
            block.other = form[self.other_name(question)]
        selected = _selected(bound)
        if question.kind == Question.Kind.SCALE:
            last = question.scale_max
            for value in range(1, last + 1):
                end = ""
                if value == 1:
                    end = question.scale_min_label
                elif value == last:
                    end = question.scale_max_label
                block.choices.append(
                    Choice(
                        str(value), str(value), str(value) in selected, f"{html_id}_{value}", end
                    )
                )
        elif _is_option_kind(question):
            for index, (value, label) in enumerate(bound.field.choices):  # type: ignore[attr-defined]
                block.choices.append(
                    Choice(str(value), str(label), str(value) in selected, f"{html_id}_{index}")
                )
            block.other_checked = OTHER in selected
        return block


class AnswersForm(_BlocksMixin, forms.Form):
    """The answers to every question but the units question, for one response (or one set of
    answers shared by several units)."""

    def __init__(self, *args: Any, questions: Sequence[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = [q for q in questions if q.kind != Question.Kind.UNITS]
        for question in self.questions:
            self.fields[self.field_name(question)] = _question_field(question)
            if question.allow_other:
                self.fields[self.other_name(question)] = _other_field()

    @property
    def blocks(self) -> list[QuestionBlock]:
        return [self._block(question, n) for n, question in enumerate(self.questions, start=1)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for question in self.questions:
            if not question.allow_other:
                continue
            name, other_name = self.field_name(question), self.other_name(question)
            if name in self.errors or other_name in self.errors:
                continue
            value = cleaned.get(name)
            chosen = OTHER in value if isinstance(value, list) else value == OTHER
            text = cleaned.get(other_name, "").strip()
            cleaned[other_name] = text
            label = question.other_label
            if chosen and not text:
                self.add_error(
                    other_name,
                    _("Du valde ”%(label)s”: skriv vad du menar i textfältet.") % {"label": label},
                )
            elif text and not chosen:
                self.add_error(
                    other_name,
                    _(
                        "Du skrev ett eget svar men valde inte ”%(label)s”. Välj ”%(label)s” "
                        "eller töm textfältet."
                    )
                    % {"label": label},
                )
        return cleaned

    def answers(self) -> list[AnswerInput]:
        """The validated answers, one entry per stored row (one per chosen option)."""
        if not self.is_valid():
            raise ValueError("answers() needs a valid form")
        found: list[AnswerInput] = []
        for question in self.questions:
            value = self.cleaned_data.get(self.field_name(question))
            if question.kind == Question.Kind.SCALE:
                if value is not None:
                    found.append(AnswerInput(question=question, scale_value=value))
            elif question.kind == Question.Kind.TEXT:
                if value and value.strip():
                    found.append(AnswerInput(question=question, text=value.strip()))
            else:
                values = value if isinstance(value, list) else [value] if value else []
                options = {str(option.pk): option for option in question.options.all()}
                for item in values:
                    if item == OTHER:
                        text = self.cleaned_data[self.other_name(question)]
                        found.append(AnswerInput(question=question, text=text, is_other=True))
                    else:
                        found.append(AnswerInput(question=question, option=options[item]))
        return found


class UnitsForm(_BlocksMixin, forms.Form):
    """The units question ("Jag svarar för") and, for several units, how to answer for them."""

    mode = forms.ChoiceField(
        label=_("Hur vill du svara för enheterna?"),
        choices=[
            (TOGETHER, _("En gång, med samma svar för alla enheter jag valt")),
            (SEPARATELY, _("Separat för varje enhet")),
        ],
        required=False,
        error_messages={"invalid_choice": _("Välj ett av de två sätten att svara.")},
    )

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        self.questions = [question]
        self.fields[self.field_name(question)] = _question_field(question)
        self.fields[self.field_name(question)].error_messages["required"] = _(
            "Välj minst en enhet som du svarar för."
        )
        self.order_fields([self.field_name(question), "mode"])

    @property
    def block(self) -> QuestionBlock:
        # Not numbered: the numbers count the questions on the next page.
        return self._block(self.question, 0)

    @property
    def mode_block(self) -> list[Choice]:
        bound = self["mode"]
        selected = _selected(bound)
        return [
            Choice(str(value), str(label), str(value) in selected, f"{bound.auto_id}_{index}")
            for index, (value, label) in enumerate(bound.field.choices)  # type: ignore[attr-defined]
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        units = cleaned.get(self.field_name(self.question)) or []
        if len(units) > 1 and not cleaned.get("mode"):
            self.add_error(
                "mode",
                _("Du har valt flera enheter: välj om du svarar en gång för alla eller separat."),
            )
        return cleaned

    def units(self) -> list[Option]:
        if not self.is_valid():
            raise ValueError("units() needs a valid form")
        chosen = set(self.cleaned_data.get(self.field_name(self.question)) or [])
        return [option for option in self.question.options.all() if str(option.pk) in chosen]

    def separately(self) -> bool:
        return len(self.units()) > 1 and self.cleaned_data.get("mode") == SEPARATELY

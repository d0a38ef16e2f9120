"""Input validation of the working group's report pages; no side effects."""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import (
    COMMENT_MAX_LENGTH,
    FIRST_YEAR,
    LAST_YEAR,
    TEXT_MAX_LENGTH,
    GoalAssessment,
    Report,
)
from reports.services import ReportChoices

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("År"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": _("Skriv vilket år rapporten gäller."),
            "invalid": _("Skriv året med fyra siffror, till exempel 2024."),
            "min_value": _("Överenskommelsen finns sedan %(limit_value)s: välj ett år från då."),
            "max_value": _("Välj ett år som har varit."),
        },
    )


def _text(label: "StrOrPromise", help_text: "StrOrPromise") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "max_length": _(
                "Texten får vara högst %(limit_value)d tecken (den har %(show_value)d)."
            ),
        },
    )


class ReportForm(forms.Form):
    """Texts, choices and goal assessments. The choices are built from what exists, so an id
    that was tampered with is refused with Django's own "Välj ett giltigt alternativ"."""

    introduction = _text(_("Inledning"), _("Markdown. Visas först i rapporten."))
    summary = _text(_("Sammanfattning"), _("Markdown. Visas före årets siffror."))
    analysis = _text(_("Analys och slutsatser"), _("Markdown. Visas efter målbilden."))
    surveys = forms.TypedMultipleChoiceField(
        label=_("Enkäter"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    include_free_texts = forms.BooleanField(label=_("Ta med fritextsvaren"), required=False)
    conferences = forms.TypedMultipleChoiceField(
        label=_("Konferenser"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    quotes = forms.TypedMultipleChoiceField(
        label=_("Lägesrapporter att citera"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        report: Report,
        surveys: list[tuple[int, str]],
        backgrounds: dict[int, list[tuple[int, str]]],
        conferences: list[tuple[int, str]],
        quotes: list[tuple[int, str]],
        goals: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        cast(forms.ChoiceField, self.fields["surveys"]).choices = surveys
        cast(forms.ChoiceField, self.fields["conferences"]).choices = conferences
        cast(forms.ChoiceField, self.fields["quotes"]).choices = quotes
        self.breakdown_fields: list[tuple[str, str]] = []
        titles = dict(surveys)
        for survey_id, questions in backgrounds.items():
            name = f"breakdown_{survey_id}"
            self.fields[name] = forms.TypedChoiceField(
                label=_("Dela upp %(survey)s efter") % {"survey": titles.get(survey_id, "")},
                choices=[("", _("Ingen uppdelning")), *questions],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.breakdown_fields.append((name, str(survey_id)))
        self.goal_fields: list[tuple[int, str, str, str]] = []
        for position, text in goals:
            status = f"goal_{position}_status"
            comment = f"goal_{position}_comment"
            self.fields[status] = forms.ChoiceField(
                label=_("Bedömning"),
                choices=[("", _("Inte bedömt")), *GoalAssessment.Status.choices],
                required=False,
            )
            self.fields[comment] = forms.CharField(
                label=_("Kommentar"),
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": _(
                        "Kommentaren får vara högst %(limit_value)d tecken (den har "
                        "%(show_value)d)."
                    ),
                },
            )
            self.goal_fields.append((position, text, status, comment))

    def goal_rows(self) -> list[tuple[int, str, forms.BoundField, forms.BoundField]]:
        return [
            (position, text, self[status], self[comment])
            for position, text, status, comment in self.goal_fields
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for _position, _goal, status, comment in self.goal_fields:
            if cleaned.get(comment, "").strip() and not cleaned.get(status):
                self.add_error(status, _("Välj en bedömning till kommentaren."))
        return cleaned

    def choices(self) -> ReportChoices:
        data = self.cleaned_data
        return ReportChoices(
            introduction=data["introduction"],
            summary=data["summary"],
            analysis=data["analysis"],
            survey_ids=list(data["surveys"]),
            conference_ids=list(data["conferences"]),
            breakdowns={
                survey_id: data[name]
                for name, survey_id in self.breakdown_fields
                if data.get(name) is not None
            },
            quote_ids=list(data["quotes"]),
            include_free_texts=data["include_free_texts"],
            assessments={
                position: (data[status], data[comment])
                for position, _goal, status, comment in self.goal_fields
            },
        )

"""Answering a survey: through an invitation link, through the open link, and the working
group's preview of exactly what a respondent sees (which stores nothing).

The pages work without JavaScript. Where the survey has a units question the respondent first
picks the units they answer for (step "units"), then answers once for all of them or once per
unit on one page (step "answers"); the chosen units travel as hidden fields, not in the session,
so nothing about the respondent is kept on the server between the two steps.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hok.access import loads
from hok.submissions import once_per_submission
from surveys import rules
from surveys.access import (
    answer_link_for_open_key,
    answer_link_for_token,
    survey_by_pk,
    survey_for_respondent,
    survey_managers_only,
)
from surveys.forms.answering import AnswersForm, UnitsForm
from surveys.models import Option, Question, Survey
from surveys.selectors.answering import questions_for_answering
from surveys.services import answering as services
from surveys.services.answering import ResponseInput

Submit = Callable[[list[ResponseInput]], HttpResponse]

UNITS_STEP = "units"
ANSWERS_STEP = "answers"

REFUSAL_STATUS = {
    rules.UNKNOWN: 404,
    rules.USED: 410,
    rules.NOT_YET_OPEN: 403,
    rules.CLOSED: 410,
}


@dataclass
class Section:
    """One set of answers: for every chosen unit together, for one unit, or without units."""

    units: list[Option]
    form: AnswersForm
    separate: bool = False

    @property
    def heading_id(self) -> str:
        return f"section-{self.form.prefix}" if self.form.prefix else "section"


def _refusal(request: HttpRequest, code: str, survey: Survey | None = None) -> HttpResponse:
    context = {"code": code, "survey": survey}
    return render(
        request, "surveys/answering/unavailable.html", context, status=REFUSAL_STATUS[code]
    )


def _sections(
    data: Any, questions: list[Question], units: list[Option], separately: bool
) -> list[Section]:
    if separately:
        return [
            Section(
                units=[unit],
                form=AnswersForm(data, questions=questions, prefix=f"u{unit.pk}"),
                separate=True,
            )
            for unit in units
        ]
    return [Section(units=units, form=AnswersForm(data, questions=questions))]


def _error_summary(sections: list[Section], units_form: UnitsForm | None) -> list[dict[str, str]]:
    """Links to every question with an error, for the summary at the top of the page."""
    found = []
    if units_form is not None and units_form.is_bound and units_form.errors:
        block = units_form.block
        for message in block.errors:
            found.append({"href": f"#{block.html_id}-group", "text": message})
        for error in units_form["mode"].errors:
            found.append({"href": "#id_mode-group", "text": str(error)})
    for section in sections:
        if not section.form.is_bound:
            continue
        for error in section.form.non_field_errors():
            found.append({"href": "#answer-form", "text": str(error)})
        for block in section.form.blocks:
            for message in block.errors:
                if section.separate:
                    text = _("%(unit)s, fråga %(number)s: %(message)s") % {
                        "unit": section.units[0].text,
                        "number": block.number,
                        "message": message,
                    }
                else:
                    text = _("Fråga %(number)s: %(message)s") % {
                        "number": block.number,
                        "message": message,
                    }
                found.append({"href": f"#{block.html_id}-group", "text": text})
    return found


def _answer_page(
    request: HttpRequest,
    *,
    survey: Survey,
    submit: Submit,
    preview: bool = False,
    invited: bool = True,
) -> HttpResponse:
    """The respondent's page (both steps), shared by the invitation, open link and preview."""
    questions = questions_for_answering(survey=survey)
    units_question = next((q for q in questions if q.kind == Question.Kind.UNITS), None)
    data = request.POST if request.method == "POST" else None
    step = request.POST.get("step") if data is not None else None
    units_form: UnitsForm | None = None
    units: list[Option] = []
    separately = False
    show_units_step = False
    if units_question is not None:
        units_form = UnitsForm(data, question=units_question)
        if data is None or step not in (UNITS_STEP, ANSWERS_STEP) or not units_form.is_valid():
            show_units_step = True
        else:
            units, separately = units_form.units(), units_form.separately()
    if show_units_step:
        sections: list[Section] = []
    else:
        answers_data = data if step == ANSWERS_STEP or units_question is None else None
        sections = _sections(answers_data, questions, units, separately)
        if answers_data is not None and all(section.form.is_valid() for section in sections):
            responses = [
                ResponseInput(unit=unit, answers=section.form.answers())
                for section in sections
                for unit in (section.units or (None,))
            ]
            try:
                return submit(responses)
            except ValidationError as error:
                if error.code in REFUSAL_STATUS:
                    return _refusal(request, error.code, survey)
                sections[0].form.add_error(None, error)
    if show_units_step:
        invalid = data is not None and units_form is not None and bool(units_form.errors)
    else:
        invalid = any(section.form.is_bound and bool(section.form.errors) for section in sections)
    context = {
        "survey": survey,
        "preview": preview,
        "invited": invited,
        "step": UNITS_STEP if show_units_step else ANSWERS_STEP,
        # The introduction and what is stored: on the first page, not again above errors.
        "first_page": (show_units_step or units_question is None) and not invalid,
        "units_form": units_form,
        "units": units,
        "separately": separately,
        "sections": sections,
        "has_questions": any(q.kind != Question.Kind.UNITS for q in questions),
        "error_summary": _error_summary(sections, units_form if show_units_step else None)
        if invalid
        else [],
        "preview_ok": False,
    }
    return render(request, "surveys/answering/answer.html", context, status=400 if invalid else 200)


@never_cache
@require_http_methods(["GET", "POST"])
@once_per_submission(anonymous=True)
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Answer through a personal invitation link (single use)."""
    link = answer_link_for_token(token, timezone.localdate())
    survey, invitation = link.survey, link.invitation
    if link.refusal is not None or survey is None:
        return _refusal(request, link.refusal or rules.UNKNOWN, survey)

    def submit(responses: list[ResponseInput]) -> HttpResponse:
        services.response_submit(survey=survey, responses=responses, invitation=invitation)
        return redirect("surveys:answer_thanks", pk=survey.pk)

    return _answer_page(request, survey=survey, submit=submit)


@never_cache
@require_http_methods(["GET", "POST"])
@once_per_submission(anonymous=True)
def answer_open(request: HttpRequest, key: str) -> HttpResponse:
    """Answer through the survey's open link, where the working group has turned it on."""
    link = answer_link_for_open_key(key, timezone.localdate())
    survey = link.survey
    if link.refusal is not None or survey is None:
        return _refusal(request, link.refusal or rules.UNKNOWN, survey)

    def submit(responses: list[ResponseInput]) -> HttpResponse:
        services.response_submit(survey=survey, responses=responses)
        return redirect("surveys:answer_thanks", pk=survey.pk)

    return _answer_page(request, survey=survey, submit=submit, invited=False)


@require_http_methods(["GET"])
def answer_thanks(request: HttpRequest, pk: int) -> HttpResponse:
    """The thank-you page. It knows the survey only; nothing about the response."""
    survey = survey_for_respondent(pk)
    return render(request, "surveys/answering/thanks.html", {"survey": survey})


@never_cache
@survey_managers_only
@require_http_methods(["GET", "POST"])
@loads(survey_by_pk)
def preview(request: HttpRequest, survey: Survey) -> HttpResponse:
    """Exactly what a respondent sees, open or not; sending it checks the answers, saves nothing."""

    def submit(responses: list[ResponseInput]) -> HttpResponse:
        questions = questions_for_answering(survey=survey)
        context = {
            "survey": survey,
            "preview": True,
            "preview_ok": True,
            "responses": len(responses),
            "has_questions": any(q.kind != Question.Kind.UNITS for q in questions),
        }
        return render(request, "surveys/answering/answer.html", context)

    return _answer_page(request, survey=survey, submit=submit, preview=True)

"""The working group's survey builder: list, settings, questions and options, copy, delete.

Every page is under /arbetsgruppen/hantera/, so the middleware demands two-factor login.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hok.access import loads
from hok.http import AuthenticatedHttpRequest
from hok.submissions import once_per_submission
from hok.utils import add_service_errors, form_status
from surveys import rules
from surveys.access import (
    question_of,
    survey_by_pk,
    survey_managers_only,
    survey_with_questions,
)
from surveys.forms.builder import (
    KIND_HELP,
    OptionRowFormSet,
    QuestionForm,
    SurveyForm,
    kind_or_default,
    option_changes,
)
from surveys.models import Question, Survey
from surveys.selectors.surveys import series_surveys, survey_list
from surveys.services import builder as services

if TYPE_CHECKING:
    from surveys.selectors.surveys import BuilderSurvey

View = Callable[..., HttpResponseBase]


@survey_managers_only
def survey_list_view(request: HttpRequest) -> HttpResponse:
    context = {"surveys": survey_list(), "today": timezone.localdate()}
    return render(request, "surveys/builder/survey_list.html", context)


@survey_managers_only
@once_per_submission
def survey_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(by=request.user, settings=form.to_settings())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Enkäten är skapad. Lägg nu till frågorna."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(
        request,
        "surveys/builder/survey_form.html",
        {"form": form, "survey": None},
        status=form_status(request),
    )


@survey_managers_only
@loads(survey_with_questions)
def survey_edit(request: AuthenticatedHttpRequest, survey: Survey) -> HttpResponse:
    initial = {
        "title": survey.title,
        "introduction": survey.introduction,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "min_group_size": survey.min_group_size,
        "open_link_enabled": survey.open_link_enabled,
    }
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(by=request.user, survey=survey, settings=form.to_settings())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Inställningarna är sparade."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(
        request,
        "surveys/builder/survey_form.html",
        {"form": form, "survey": survey},
        status=form_status(request),
    )


def _locked(survey: "BuilderSurvey") -> bool:
    """Whether answers lock the survey's questions (counted by the builder's selector)."""
    return rules.answers_lock_survey(responses=survey.response_count, waiting=survey.waiting_count)


@survey_managers_only
@loads(survey_with_questions)
def survey_detail(request: HttpRequest, survey: "BuilderSurvey") -> HttpResponse:
    context = {
        "survey": survey,
        "questions": survey.questions.all(),
        "other_years": series_surveys(survey=survey),
        "today": timezone.localdate(),
        "locked": _locked(survey),
    }
    return render(request, "surveys/builder/survey_detail.html", context)


@survey_managers_only
@loads(survey_with_questions)
def survey_delete(request: AuthenticatedHttpRequest, survey: "BuilderSurvey") -> HttpResponse:
    if request.method == "POST":
        try:
            services.survey_delete(by=request.user, survey=survey)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("surveys:survey_detail", pk=survey.pk)
        messages.success(request, _("Enkäten ”%(title)s” är borttagen.") % {"title": survey.title})
        return redirect("surveys:survey_list")
    context = {"survey": survey, "locked": _locked(survey)}
    return render(request, "surveys/builder/survey_delete.html", context)


@require_POST
@survey_managers_only
@once_per_submission
@loads(survey_with_questions)
def survey_copy(request: AuthenticatedHttpRequest, survey: Survey) -> HttpResponse:
    try:
        copy = services.survey_copy_to_next_year(by=request.user, survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surveys:survey_detail", pk=survey.pk)
    messages.success(
        request,
        _(
            "Enkäten är kopierad till %(year)s. Frågorna behåller sin identitet, så resultaten "
            "kan jämföras mellan åren. Kontrollera datumen."
        )
        % {"year": copy.year},
    )
    return redirect("surveys:survey_detail", pk=copy.pk)


@survey_managers_only
@once_per_submission
@loads(survey_with_questions)
def question_create(request: AuthenticatedHttpRequest, survey: "BuilderSurvey") -> HttpResponse:
    chosen = request.POST.get("kind") or request.GET.get("kind")
    if chosen not in Question.Kind.values:
        kinds = [(value, label, KIND_HELP[value]) for value, label in Question.Kind.choices]
        return render(
            request, "surveys/builder/question_kind.html", {"survey": survey, "kinds": kinds}
        )
    form = QuestionForm(
        request.POST or None, kind=chosen, initial={"kind": chosen}, kind_chosen=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(
                by=request.user, survey=survey, data=form.to_data(), options=form.option_texts()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Frågan är tillagd."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    context = {
        "survey": survey,
        "form": form,
        "question": None,
        "formset": None,
        "locked": _locked(survey),
        "kind_label": Question.Kind(chosen).label,
        "kind_help": KIND_HELP[chosen],
    }
    return render(
        request, "surveys/builder/question_form.html", context, status=form_status(request)
    )


@survey_managers_only
@loads(survey_with_questions)
def question_edit(
    request: AuthenticatedHttpRequest, survey: "BuilderSurvey", question_pk: int
) -> HttpResponse:
    question = question_of(survey, question_pk)
    kind = kind_or_default(request.POST.get("kind") or question.kind)
    initial = {
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "allow_other": question.allow_other,
        "other_label": question.other_label,
        "scale_max": question.scale_max,
        "scale_min_label": question.scale_min_label,
        "scale_max_label": question.scale_max_label,
    }
    data = request.POST or None
    form = QuestionForm(data, kind=kind, initial=initial, adding_to_existing=True)
    options = list(question.options.all())
    formset = None
    if kind in Question.CHOICE_KINDS and question.kind in Question.CHOICE_KINDS:
        formset = OptionRowFormSet(
            data,
            prefix="options",
            initial=[{"option_id": o.pk, "text": o.text, "position": o.position} for o in options],
        )
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        try:
            services.question_update(
                by=request.user,
                question=question,
                data=form.to_data(),
                option_changes=option_changes(formset) if formset is not None else (),
                new_options=form.option_texts(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Frågan är sparad."))
            return redirect(f"{survey_detail_url(survey)}#question-{question.pk}")
    context = {
        "survey": survey,
        "form": form,
        "question": question,
        "formset": formset,
        "locked": _locked(survey),
    }
    return render(
        request, "surveys/builder/question_form.html", context, status=form_status(request)
    )


def survey_detail_url(survey: Survey) -> str:
    return reverse("surveys:survey_detail", args=[survey.pk])


@survey_managers_only
@loads(survey_with_questions)
def question_delete(
    request: AuthenticatedHttpRequest, survey: "BuilderSurvey", question_pk: int
) -> HttpResponse:
    question = question_of(survey, question_pk)
    if request.method == "POST":
        try:
            services.question_delete(by=request.user, question=question)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Frågan är borttagen."))
        return redirect("surveys:survey_detail", pk=survey.pk)
    context = {"survey": survey, "question": question, "locked": _locked(survey)}
    return render(request, "surveys/builder/question_delete.html", context)


@require_POST
@survey_managers_only
@loads(survey_by_pk)
def question_move(
    request: AuthenticatedHttpRequest, survey: Survey, question_pk: int
) -> HttpResponse:
    question = question_of(survey, question_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Välj om frågan ska flyttas upp eller ner."))
    else:
        services.question_move(by=request.user, question=question, up=direction == "up")
    return redirect(f"{survey_detail_url(survey)}#question-{question.pk}")

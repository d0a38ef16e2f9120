"""A survey's results: the working group's page (with publishing, hiding free texts and the
exports) and, once published, the public page and its exports.

The page costs a fixed number of queries whatever the number of questions and responses
(surveys/selectors/results.py): 6 for the results with a breakdown, plus the session and the
permission checks.
"""

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hok.access import loads
from hok.charts import SERIES_COLOURS, grouped_bar_chart, horizontal_bar_chart
from hok.generations import remembered
from hok.http import AuthenticatedHttpRequest
from hok.page_cache import cached_public_page
from surveys import exports, rules
from surveys.access import (
    answer_of,
    published_results,
    survey_by_pk,
    survey_managers_only,
    survey_with_results,
    text_question_of,
)
from surveys.generations import SURVEY_OF_VIEW, SURVEYS, survey_generation
from surveys.models import Answer, Survey
from surveys.selectors import results as selectors
from surveys.selectors.results import BreakdownError, QuestionResult, Results
from surveys.services import results as services
from surveys.templatetags.survey_figures import format_percent

if TYPE_CHECKING:
    from surveys.selectors.results import ResultSurvey

BREAKDOWN_PARAMETER = "uppdelning"
TEXTS_PER_PAGE = 100
# A hide or unhide form posted from a question's texts page says so, to go back there.
FROM_TEXTS = "texter"


@dataclass
class Shown:
    """A question's result with its chart, as the template shows it."""

    result: QuestionResult
    chart: SafeString | None


def _breakdown_id(request: HttpRequest) -> tuple[int | None, str | None]:
    """The breakdown question asked for in the address, or a Swedish message why it is bad."""
    raw = request.GET.get(BREAKDOWN_PARAMETER, "").strip()
    if not raw:
        return None, None
    try:
        return int(raw), None
    except ValueError:
        return None, _("Välj en bakgrundsfråga i listan att dela upp resultaten efter.")


def _results(
    request: HttpRequest, survey: "ResultSurvey", *, public: bool
) -> tuple[Results, str | None]:
    breakdown_id, error = _breakdown_id(request)

    def compute() -> Results:
        return selectors.survey_results(
            survey=survey, public=public, breakdown_question_id=breakdown_id
        )

    try:
        if public:
            # Published results change only when the survey's generation is bumped (a free
            # text hidden, the results unpublished): computed once per change, whoever asks.
            key = f"surveys.results:{survey.pk}:{breakdown_id}:{translation.get_language()}"
            results = remembered(key, [SURVEYS, survey_generation(survey.pk)], compute)
        else:
            results = compute()
    except BreakdownError as problem:
        return problem.results, str(problem)
    return results, error


def _chart(result: QuestionResult, results: Results) -> SafeString | None:
    """The question's chart in percent: per group with a breakdown, beside last year without."""
    if not result.rows:
        return None
    chart_id = f"fraga-{result.number}-diagram"
    labels = [row.label for row in result.rows]
    title = _("Fråga %(number)s: %(question)s") % {
        "number": result.number,
        "question": result.question.text,
    }
    breakdown = results.breakdown
    if breakdown is not None and result.groups:
        shown = [index for index, group in enumerate(breakdown.groups) if not group.suppressed]
        if not shown or len(shown) > len(SERIES_COLOURS):
            return None  # the table alone carries the figures
        return grouped_bar_chart(
            chart_id=chart_id,
            title=title,
            description=_(
                "Stapeldiagram över andelen svar per alternativ i varje grupp, i procent."
            ),
            labels=labels,
            series=[
                (
                    breakdown.groups[index].label,
                    [
                        (cell.percent or 0) if (cell := row.cells[index]) is not None else 0
                        for row in result.rows
                    ],
                )
                for index in shown
            ],
            value_format=format_percent,
        )
    # Beside last year only when every option existed then: a new option has no figure for it.
    if breakdown is None and result.has_previous and all(row.has_previous for row in result.rows):
        return grouped_bar_chart(
            chart_id=chart_id,
            title=title,
            description=_("Stapeldiagram över andelen svar per alternativ, i år och förra året."),
            labels=labels,
            series=[
                (str(results.survey.year), [row.percent or 0 for row in result.rows]),
                (
                    str(results.previous_year),
                    [row.previous_percent or 0 for row in result.rows],
                ),
            ],
            value_format=format_percent,
        )
    return horizontal_bar_chart(
        chart_id=chart_id,
        title=title,
        description=_("Stapeldiagram över andelen svar per alternativ, i procent."),
        labels=labels,
        values=[row.percent or 0 for row in result.rows],
        value_format=format_percent,
    )


def _render(
    request: HttpRequest,
    survey: "ResultSurvey",
    *,
    public: bool,
    status: int = 200,
    hide_error: tuple[uuid.UUID, str, str] | None = None,
) -> HttpResponse:
    results, breakdown_error = _results(request, survey, public=public)
    if breakdown_error:
        status = 400
    breakdown = results.breakdown
    shown = [
        Shown(result=result, chart=_chart(result, results))
        for result in results.questions
        # Split by itself, the background question would only repeat the groups' sizes.
        if breakdown is None or result.question.id != breakdown.question.id
    ]
    selected = str(breakdown.question.id) if breakdown else ""
    query = f"?{BREAKDOWN_PARAMETER}={selected}" if selected else ""
    if public:
        export_base = reverse("surveys:public_results", args=[survey.pk])
        csv_url = reverse("surveys:public_results_csv", args=[survey.pk]) + query
        xlsx_url = reverse("surveys:public_results_xlsx", args=[survey.pk]) + query
    else:
        export_base = reverse("surveys:results", args=[survey.pk])
        csv_url = reverse("surveys:results_csv", args=[survey.pk]) + query
        xlsx_url = reverse("surveys:results_xlsx", args=[survey.pk]) + query
    context = {
        "survey": survey,
        "results": results,
        "shown": shown,
        "public": public,
        "breakdown": breakdown,
        "breakdown_error": breakdown_error,
        "breakdown_parameter": BREAKDOWN_PARAMETER,
        "selected_breakdown": selected,
        "page_url": export_base,
        "csv_url": csv_url,
        "xlsx_url": xlsx_url,
        "hide_error": hide_error,
        "survey_is_closed": rules.survey_is_closed(survey, timezone.localdate()),
        # The pool is counted before publishing (services.results_publish), so what waits counts.
        "enough_responses": rules.has_enough_responses(
            survey, survey.response_count + survey.waiting_count
        ),
    }
    return render(request, "surveys/results/results.html", context, status=status)


def _render_texts(
    request: HttpRequest,
    survey: "ResultSurvey",
    question_pk: int,
    *,
    public: bool,
    status: int = 200,
    hide_error: tuple[uuid.UUID, str, str] | None = None,
) -> HttpResponse:
    """All free texts of one question, a hundred a page (hidden ones only for the group)."""
    question = text_question_of(survey, question_pk)
    texts = selectors.question_texts(survey=survey, question_id=question.pk, public=public)
    page = Paginator(texts, TEXTS_PER_PAGE).get_page(request.GET.get("sida"))
    if public:
        back = reverse("surveys:public_results", args=[survey.pk])
    else:
        back = reverse("surveys:results", args=[survey.pk])
    context = {
        "survey": survey,
        "question": question,
        "page": page,
        "texts": page.object_list,
        "public": public,
        "hide_error": hide_error,
        "back_url": f"{back}#fritext-{question.pk}",
        "from_texts": FROM_TEXTS,
    }
    return render(request, "surveys/results/texts_page.html", context, status=status)


def _back(request: HttpRequest, pk: int, answer: Answer) -> HttpResponse:
    """Back to the page the form was on (a local address only), at the answer."""
    target = request.POST.get("tillbaka", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("surveys:results", args=[pk])
    return redirect(f"{target}#svar-{answer.pk}")


# --- the working group -----------------------------------------------------------------------


@survey_managers_only
@loads(survey_with_results)
def results(request: HttpRequest, survey: "ResultSurvey") -> HttpResponse:
    """The results of a survey for the working group, published or not."""
    return _render(request, survey, public=False)


@require_POST
@survey_managers_only
@loads(survey_by_pk)
def results_publish(request: AuthenticatedHttpRequest, survey: Survey) -> HttpResponse:
    try:
        services.results_publish(survey=survey, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Resultaten är publicerade. Alla kan nu se dem på den publika sidan.")
        )
    return redirect("surveys:results", pk=survey.pk)


@require_POST
@survey_managers_only
@loads(survey_by_pk)
def results_unpublish(request: AuthenticatedHttpRequest, survey: Survey) -> HttpResponse:
    try:
        services.results_unpublish(survey=survey, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Resultaten är inte längre publika."))
    return redirect("surveys:results", pk=survey.pk)


@require_POST
@survey_managers_only
def answer_hide(request: AuthenticatedHttpRequest, pk: int, answer_id: uuid.UUID) -> HttpResponse:
    answer = answer_of(pk, answer_id)
    reason = request.POST.get("reason", "")
    try:
        services.answer_hide(answer=answer, reason=reason, by=request.user)
    except ValidationError as error:
        survey = survey_with_results(pk)
        hide_error = (answer.pk, " ".join(error.messages), reason)
        if request.POST.get("vy") == FROM_TEXTS:
            return _render_texts(
                request,
                survey,
                answer.question_id,
                public=False,
                status=400,
                hide_error=hide_error,
            )
        return _render(request, survey, public=False, status=400, hide_error=hide_error)
    messages.success(request, _("Svaret är dolt. Det visas inte publikt och inte i exporter."))
    return _back(request, pk, answer)


@require_POST
@survey_managers_only
def answer_unhide(request: AuthenticatedHttpRequest, pk: int, answer_id: uuid.UUID) -> HttpResponse:
    answer = answer_of(pk, answer_id)
    try:
        services.answer_unhide(answer=answer, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Svaret visas igen."))
    return _back(request, pk, answer)


def _results_export(request: HttpRequest, survey: "ResultSurvey", *, kind: str) -> HttpResponseBase:
    """Results as CSV or XLSX; hidden free texts are never exported, not even to the working
    group."""
    results, error = _results(request, survey, public=True)
    if error:
        return HttpResponse(error + "\n", status=400, content_type="text/plain; charset=utf-8")
    rows = exports.results_rows(results)
    if kind == "csv":
        return exports.csv_response(rows, exports.results_filename(survey, "csv"))
    return exports.xlsx_response(
        rows, exports.results_filename(survey, "xlsx"), sheet_name=_("Resultat")
    )


@survey_managers_only
@loads(survey_with_results)
def results_texts(request: HttpRequest, survey: "ResultSurvey", question_pk: int) -> HttpResponse:
    return _render_texts(request, survey, question_pk, public=False)


@survey_managers_only
@loads(survey_with_results)
def results_csv(request: HttpRequest, survey: "ResultSurvey") -> HttpResponseBase:
    return _results_export(request, survey, kind="csv")


@survey_managers_only
@loads(survey_with_results)
def results_xlsx(request: HttpRequest, survey: "ResultSurvey") -> HttpResponseBase:
    return _results_export(request, survey, kind="xlsx")


@survey_managers_only
@loads(survey_by_pk)
def responses_csv(request: HttpRequest, survey: Survey) -> StreamingHttpResponse:
    return exports.csv_response(
        exports.responses_rows(survey), exports.responses_filename(survey, "csv")
    )


@survey_managers_only
@loads(survey_by_pk)
def responses_xlsx(request: HttpRequest, survey: Survey) -> FileResponse:
    return exports.xlsx_response(
        exports.responses_rows(survey),
        exports.responses_filename(survey, "xlsx"),
        sheet_name=_("Svar"),
    )


# --- the public ------------------------------------------------------------------------------


@cached_public_page(SURVEYS)
def public_list(request: HttpRequest) -> HttpResponse:
    """Surveys whose results are published, newest first (one query)."""
    surveys = list(selectors.surveys_published())
    return render(request, "surveys/results/public_list.html", {"surveys": surveys})


@cached_public_page(SURVEYS, SURVEY_OF_VIEW)
def public_results(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, published_results(pk), public=True)


@cached_public_page(SURVEYS, SURVEY_OF_VIEW)
def public_results_texts(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    return _render_texts(request, published_results(pk), question_pk, public=True)


def public_results_csv(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _results_export(request, published_results(pk), kind="csv")


def public_results_xlsx(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _results_export(request, published_results(pk), kind="xlsx")

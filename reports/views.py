"""The yearly report: the working group's pages (under /arbetsgruppen/hantera/rapporter/, where
the middleware demands two-factor login) and the public pages (/uppfoljning/).

Nobody outside the working group sees an unpublished version or its PDF: the management views
check the rule, the public views read only published versions.
"""

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import selectors as agreement_selectors
from agreements.selectors import yearly as agreement_yearly
from dialogues.selectors import conferences as conference_selectors
from hok.access import is_htmx
from hok.csv_export import csv_response
from hok.http import AuthenticatedHttpRequest
from hok.page_cache import cached_public_page
from hok.storage import private_storage
from hok.submissions import once_per_submission
from hok.utils import add_service_errors
from reports import rules, selectors, services
from reports.access import managers_only, published_version, report_for_manager, version_for_manager
from reports.document import data_links, report_context, report_title
from reports.exports import figure_rows
from reports.forms import ReportForm, YearForm
from reports.generations import REPORTS
from reports.models import Report, ReportVersion
from reports.snapshot import conference_ids_of, survey_ids_of, take_snapshot
from surveys.selectors import surveys as survey_selectors

# --- the working group's pages ------------------------------------------------------------


def _list_page(request: HttpRequest, form: YearForm, status: int = 200) -> HttpResponse:
    reports = list(selectors.reports_for_management())
    for report in reports:
        versions = list(report.versions.all())
        report.latest = versions[0] if versions else None
        report.published = next((v for v in versions if v.published_at is not None), None)
    return render(
        request,
        "reports/management/report_list.html",
        {"reports": reports, "form": form},
        status=status,
    )


@managers_only
def report_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, YearForm(initial={"year": timezone.localdate().year - 1}))


@managers_only
@require_POST
@once_per_submission
def report_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = YearForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    try:
        report = services.report_create(year=form.cleaned_data["year"], by=request.user)
    except ValidationError as error:
        add_service_errors(form, error)
        return _list_page(request, form, status=400)
    messages.success(request, _("Rapporten för %(year)s är skapad.") % {"year": report.year})
    return redirect("reports:report_edit", year=report.year)


def _form_choices(report: Report) -> dict[str, Any]:
    surveys = list(survey_selectors.survey_list())
    survey_ids = survey_ids_of(report)
    backgrounds: dict[int, list[tuple[int, str]]] = {}
    for question in survey_selectors.background_questions(survey_ids=[s.pk for s in surveys]):
        backgrounds.setdefault(question.survey_id, []).append((question.pk, question.text))
    return {
        "surveys": [(s.pk, f"{s.title} ({s.year})") for s in surveys],
        "backgrounds": backgrounds,
        "conferences": [(c.pk, str(c)) for c in conference_selectors.conferences_for_management()],
        "quotes": [
            (
                progress.pk,
                f"{progress.commitment.organisation.name}: {progress.commitment.title} "
                f"(princip {progress.commitment.principle.number})",
            )
            for progress in agreement_yearly.progress_reports_of_year(year=report.year)
        ],
        "goals": [(goal.position, goal.text) for goal in agreement_selectors.goals_current()],
        "initial": {
            "introduction": report.introduction,
            "summary": report.summary,
            "analysis": report.analysis,
            "surveys": survey_ids,
            "conferences": conference_ids_of(report),
            "quotes": report.quote_ids,
            "include_free_texts": report.include_free_texts,
            **{f"breakdown_{key}": value for key, value in (report.breakdowns or {}).items()},
            **{f"goal_{a.goal_position}_status": a.status for a in report.assessments.all()},
            **{f"goal_{a.goal_position}_comment": a.comment for a in report.assessments.all()},
        },
    }


def _job_context(report: Report) -> dict[str, Any]:
    versions = list(report.versions.all())
    now = timezone.now()
    for version in versions:
        version.interrupted = rules.version_is_interrupted(version, now=now)
    running = next((v for v in versions if v.is_running), None)
    return {
        "report": report,
        "versions": versions,
        "job": running or (versions[0] if versions else None),
        "polling": running is not None and not running.interrupted,
        "steps": [
            (ReportVersion.Status.COLLECTING, _("Samlar in siffror")),
            (ReportVersion.Status.CHARTS, _("Ritar diagram")),
            (ReportVersion.Status.WRITING, _("Skriver PDF")),
        ],
    }


def _edit_page(
    request: HttpRequest, report: Report, form: ReportForm | None = None, status: int = 200
) -> HttpResponse:
    choices = _form_choices(report)
    initial = choices.pop("initial")
    form = form or ReportForm(initial=initial, report=report, **choices)
    return render(
        request,
        "reports/management/report_edit.html",
        {"form": form, **_job_context(report)},
        status=status,
    )


@managers_only
def report_edit(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    report = report_for_manager(request.user, year)
    if request.method != "POST":
        return _edit_page(request, report)
    choices = _form_choices(report)
    choices.pop("initial")
    form = ReportForm(request.POST, report=report, **choices)
    if not form.is_valid():
        return _edit_page(request, report, form, status=400)
    try:
        services.report_update(report=report, choices=form.choices(), by=request.user)
    except ValidationError as error:
        add_service_errors(form, error)
        return _edit_page(request, report, form, status=400)
    messages.success(request, _("Rapportens texter och val är sparade."))
    return redirect("reports:report_edit", year=year)


@managers_only
def report_preview(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """The report as it would look now, from a fresh snapshot that is not stored."""
    report = report_for_manager(request.user, year)
    context = report_context(take_snapshot(report=report))
    return render(
        request,
        "reports/management/report_preview.html",
        {**context, "report": report, "preview": True},
    )


@managers_only
def report_job(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """The job's progress: the region alone for htmx, else the whole edit page."""
    report = report_for_manager(request.user, year)
    if is_htmx(request):
        return render(request, "reports/management/includes/job.html", _job_context(report))
    return redirect(reverse("reports:report_edit", kwargs={"year": year}) + "#pdf")


def _to_job(year: int) -> HttpResponse:
    return redirect(reverse("reports:report_edit", kwargs={"year": year}) + "#pdf")


@managers_only
@require_POST
@once_per_submission
def pdf_create(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    report = report_for_manager(request.user, year)
    try:
        services.pdf_request(report=report, by=request.user)
    except services.JobRunning:
        messages.info(
            request,
            _("En PDF håller redan på att skapas. Följ arbetet nedan; ingen ny startades."),
        )
        return _to_job(year)
    messages.success(request, _("PDF:en skapas. Följ arbetet nedan."))
    return _to_job(year)


@managers_only
@require_POST
def version_retry(request: AuthenticatedHttpRequest, year: int, number: int) -> HttpResponse:
    version = version_for_manager(request.user, year, number)
    try:
        services.version_retry(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_job(year)
    except services.JobRunning:
        messages.info(
            request, _("En annan PDF håller redan på att skapas. Vänta tills den är klar.")
        )
        return _to_job(year)
    messages.success(request, _("Arbetet har startats igen."))
    return _to_job(year)


@managers_only
@require_POST
def version_publish(request: AuthenticatedHttpRequest, year: int, number: int) -> HttpResponse:
    version = version_for_manager(request.user, year, number)
    try:
        services.version_publish(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_job(year)
    messages.success(
        request,
        _("Version %(number)s är publicerad på /uppfoljning/%(year)s/.")
        % {"number": number, "year": year},
    )
    return _to_job(year)


@managers_only
@require_POST
def version_unpublish(request: AuthenticatedHttpRequest, year: int, number: int) -> HttpResponse:
    version = version_for_manager(request.user, year, number)
    try:
        services.version_unpublish(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_job(year)
    messages.success(request, _("Rapporten är inte längre publicerad."))
    return _to_job(year)


def _pdf_response(request: HttpRequest, version: ReportVersion) -> FileResponse:
    if not rules.can_view_version_pdf(request.user, version):
        raise Http404
    storage = private_storage()
    if not version.pdf.name or not storage.exists(version.pdf.name):
        raise Http404
    response = FileResponse(
        storage.open(version.pdf.name, "rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"hok-uppfoljning-{version.report.year}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@managers_only
def version_pdf(request: AuthenticatedHttpRequest, year: int, number: int) -> FileResponse:
    """Any finished version's PDF, for the working group (published or not)."""
    response = _pdf_response(request, version_for_manager(request.user, year, number))
    response["Cache-Control"] = "private, no-store"
    return response


# --- the public pages ----------------------------------------------------------------------


@cached_public_page(REPORTS)
def public_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "reports/public_list.html", {"versions": list(selectors.published_versions())}
    )


def public_latest(request: HttpRequest) -> HttpResponse:
    """The menu's and the front page's link: the newest published report, or the list (which
    says none is published yet). A redirect, so no page pays a query for the link."""
    latest = selectors.latest_published()
    if latest is None:
        return redirect("reports:public_list")
    return redirect("reports:public_report", year=latest.report.year)


def _snapshot(version: ReportVersion) -> dict[str, Any]:
    """The snapshot of a version `published_version` returned (so never None)."""
    if version.snapshot is None:
        raise Http404
    return version.snapshot


@cached_public_page(REPORTS)
def public_report(request: HttpRequest, year: int) -> HttpResponse:
    version = published_version(year)
    context = report_context(_snapshot(version))
    context.update(
        version=version,
        data_links=data_links(year),
    )
    return render(request, "reports/public_report.html", context)


def public_pdf(request: HttpRequest, year: int) -> FileResponse:
    return _pdf_response(request, published_version(year))


def public_json(request: HttpRequest, year: int) -> HttpResponse:
    version = published_version(year)
    body = json.dumps(
        {
            "title": report_title(year),
            "version": version.number,
            "published_at": version.published_at.isoformat() if version.published_at else None,
            "pdf_sha256": version.pdf_sha256,
            "figures": version.snapshot,
        },
        ensure_ascii=False,
        indent=1,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hok-uppfoljning-{year}.json"'
    return response


def public_csv(request: HttpRequest, year: int) -> StreamingHttpResponse:
    version = published_version(year)
    return csv_response(
        filename=f"hok-uppfoljning-{year}.csv",
        header=[_("Avsnitt"), _("Tabell"), _("Rad"), _("Kolumn"), _("Värde")],
        rows=figure_rows(_snapshot(version)),
    )

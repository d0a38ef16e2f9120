"""An organisation's own commitments, yearly progress reports and documents (principle 3).

Every view loads the organisation through `representative_required` and every commitment or
document through that organisation (agreements.access), so another organisation's ids give 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import rules
from agreements.access import commitment_of, document_of, representative_required
from agreements.forms.commitments import CommitmentForm, DocumentForm, ProgressReportForm
from agreements.models import Commitment, Organisation, Principle
from agreements.selectors import commitments as selectors
from agreements.services import commitments as services
from agreements.services.documents import document_delete as delete_document
from agreements.services.documents import document_upload
from hok.http import AuthenticatedHttpRequest
from hok.pdf_uploads import PDF_ERROR_CODES
from hok.submissions import once_per_submission
from hok.utils import add_service_errors, form_status, this_year

COMMITMENT_ERRORS = CommitmentForm.error_fields
DOCUMENT_ERRORS = {**dict.fromkeys(PDF_ERROR_CODES, "file"), "year": "year"}


def _list_url(organisation: Organisation, commitment: Commitment | None = None) -> str:
    url = reverse("agreements:commitment_list", kwargs={"slug": organisation.slug})
    return f"{url}#atagande-{commitment.pk}" if commitment is not None else url


def _principles(commitment: Commitment | None = None) -> list[Principle]:
    """The current principles; an older commitment's own principle stays available to it."""
    principles = list(selectors.principles_for_commitments())
    if commitment is not None and commitment.principle_id not in {p.pk for p in principles}:
        principles.append(commitment.principle)
    return principles


@representative_required
def commitment_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    year = this_year()
    groups = selectors.commitments_by_principle(organisation=organisation)
    commitments = [commitment for group in groups for commitment in group.commitments]
    started = [commitment for commitment in commitments if commitment.start_year <= year]
    reported = [
        commitment
        for commitment in started
        if commitment.latest_report and commitment.latest_report.year >= year
    ]
    context = {
        "organisation": organisation,
        "groups": groups,
        "year": year,
        "commitment_count": len(commitments),
        "started_count": len(started),
        "reported_count": len(reported),
    }
    return render(request, "agreements/commitments/list.html", context)


@representative_required
@once_per_submission
def commitment_create(
    request: AuthenticatedHttpRequest, organisation: Organisation
) -> HttpResponse:
    principles = _principles()
    initial: dict[str, object] = {"start_year": this_year()}
    if request.GET.get("princip") in {str(principle.pk) for principle in principles}:
        initial["principle"] = request.GET["princip"]
    form = CommitmentForm(request.POST or None, principles=principles, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commitment = services.commitment_create(
                organisation=organisation,
                by=request.user,
                principle=data["principle"],
                action=data["action"],
                title=data["title"],
                description=data["description"],
                start_year=data["start_year"],
            )
        except ValidationError as error:
            add_service_errors(form, error, COMMITMENT_ERRORS)
        else:
            messages.success(
                request, _("Åtagandet ”%(title)s” är sparat.") % {"title": commitment.title}
            )
            return redirect(_list_url(organisation, commitment))
    context = {"organisation": organisation, "form": form, "has_principles": bool(principles)}
    return render(request, "agreements/commitments/form.html", context, status=form_status(request))


@representative_required
def commitment_edit(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    commitment = commitment_of(organisation, pk)
    principles = _principles(commitment)
    initial = {
        "principle": str(commitment.principle_id),
        "action": str(commitment.action_id or ""),
        "title": commitment.title,
        "description": commitment.description,
        "start_year": commitment.start_year,
    }
    form = CommitmentForm(request.POST or None, principles=principles, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.commitment_update(
                commitment=commitment,
                by=request.user,
                principle=data["principle"],
                action=data["action"],
                title=data["title"],
                description=data["description"],
                start_year=data["start_year"],
            )
        except ValidationError as error:
            add_service_errors(form, error, COMMITMENT_ERRORS)
        else:
            messages.success(
                request, _("Ändringarna i ”%(title)s” är sparade.") % {"title": commitment.title}
            )
            return redirect(_list_url(organisation, commitment))
    year = this_year()
    reports = list(selectors.commitment_reports(commitment=commitment))
    context = {
        "organisation": organisation,
        "form": form,
        "commitment": commitment,
        "has_principles": True,
        "reports": reports,
        "year": year,
        "report_this_year": rules.progress_reportable(commitment, year)
        and all(report.year != year for report in reports),
    }
    return render(request, "agreements/commitments/form.html", context, status=form_status(request))


@representative_required
def commitment_delete(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    """Ask first (GET), then remove the commitment and its reports (POST)."""
    commitment = commitment_of(organisation, pk)
    if request.method == "POST":
        services.commitment_delete(commitment=commitment, by=request.user)
        messages.success(
            request, _("Åtagandet ”%(title)s” är borttaget.") % {"title": commitment.title}
        )
        return redirect(_list_url(organisation))
    context = {
        "organisation": organisation,
        "commitment": commitment,
        "report_count": commitment.progress_reports.count(),
    }
    return render(request, "agreements/commitments/delete.html", context)


@representative_required
@once_per_submission
def progress_report(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int, year: int
) -> HttpResponse:
    """Report a commitment's progress for one year; an existing report is shown to be changed."""
    commitment = commitment_of(organisation, pk)
    current_year = this_year()
    if not services.FIRST_YEAR <= year <= current_year + services.YEARS_AHEAD:
        raise Http404
    reports = list(selectors.commitment_reports(commitment=commitment))
    existing = next((report for report in reports if report.year == year), None)
    initial = (
        {"status": existing.status, "text": existing.text, "link": existing.link}
        if existing
        else {}
    )
    form = ProgressReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_report(
                commitment=commitment,
                by=request.user,
                year=year,
                status=data["status"],
                text=data["text"],
                link=data["link"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Lägesrapporten för %(year)s om ”%(title)s” är sparad.")
                % {"year": year, "title": commitment.title},
            )
            return redirect(_list_url(organisation, commitment))
    reported_years = {report.year for report in reports}
    first = max(commitment.start_year, services.FIRST_YEAR)
    context = {
        "organisation": organisation,
        "commitment": commitment,
        "form": form,
        "year": year,
        "existing": existing,
        # The newest report before this year, to build on when writing this one.
        "previous": next((report for report in reports if report.year < year), None),
        "reports": reports,
        "reportable": rules.progress_reportable(commitment, year),
        "other_years": [
            {"year": other, "reported": other in reported_years}
            for other in range(current_year, first - 1, -1)
            if other != year
        ],
    }
    return render(
        request, "agreements/commitments/report.html", context, status=form_status(request)
    )


@representative_required
@once_per_submission
def document_list(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = document_upload(
                organisation=organisation,
                by=request.user,
                kind=data["kind"],
                title=data["title"],
                year=data["year"],
                upload=data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error, DOCUMENT_ERRORS)
        else:
            messages.success(
                request,
                _("”%(title)s” är uppladdat och visas på organisationens sida.")
                % {"title": document.title},
            )
            return redirect("agreements:document_list", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "form": form,
        "documents": selectors.documents_of_organisation(organisation=organisation),
    }
    return render(
        request, "agreements/commitments/documents.html", context, status=form_status(request)
    )


@require_POST
@representative_required
def document_delete(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    document = document_of(organisation, pk)
    delete_document(document=document, by=request.user)
    messages.success(request, _("”%(title)s” är borttaget.") % {"title": document.title})
    return redirect("agreements:document_list", slug=organisation.slug)

"""The compiled document as a PDF: the working group asks the worker for one and follows its
progress (htmx polling, or a reload link without JavaScript); the download views serve the
latest finished PDF. No view renders a PDF: dialogues.services.documents and the worker do.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dialogues import rules
from dialogues.access import conference_managers_only, conference_with_public_document
from dialogues.models import Conference, DocumentRender
from dialogues.selectors.documents import document_render_finished, document_version
from dialogues.selectors.outcomes import conference_outcome
from dialogues.services.documents import document_render_request
from hok.access import is_htmx
from hok.http import AuthenticatedHttpRequest
from hok.submissions import once_per_submission

# The form's choice of version: the public one, or the working group's with the drafts.
VERSIONS = {"public": False, "drafts": True}


def _renders_url(conference: Conference) -> str:
    return reverse("dialogues:document_renders", kwargs={"pk": conference.pk})


def _pdf_response(job: DocumentRender, filename: str, *, private: bool) -> FileResponse:
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    response["ETag"] = f'"{job.sha256}"'
    return response


@conference_managers_only
@require_GET
def document_renders(request: HttpRequest, conference: Conference) -> HttpResponse:
    """Both versions of the PDF: state, steps, download, "out of date", and the buttons."""
    now = timezone.now()
    polling_request = is_htmx(request)
    versions = [
        document_version(
            conference=conference, drafts=drafts, now=now, check_content=not polling_request
        )
        for drafts in (False, True)
    ]
    context = {
        "conference": conference,
        "versions": versions,
        "polling": any(version.running for version in versions),
        "has_published": rules.public_document_available(conference_outcome(conference=conference)),
    }
    template = "dialogues/outcomes/includes/document_renders.html"
    if not polling_request:
        template = "dialogues/outcomes/document_renders.html"
    return render(request, template, context)


@conference_managers_only
@require_POST
@once_per_submission
def document_render_start(
    request: AuthenticatedHttpRequest, conference: Conference
) -> HttpResponse:
    version = request.POST.get("version", "")
    if version not in VERSIONS:
        messages.error(request, _("Välj vilken PDF som ska skapas."))
        return redirect(_renders_url(conference))
    try:
        document_render_request(conference=conference, drafts=VERSIONS[version], by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_renders_url(conference))
    messages.success(request, _("PDF:en skapas nu i bakgrunden. Sidan visar hur det går."))
    return redirect(_renders_url(conference))


@conference_managers_only
@require_GET
def document_draft_pdf(request: HttpRequest, conference: Conference) -> HttpResponse | FileResponse:
    """The latest finished PDF with the drafts, to read before publishing."""
    job = document_render_finished(conference=conference, drafts=True)
    if job is None:
        messages.info(request, _("Ingen PDF med utkasten är skapad ännu. Skapa den här."))
        return redirect(_renders_url(conference))
    return _pdf_response(job, f"sammanstallning-{conference.slug}-utkast.pdf", private=True)


@require_GET
def document_pdf_view(request: HttpRequest, slug: str) -> FileResponse:
    """The latest finished public PDF; not found until something of it is published and the
    working group has had a PDF made."""
    conference = conference_with_public_document(slug)
    job = document_render_finished(conference=conference, drafts=False)
    if job is None:
        raise Http404
    return _pdf_response(job, f"sammanstallning-{conference.slug}.pdf", private=False)

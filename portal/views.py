from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.static import serve

from agreements import selectors as agreement_selectors
from agreements.generations import AGREEMENT, SIGNATORIES
from agreements.selectors import directory as directory_selectors
from agreements.selectors import organisations as organisation_selectors
from agreements.selectors.proposals import proposals_pending_count
from hok.access import permitted_by
from hok.context_processors import AFTER_TWO_FACTOR_SESSION_KEY, after_two_factor_path
from hok.health import FAILING, run_checks
from hok.page_cache import cached_public_page
from hok.roles import uses_powers
from newsletters import selectors as newsletter_selectors
from newsletters.generations import NEWSLETTERS
from newsletters.rules import can_write_newsletters


@cached_public_page(AGREEMENT, SIGNATORIES, NEWSLETTERS)
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "version": agreement_selectors.version_current(),
        "principles": agreement_selectors.principles_current(),
        "counts": agreement_selectors.agreement_counts(),
        "signatory_count": directory_selectors.signatories_public().count(),
        "latest_newsletter": newsletter_selectors.newsletter_latest(),
    }
    return render(request, "portal/home.html", context)


@cached_public_page()
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@cached_public_page()
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


@permitted_by(uses_powers)
def working_group_tools(request: HttpRequest) -> HttpResponse:
    """The working group's starting point: one link per tool, with what waits there."""
    context = {
        "pending_signatures": organisation_selectors.signatures_pending().count(),
        "pending_proposals": proposals_pending_count(),
        "can_write_newsletters": can_write_newsletters(request.user),
    }
    return render(request, "portal/working_group_tools.html", context)


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    healthy = FAILING not in checks.values()
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks},
        status=200 if healthy else 503,
    )


# Uploaded files the public may read; anything else under MEDIA_ROOT is not served.
PUBLIC_MEDIA_PREFIXES = ("logos/", "documents/", "newsletters/")
# Of those, the ones not shown inside the portal's pages (logos and newsletter images are, as
# <img>).
DOWNLOAD_MEDIA_PREFIXES = ("documents/",)


def public_media(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    """Logos and published documents. Small volumes, so Django serves them itself."""
    if not path.startswith(PUBLIC_MEDIA_PREFIXES):
        raise Http404
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["Cache-Control"] = "public, max-age=3600"
    if path.startswith(DOWNLOAD_MEDIA_PREFIXES):
        # Uploaded documents are downloaded, never opened in the portal's own origin.
        response["Content-Disposition"] = content_disposition_header(True, PurePath(path).name)
    return response


@login_required
def continue_after_two_factor(request: HttpRequest) -> HttpResponse:
    """Back to the page that asked for two-factor login, once (then it is forgotten)."""
    path = after_two_factor_path(request)
    request.session.pop(AFTER_TWO_FACTOR_SESSION_KEY, None)
    if path and url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}):
        return redirect(path)
    return redirect("working_group_tools")

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from agreements import selectors as agreement_selectors
from hok.health import FAILING, run_checks


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "version": agreement_selectors.version_current(),
        "principles": agreement_selectors.principles_current(),
        "counts": agreement_selectors.agreement_counts(),
    }
    return render(request, "hok/home.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "hok/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "hok/privacy.html")


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    healthy = FAILING not in checks.values()
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks},
        status=200 if healthy else 503,
    )

"""The project's URLs plus a constant view, the baseline of the benchmarks."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def constant(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


# portal.urls uses i18n_patterns, which Django only allows in the root URLconf: its
# patterns are copied here instead of include()d.
urlpatterns = [
    path("bench/constant/", constant, name="bench_constant"),
    *portal_urlpatterns,
]

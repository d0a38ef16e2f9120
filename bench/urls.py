"""The project's URLs plus a constant view, the baseline of the benchmarks."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from hok.urls import urlpatterns as hok_urlpatterns


def constant(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


# hok.urls uses i18n_patterns, which Django only allows in the root URLconf: its
# patterns are copied here instead of include()d.
urlpatterns = [
    path("bench/constant/", constant, name="bench_constant"),
    *hok_urlpatterns,
]

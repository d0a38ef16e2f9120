"""Open data files (CSV and JSON) the same way for every app: CC0, CORS open, documented columns,
streamed CSV through hok.csv_export, and a bad filter answered with a 400 that names the field."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hok.csv_export import csv_response

LICENCE = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"


@dataclass(frozen=True)
class OpenDataColumn:
    name: str
    type: Promise
    meaning: Promise


T_TEXT = gettext_lazy("text")
T_CODE = gettext_lazy("kod (text)")
T_URL = gettext_lazy("webbadress (text)")
T_DATE = gettext_lazy("datum, ÅÅÅÅ-MM-DD (text)")
T_INT = gettext_lazy("heltal")
T_LIST = gettext_lazy("lista med text")

FilterErrors = dict[str, list[str]]


def open_data_headers(response: HttpResponse | StreamingHttpResponse) -> None:
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'


def open_data_csv(
    *, filename: str, columns: list[str], records: Iterable[dict[str, Any]]
) -> StreamingHttpResponse:
    """The records as CSV: UTF-8 with BOM, semicolons, a header row; streamed."""
    rows = ([record[name] for name in columns] for record in records)
    response = csv_response(filename=filename, header=columns, rows=rows)
    open_data_headers(response)
    return response


def open_data_json(
    request: HttpRequest, *, key: str, records: Iterable[dict[str, Any]], documentation: str
) -> JsonResponse:
    """The records under `key`, with when, how many, the licence and the documentation page
    (the URL name `documentation`, always its Swedish address)."""
    items = list(records)
    with translation.override("sv"):
        documentation_url = request.build_absolute_uri(reverse(documentation))
    payload = {
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "count": len(items),
        "licence": LICENCE,
        "documentation": documentation_url,
        key: items,
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
    open_data_headers(response)
    return response


def bad_filters_text(errors: FilterErrors) -> HttpResponse:
    """A CSV address whose filters could not be used: a 400 in plain text, field by field."""
    lines = [_("Filtren i adressen kunde inte användas:")]
    for name, messages in errors.items():
        lines += [f"{name}: {message}" for message in messages]
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


def bad_filters_json(errors: FilterErrors) -> JsonResponse:
    """A JSON address whose filters could not be used: a 400 naming the fields."""
    response = JsonResponse(
        {"error": _("Filtren i adressen kunde inte användas."), "fields": errors},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )
    open_data_headers(response)
    return response

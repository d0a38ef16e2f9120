"""Commitments and progress reports as open data (CSV and JSON), documented column by column.

The same guard as the directory's files: only what the organisation pages already show
publicly (public signatories' commitments and their reports), CC0, CORS open, streamed CSV
with formula-looking cells defused (hok.csv_export).
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from agreements.models import Commitment, ProgressReport
from agreements.selectors import directory as selectors
from agreements.views.directory import OPEN_DATA_COLUMNS
from hok.csv_export import CSV_DELIMITER, LIST_SEPARATOR
from hok.open_data import (
    LICENCE_URL,
    T_CODE,
    T_DATE,
    T_INT,
    T_TEXT,
    T_URL,
    OpenDataColumn,
    open_data_csv,
    open_data_json,
)

COMMITMENT_COLUMNS = [
    OpenDataColumn(
        "id",
        T_INT,
        gettext_lazy("Åtagandets nummer i portalen. Ändras inte; lägesrapporterna pekar på det."),
    ),
    OpenDataColumn("organisation", T_TEXT, gettext_lazy("Organisationens namn.")),
    OpenDataColumn(
        "organisation_slug",
        T_CODE,
        gettext_lazy("Organisationens kortnamn, som kolumnen slug i undertecknarfilen."),
    ),
    OpenDataColumn("url", T_URL, gettext_lazy("Organisationens sida, där åtagandet visas.")),
    OpenDataColumn(
        "agreement_version",
        T_INT,
        gettext_lazy("Versionen av överenskommelsen som principen hör till."),
    ),
    OpenDataColumn("principle", T_INT, gettext_lazy("Principens nummer, 1–6.")),
    OpenDataColumn("principle_name", T_TEXT, gettext_lazy("Principens namn, till exempel Dialog.")),
    OpenDataColumn(
        "action",
        T_TEXT,
        gettext_lazy("Den åtgärd under principen som åtagandet gäller. Tom om det inte gäller en."),
    ),
    OpenDataColumn("title", T_TEXT, gettext_lazy("Åtagandets rubrik.")),
    OpenDataColumn("description", T_TEXT, gettext_lazy("Vad organisationen åtar sig.")),
    OpenDataColumn("start_year", T_INT, gettext_lazy("Året då åtagandet började gälla.")),
    OpenDataColumn("created", T_DATE, gettext_lazy("Dagen då åtagandet skrevs in (svensk tid).")),
]

PROGRESS_COLUMNS = [
    OpenDataColumn(
        "commitment_id", T_INT, gettext_lazy("Åtagandets nummer (kolumnen id i åtagandefilen).")
    ),
    OpenDataColumn("organisation_slug", T_CODE, gettext_lazy("Organisationens kortnamn.")),
    OpenDataColumn("year", T_INT, gettext_lazy("Året som rapporten gäller. En rapport per år.")),
    OpenDataColumn(
        "status",
        T_CODE,
        gettext_lazy("Läget: not_started, ongoing, done eller paused."),
    ),
    OpenDataColumn("status_name", T_TEXT, gettext_lazy("Läget på svenska, till exempel Pågår.")),
    OpenDataColumn("text", T_TEXT, gettext_lazy("Vad som har hänt under året.")),
    OpenDataColumn(
        "link", T_URL, gettext_lazy("En länk organisationen har lagt till. Tom om den saknas.")
    ),
    OpenDataColumn(
        "updated", T_DATE, gettext_lazy("Dagen då rapporten senast ändrades (svensk tid).")
    ),
]


def _commitment_record(request: HttpRequest, commitment: Commitment) -> dict[str, Any]:
    organisation = commitment.organisation
    return {
        "id": commitment.pk,
        "organisation": organisation.name,
        "organisation_slug": organisation.slug,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
        "agreement_version": commitment.principle.version.number,
        "principle": commitment.principle.number,
        "principle_name": commitment.principle.title,
        "action": commitment.action.text if commitment.action else "",
        "title": commitment.title,
        "description": commitment.description,
        "start_year": commitment.start_year,
        "created": timezone.localtime(commitment.created_at).date().isoformat(),
    }


def _progress_record(request: HttpRequest, report: ProgressReport) -> dict[str, Any]:
    return {
        "commitment_id": report.commitment_id,
        "organisation_slug": report.commitment.organisation.slug,
        "year": report.year,
        "status": report.status,
        "status_name": str(report.get_status_display()),
        "text": report.text,
        "link": report.link,
        "updated": timezone.localtime(report.reported_at).date().isoformat(),
    }


def _records(
    request: HttpRequest, rows: Iterator[Any], record: Callable[[HttpRequest, Any], dict]
) -> Iterator[dict[str, Any]]:
    for row in rows:
        # The data is the same whatever the language of the address it was fetched from.
        with translation.override("sv"):
            yield record(request, row)


def _names(columns: list[OpenDataColumn]) -> list[str]:
    return [column.name for column in columns]


def _commitments(request: HttpRequest) -> Iterator[dict[str, Any]]:
    rows = selectors.commitments_open_data().iterator(chunk_size=500)
    return _records(request, rows, _commitment_record)


def _progress(request: HttpRequest) -> Iterator[dict[str, Any]]:
    rows = selectors.progress_reports_open_data().iterator(chunk_size=500)
    return _records(request, rows, _progress_record)


def commitments_csv(request: HttpRequest) -> StreamingHttpResponse:
    return open_data_csv(
        filename="ataganden.csv", columns=_names(COMMITMENT_COLUMNS), records=_commitments(request)
    )


def commitments_json(request: HttpRequest) -> JsonResponse:
    return open_data_json(
        request,
        key="commitments",
        records=_commitments(request),
        documentation="agreements:open_data",
    )


def progress_csv(request: HttpRequest) -> StreamingHttpResponse:
    return open_data_csv(
        filename="lagesrapporter.csv", columns=_names(PROGRESS_COLUMNS), records=_progress(request)
    )


def progress_json(request: HttpRequest) -> JsonResponse:
    return open_data_json(
        request,
        key="progress_reports",
        records=_progress(request),
        documentation="agreements:open_data",
    )


def open_data(request: HttpRequest) -> HttpResponse:
    """The documentation of every open data file: the signatories, commitments and reports."""
    context = {
        "columns": OPEN_DATA_COLUMNS,
        "commitment_columns": COMMITMENT_COLUMNS,
        "progress_columns": PROGRESS_COLUMNS,
        "csv_delimiter": CSV_DELIMITER,
        "list_separator": LIST_SEPARATOR,
        "licence_url": LICENCE_URL,
        "sorts": selectors.DirectorySort.choices,
    }
    return render(request, "agreements/directory/open_data.html", context)

"""Published examples as open data (CSV and JSON), documented column by column.

The same guard as the directory's files: only what the public pages show (published examples),
CC0, CORS open, streamed CSV with formula-looking cells defused (hok.csv_export), the list's
filters as the same URL parameters (a bad one is a 400 that says which). A contact person's
name and addresses are left out: their consent covers the example's page, not a data set.
"""

from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from examples import selectors
from examples.forms import ExampleFilterForm
from examples.models import Example
from hok.csv_export import CSV_DELIMITER, LIST_SEPARATOR
from hok.open_data import (
    LICENCE_URL,
    T_CODE,
    T_DATE,
    T_INT,
    T_LIST,
    T_TEXT,
    T_URL,
    OpenDataColumn,
    bad_filters_json,
    bad_filters_text,
    open_data_csv,
    open_data_json,
)

COLUMNS = [
    OpenDataColumn("id", T_INT, gettext_lazy("Exemplets nummer i portalen. Ändras inte.")),
    OpenDataColumn("url", T_URL, gettext_lazy("Exemplets sida i portalen.")),
    OpenDataColumn("title", T_TEXT, gettext_lazy("Exemplets rubrik.")),
    OpenDataColumn("summary", T_TEXT, gettext_lazy("Sammanfattningen i två eller tre meningar.")),
    OpenDataColumn("organisation", T_TEXT, gettext_lazy("Organisationen som berättar.")),
    OpenDataColumn(
        "organisation_slug",
        T_CODE,
        gettext_lazy("Organisationens kortnamn, som kolumnen slug i undertecknarfilen."),
    ),
    OpenDataColumn(
        "parties",
        T_LIST,
        gettext_lazy(
            "De andra parterna: undertecknare ur förteckningen, enheter inom Region Halland "
            "och andra namngivna parter."
        ),
    ),
    OpenDataColumn("municipalities", T_LIST, gettext_lazy("Kommunerna där samverkan skedde.")),
    OpenDataColumn(
        "principles",
        T_LIST,
        gettext_lazy("Principerna som exemplet visar, som nummer och namn (3. Dialog)."),
    ),
    OpenDataColumn("areas", T_LIST, gettext_lazy("Verksamhetsområdena, på svenska.")),
    OpenDataColumn("start_year", T_INT, gettext_lazy("Året då samverkan började.")),
    OpenDataColumn("end_year", T_INT, gettext_lazy("Året då samverkan slutade. Tom om den pågår.")),
    OpenDataColumn("what_was_done", T_TEXT, gettext_lazy("Vad som gjordes.")),
    OpenDataColumn("outcome", T_TEXT, gettext_lazy("Vad det ledde till.")),
    OpenDataColumn("lessons", T_TEXT, gettext_lazy("Vad de inblandade lärde sig.")),
    OpenDataColumn(
        "contact_email",
        T_TEXT,
        gettext_lazy(
            "Organisationens kontaktadress för exemplet. Tom när kontakten är en person: "
            "personuppgifter finns bara på exemplets sida."
        ),
    ),
    OpenDataColumn(
        "published", T_DATE, gettext_lazy("Dagen då arbetsgruppen publicerade exemplet.")
    ),
]
COLUMN_NAMES = [column.name for column in COLUMNS]


def _record(request: HttpRequest, example: Example) -> dict[str, Any]:
    organisation_contact = example.contact_kind == Example.ContactKind.ORGANISATION
    return {
        "id": example.pk,
        "url": request.build_absolute_uri(example.get_absolute_url()),
        "title": example.title,
        "summary": example.summary,
        "organisation": example.organisation.name,
        "organisation_slug": example.organisation.slug,
        "parties": [str(party) for party in example.parties.all()],
        "municipalities": [m.name for m in example.municipalities.all()],
        "principles": [f"{p.number}. {p.title}" for p in example.principles.all()],
        "areas": [a.name for a in example.areas.all()],
        "start_year": example.start_year,
        "end_year": example.end_year,
        "what_was_done": example.what_was_done,
        "outcome": example.outcome,
        "lessons": example.lessons,
        "contact_email": example.contact_email if organisation_contact else "",
        "published": timezone.localtime(example.published_at).date().isoformat(),
    }


def _filtered(request: HttpRequest) -> tuple[ExampleFilterForm, bool]:
    references = selectors.reference_lists()
    form = ExampleFilterForm(
        request.GET,
        principles=references.principles,
        municipalities=references.municipalities,
        areas=references.areas,
    )
    return form, form.is_valid()


def _records(request: HttpRequest, form: ExampleFilterForm) -> Iterator[dict[str, Any]]:
    examples = selectors.examples_filtered(filters=form.filters()).order_by("published_at", "pk")
    for example in examples.iterator(chunk_size=200):
        # The data is the same whatever the language of the address it was fetched from.
        with translation.override("sv"):
            yield _record(request, example)


def _field_errors(form: ExampleFilterForm) -> dict[str, list[str]]:
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def examples_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    form, valid = _filtered(request)
    if not valid:
        return bad_filters_text(_field_errors(form))
    return open_data_csv(
        filename="exempel.csv", columns=COLUMN_NAMES, records=_records(request, form)
    )


def examples_json(request: HttpRequest) -> JsonResponse:
    form, valid = _filtered(request)
    if not valid:
        return bad_filters_json(_field_errors(form))
    return open_data_json(
        request, key="examples", records=_records(request, form), documentation="examples:open_data"
    )


def open_data(request: HttpRequest) -> HttpResponse:
    context = {
        "columns": COLUMNS,
        "csv_delimiter": CSV_DELIMITER,
        "list_separator": LIST_SEPARATOR,
        "licence_url": LICENCE_URL,
    }
    return render(request, "examples/open_data.html", context)

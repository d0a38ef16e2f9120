"""The public side of signatories: the directory, its open data and an organisation's page."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.http import (
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.access import organisation_page
from agreements.forms.directory import DirectoryFilterForm
from agreements.generations import AGREEMENT, SIGNATORIES
from agreements.models import ActivityArea, Municipality, Organisation
from agreements.selectors import commitments as commitment_selectors
from agreements.selectors import directory as selectors
from agreements.selectors.directory import Signing
from hok.charts import horizontal_bar_chart
from hok.generations import remembered
from hok.open_data import (
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
from hok.page_cache import cached_public_page

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

PAGE_SIZE = 25
OPEN_DATA_COLUMNS = [
    OpenDataColumn("name", T_TEXT, gettext_lazy("Organisationens namn.")),
    OpenDataColumn(
        "slug",
        T_CODE,
        gettext_lazy(
            "Organisationens kortnamn i portalens adresser. Ändras inte; använd det som "
            "identitet när du jämför uttag."
        ),
    ),
    OpenDataColumn("url", T_URL, gettext_lazy("Organisationens sida i portalen.")),
    OpenDataColumn(
        "party_side",
        T_CODE,
        gettext_lazy(
            "Vilken part i överenskommelsen organisationen hör till: civil_society "
            "(idéburen sektor) eller region (Region Halland)."
        ),
    ),
    OpenDataColumn(
        "party_side_name",
        T_TEXT,
        gettext_lazy("Partens namn på svenska, till exempel Idéburen sektor."),
    ),
    OpenDataColumn(
        "form",
        T_CODE,
        gettext_lazy(
            "Organisationsform: forening, socialt_foretag, kooperativ, stiftelse, "
            "trossamfund eller liknande_sammanslutning. Tom för Region Halland."
        ),
    ),
    OpenDataColumn(
        "form_name",
        T_TEXT,
        gettext_lazy("Organisationsformens namn på svenska, till exempel Förening."),
    ),
    OpenDataColumn(
        "municipalities",
        T_LIST,
        gettext_lazy(
            "Kommunerna där organisationen verkar, på svenska. Hela Halland är ett eget värde."
        ),
    ),
    OpenDataColumn(
        "areas", T_LIST, gettext_lazy("Organisationens verksamhetsområden, på svenska.")
    ),
    OpenDataColumn("website", T_URL, gettext_lazy("Organisationens webbplats. Tom om den saknas.")),
    OpenDataColumn(
        "contact_email",
        T_TEXT,
        gettext_lazy(
            "Den kontaktadress organisationen själv har valt att visa publikt. Tom om den saknas."
        ),
    ),
    OpenDataColumn(
        "signed_since",
        T_DATE,
        gettext_lazy(
            "Dagen då arbetsgruppen godkände organisationens första underskrift som fortfarande "
            "gäller (svensk tid)."
        ),
    ),
    OpenDataColumn(
        "signed_version",
        T_INT,
        gettext_lazy("Versionen av överenskommelsen som den underskriften gäller."),
    ),
    OpenDataColumn(
        "latest_signed_version",
        T_INT,
        gettext_lazy(
            "Den senaste versionen av överenskommelsen som organisationen har undertecknat."
        ),
    ),
    OpenDataColumn(
        "commitments",
        T_INT,
        gettext_lazy("Antal åtaganden organisationen har gjort under principerna."),
    ),
]
COLUMN_NAMES = [column.name for column in OPEN_DATA_COLUMNS]


# --- shared -----------------------------------------------------------------------------


@dataclass
class _Filtering:
    form: DirectoryFilterForm
    valid: bool
    filters: selectors.DirectoryFilters
    municipalities: list[Municipality]
    areas: list[ActivityArea]


def _filtering(request: HttpRequest) -> _Filtering:
    """Validate the filters of the query string (two queries: the reference lists)."""
    municipalities = list(selectors.municipalities())
    areas = list(selectors.activity_areas())
    form = DirectoryFilterForm(request.GET, municipalities=municipalities, areas=areas)
    valid = form.is_valid()
    return _Filtering(form, valid, form.filters(), municipalities, areas)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("sida", None)
    return query.urlencode()


# --- the directory ------------------------------------------------------------------------


class _CountedPaginator(Paginator):
    """A Paginator told its count, so it does not ask the database."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


def _directory_summary(
    filters: selectors.DirectoryFilters, municipalities: list[Municipality]
) -> tuple[int, list[tuple[int, int]]]:
    """How many signatories match, and how many per municipality (id, count): one query each,
    run once per change of the data (the generations) and filter, not once per request."""

    def compute() -> tuple[int, list[tuple[int, int]]]:
        organisations = selectors.signatories_filtered(filters=filters)
        per_municipality = selectors.signatories_per_municipality(
            organisations=organisations, municipalities=municipalities
        )
        return organisations.count(), [(m.pk, count) for m, count in per_municipality]

    key = f"agreements.directory:{filters!r}:{[m.pk for m in municipalities]}"
    return remembered(key, [AGREEMENT, SIGNATORIES], compute)


@cached_public_page(AGREEMENT, SIGNATORIES)
def directory(request: HttpRequest) -> HttpResponse:
    """The signatory directory. At most five queries, however many organisations there are:
    the two reference lists, the count and the chart (both once per change, see
    `_directory_summary`), and the page of rows, read in the index's Swedish order."""
    filtering = _filtering(request)
    organisations = selectors.signatories_filtered(filters=filtering.filters)
    total, counts = _directory_summary(filtering.filters, filtering.municipalities)
    paginator = _CountedPaginator(
        selectors.with_relation_ids(organisations), PAGE_SIZE, count=total
    )
    page = paginator.get_page(request.GET.get("sida"))
    rows = list(
        selectors.attach_relations(
            page.object_list, municipalities=filtering.municipalities, areas=filtering.areas
        )
    )
    by_pk = {municipality.pk: municipality for municipality in filtering.municipalities}
    per_municipality = [(by_pk[pk].display_name, count) for pk, count in counts]
    chart = horizontal_bar_chart(
        chart_id="undertecknare-per-kommun",
        title=_("Undertecknare per kommun"),
        description=_("Stapeldiagram över antal undertecknare som verkar i varje kommun."),
        labels=[label for label, _count in per_municipality],
        values=[count for _label, count in per_municipality],
    )
    context = {
        "form": filtering.form,
        "filters": filtering.filters,
        "page": page,
        "organisations": rows,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "per_municipality": per_municipality,
        "chart": chart,
        "filter_query": _query_without_page(request),
    }
    status = 200 if filtering.valid else 400
    return render(request, "agreements/directory/directory.html", context, status=status)


# --- open data ----------------------------------------------------------------------------


def _records(request: HttpRequest, filtering: _Filtering) -> Iterator[dict[str, Any]]:
    """One dict per organisation, keys as in OPEN_DATA_COLUMNS, values in Swedish."""
    organisations = selectors.with_relation_ids(
        selectors.signatories_filtered(filters=filtering.filters)
    )
    rows = selectors.attach_relations(
        organisations.iterator(chunk_size=500),
        municipalities=filtering.municipalities,
        areas=filtering.areas,
    )
    for organisation in rows:
        # The data is the same whatever the language of the address it was fetched from.
        with translation.override("sv"):
            yield {
                "name": organisation.name,
                "slug": organisation.slug,
                "url": request.build_absolute_uri(organisation.get_absolute_url()),
                "party_side": organisation.party_side,
                "party_side_name": str(organisation.get_party_side_display()),
                "form": organisation.form,
                "form_name": str(organisation.get_form_display()) if organisation.form else "",
                "municipalities": [m.name for m in organisation.municipality_list],
                "areas": [a.name for a in organisation.area_list],
                "website": organisation.website,
                "contact_email": organisation.contact_email,
                "signed_since": timezone.localtime(organisation.signed_since).date().isoformat(),
                "signed_version": organisation.signed_version,
                "latest_signed_version": organisation.latest_signed_version,
                "commitments": organisation.commitment_count,
            }


def _bad_filters(filtering: _Filtering) -> dict[str, list[str]]:
    return {
        name: [str(error) for error in errors] for name, errors in filtering.form.errors.items()
    }


def directory_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The directory as CSV: UTF-8 with BOM, semicolons, a header row; streamed."""
    filtering = _filtering(request)
    if not filtering.valid:
        return bad_filters_text(_bad_filters(filtering))
    return open_data_csv(
        filename="undertecknare.csv", columns=COLUMN_NAMES, records=_records(request, filtering)
    )


def directory_json(request: HttpRequest) -> JsonResponse:
    filtering = _filtering(request)
    if not filtering.valid:
        return bad_filters_json(_bad_filters(filtering))
    return open_data_json(
        request,
        key="organisations",
        records=_records(request, filtering),
        documentation="agreements:open_data",
    )


# --- an organisation's page -----------------------------------------------------------------


@cached_public_page(AGREEMENT, SIGNATORIES)
@organisation_page
def organisation_detail(
    request: HttpRequest, organisation: "WithAnnotations[Organisation, Signing]"
) -> HttpResponse:
    """An organisation's public page. Five queries, however many commitments it has."""
    is_public = organisation.signed_since is not None
    context = {
        "organisation": organisation,
        "is_public": is_public,
        "principle_groups": selectors.organisation_commitments(organisation=organisation),
        "documents": list(commitment_selectors.documents_public(organisation=organisation)),
    }
    response = render(request, "agreements/organisation_detail.html", context)
    if not is_public:
        response["X-Robots-Tag"] = "noindex"
        patch_cache_control(response, private=True, no_store=True)
    return response

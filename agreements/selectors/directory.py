"""Reads for the public side of signatories: the directory, its open data, an organisation's
public page and the commitments shown on each principle's page.

An organisation is a *public signatory* when it has at least one approved signature, of any
version. Approval is a status of its own, so a withdrawn or rejected signature never counts,
and a newer pending signature does not hide an organisation whose earlier one is approved.

*Signed since* is the approval date (`decided_at`) of the organisation's earliest approved
signature: the day the working group made it a public signatory, not the day its
representative submitted the signature. The year filter uses the same date.
"""

import datetime
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    QuerySet,
    StringAgg,
    Subquery,
    TextChoices,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Collate
from django.utils.translation import gettext_lazy as _

from agreements.models import (
    ActivityArea,
    Commitment,
    Municipality,
    Organisation,
    Principle,
    ProgressReport,
    Signature,
)
from agreements.selectors.commitments import with_latest_report

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# Swedish alphabetical order (… X Y Z Å Ä Ö) on PostgreSQL; every PostgreSQL built with ICU
# (Debian's, the official Docker images) has this collation. Elsewhere the database's own order.
SWEDISH_COLLATION = "sv-x-icu"

MunicipalityThrough = Organisation.municipalities.through
AreaThrough = Organisation.areas.through


class DirectorySort(TextChoices):
    """The directory's orders. The values appear in the public URLs (`?sortering=nyast`)."""

    NAME = "namn", _("Namn A–Ö")
    NEWEST = "nyast", _("Senast godkända först")
    OLDEST = "aldst", _("Först godkända först")


@dataclass(frozen=True)
class DirectoryFilters:
    """What a visitor narrowed the directory to. Empty values do not filter.

    Within municipalities or within areas any one of the chosen values is enough;
    different kinds of filter must all hold.
    """

    query: str = ""
    municipalities: tuple[int, ...] = ()  # ids
    areas: tuple[int, ...] = ()  # ids
    form: str = ""
    party_side: str = ""
    year: int | None = None
    sort: str = DirectorySort.NAME

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.query
            or self.municipalities
            or self.areas
            or self.form
            or self.party_side
            or self.year
        )


@dataclass
class PrincipleCommitments:
    principle: Principle
    commitments: list[Commitment] = field(default_factory=list)


@dataclass(frozen=True)
class CommitmentSample:
    """At most `limit` commitments, newest first, and how many there are in all."""

    commitments: list[Commitment]
    total: int


# --- the public signatories ----------------------------------------------------------------


def _approved(organisation_ref: str = "pk") -> QuerySet[Signature]:
    return Signature.objects.filter(
        organisation=OuterRef(organisation_ref), status=Signature.Status.APPROVED
    )


class Signing(TypedDict):
    """What `_with_signing` annotates."""

    signed_since: datetime.datetime | None
    signed_version: int | None
    latest_signed_version: int | None


class Listed(Signing):
    """What `with_relation_ids` adds to a signatory."""

    municipality_ids: str | None
    area_ids: str | None
    commitment_count: int


def _with_signing(
    organisations: QuerySet[Organisation],
) -> "QuerySet[WithAnnotations[Organisation, Signing]]":
    """Annotate `signed_since` (approval date of the earliest approved signature; null when
    there is none), `signed_version` (that signature's version number) and
    `latest_signed_version` (the highest version it has an approved signature of)."""
    earliest = _approved().annotate(at=Coalesce("decided_at", "signed_at")).order_by("at", "pk")
    latest = _approved().order_by("-version__number")
    return organisations.annotate(
        signed_since=Subquery(earliest.values("at")[:1]),
        signed_version=Subquery(earliest.values("version__number")[:1]),
        latest_signed_version=Subquery(latest.values("version__number")[:1]),
    )


def signatories_public() -> "QuerySet[WithAnnotations[Organisation, Signing]]":
    """Every public signatory, annotated as `_with_signing` says, in no particular order."""
    return _with_signing(Organisation.objects.filter(Exists(_approved())))


def _name_order() -> list:
    if connection.vendor == "postgresql":
        return [Collate("name", SWEDISH_COLLATION).asc(), "pk"]
    return ["name", "pk"]


def signatories_filtered(
    *, filters: DirectoryFilters
) -> "QuerySet[WithAnnotations[Organisation, Signing]]":
    """The public signatories that match `filters`, in the order they ask for."""
    organisations = signatories_public()
    if filters.query:
        organisations = organisations.filter(name__icontains=filters.query)
    if filters.municipalities:
        organisations = organisations.filter(
            Exists(
                MunicipalityThrough.objects.filter(
                    organisation_id=OuterRef("pk"), municipality_id__in=filters.municipalities
                )
            )
        )
    if filters.areas:
        organisations = organisations.filter(
            Exists(
                AreaThrough.objects.filter(
                    organisation_id=OuterRef("pk"), activityarea_id__in=filters.areas
                )
            )
        )
    if filters.form:
        organisations = organisations.filter(form=filters.form)
    if filters.party_side:
        organisations = organisations.filter(party_side=filters.party_side)
    if filters.year:
        # The plugin types a transform of an annotation (__year) as the annotation itself.
        organisations = organisations.filter(signed_since__year=filters.year)  # type: ignore[misc]
    if filters.sort == DirectorySort.NEWEST:
        return organisations.order_by("-signed_since", *_name_order())
    if filters.sort == DirectorySort.OLDEST:
        return organisations.order_by("signed_since", *_name_order())
    return organisations.order_by(*_name_order())


def _ids_of(through: type[Model], column: str) -> Subquery:
    """The ids an organisation links to through an M2M table, as "3,1,7" (one subquery)."""
    return Subquery(
        through._default_manager.filter(organisation_id=OuterRef("pk"))
        .values("organisation_id")
        .annotate(ids=StringAgg(Cast(column, CharField()), delimiter=Value(",")))
        .values("ids"),
        output_field=CharField(),
    )


def with_relation_ids(
    organisations: "QuerySet[WithAnnotations[Organisation, Signing]]",
) -> "QuerySet[WithAnnotations[Organisation, Listed]]":
    """Annotate `municipality_ids` and `area_ids` so listing rows costs no further query.

    Turn them into objects with `attach_relations` and the (already loaded) reference lists.
    Also annotates `commitment_count`.
    """
    commitments = (
        Commitment.objects.filter(organisation=OuterRef("pk"))
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return organisations.annotate(
        municipality_ids=_ids_of(MunicipalityThrough, "municipality_id"),
        area_ids=_ids_of(AreaThrough, "activityarea_id"),
        commitment_count=Coalesce(Subquery(commitments, output_field=IntegerField()), 0),
    )


def _parse_ids(text: str | None) -> list[int]:
    return [int(part) for part in (text or "").split(",") if part]


def attach_relations(
    organisations: "Iterable[WithAnnotations[Organisation, Listed]]",
    *,
    municipalities: Sequence[Municipality],
    areas: Sequence[ActivityArea],
) -> "Iterator[WithAnnotations[Organisation, Listed]]":
    """Set `municipality_list` and `area_list` (in reference order) from the ids annotated by
    `with_relation_ids`, one organisation at a time (so a streamed export stays streamed)."""
    municipality_by_id = {m.pk: m for m in municipalities}
    area_by_id = {a.pk: a for a in areas}
    for organisation in organisations:
        municipality_ids = set(_parse_ids(organisation.municipality_ids))
        area_ids = set(_parse_ids(organisation.area_ids))
        organisation.municipality_list = [
            m for pk, m in municipality_by_id.items() if pk in municipality_ids
        ]
        organisation.area_list = [a for pk, a in area_by_id.items() if pk in area_ids]
        yield organisation


def municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("position")


def activity_areas() -> QuerySet[ActivityArea]:
    return ActivityArea.objects.order_by("position")


def signatories_per_municipality(
    *, organisations: QuerySet[Organisation], municipalities: Sequence[Municipality]
) -> list[tuple[Municipality, int]]:
    """How many of `organisations` work in each municipality ("Hela Halland" is one), in the
    order of `municipalities`, zeros included. One query. An organisation working in several
    municipalities counts in each, so the counts may add up to more than the organisations."""
    counts = Counter(
        dict(
            # The plugin cannot resolve `n`, annotated after values() (a django-stubs gap).
            MunicipalityThrough.objects.filter(  # type: ignore[misc]
                organisation_id__in=organisations.order_by().values("pk")
            )
            .order_by()
            .values("municipality_id")
            .annotate(n=Count("organisation_id"))
            .values_list("municipality_id", "n")
        )
    )
    return [(municipality, counts[municipality.pk]) for municipality in municipalities]


# --- an organisation's public page ---------------------------------------------------------


def _ordered_prefetch(lookup: str, model: type[Municipality] | type[ActivityArea]) -> Prefetch:
    return Prefetch(lookup, queryset=model.objects.order_by("position"))


def organisation_profile(*, slug: str) -> "WithAnnotations[Organisation, Signing] | None":
    """The organisation with its signing annotations, municipalities and areas (3 queries).

    Returned whether or not it is public: `signed_since` is None when it is not, and the
    caller decides who may see it then.
    """
    return (
        _with_signing(Organisation.objects.filter(slug=slug))
        .prefetch_related(
            _ordered_prefetch("municipalities", Municipality),
            _ordered_prefetch("areas", ActivityArea),
        )
        .first()
    )


def organisation_commitments(*, organisation: Organisation) -> list[PrincipleCommitments]:
    """The organisation's commitments grouped by principle, each with its latest progress
    report as `latest_report` (None when nothing is reported yet). One query."""
    commitments = with_latest_report(
        Commitment.objects.filter(organisation=organisation)
        .select_related("principle", "action")
        .order_by("principle__version__number", "principle__number", "title", "pk")
    )
    return [
        PrincipleCommitments(principle=principle, commitments=list(group))
        for principle, group in itertools.groupby(commitments, key=lambda c: c.principle)
    ]


# --- a principle's page ---------------------------------------------------------------------


def principle_commitments_public(*, principle: Principle, limit: int = 50) -> CommitmentSample:
    """The commitments public signatories made under `principle`, newest first (one query, or
    two when there are more than `limit`).

    Commitments made under the same principle of an earlier version of the agreement (same
    slug) count too: an organisation's promise does not vanish when a new version is adopted.
    """
    commitments = Commitment.objects.filter(
        Exists(_approved("organisation")), principle__slug=principle.slug
    )
    sample = with_latest_report(
        commitments.select_related("organisation").order_by("-created_at", "-pk"), limit=limit
    )
    total = len(sample) if len(sample) < limit else commitments.count()
    return CommitmentSample(commitments=sample, total=total)


# --- open data: commitments and progress reports -----------------------------------------------


def commitments_open_data() -> QuerySet[Commitment]:
    """Every commitment of a public signatory, with its organisation, principle and action
    joined (one query, streamed by the caller), in a stable order."""
    return (
        Commitment.objects.filter(Exists(_approved("organisation")))
        .select_related("organisation", "principle__version", "action")
        .order_by("organisation__slug", "principle__version__number", "principle__number", "pk")
    )


def progress_reports_open_data() -> QuerySet[ProgressReport]:
    """Every progress report on a public signatory's commitment (one query), oldest year first."""
    return (
        ProgressReport.objects.filter(Exists(_approved("commitment__organisation")))
        .select_related("commitment__organisation")
        .order_by("commitment__organisation__slug", "commitment_id", "year")
    )

"""Figures of one year for the yearly follow-up report (reports/ reads them only through here).

A *signatory at a moment* is an organisation with a signature approved by then (`decided_at`)
that was not withdrawn by then: the directory's rule ("at least one approved signature"),
placed on a date. For the current year "the end of the year" is now, so the report's count
equals the directory's. Signatures are read once, as plain values, and folded in Python: a few
thousand rows at most.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from agreements.models import (
    Commitment,
    Municipality,
    Organisation,
    Principle,
    ProgressReport,
    Signature,
)

FIRST_YEAR = 2019  # the agreement was launched in 2019


def end_of_year(year: int) -> datetime.datetime:
    """The first moment after `year` (local time), or now when that lies in the future."""
    end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))  # noqa: DTZ001 - made aware
    return min(end, timezone.now())


@dataclass
class _Periods:
    """One organisation's approved periods: (approved at, withdrawn at or None)."""

    periods: list[tuple[datetime.datetime, datetime.datetime | None]] = field(default_factory=list)

    def active_at(self, moment: datetime.datetime) -> bool:
        return any(start < moment and (end is None or end >= moment) for start, end in self.periods)

    def first_approved(self) -> datetime.datetime | None:
        return min((start for start, _end in self.periods), default=None)


def _periods() -> dict[int, _Periods]:
    rows = Signature.objects.filter(
        status__in=[Signature.Status.APPROVED, Signature.Status.WITHDRAWN],
        decided_at__isnull=False,
    ).values_list("organisation_id", "status", "decided_at", "withdrawn_at")
    periods: dict[int, _Periods] = {}
    for organisation_id, status, decided_at, withdrawn_at in rows:
        if decided_at is None:
            continue  # filtered out above; the row type cannot say so
        end = withdrawn_at if status == Signature.Status.WITHDRAWN else None
        if end is not None and end <= decided_at:
            continue  # withdrawn before it was ever approved
        periods.setdefault(organisation_id, _Periods()).periods.append((decided_at, end))
    return periods


@dataclass
class SignatoryYear:
    year: int
    total: int
    new: int
    withdrawn: int
    by_municipality: list[tuple[str, int]]
    by_side: list[tuple[str, int]]
    by_form: list[tuple[str, int]]
    # (year, signatories at its end, new in it) for every year since FIRST_YEAR up to `year`
    growth: list[tuple[int, int, int]]
    # The signatories at the end of the year, by name: dicts of name, municipalities, side,
    # form and the date they became signatories.
    signatories: list[dict[str, object]]


def signatory_year(*, year: int) -> SignatoryYear:
    """The signatory figures of `year` (three queries)."""
    periods = _periods()
    end = end_of_year(year)
    start = end_of_year(year - 1)
    active = {pk for pk, org in periods.items() if org.active_at(end)}
    before = {pk for pk, org in periods.items() if org.active_at(start)}
    new = {
        pk
        for pk, org in periods.items()
        if (first := org.first_approved()) is not None and start <= first < end
    }
    growth = []
    for each in range(FIRST_YEAR, year + 1):
        each_end, each_start = end_of_year(each), end_of_year(each - 1)
        growth.append(
            (
                each,
                sum(1 for org in periods.values() if org.active_at(each_end)),
                sum(
                    1
                    for org in periods.values()
                    if (first := org.first_approved()) is not None
                    and each_start <= first < each_end
                ),
            )
        )
    organisations = list(
        Organisation.objects.filter(pk__in=active)
        .prefetch_related("municipalities")
        .order_by("name", "pk")
    )
    municipality_counts: Counter[int] = Counter()
    listing: list[dict[str, object]] = []
    for organisation in organisations:
        names = []
        for municipality in organisation.municipalities.all():
            municipality_counts[municipality.pk] += 1
            names.append(municipality.name)
        first = periods[organisation.pk].first_approved()
        listing.append(
            {
                "name": organisation.name,
                "municipalities": names,
                "side": str(organisation.get_party_side_display()),
                "form": str(organisation.get_form_display()) if organisation.form else "",
                "since": timezone.localdate(first).isoformat() if first else "",
            }
        )
    sides = Counter(organisation.party_side for organisation in organisations)
    forms = Counter(organisation.form for organisation in organisations if organisation.form)
    return SignatoryYear(
        year=year,
        total=len(active),
        new=len(new),
        withdrawn=len(before - active),
        by_municipality=[
            (municipality.name, municipality_counts[municipality.pk])
            for municipality in Municipality.objects.order_by("position")
        ],
        by_side=[(str(label), sides[value]) for value, label in Organisation.PartySide.choices],
        by_form=[(str(label), forms[value]) for value, label in Organisation.Form.choices],
        growth=growth,
        signatories=listing,
    )


@dataclass
class PrincipleYear:
    number: int
    title: str
    commitments: int
    reported: int


def commitments_year(*, year: int) -> list[PrincipleYear]:
    """Per principle of the current version: the commitments started by `year` and how many of
    them reported progress for it. A commitment under an earlier version's principle counts
    under the same principle (by slug), as on the principle's page. One query per part."""
    principles = list(Principle.objects.filter(version__is_current=True).order_by("number"))
    counts = {
        row["principle__slug"]: row
        for row in Commitment.objects.filter(start_year__lte=year)
        .order_by()
        .values("principle__slug")
        .annotate(
            total=Count("pk", distinct=True),
            reported=Count("pk", filter=Q(progress_reports__year=year), distinct=True),
        )
    }
    return [
        PrincipleYear(
            number=principle.number,
            title=principle.title,
            commitments=counts[principle.slug]["total"] if principle.slug in counts else 0,
            reported=counts[principle.slug]["reported"] if principle.slug in counts else 0,
        )
        for principle in principles
    ]


def progress_reports_of_year(*, year: int) -> QuerySet[ProgressReport]:
    """Every progress report for `year`, with its commitment, organisation and principle, by
    principle and organisation (for the working group to pick quotes from)."""
    return (
        ProgressReport.objects.filter(year=year)
        .select_related("commitment__organisation", "commitment__principle")
        .order_by("commitment__principle__number", "commitment__organisation__name", "pk")
    )

"""Read functions for commitments, progress reports and organisation documents.

Views of the organisation's own pages and the public pages call these; each returns its
rows with what they show already joined or prefetched, so a page costs a fixed number of
queries however many commitments and reports there are.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, OuterRef, Prefetch, QuerySet, Subquery, Value, When

from agreements.models import (
    Action,
    Commitment,
    Organisation,
    OrganisationDocument,
    Principle,
    ProgressReport,
)


def with_latest_report(
    commitments: QuerySet[Commitment], *, limit: int | None = None
) -> list[Commitment]:
    """Evaluate `commitments` (at most `limit`), each with `latest_report`: its newest progress
    report, read in the same query (an unsaved ProgressReport), or None."""
    latest = ProgressReport.objects.filter(commitment=OuterRef("pk")).order_by("-year")
    annotated = commitments.annotate(
        latest_year=Subquery(latest.values("year")[:1]),
        latest_status=Subquery(latest.values("status")[:1]),
        latest_text=Subquery(latest.values("text")[:1]),
        latest_link=Subquery(latest.values("link")[:1]),
    )
    if limit is not None:
        annotated = annotated[:limit]
    for commitment in annotated:
        year = commitment.latest_year
        commitment.latest_report = (
            None
            if year is None
            else ProgressReport(
                commitment=commitment,
                year=year,
                status=commitment.latest_status,
                text=commitment.latest_text,
                link=commitment.latest_link,
            )
        )
    return list(annotated)


def commitments_with_latest_progress(*, organisation: Organisation) -> list[Commitment]:
    """The organisation's commitments ordered by principle, newest agreement version first,
    each with `latest_report` (see with_latest_report). One query."""
    commitments = (
        Commitment.objects.filter(organisation=organisation)
        .select_related("principle__version", "action")
        .order_by("-principle__version__number", "principle__number", "title", "pk")
    )
    return with_latest_report(commitments)


def commitments_due(*, organisation: Organisation, year: int) -> QuerySet[Commitment]:
    """Commitments that have started by `year` and have no progress report for it yet."""
    return (
        Commitment.objects.filter(organisation=organisation, start_year__lte=year)
        .exclude(progress_reports__year=year)
        .select_related("principle")
        .order_by("principle__number", "title", "pk")
    )


@dataclass(frozen=True)
class DueSummary:
    """What the organisation has to report for one year, for its dashboard."""

    year: int
    due: list[Commitment]
    reported: int
    upcoming: int

    @property
    def not_reported(self) -> int:
        return len(self.due)

    @property
    def started(self) -> int:
        return self.reported + self.not_reported

    @property
    def total(self) -> int:
        return self.started + self.upcoming


def commitments_due_summary(*, organisation: Organisation, year: int) -> DueSummary:
    """Due commitments for `year` with counts of reported and not reported ones (one query)."""
    commitments = (
        Commitment.objects.filter(organisation=organisation)
        .annotate(
            reported=Exists(ProgressReport.objects.filter(commitment=OuterRef("pk"), year=year))
        )
        .select_related("principle")
        .order_by("principle__number", "title", "pk")
    )
    due: list[Commitment] = []
    reported = upcoming = 0
    for commitment in commitments:
        if commitment.start_year > year:
            upcoming += 1
        elif commitment.reported:
            reported += 1
        else:
            due.append(commitment)
    return DueSummary(year=year, due=due, reported=reported, upcoming=upcoming)


@dataclass
class PrincipleGroup:
    principle: Principle
    commitments: list[Commitment] = field(default_factory=list)


def commitments_by_principle(*, organisation: Organisation) -> list[PrincipleGroup]:
    """Every principle of the current version with the organisation's commitments under it.

    Principles without commitments are included (so the page can invite one); commitments
    made under a principle of an earlier version come last, under that principle.
    """
    groups = {
        principle.pk: PrincipleGroup(principle)
        for principle in Principle.objects.filter(version__is_current=True)
        .select_related("version")
        .order_by("number")
    }
    for commitment in commitments_with_latest_progress(organisation=organisation):
        group = groups.setdefault(commitment.principle_id, PrincipleGroup(commitment.principle))
        group.commitments.append(commitment)
    return list(groups.values())


def commitment_reports(*, commitment: Commitment) -> QuerySet[ProgressReport]:
    """A commitment's reports, newest year first."""
    return commitment.progress_reports.select_related("reported_by").order_by("-year")


def principles_for_commitments() -> QuerySet[Principle]:
    """The principles a new commitment can be made under, with their actions."""
    return (
        Principle.objects.filter(version__is_current=True)
        .select_related("version")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("position")))
        .order_by("number")
    )


def documents_of_organisation(*, organisation: Organisation) -> QuerySet[OrganisationDocument]:
    """Every document of the organisation, for its representatives: newest upload first."""
    return organisation.documents.select_related("uploaded_by").order_by("-uploaded_at", "-pk")


Kind = OrganisationDocument.Kind


def documents_public(*, organisation: Organisation) -> QuerySet[OrganisationDocument]:
    """The documents shown on the organisation's public page.

    Governing documents first, then annual reports, then positions (the order of
    `OrganisationDocument.Kind`); within a kind the newest year first.
    """
    kind_order = Case(
        *(When(kind=kind, then=Value(index)) for index, kind in enumerate(Kind.values)),
        default=Value(len(Kind.values)),
    )
    return organisation.documents.alias(kind_order=kind_order).order_by(
        "kind_order", F("year").desc(nulls_last=True), "title", "pk"
    )


def commitment_of(*, organisation: Organisation, pk: int) -> Commitment | None:
    """One of the organisation's commitments, with its principle and action."""
    return (
        Commitment.objects.filter(organisation=organisation, pk=pk)
        .select_related("principle__version", "action")
        .first()
    )


def document_of(*, organisation: Organisation, pk: int) -> OrganisationDocument | None:
    return organisation.documents.filter(pk=pk).first()

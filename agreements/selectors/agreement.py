from django.db.models import Count, QuerySet

from agreements.document import AgreementDocument
from agreements.models import (
    AgreementVersion,
    Goal,
    Principle,
    Responsibility,
    Section,
    WorkingGroupMember,
)


def version_list() -> QuerySet[AgreementVersion]:
    return AgreementVersion.objects.order_by("-number")


def version_current() -> AgreementVersion | None:
    return AgreementVersion.objects.filter(is_current=True).first()


def agreement_document(*, number: int | None = None) -> AgreementDocument | None:
    """The whole agreement (current version unless `number` is given) in five queries."""
    versions = AgreementVersion.objects.all()
    versions = (
        versions.filter(is_current=True) if number is None else versions.filter(number=number)
    )
    # The version comes along with its principles, saving a query on the busiest page.
    principles = list(
        Principle.objects.filter(version__in=versions)
        .select_related("version")
        .prefetch_related("actions", "responsibilities")
        .order_by("number")
    )
    version = principles[0].version if principles else versions.first()
    if version is None:
        return None
    sections = list(Section.objects.filter(version=version).order_by("position"))
    return AgreementDocument(
        version=version,
        sections_before=[s for s in sections if s.placement == Section.Placement.BEFORE_PRINCIPLES],
        principles=principles,
        sections_after=[s for s in sections if s.placement == Section.Placement.AFTER_PRINCIPLES],
        goals=list(Goal.objects.filter(version=version).order_by("position")),
    )


def principle_current(*, slug: str) -> Principle | None:
    return (
        Principle.objects.filter(version__is_current=True, slug=slug)
        .select_related("version")
        .prefetch_related("actions", "responsibilities")
        .first()
    )


def principles_current() -> QuerySet[Principle]:
    return Principle.objects.filter(version__is_current=True).order_by("number")


def goals_current() -> QuerySet[Goal]:
    return Goal.objects.filter(version__is_current=True).order_by("position")


def agreement_counts() -> dict[str, int]:
    """The figures on the home page, for the current version (two queries)."""
    counts = principles_current().aggregate(
        principles=Count("pk", distinct=True),
        actions=Count("actions", distinct=True),
        responsibilities=Count("responsibilities", distinct=True),
    )
    return {**counts, "goals": goals_current().count()}


def working_group_members() -> QuerySet[WorkingGroupMember]:
    return WorkingGroupMember.objects.all()


def section_current(*, slug: str) -> Section | None:
    return Section.objects.filter(version__is_current=True, slug=slug).first()


def working_group_responsibilities() -> QuerySet[Responsibility]:
    return (
        Responsibility.objects.filter(
            principle__version__is_current=True,
            bearer=Responsibility.Bearer.WORKING_GROUP,
        )
        .select_related("principle")
        .order_by("principle__number", "position")
    )

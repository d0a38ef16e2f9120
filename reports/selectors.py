"""Reads of the reports app: the working group's list, a report with its versions, and what
the public may see (published versions only)."""

from django.db.models import Prefetch, QuerySet

from reports.models import GoalAssessment, Report, ReportVersion


def _versions() -> QuerySet[ReportVersion]:
    return ReportVersion.objects.defer("snapshot").order_by("-number")


def reports_for_management() -> QuerySet[Report]:
    """Every report, newest year first, with its versions (without their snapshots)."""
    return Report.objects.prefetch_related(Prefetch("versions", queryset=_versions())).order_by(
        "-year"
    )


def report_for_management(*, year: int) -> Report | None:
    return (
        Report.objects.prefetch_related(
            Prefetch("versions", queryset=_versions()),
            Prefetch("assessments", queryset=GoalAssessment.objects.order_by("goal_position")),
        )
        .filter(year=year)
        .first()
    )


def version_of(*, year: int, number: int) -> ReportVersion | None:
    return (
        ReportVersion.objects.select_related("report")
        .filter(report__year=year, number=number)
        .first()
    )


def published_versions() -> QuerySet[ReportVersion]:
    """The published version of every year that has one, newest year first (no snapshots)."""
    return (
        ReportVersion.objects.select_related("report")
        .defer("snapshot")
        .filter(published_at__isnull=False)
        .order_by("-report__year")
    )


def published_version(*, year: int) -> ReportVersion | None:
    """The year's published version, with its snapshot."""
    return (
        ReportVersion.objects.select_related("report")
        .filter(report__year=year, published_at__isnull=False)
        .first()
    )


def latest_published() -> ReportVersion | None:
    """The newest year's published report (for the front page and the menu)."""
    return published_versions().first()

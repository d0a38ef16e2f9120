"""Write use cases of the yearly report: create it, edit its texts and choices, ask for a PDF
(and retry one), publish a version; and the worker's side: render a version.

A job's state lives in its ReportVersion row. A second "Skapa PDF" while a job runs starts
nothing new: the database allows one running version per report (a partial unique
constraint), so two presses at the same moment cannot both get through. A job whose worker
died (kill -9) stays "running" in the row; after the time limit the page shows it as
interrupted, and "Försök igen" re-queues the same version with a new attempt number, so a
late copy of the old task finds it is not its turn and does nothing.
"""

import datetime
import logging
import os
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hok.audit import record_actor
from hok.generations import bump
from hok.models import User
from hok.storage import private_storage
from reports import rules
from reports.generations import REPORTS
from reports.models import (
    COMMENT_MAX_LENGTH,
    FIRST_YEAR,
    TEXT_MAX_LENGTH,
    GoalAssessment,
    Report,
    ReportVersion,
)
from reports.snapshot import has_data, take_snapshot

logger = logging.getLogger(__name__)

TEXT_FIELDS = ("introduction", "summary", "analysis")


class JobRunning(Exception):
    """A job for the report is already queued or running (the database refused a second)."""


def _check_year(year: int) -> None:
    last = timezone.localdate().year
    if not FIRST_YEAR <= year <= last:
        raise ValidationError(
            {
                "year": _("Välj ett år mellan %(first)s och %(last)s.")
                % {"first": FIRST_YEAR, "last": last}
            },
            code="year_range",
        )


@transaction.atomic
def report_create(*, year: int, by: User) -> Report:
    """Start the report of `year`. The year must lie between the agreement's first year and
    this year, have no report yet and have something to report."""
    _check_year(year)
    if Report.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("Det finns redan en rapport för %(year)s.") % {"year": year}},
            code="exists",
        )
    report = Report(year=year, created_by=by)
    if not has_data(take_snapshot(report=report)):
        raise ValidationError(
            {
                "year": _(
                    "Det finns inget att rapportera för %(year)s: inga undertecknare, "
                    "åtaganden, enkätsvar eller konferenser."
                )
                % {"year": year}
            },
            code="no_data",
        )
    record_actor(report, by=by)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:  # created by someone else at the same moment
        raise ValidationError(
            {"year": _("Det finns redan en rapport för %(year)s.") % {"year": year}},
            code="exists",
        ) from error
    logger.info("Report %s created by user %s", year, by.pk)
    return report


@dataclass(frozen=True)
class ReportChoices:
    """What the working group writes and chooses (already validated by the form)."""

    introduction: str
    summary: str
    analysis: str
    survey_ids: list[int]
    conference_ids: list[int]
    breakdowns: dict[str, int]
    quote_ids: list[int]
    include_free_texts: bool
    # goal position -> (status or "", comment)
    assessments: dict[int, tuple[str, str]]


def _check_text(field: str, text: str, max_length: int = TEXT_MAX_LENGTH) -> str:
    try:
        ProhibitNullCharactersValidator()(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Texten får vara högst %(max)s tecken (den har %(length)s).")
                % {"max": max_length, "length": len(text)}
            },
            code="too_long",
        )
    return text


@transaction.atomic
def report_update(*, report: Report, choices: ReportChoices, by: User) -> Report:
    """Save the texts, the choices and the goal assessments."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    for name in TEXT_FIELDS:
        setattr(report, name, _check_text(name, getattr(choices, name).strip()))
    report.survey_ids = sorted(set(choices.survey_ids))
    report.conference_ids = sorted(set(choices.conference_ids))
    report.breakdowns = {
        key: value for key, value in choices.breakdowns.items() if int(key) in report.survey_ids
    }
    report.quote_ids = sorted(set(choices.quote_ids))
    report.include_free_texts = choices.include_free_texts
    record_actor(report, by=by)
    report.save(
        update_fields=[
            *TEXT_FIELDS,
            "survey_ids",
            "conference_ids",
            "breakdowns",
            "quote_ids",
            "include_free_texts",
            "updated_at",
        ]
    )
    statuses = set(GoalAssessment.Status.values)
    for position, (status, comment) in choices.assessments.items():
        comment = _check_text(f"goal_{position}_comment", comment.strip(), COMMENT_MAX_LENGTH)
        existing = GoalAssessment.objects.filter(report=report, goal_position=position).first()
        if not status and not comment:
            if existing is not None:
                record_actor(existing, by=by)
                existing.delete()
            continue
        if status not in statuses:
            raise ValidationError(
                {f"goal_{position}_status": _("Välj en bedömning för målet.")}, code="status"
            )
        assessment = existing or GoalAssessment(report=report, goal_position=position)
        assessment.status = status
        assessment.comment = comment
        record_actor(assessment, by=by)
        assessment.save()
    logger.info("Report %s edited by user %s", report.year, by.pk)
    return report


def _queue(version: ReportVersion) -> None:
    from reports.tasks import render_report

    transaction.on_commit(
        lambda: render_report.delay(version_id=version.pk, attempt=version.attempt)
    )


def _close_interrupted(report: Report) -> None:
    """Mark the report's running jobs that outlived their time limit as failed."""
    for version in ReportVersion.objects.select_for_update().filter(
        report=report, status__in=ReportVersion.RUNNING
    ):
        if rules.version_is_interrupted(version):
            version.status = ReportVersion.Status.FAILED
            version.error = _("Avbrutet: arbetet blev inte klart inom tidsgränsen.")
            version.save(update_fields=["status", "error"])


def pdf_request(*, report: Report, by: User) -> ReportVersion:
    """Queue a new version: the worker snapshots the figures, then renders. Raises JobRunning
    while another job of the report is queued or running."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _close_interrupted(report)
        number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = ReportVersion(
            report=report, number=number, queued_at=timezone.now(), created_by=by
        )
        record_actor(version, by=by)
        try:
            with transaction.atomic():
                version.save()
        except IntegrityError as error:
            raise JobRunning from error
        _queue(version)
    logger.info("Report %s: version %s queued by user %s", report.year, number, by.pk)
    return version


@transaction.atomic
def version_retry(*, version: ReportVersion, by: User) -> ReportVersion:
    """Queue a failed or interrupted version again (its snapshot, if taken, is kept)."""
    version = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if not rules.version_is_retryable(version):
        raise ValidationError(
            _("Bara ett misslyckat eller avbrutet arbete kan göras om."), code="not_failed"
        )
    version.status = ReportVersion.Status.QUEUED
    version.attempt += 1
    version.error = ""
    version.queued_at = timezone.now()
    version.started_at = None
    record_actor(version, by=by)
    try:
        with transaction.atomic():
            version.save(update_fields=["status", "attempt", "error", "queued_at", "started_at"])
    except IntegrityError as error:
        raise JobRunning from error
    _queue(version)
    logger.info(
        "Report %s: version %s retried by user %s", version.report_id, version.number, by.pk
    )
    return version


@transaction.atomic
def version_publish(*, version: ReportVersion, by: User) -> ReportVersion:
    """Make `version` the year's public report (the one published before is withdrawn)."""
    bump(REPORTS)
    version = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if not rules.version_is_publishable(version):
        raise ValidationError(_("Bara en färdig version med PDF kan publiceras."), code="not_done")
    for other in ReportVersion.objects.filter(
        report_id=version.report_id, published_at__isnull=False
    ).exclude(pk=version.pk):
        other.published_at = None
        record_actor(other, by=by)
        other.save(update_fields=["published_at"])
    version.published_at = timezone.now()
    record_actor(version, by=by)
    version.save(update_fields=["published_at"])
    logger.info(
        "Report %s: version %s published by user %s", version.report_id, version.number, by.pk
    )
    return version


@transaction.atomic
def version_unpublish(*, version: ReportVersion, by: User) -> ReportVersion:
    bump(REPORTS)
    version = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if not rules.version_is_published(version):
        raise ValidationError(_("Versionen är inte publicerad."), code="not_published")
    version.published_at = None
    record_actor(version, by=by)
    version.save(update_fields=["published_at"])
    return version


# --- the worker's side ----------------------------------------------------------------------


def _step(version_id: int, attempt: int, status: str, **fields: Any) -> bool:
    """Record a step; False when the job is no longer this attempt's (retried meanwhile)."""
    return bool(
        ReportVersion.objects.filter(
            pk=version_id, attempt=attempt, status__in=ReportVersion.RUNNING
        ).update(status=status, **fields)
    )


def _store(version: ReportVersion, content: bytes, sha256: str) -> str:
    """Write the PDF under a temporary name beside its place, then move it there in one
    step: a reader (or a kill -9) never finds half a file under the real name."""
    storage = private_storage()
    year = version.report.year
    name = f"reports/{year}/hok-uppfoljning-{year}-v{version.number}-{sha256[:12]}.pdf"
    path = storage.path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{uuid.uuid4().hex}.part"
    try:
        with open(temporary, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return name


def version_render(*, version_id: int, attempt: int) -> str:
    """The task's work: claim the job, snapshot the figures (once), draw the charts and write
    the PDF. Safe to run twice: a job that is done, or belongs to another attempt, is left
    alone. Returns the outcome ("done", "skipped" or "failed")."""
    from reports.document import report_context, report_pdf

    claimed = ReportVersion.objects.filter(
        pk=version_id, attempt=attempt, status=ReportVersion.Status.QUEUED
    ).update(status=ReportVersion.Status.COLLECTING, started_at=timezone.now())
    if not claimed:
        return "skipped"
    version = ReportVersion.objects.select_related("report").get(pk=version_id)
    try:
        if version.snapshot is None:
            snapshot = take_snapshot(report=version.report)
            version.snapshot = snapshot
            version.snapshot_at = datetime.datetime.fromisoformat(snapshot["taken_at"])
            ReportVersion.objects.filter(pk=version_id, attempt=attempt).update(
                snapshot=snapshot, snapshot_at=version.snapshot_at
            )
        if not _step(version_id, attempt, ReportVersion.Status.CHARTS):
            return "skipped"
        report_context(version.snapshot)  # draws every chart: fails here, not mid-PDF
        if not _step(version_id, attempt, ReportVersion.Status.WRITING):
            return "skipped"
        rendered = report_pdf(version.snapshot)
        name = _store(version, rendered.content, rendered.sha256)
        finished = _step(
            version_id,
            attempt,
            ReportVersion.Status.DONE,
            pdf=name,
            pdf_sha256=rendered.sha256,
            page_count=rendered.pages,
            size=rendered.size,
            render_seconds=round(rendered.seconds, 3),
            finished_at=timezone.now(),
        )
        if not finished:
            private_storage().delete(name)
            return "skipped"
    except Exception as error:  # noqa: BLE001 - any failure is recorded for the page
        logger.exception("Report version %s failed", version_id)
        _step(
            version_id,
            attempt,
            ReportVersion.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        return "failed"
    return "done"

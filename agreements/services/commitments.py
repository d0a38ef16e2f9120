"""Commitments and their yearly progress reports: one function per write use case."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from agreements import rules
from agreements.generations import SIGNATORIES
from agreements.models import Action, Commitment, Organisation, Principle, ProgressReport
from agreements.models.commitments import FIRST_YEAR, YEARS_AHEAD
from hok.audit import record_actor
from hok.generations import bump
from hok.models import User
from hok.utils import this_year

__all__ = ["FIRST_YEAR", "YEARS_AHEAD"]  # re-exported: the views and forms read them here


def _check_principle(principle: Principle, *, unchanged_from: Principle | None = None) -> None:
    """New commitments go under a principle of the current version of the agreement.

    A commitment made under an earlier version keeps its principle when it is edited.
    """
    if unchanged_from is not None and unchanged_from.pk == principle.pk:
        return
    if not principle.version.is_current:
        raise ValidationError(
            _("Välj en av principerna i den gällande versionen av överenskommelsen."),
            code="principle_version",
        )


def _check_action(principle: Principle, action: Action | None) -> None:
    if action is not None and action.principle_id != principle.pk:
        raise ValidationError(
            _("Åtgärden hör inte till den valda principen."), code="action_principle"
        )


def _check_year(year: int) -> None:
    last = this_year() + YEARS_AHEAD
    if not FIRST_YEAR <= year <= last:
        raise ValidationError(
            _("Ange ett år mellan %(first)s och %(last)s.") % {"first": FIRST_YEAR, "last": last},
            code="year",
        )


def _check_report_year(commitment: Commitment, year: int) -> None:
    """The decision is rules.progress_reportable's; this says why a year is refused."""
    if rules.progress_reportable(commitment, year):
        return
    _check_year(year)
    if year > this_year():
        raise ValidationError(
            _("Det går bara att rapportera för år som har börjat."), code="future_year"
        )
    if year < commitment.start_year:
        raise ValidationError(
            _("Åtagandet börjar %(year)s. Rapportera för det året eller senare.")
            % {"year": commitment.start_year},
            code="before_start",
        )


def commitment_check(
    *, principle: Principle | None, action: Action | None, start_year: int | None
) -> None:
    """The rules on a commitment's action and start year, all reported at once.

    Forms call this to show every problem in one go; the services call it again. A value
    left out (None) is not checked.
    """
    errors: list[ValidationError] = []
    if principle is not None:
        try:
            _check_action(principle, action)
        except ValidationError as error:
            errors.append(error)
    if start_year is not None:
        try:
            _check_year(start_year)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def commitment_create(
    *,
    organisation: Organisation,
    by: User,
    principle: Principle,
    action: Action | None,
    title: str,
    description: str,
    start_year: int,
) -> Commitment:
    """Record something the organisation commits to do under one principle (and maybe action)."""
    bump(SIGNATORIES)
    _check_principle(principle)
    commitment_check(principle=principle, action=action, start_year=start_year)
    commitment = Commitment(
        organisation=organisation,
        principle=principle,
        action=action,
        title=title.strip(),
        description=description.strip(),
        start_year=start_year,
        created_by=by,
    )
    commitment.full_clean()
    record_actor(commitment, by=by)
    commitment.save()
    return commitment


@transaction.atomic
def commitment_update(
    *,
    commitment: Commitment,
    by: User,
    principle: Principle,
    action: Action | None,
    title: str,
    description: str,
    start_year: int,
) -> Commitment:
    """Change a commitment. Its reports stay; none may then lie before the new start year."""
    bump(SIGNATORIES)
    previous = Commitment.objects.select_related("principle").get(pk=commitment.pk)
    _check_principle(principle, unchanged_from=previous.principle)
    commitment_check(principle=principle, action=action, start_year=start_year)
    earliest = commitment.progress_reports.order_by("year").values_list("year", flat=True).first()
    if earliest is not None and start_year > earliest:
        raise ValidationError(
            _(
                "Det finns en lägesrapport för %(year)s, så åtagandet kan inte börja senare "
                "än %(year)s."
            )
            % {"year": earliest},
            code="start_after_report",
        )
    commitment.principle = principle
    commitment.action = action
    commitment.title = title.strip()
    commitment.description = description.strip()
    commitment.start_year = start_year
    # The creator's account may be gone (SET_NULL); that must not block later edits.
    commitment.full_clean(exclude=["created_by"])
    record_actor(commitment, by=by)
    commitment.save(update_fields=["principle", "action", "title", "description", "start_year"])
    return commitment


@transaction.atomic
def commitment_delete(*, commitment: Commitment, by: User) -> None:
    """Remove a commitment together with its progress reports."""
    bump(SIGNATORIES)
    record_actor(commitment, by=by)
    commitment.delete()


@transaction.atomic
def progress_report(
    *, commitment: Commitment, by: User, year: int, status: str, text: str, link: str = ""
) -> ProgressReport:
    """Report (or correct) a commitment's progress for one year that has begun."""
    bump(SIGNATORIES)
    _check_report_year(commitment, year)
    report = (
        ProgressReport.objects.select_for_update().filter(commitment=commitment, year=year).first()
    )
    report = report or ProgressReport(commitment=commitment, year=year)
    report.status = status
    report.text = text.strip()
    report.link = link.strip()
    report.reported_by = by
    report.full_clean(validate_constraints=False)
    record_actor(report, by=by)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Someone reported the same year a moment ago: this report replaces theirs.
        report.pk = ProgressReport.objects.get(commitment=commitment, year=year).pk
        report.save(force_update=True)
    return report

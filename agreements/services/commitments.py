from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Action, Commitment, Organisation, Principle, ProgressReport
from hok.models import User


def _check_action(principle: Principle, action: Action | None) -> None:
    if action is not None and action.principle_id != principle.pk:
        raise ValidationError(
            _("Åtgärden hör inte till den valda principen."), code="action_principle"
        )


def _check_year(year: int) -> None:
    this_year = timezone.localdate().year
    if not 2019 <= year <= this_year + 5:
        raise ValidationError(
            _("Ange ett år mellan 2019 och %(last)s.") % {"last": this_year + 5}, code="year"
        )


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
    _check_action(principle, action)
    _check_year(start_year)
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
    commitment.save()
    return commitment


@transaction.atomic
def commitment_update(
    *,
    commitment: Commitment,
    principle: Principle,
    action: Action | None,
    title: str,
    description: str,
    start_year: int,
) -> Commitment:
    _check_action(principle, action)
    _check_year(start_year)
    commitment.principle = principle
    commitment.action = action
    commitment.title = title.strip()
    commitment.description = description.strip()
    commitment.start_year = start_year
    commitment.full_clean()
    commitment.save(update_fields=["principle", "action", "title", "description", "start_year"])
    return commitment


@transaction.atomic
def progress_report(
    *, commitment: Commitment, by: User, year: int, status: str, text: str, link: str = ""
) -> ProgressReport:
    """Report (or correct) a commitment's progress for one year."""
    _check_year(year)
    if year < commitment.start_year:
        raise ValidationError(
            _("Åtagandet börjar %(year)s. Rapportera för det året eller senare.")
            % {"year": commitment.start_year},
            code="before_start",
        )
    report = ProgressReport.objects.filter(commitment=commitment, year=year).first()
    report = report or ProgressReport(commitment=commitment, year=year)
    report.status = status
    report.text = text.strip()
    report.link = link
    report.reported_by = by
    report.full_clean()
    report.save()
    return report

"""Celery tasks of the surveys app: they take ids, call a service and are safe to run twice."""

import logging

from celery import shared_task
from django.utils import timezone

from hok.bulk_mail import SendingBusy
from surveys.selectors.answering import surveys_with_waiting_submissions
from surveys.selectors.invitations import reminder_rounds_due
from surveys.services.invitation_mail import invitations_send_pending
from surveys.services.reminders import reminder_round_send
from surveys.services.retention import invitation_addresses_delete
from surveys.services.submission_pool import submissions_flush

logger = logging.getLogger(__name__)

# While another run sends for the same survey, try again this often, for up to an hour.
BUSY_RETRY_SECONDS = 10
BUSY_MAX_RETRIES = 360


@shared_task(bind=True, max_retries=BUSY_MAX_RETRIES)
def send_invitations(self, *, run_id: int) -> dict[str, int]:  # noqa: ANN001 - Celery's task
    """Send every pending invitation of the run's survey (see services.invitation_mail)."""
    try:
        outcome = invitations_send_pending(run_id=run_id)
    except SendingBusy as busy:
        raise self.retry(countdown=BUSY_RETRY_SECONDS, exc=busy) from busy
    return {"sent": outcome.sent, "failed": outcome.failed, "uncertain": outcome.found_uncertain}


@shared_task
def send_reminder_round(*, round_id: int) -> dict[str, int] | None:
    """Send one reminder round now; when another run is sending for the survey, the next beat
    of `send_due_reminders` picks it up again."""
    try:
        outcome = reminder_round_send(round_id=round_id)
    except SendingBusy:
        logger.info("reminder round %s: survey busy, left for the next beat", round_id)
        return None
    return {"sent": outcome.sent, "failed": outcome.failed, "uncertain": outcome.found_uncertain}


@shared_task
def send_due_reminders() -> list[int]:
    """Run by Celery beat: send every reminder round that is due and not yet sent."""
    due = list(reminder_rounds_due(now=timezone.now()).values_list("pk", flat=True))
    for round_id in due:
        send_reminder_round(round_id=round_id)
    return due


@shared_task
def flush_waiting_submissions() -> dict[int, int]:
    """Run by Celery beat: count the pool of every survey that has submissions waiting, in a
    batch where enough wait and everything where the survey has closed (see
    services.submission_pool). Returns {survey id: responses written}."""
    return {
        survey_id: submissions_flush(survey_id=survey_id)
        for survey_id in surveys_with_waiting_submissions()
    }


@shared_task
def delete_expired_invitation_addresses() -> dict[int, int]:
    """Run by Celery beat: delete invitees' addresses once their survey closed long enough ago
    (services.retention). Returns {survey id: invitations deleted}."""
    return invitation_addresses_delete(today=timezone.localdate())

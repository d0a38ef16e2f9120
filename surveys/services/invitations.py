"""Invitations as the working group manages them: adding invitees, asking for a send run,
sending failed or uncertain ones again and removing those that never left.

The sending itself is in surveys.services.invitation_mail; these use cases are atomic.
"""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hok.bulk_mail import resend
from hok.models import User
from surveys import rules
from surveys.models import Invitation, Survey
from surveys.models.invitations import InvitationSendRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InvitationsAdded:
    added: int
    already_invited: int


def local_today() -> datetime.date:
    return timezone.localdate()


def refuse_if_closed(survey: Survey, today: datetime.date) -> None:
    if not rules.survey_accepts_invitations(survey, today):
        raise ValidationError(
            _("Enkäten stängde %(date)s, så inga fler inbjudningar kan läggas till eller skickas.")
            % {"date": survey.closes_on.isoformat()},
            code="closed",
        )


def invitations_add(*, survey: Survey, emails: Iterable[str], by: User) -> InvitationsAdded:
    """Invite addresses (already validated and lower-cased) to the survey. Addresses already
    invited to it are skipped, so adding the same list twice changes nothing."""
    emails = list(dict.fromkeys(emails))
    if not emails:
        raise ValidationError(_("Det finns inga adresser att lägga till."), code="empty")
    refuse_if_closed(survey, local_today())
    with transaction.atomic():
        existing = set(
            Invitation.objects.filter(survey=survey, email__in=emails).values_list(
                "email", flat=True
            )
        )
        new = [Invitation(survey=survey, email=email) for email in emails if email not in existing]
        Invitation.objects.bulk_create(new, ignore_conflicts=True)
        total = Invitation.objects.filter(survey=survey, email__in=emails).count()
    added = total - len(existing)
    return InvitationsAdded(added=added, already_invited=len(emails) - added)


def invitation_send_start(*, survey: Survey, by: User) -> InvitationSendRun:
    """Ask a worker to send every pending invitation of the survey."""
    today = local_today()
    refuse_if_closed(survey, today)
    if not rules.invitations_can_be_sent(survey, today):
        raise ValidationError(
            _(
                "Enkäten öppnar %(date)s. Inbjudningarna kan skickas från den dagen, så att "
                "länken fungerar när den kommer fram."
            )
            % {"date": survey.opens_on.isoformat()},
            code="not_open",
        )
    with transaction.atomic():
        if not Invitation.objects.filter(survey=survey, status=Invitation.Status.PENDING).exists():
            raise ValidationError(
                _("Alla inbjudna har redan fått sin inbjudan. Lägg till adresser först."),
                code="nothing_pending",
            )
        run = InvitationSendRun.objects.create(survey=survey, requested_by=by)
        # robust: a broker that is down must not turn the page into an error; the run then
        # waits on the page, which offers to start it again.
        transaction.on_commit(lambda: _queue_send(run.pk), robust=True)
    return run


def _queue_send(run_id: int) -> None:
    from surveys.tasks import send_invitations

    send_invitations.delay(run_id=run_id)


def invitations_send_again(
    *, survey: Survey, invitation_ids: Iterable[int], by: User
) -> InvitationSendRun:
    """Send failed or uncertain invitations again, each with a new token (the link in an
    earlier mail stops working)."""
    refuse_if_closed(survey, local_today())
    ids = list(invitation_ids)
    with transaction.atomic():
        changed = resend(
            Invitation.objects.filter(survey=survey, pk__in=ids, used=False), token_hash=None
        )
        if not changed:
            raise ValidationError(
                _("Inbjudan har redan skickats igen eller finns inte längre."),
                code="not_resendable",
            )
        return invitation_send_start(survey=survey, by=by)


def invitation_remove(*, invitation: Invitation, by: User) -> None:
    """Remove an invitee whose invitation never left (pending or failed). Invitations keep no
    history (they are deleted with their addresses), so the actor goes to the log."""
    with transaction.atomic():
        # The state is checked in the DELETE itself, so a send starting meanwhile wins.
        deleted, _detail = Invitation.objects.filter(
            pk=invitation.pk, status__in=rules.REMOVABLE_INVITATIONS
        ).delete()
    if not deleted:
        raise ValidationError(
            _("Bara inbjudningar som inte har skickats kan tas bort."), code="not_removable"
        )
    logger.info("Invitation %s removed by user %s", invitation.pk, by.pk)

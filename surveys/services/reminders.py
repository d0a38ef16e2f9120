"""Reminder rounds: the working group plans and removes them; Celery beat sends them.

A round reminds every invitee whose invitation was sent and who has not answered, once each,
with the invitation's own link, through the same bulk sender and under the same survey lock
as the invitations (see surveys.services.invitation_mail).
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hok.bulk_mail import BATCH_SIZE, BulkJob, SendingBusy, bulk_send
from hok.models import User
from hok.tokens import token_hash
from surveys import rules
from surveys.models import Invitation, Survey
from surveys.models.invitations import ReminderDelivery, ReminderRound
from surveys.services.invitation_mail import (
    SendOutcome,
    answer_url,
    invitation_token,
    recover_interrupted,
    render_mail,
    survey_send_lock,
)
from surveys.services.invitations import local_today, refuse_if_closed

logger = logging.getLogger(__name__)


def reminder_round_create(*, survey: Survey, send_on: datetime.date, by: User) -> ReminderRound:
    today = local_today()
    refuse_if_closed(survey, today)
    if rules.reminder_day_is_past(send_on, today):
        raise ValidationError(_("Välj ett datum från och med i dag."), code="in_the_past")
    if not rules.reminder_day_is_within_survey(survey, send_on):
        raise ValidationError(
            _("Välj ett datum medan enkäten är öppen (%(opens)s–%(closes)s).")
            % {"opens": survey.opens_on.isoformat(), "closes": survey.closes_on.isoformat()},
            code="outside_survey",
        )
    try:
        with transaction.atomic():
            return ReminderRound.objects.create(survey=survey, send_on=send_on, created_by=by)
    except IntegrityError as error:
        raise ValidationError(
            _("Det finns redan en påminnelse den dagen."), code="duplicate"
        ) from error


def reminder_round_delete(*, reminder_round: ReminderRound, by: User) -> None:
    """Remove a round that has not started. Rounds keep no history, so the actor goes to the
    log."""
    with transaction.atomic():
        # The state (rules.reminder_round_is_deletable) is checked in the DELETE itself, so a
        # round the beat starts meanwhile stays.
        deleted, _detail = ReminderRound.objects.filter(
            pk=reminder_round.pk, started_at__isnull=True
        ).delete()
    if not deleted:
        raise ValidationError(
            _("Påminnelsen har redan börjat skickas och kan inte tas bort."), code="started"
        )
    logger.info("Reminder round %s removed by user %s", reminder_round.pk, by.pk)


def reminder_round_send(*, round_id: int, batch_size: int = BATCH_SIZE) -> SendOutcome:
    """Send one reminder round to every invitee whose invitation was sent and who has not
    answered, once each: a delivery row per invitee, claimed before its mail goes out. Raises
    SendingBusy like invitations."""
    reminder_round = ReminderRound.objects.select_related("survey").get(pk=round_id)
    survey = reminder_round.survey
    with survey_send_lock(survey.pk) as acquired:
        if not acquired:
            raise SendingBusy(survey.pk)
        if reminder_round.finished_at is not None:
            return SendOutcome(sent=0, failed=0, found_uncertain=0)
        now = timezone.now()
        found = recover_interrupted(survey.pk, now)
        ReminderRound.objects.filter(pk=reminder_round.pk, started_at__isnull=True).update(
            started_at=now
        )
        waiting = Invitation.objects.filter(
            survey=survey, status=Invitation.Status.SENT, used=False
        ).exclude(reminder_deliveries__reminder_round=reminder_round)
        ReminderDelivery.objects.bulk_create(
            [
                ReminderDelivery(
                    reminder_round=reminder_round,
                    invitation_id=pk,
                    status=ReminderDelivery.Status.PENDING,
                )
                for pk in waiting.values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )
        rows = ReminderDelivery.objects.filter(reminder_round=reminder_round)
        outcome = bulk_send(
            BulkJob(
                # An invitee who answers meanwhile is not reminded.
                rows=rows.filter(invitation__used=False).select_related("invitation"),
                message=lambda delivery: _reminder_mail(survey, reminder_round, delivery),
                batch_size=batch_size,
            )
        )
        rows.filter(status=ReminderDelivery.Status.PENDING).delete()
        ReminderRound.objects.filter(pk=reminder_round.pk).update(finished_at=timezone.now())
    return SendOutcome(sent=outcome.sent, failed=outcome.failed, found_uncertain=found)


def _reminder_mail(
    survey: Survey, reminder_round: ReminderRound, delivery: ReminderDelivery
) -> EmailMessage:
    invitation = delivery.invitation
    token = invitation_token(invitation_id=invitation.pk, attempt=invitation.attempts)
    if token_hash(token) != invitation.token_hash:
        # SECRET_KEY has changed since the invitation went out: the invitation's token cannot
        # be derived any more, so this reminder carries a new one (the old link stops working).
        Invitation.objects.filter(pk=invitation.pk, used=False).update(token_hash=token_hash(token))
    return render_mail(
        "surveys/email/reminder",
        {"survey": survey, "url": answer_url(token), "reminder_round": reminder_round},
        invitation.email,
    )

"""Reads for the invitations page and the reminder beat."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from surveys import rules
from surveys.models import Invitation, Survey
from surveys.models.invitations import InvitationSendRun, ReminderDelivery, ReminderRound

# Reminders go out from this hour (local time) on their day, not in the night.
REMINDER_HOUR = 8

Status = Invitation.Status


@dataclass(frozen=True)
class InvitationProgress:
    total: int
    pending: int
    sending: int
    sent: int
    failed: int
    uncertain: int
    answered: int

    @property
    def left(self) -> int:
        """Not yet handed to the mail server: waiting, or being sent right now."""
        return self.pending + self.sending

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.uncertain


def invitation_progress(*, survey: Survey) -> InvitationProgress:
    """Counts of the survey's invitations per status, in one query."""
    counts = Invitation.objects.filter(survey=survey).aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        sending=Count("pk", filter=Q(status=Status.SENDING)),
        # An uncertain invitation whose link has been used evidently arrived.
        sent=Count("pk", filter=Q(status=Status.SENT) | Q(status=Status.UNCERTAIN, used=True)),
        failed=Count("pk", filter=Q(status=Status.FAILED)),
        uncertain=Count("pk", filter=Q(status=Status.UNCERTAIN, used=False)),
        answered=Count("pk", filter=Q(used=True)),
    )
    return InvitationProgress(**counts)


def send_run_latest(*, survey: Survey) -> InvitationSendRun | None:
    return (
        InvitationSendRun.objects.filter(survey=survey)
        .select_related("requested_by")
        .order_by("-requested_at", "-pk")
        .first()
    )


def invitations_needing_attention(*, survey: Survey) -> QuerySet[Invitation]:
    """Failed and uncertain invitations, which the working group may send again (not one whose
    link has been used: that one arrived); rules.invitation_is_resendable in SQL."""
    return Invitation.objects.filter(
        survey=survey, status__in=rules.RESENDABLE_INVITATIONS, used=False
    ).order_by("status", "email")


def invitation_list(*, survey: Survey) -> QuerySet[Invitation]:
    """Every invitee of the survey by address. Deliberately without `used`: the page shows how
    many have answered, never who."""
    return (
        Invitation.objects.filter(survey=survey)
        .only("pk", "email", "status", "attempts", "sent_at")
        .order_by("email")
    )


def reminder_rounds(*, survey: Survey) -> QuerySet[ReminderRound]:
    """The survey's reminder rounds by date, with how many got each."""
    delivery = ReminderDelivery.Status
    return (
        ReminderRound.objects.filter(survey=survey)
        .annotate(
            delivered=Count("deliveries", filter=Q(deliveries__status=delivery.SENT)),
            failed=Count("deliveries", filter=Q(deliveries__status=delivery.FAILED)),
            uncertain=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[delivery.UNCERTAIN, delivery.SENDING]),
            ),
        )
        .order_by("send_on")
    )


def reminder_rounds_due(*, now: datetime.datetime) -> QuerySet[ReminderRound]:
    """Rounds not yet sent whose day has come (from 08:00 local time) while the survey is
    open (rules.survey_is_open, in SQL). A round whose survey closed before it was sent is never
    sent."""
    local = timezone.localtime(now)
    today = local.date()
    due_day = Q(send_on__lt=today)
    if local.hour >= REMINDER_HOUR:
        due_day |= Q(send_on=today)
    return (
        ReminderRound.objects.filter(
            due_day,
            finished_at__isnull=True,
            survey__opens_on__lte=today,
            survey__closes_on__gte=today,
        )
        .select_related("survey")
        .order_by("send_on", "pk")
    )

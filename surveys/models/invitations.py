from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hok.bulk_mail import STATUS_VALUES, BulkDelivery, DeliveryStatus
from surveys.models.survey import Survey


class Invitation(BulkDelivery):
    """A personal invitation by email, sent through the shared bulk sender (hok.bulk_mail).
    Only a hash of its token is kept, and only whether it has been used: nothing links it to
    the response it led to."""

    Status = DeliveryStatus

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-postadress"))
    token_hash = models.CharField(
        _("hash av inbjudningskoden"), max_length=64, unique=True, null=True, blank=True
    )
    used = models.BooleanField(_("använd"), default=False)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["survey", "email"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "email"], name="invitation_one_per_email"),
            models.CheckConstraint(
                condition=models.Q(status__in=STATUS_VALUES),
                name="invitation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.email


class InvitationSendRun(models.Model):
    """One press of "send invitations": when it was asked for, when a worker started and
    finished it, and what it did. The page shows the latest run's progress from these rows and
    the invitations' own statuses."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="send_runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("begärt"), auto_now_add=True)
    started_at = models.DateTimeField(_("startat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klart"), null=True, blank=True)
    sent = models.PositiveIntegerField(_("skickade"), default=0)
    failed = models.PositiveIntegerField(_("misslyckade"), default=0)
    found_uncertain = models.PositiveIntegerField(_("avbrutna utskick hittade"), default=0)
    interrupted = models.BooleanField(_("avbrutet"), default=False)

    class Meta:
        verbose_name = _("utskick av inbjudningar")
        verbose_name_plural = _("utskick av inbjudningar")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.survey} {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.finished_at is None


class ReminderRound(models.Model):
    """A reminder the working group planned for a date. It goes out once, from 08:00 that day,
    to every invitee whose invitation was sent and who has not answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="reminder_rounds")
    send_on = models.DateField(_("skickas"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("skickad"), null=True, blank=True)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["survey", "send_on"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "send_on"], name="reminder_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.send_on:%Y-%m-%d}"


class ReminderDelivery(BulkDelivery):
    """One invitee's reminder of one round, a delivery row of the shared bulk sender: written
    pending when the round starts, claimed before its mail goes to the mail server. The unique
    pair means a rerun never reminds anyone twice."""

    Status = DeliveryStatus

    reminder_round = models.ForeignKey(
        ReminderRound, on_delete=models.CASCADE, related_name="deliveries"
    )
    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    # A row written on its own is taken to be a claim; the round writes its rows pending.
    status = models.CharField(
        _("utskick"), max_length=10, choices=DeliveryStatus, default=DeliveryStatus.SENDING
    )

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["reminder_round", "invitation"], name="reminder_once_per_invitation"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=STATUS_VALUES),
                name="reminder_delivery_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reminder_round} → {self.invitation}"

from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.models.survey import Survey


class Invitation(models.Model):
    """A personal invitation by email. Only a hash of its token is kept, and only whether it
    has been used: nothing links it to the response it led to."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar")
        SENDING = "sending", _("Skickas")
        SENT = "sent", _("Skickad")
        FAILED = "failed", _("Misslyckades")
        UNCERTAIN = "uncertain", _("Osäker (kan ha skickats)")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-postadress"))
    token_hash = models.CharField(
        _("hash av inbjudningskoden"), max_length=64, unique=True, null=True, blank=True
    )
    used = models.BooleanField(_("använd"), default=False)
    status = models.CharField(_("utskick"), max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["survey", "email"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "email"], name="invitation_one_per_email"),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["pending", "sending", "sent", "failed", "uncertain"]
                ),
                name="invitation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.email

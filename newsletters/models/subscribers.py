import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hok.bulk_mail import STATUS_VALUES, BulkDelivery, DeliveryStatus
from newsletters.models.newsletters import Newsletter


def new_unsubscribe_key() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """An address that asked for the newsletter. No account, no IP address: the address, its
    status, and when and to which consent text it said yes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på bekräftelse")
        CONFIRMED = "confirmed", _("Prenumererar")
        UNSUBSCRIBED = "unsubscribed", _("Avslutad")
        BOUNCING = "bouncing", _("Studsar")

    email = models.EmailField(_("e-postadress"), unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PENDING)
    consent_at = models.DateTimeField(_("samtycke lämnat"), null=True, blank=True)
    consent_version = models.CharField(_("samtyckestextens version"), max_length=20, blank=True)
    # The confirmation link of the latest subscribe request carries this; empty once used.
    confirm_nonce = models.CharField(max_length=32, blank=True)
    confirm_requested_at = models.DateTimeField(null=True, blank=True)
    # The unsubscribe link's key: never expires, works without signing in.
    unsubscribe_key = models.CharField(max_length=64, unique=True, default=new_unsubscribe_key)
    hard_bounces = models.PositiveSmallIntegerField(_("permanenta fel i rad"), default=0)
    created_at = models.DateTimeField(_("tillagd"), auto_now_add=True)
    unsubscribed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)

    class Meta:
        verbose_name = _("prenumerant")
        verbose_name_plural = _("prenumeranter")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "confirmed", "unsubscribed", "bouncing"]),
                name="subscriber_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="confirmed") | models.Q(consent_at__isnull=False),
                name="subscriber_confirmed_has_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.email


class Delivery(BulkDelivery):
    """One newsletter to one subscriber: a row of the shared bulk sender. When the address is
    removed the row stays, without it, for the send statistics."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries"
    )

    Status = DeliveryStatus

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"], name="newsletter_once_per_subscriber"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=STATUS_VALUES),
                name="newsletter_delivery_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["newsletter", "status"], name="newsletter_delivery_status")]

    def __str__(self) -> str:
        return f"{self.newsletter} → {self.subscriber or '–'}"


class NewsletterSettings(models.Model):
    """The admins' choices for newsletters; one row."""

    working_group_may_write = models.BooleanField(
        _("arbetsgruppen får skriva och skicka nyhetsbrev"), default=False
    )

    # Letting the working group write and send is a decision about powers: who took it, when.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inställningar för nyhetsbrev")
        verbose_name_plural = _("inställningar för nyhetsbrev")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="newsletter_settings_one_row")
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

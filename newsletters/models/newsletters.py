import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

TITLE_MAX = 200
PREAMBLE_MAX = 600
BODY_MAX = 50_000


def image_path(instance: "NewsletterImage", filename: str) -> str:
    """A name nobody can guess before the newsletter is public."""
    return f"newsletters/{uuid.uuid4().hex}{PurePath(filename).suffix.lower() or '.png'}"


class Newsletter(models.Model):
    """One issue. Written as a draft, then sent to the subscribers (now or at a set time) or
    published on the site only. Once sent or published it is never edited again: a correction
    is a new newsletter."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SCHEDULED = "scheduled", _("Schemalagt")
        SENDING = "sending", _("Skickas")
        SENT = "sent", _("Skickat")
        PUBLISHED = "published", _("Publicerat på webbplatsen")

    title = models.CharField(_("rubrik"), max_length=TITLE_MAX)
    preamble = models.TextField(
        _("ingress"), max_length=PREAMBLE_MAX, validators=[MaxLengthValidator(PREAMBLE_MAX)]
    )
    body = models.TextField(
        _("text"), max_length=BODY_MAX, blank=True, validators=[MaxLengthValidator(BODY_MAX)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    scheduled_for = models.DateTimeField(_("skickas"), null=True, blank=True)
    # The beat found a scheduled send too late to start it: an admin must confirm it.
    schedule_missed_at = models.DateTimeField(_("missat schemalagt utskick"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True)
    send_started_at = models.DateTimeField(_("utskicket startade"), null=True, blank=True)
    send_finished_at = models.DateTimeField(_("utskicket klart"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("mottagare"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nyhetsbrev")
        verbose_name_plural = _("nyhetsbrev")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["draft", "scheduled", "sending", "sent", "published"]
                ),
                name="newsletter_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="scheduled") | models.Q(scheduled_for__isnull=False),
                name="newsletter_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "scheduled"])
                | models.Q(published_at__isnull=False),
                name="newsletter_public_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsletters:detail", kwargs={"pk": self.pk})


class NewsletterImage(models.Model):
    """An image in a newsletter, re-encoded on upload, with the text that describes it."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("bild"), upload_to=image_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("bildtext för den som inte ser bilden"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("bild")
        verbose_name_plural = _("bilder")
        ordering = ["newsletter", "position", "pk"]

    def __str__(self) -> str:
        return self.alt


class NewsletterCard(models.Model):
    """A link to portal content shown as a card: a conference's outcome or a survey's public
    results. Title and address are copied when the card is added, so the newsletter (and the
    mail) reads the same later."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Konferens")
        SURVEY_RESULTS = "survey_results", _("Enkätresultat")

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="cards")
    kind = models.CharField(_("slag"), max_length=20, choices=Kind)
    target_id = models.PositiveBigIntegerField()
    title = models.CharField(_("rubrik"), max_length=300)
    path = models.CharField(_("adress"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("länkkort")
        verbose_name_plural = _("länkkort")
        ordering = ["newsletter", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "kind", "target_id"], name="newsletter_card_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title

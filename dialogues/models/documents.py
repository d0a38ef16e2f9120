from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogues.models.conferences import Conference
from hok.storage import private_storage

# Seconds past the render task's hard time limit before a job still "running" (or never taken
# from the queue) is shown as interrupted: its worker was killed or never came.
STALE_GRACE_SECONDS = 60


class DocumentRender(models.Model):
    """One press of "Skapa PDF" for a conference's compiled document, rendered by the worker.

    The row records the job's state and steps while it runs, and the finished file with its
    SHA-256, pages, size and render time. `source_sha256` is the hash of the HTML (and the
    stylesheet) it was rendered from: when the document would say something else today, the
    working group sees the PDF as out of date. Each finished PDF is kept.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Väntar på att starta")
        RUNNING = "running", _("Skapas")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    class Step(models.TextChoices):
        WAITING = "waiting", _("Väntar på en ledig arbetare")
        COLLECTING = "collecting", _("Hämtar texter och anteckningar")
        DRAWING = "drawing", _("Ritar diagram")
        WRITING = "writing", _("Skriver PDF-filen")
        FINISHED = "finished", _("Klar")

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="document_renders",
        verbose_name=_("konferens"),
    )
    drafts = models.BooleanField(
        _("med utkast"),
        default=False,
        help_text=_("Arbetsgruppens version med opublicerade texter; allmänheten ser den inte."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    step = models.CharField(_("steg"), max_length=10, choices=Step, default=Step.WAITING)
    error = models.TextField(_("fel"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("begärd av"),
    )
    requested_at = models.DateTimeField(_("begärd"), auto_now_add=True)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    file = models.FileField(
        _("PDF-fil"), storage=private_storage, upload_to="dialogues/documents/", blank=True
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("sidor"), null=True, blank=True)
    size = models.PositiveIntegerField(_("storlek i byte"), null=True, blank=True)
    render_seconds = models.FloatField(_("sekunder att skapa"), null=True, blank=True)
    source_sha256 = models.CharField(
        _("SHA-256 av innehållet"),
        max_length=64,
        blank=True,
        help_text=_("Vad PDF-filen skapades från; ändras texterna blir filen inaktuell."),
    )

    class Meta:
        verbose_name = _("PDF av sammanställningen")
        verbose_name_plural = _("PDF:er av sammanställningen")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # A second press while a job waits or runs starts nothing new.
            models.UniqueConstraint(
                fields=["conference"],
                condition=models.Q(status__in=["queued", "running"]),
                name="document_render_one_active_per_conference",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                name="document_render_status_valid",
            ),
            # A finished job has its file; no other has one.
            models.CheckConstraint(
                condition=(
                    models.Q(status="done", finished_at__isnull=False)
                    & ~models.Q(file="")
                    & ~models.Q(sha256="")
                )
                | (~models.Q(status="done") & models.Q(file="")),
                name="document_render_done_has_file",
            ),
        ]
        indexes = [
            models.Index(
                fields=["conference", "drafts", "status", "-finished_at"],
                name="document_render_latest",
            )
        ]

    def __str__(self) -> str:
        return f"{self.conference} {self.requested_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    def is_stale(self, now: datetime) -> bool:
        """Still queued or running long after the time limit: its worker is gone."""
        if not self.is_active:
            return False
        since = self.started_at or self.requested_at
        limit = timedelta(seconds=settings.PDF_RENDER_TIME_LIMIT + STALE_GRACE_SECONDS)
        return now - since > limit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.agreement import Action, Principle
from agreements.models.organisations import Organisation

# The agreement was launched in 2019; nothing can have started, or be reported, before that.
FIRST_YEAR = 2019
# How far ahead a commitment may be planned to start.
YEARS_AHEAD = 5


class Commitment(models.Model):
    """Something an organisation promises to do under one principle (and maybe one action)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="commitments"
    )
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="commitments")
    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("åtgärd"),
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), max_length=4000)
    start_year = models.PositiveSmallIntegerField(_("startår"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    # Set by agreements.selectors.commitments.with_latest_report; not a field.
    latest_report: "ProgressReport | None"

    class Meta:
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")
        ordering = ["principle__number", "title"]

    def __str__(self) -> str:
        return self.title


class ProgressReport(models.Model):
    """A commitment's yearly report."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Inte påbörjat")
        ONGOING = "ongoing", _("Pågår")
        DONE = "done", _("Klart")
        PAUSED = "paused", _("Pausat")

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="progress_reports"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(_("status"), max_length=12, choices=Status)
    text = models.TextField(_("vad som har hänt"), max_length=4000)
    link = models.URLField(_("länk"), max_length=300, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lägesrapport")
        verbose_name_plural = _("lägesrapporter")
        ordering = ["commitment", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "year"], name="progress_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} {self.year}"


class OrganisationDocument(models.Model):
    """A governing document or annual report, published on the organisation's page (principle 3)."""

    class Kind(models.TextChoices):
        GOVERNING = "governing", _("Styrdokument")
        ANNUAL_REPORT = "annual_report", _("Årsredovisning")
        POSITION = "position", _("Ställningstagande eller beslut")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind)
    title = models.CharField(_("titel"), max_length=200)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    file = models.FileField(_("fil (PDF)"), upload_to="documents/%Y/")
    size = models.PositiveIntegerField(_("storlek i byte"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        ordering = ["organisation", "-year", "title"]

    def __str__(self) -> str:
        return self.title

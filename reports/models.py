"""The yearly follow-up report: the working group's texts and choices for a year, its goal
assessments, and the versions rendered from frozen snapshots of the figures.

Other apps' rows are referred to by id inside JSON choices (surveys, breakdowns, quotes,
conferences), never by foreign key: reports/ reads those apps only through their selectors,
and a report must survive whatever happens to them later (its versions carry snapshots).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hok.storage import private_storage

FIRST_YEAR = 2019  # the agreement was launched in 2019
LAST_YEAR = 2100
TEXT_MAX_LENGTH = 20_000
COMMENT_MAX_LENGTH = 2000


class Report(models.Model):
    """One year's report: what the working group writes and chooses for it."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    introduction = models.TextField(
        _("inledning"), max_length=TEXT_MAX_LENGTH, blank=True, help_text=_("Markdown.")
    )
    summary = models.TextField(
        _("sammanfattning"), max_length=TEXT_MAX_LENGTH, blank=True, help_text=_("Markdown.")
    )
    analysis = models.TextField(
        _("analys och slutsatser"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Markdown."),
    )
    # None: the default (surveys that closed in the year / conferences held in it).
    survey_ids = models.JSONField(_("valda enkäter"), null=True, blank=True)
    conference_ids = models.JSONField(_("valda konferenser"), null=True, blank=True)
    # {"<survey id>": <background question id>}: the breakdown shown per survey.
    breakdowns = models.JSONField(_("uppdelningar"), default=dict, blank=True)
    quote_ids = models.JSONField(_("citerade lägesrapporter"), default=list, blank=True)
    include_free_texts = models.BooleanField(_("ta med fritextsvar"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    # Set by the management list (reports.views); not fields.
    latest: "ReportVersion | None"
    published: "ReportVersion | None"

    class Meta:
        verbose_name = _("uppföljningsrapport")
        verbose_name_plural = _("uppföljningsrapporter")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="report_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class GoalAssessment(models.Model):
    """The working group's assessment of one goal of Målbild 2024 for the report's year."""

    class Status(models.TextChoices):
        ACHIEVED = "achieved", _("Uppnått")
        ON_THE_WAY = "on_the_way", _("På väg")
        NOT_STARTED = "not_started", _("Inte påbörjat")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="assessments")
    # The goal's position in Målbild 2024 (stable across versions of the agreement).
    goal_position = models.PositiveSmallIntegerField(_("mål"))
    status = models.CharField(_("bedömning"), max_length=12, choices=Status)
    comment = models.TextField(_("kommentar"), max_length=COMMENT_MAX_LENGTH, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömning av mål")
        verbose_name_plural = _("bedömningar av mål")
        ordering = ["report", "goal_position"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "goal_position"], name="assessment_one_per_goal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} mål {self.goal_position}"


class ReportVersion(models.Model):
    """One rendering of a report: its snapshot of figures, its job's state and its PDF."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        COLLECTING = "collecting", _("Samlar in siffror")
        CHARTS = "charts", _("Ritar diagram")
        WRITING = "writing", _("Skriver PDF")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    RUNNING = (Status.QUEUED, Status.COLLECTING, Status.CHARTS, Status.WRITING)

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.QUEUED)
    # Bumped on every queueing; a task carrying an older attempt does nothing.
    attempt = models.PositiveIntegerField(default=1)
    error = models.TextField(_("fel"), blank=True)
    snapshot = models.JSONField(_("ögonblicksbild"), null=True, blank=True)
    snapshot_at = models.DateTimeField(_("siffrorna tagna"), null=True, blank=True)
    queued_at = models.DateTimeField(_("köad"))
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="reports/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("sidor"), null=True, blank=True)
    size = models.PositiveIntegerField(_("storlek i byte"), null=True, blank=True)
    render_seconds = models.FloatField(_("renderingstid (s)"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["snapshot", "pdf"])
    # Set by the job page (reports.views) from services.is_interrupted; not a field.
    interrupted: bool

    class Meta:
        verbose_name = _("rapportversion")
        verbose_name_plural = _("rapportversioner")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_number"),
            # A second press while a job runs starts nothing new: held by the database.
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(status__in=["queued", "collecting", "charts", "writing"]),
                name="report_one_running_job",
            ),
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(published_at__isnull=False),
                name="report_one_published_version",
            ),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | models.Q(status="done"),
                name="report_published_only_when_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

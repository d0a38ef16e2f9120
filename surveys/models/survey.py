import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Invitees' e-mail addresses are deleted this many days after the survey closes (the privacy
# page states it); the anonymous responses stay. See surveys.services.retention.
INVITATION_ADDRESS_DAYS = 90


def new_open_link_key() -> str:
    """A random, URL-safe key for a survey's open link (no token needed)."""
    return secrets.token_urlsafe(16)


class SurveySeries(models.Model):
    """Surveys repeated year after year; a copy to next year stays in the same series."""

    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("enkätserie")
        verbose_name_plural = _("enkätserier")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Survey(models.Model):
    """An annual follow-up survey: its settings; questions, invitations and responses hang on it."""

    title = models.CharField(_("titel"), max_length=200)
    introduction = models.TextField(_("inledning"), max_length=4000, blank=True)
    opens_on = models.DateField(_("öppnar"))
    closes_on = models.DateField(_("stänger"))
    min_group_size = models.PositiveSmallIntegerField(
        _("minsta gruppstorlek för uppdelningar"), default=5
    )
    open_link_enabled = models.BooleanField(_("öppen länk (utan inbjudan)"), default=False)
    open_link_key = models.CharField(
        _("nyckel för öppen länk"), max_length=32, unique=True, default=new_open_link_key
    )
    results_published_at = models.DateTimeField(_("resultat publicerade"), null=True, blank=True)
    series = models.ForeignKey(
        SurveySeries, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("serie")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Who changed what and when (the working group's edits; never used for responses).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(min_group_size__gte=1), name="survey_min_group_size_positive"
            ),
            models.UniqueConstraint(fields=["series", "year"], name="survey_one_per_series_year"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: datetime.date) -> bool:
        return self.opens_on <= today <= self.closes_on

    @property
    def invitation_addresses_deleted_on(self) -> datetime.date:
        """The day the invitees' addresses are deleted (by the beat, on its first run)."""
        return self.closes_on + datetime.timedelta(days=INVITATION_ADDRESS_DAYS)

    @property
    def has_responses(self) -> bool:
        """Counted responses, or submitted ones still waiting in the pool to be counted (their
        questions and options must stay as they are until then)."""
        return self.responses.exists() or self.sealed_submissions.exists()

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from surveys.models.survey import Survey

SCALE_MAX_LOWEST = 2
SCALE_MAX_HIGHEST = 10


class Question(models.Model):
    """One question of a survey. `identity` is kept by copies, so years can be compared."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Ett svar (envalsfråga)")
        MULTIPLE = "multiple", _("Flera svar (flervalsfråga)")
        SCALE = "scale", _("Skala")
        TEXT = "text", _("Fritext")
        BACKGROUND = "background", _("Bakgrundsfråga (för uppdelning av resultat)")
        UNITS = "units", _("Jag svarar för (enheter)")

    # Kinds whose answers are options of the question.
    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.BACKGROUND, Kind.UNITS)
    # Kinds that may offer an "annat (fritext)" answer.
    OTHER_KINDS = (Kind.SINGLE, Kind.MULTIPLE)

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("plats"), default=0)
    kind = models.CharField(_("frågetyp"), max_length=12, choices=Kind)
    text = models.TextField(_("fråga"), max_length=1000)
    help_text = models.TextField(_("hjälptext"), max_length=1000, blank=True)
    required = models.BooleanField(_("obligatorisk"), default=False)
    allow_other = models.BooleanField(_("med svarsalternativet ”annat (fritext)”"), default=False)
    other_label = models.CharField(_("text för ”annat”"), max_length=100, default="Annat")
    scale_max = models.PositiveSmallIntegerField(_("skalans högsta värde"), default=5)
    scale_min_label = models.CharField(
        _("text vid skalans lägsta värde"), max_length=100, blank=True
    )
    scale_max_label = models.CharField(
        _("text vid skalans högsta värde"), max_length=100, blank=True
    )
    identity = models.UUIDField(_("identitet"), default=uuid.uuid4, editable=False)

    # Who changed what and when (the working group's edits; never used for responses).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["survey", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    scale_max__gte=SCALE_MAX_LOWEST, scale_max__lte=SCALE_MAX_HIGHEST
                ),
                name="question_scale_max_range",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["single", "multiple", "scale", "text", "background", "units"]
                ),
                name="question_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(allow_other=False) | models.Q(kind__in=["single", "multiple"]),
                name="question_other_only_for_choices",
            ),
            models.UniqueConstraint(
                fields=["survey"],
                condition=models.Q(kind="units"),
                name="question_one_units_per_survey",
            ),
            models.UniqueConstraint(
                fields=["survey", "identity"], name="question_identity_unique_in_survey"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in self.CHOICE_KINDS


class Option(models.Model):
    """An answer option of a choice, background or units question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("plats"), default=0)
    text = models.CharField(_("svarsalternativ"), max_length=500)
    identity = models.UUIDField(_("identitet"), default=uuid.uuid4, editable=False)

    # Who changed what and when (the working group's edits; never used for responses).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svarsalternativ")
        verbose_name_plural = _("svarsalternativ")
        ordering = ["question", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "identity"], name="option_identity_unique_in_question"
            ),
        ]

    def __str__(self) -> str:
        return self.text

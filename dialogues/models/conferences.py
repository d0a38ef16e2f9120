from datetime import datetime

from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dialogues.codes import LENGTH as CODE_LENGTH
from dialogues.codes import unique_code

DEFAULT_NOTE_CAP = 1500


def new_short_code() -> str:
    """A short code no dialogue has yet (retried on the rare collision)."""
    return unique_code(lambda code: Dialogue.objects.filter(short_code=code).exists())


class Conference(models.Model):
    """The yearly collaboration conference; its dialogues collect the table groups' notes."""

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn i adressen"), max_length=80, unique=True)
    date = models.DateField(_("datum"))
    place = models.CharField(_("plats"), max_length=200, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    introduction = models.TextField(
        _("inledning"),
        blank=True,
        help_text=_(
            "Inledningen till den sammanställda dokumentationen. Stycken skiljs åt med en tom rad."
        ),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("konferens")
        verbose_name_plural = _("konferenser")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%Y-%m-%d})"


class Dialogue(models.Model):
    """One dialogue of a conference: set questions, a short code, an opening and a closing."""

    class ManualState(models.TextChoices):
        AUTO = "auto", _("enligt tiderna")
        OPEN = "open", _("öppen")
        CLOSED = "closed", _("stängd")

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="dialogues", verbose_name=_("konferens")
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=1)
    title = models.CharField(_("rubrik"), max_length=200)
    introduction = models.TextField(_("inledning"), blank=True)
    short_code = models.CharField(
        _("kortkod"), max_length=CODE_LENGTH, unique=True, default=new_short_code, editable=False
    )
    opens_at = models.DateTimeField(_("öppnar"), null=True, blank=True)
    closes_at = models.DateTimeField(_("stänger"), null=True, blank=True)
    manual_state = models.CharField(
        _("öppen eller stängd"), max_length=10, choices=ManualState, default=ManualState.AUTO
    )
    note_cap = models.PositiveIntegerField(
        _("högsta antal anteckningar"),
        default=DEFAULT_NOTE_CAP,
        help_text=_("Skydd mot missbruk: fler anteckningar än så tas inte emot i dialogen."),
    )
    summary = models.TextField(_("sammanfattning"), blank=True, help_text=_("Markdown."))
    summary_published = models.BooleanField(_("sammanfattningen är publicerad"), default=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dialog")
        verbose_name_plural = _("dialoger")
        ordering = ["conference", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="dialogue_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(short_code=Upper("short_code")),
                name="dialogue_short_code_upper_case",
            ),
            models.CheckConstraint(
                condition=models.Q(note_cap__gte=1), name="dialogue_note_cap_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now: datetime) -> bool:
        """Open by hand, closed by hand, or open between the opening and closing times: the
        rule is dialogues.rules.dialogue_is_open (imported here, as rules imports models)."""
        from dialogues.rules import dialogue_is_open

        return dialogue_is_open(self, now)


class DialogueQuestion(models.Model):
    """A set question the table groups discuss; a note answers one, or the whole dialogue."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="questions", verbose_name=_("dialog")
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=1)
    text = models.TextField(_("fråga"), max_length=1000)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["dialogue", "position", "id"]

    def __str__(self) -> str:
        return self.text

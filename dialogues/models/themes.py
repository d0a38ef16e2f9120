from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from dialogues.models.conferences import Conference
from dialogues.models.notes import Note


class Theme(models.Model):
    """A theme the working group counts across a conference's notes, with its feedback."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="themes", verbose_name=_("konferens")
    )
    name = models.CharField(_("namn"), max_length=100)
    keywords = models.TextField(
        _("nyckelord"),
        blank=True,
        help_text=_(
            "Ett ord eller uttryck per rad; används för att föreslå teman för anteckningar."
        ),
    )
    feedback = models.TextField(
        _("återkoppling"), blank=True, help_text=_("Vad arbetsgruppen gör med temat. Markdown.")
    )
    feedback_published = models.BooleanField(_("återkopplingen är publicerad"), default=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("teman")
        ordering = ["conference", "name"]
        constraints = [
            models.UniqueConstraint(
                "conference", Lower("name"), name="theme_unique_name_per_conference"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


class NoteTheme(models.Model):
    """A note marked with a theme. Counts use accepted links only."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("föreslagen")
        ACCEPTED = "accepted", _("godkänd")
        REJECTED = "rejected", _("avvisad")

    note = models.ForeignKey(
        Note, on_delete=models.CASCADE, related_name="theme_links", verbose_name=_("anteckning")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="note_links", verbose_name=_("tema")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SUGGESTED)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("tema för anteckning")
        verbose_name_plural = _("teman för anteckningar")
        ordering = ["theme__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["note", "theme"], name="note_theme_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.theme} – {self.get_status_display()}"

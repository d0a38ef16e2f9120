import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogues.models.conferences import Dialogue, DialogueQuestion

NOTE_MAX_LENGTH = 2000
TABLE_GROUP_MAX_LENGTH = 100


class Note(models.Model):
    """What a table group wrote. No IP address, user agent or device id is stored with it."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="notes", verbose_name=_("dialog")
    )
    question = models.ForeignKey(
        DialogueQuestion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("fråga"),
        help_text=_("Tom: anteckningen gäller hela dialogen."),
    )
    table_group = models.CharField(_("bordsgrupp"), max_length=TABLE_GROUP_MAX_LENGTH, blank=True)
    text = models.TextField(_("anteckning"), max_length=NOTE_MAX_LENGTH)
    proposes_revision = models.BooleanField(
        _("förslag till revidering"),
        default=False,
        help_text=_("Skribenten föreslår en ändring i överenskommelsen."),
    )
    client_key = models.UUIDField(
        _("inskickningsnyckel"),
        default=uuid.uuid4,
        help_text=_(
            "Skapas av telefonen: ett nytt försök med samma anteckning sparas bara en gång."
        ),
    )
    created_at = models.DateTimeField(_("skickad"), default=timezone.now)
    hidden = models.BooleanField(_("dold"), default=False)
    hidden_reason = models.CharField(_("skäl att dölja"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dold av"),
    )

    class Meta:
        verbose_name = _("anteckning")
        verbose_name_plural = _("anteckningar")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["dialogue", "created_at"], name="note_dialogue_created")]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "client_key"], name="note_unique_client_key_per_dialogue"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), NOTE_MAX_LENGTH),
                name="note_text_max_length",
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length("text"), 0), name="note_text_not_empty"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("table_group"), TABLE_GROUP_MAX_LENGTH),
                name="note_table_group_max_length",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

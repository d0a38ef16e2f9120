"""Proposals to revise the agreement, the organisations that support them and comments on them.

A proposal names one part of the version in force by a key ("action:3:2", "new-goal", see
agreements/proposal_parts.py) and keeps that part's label and text as they were when it was
made, so the proposal still reads right after a new version has changed the part. Conferences
belong to the dialogues app (a floor above): a proposal keeps a conference's id and name only.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.agreement import AgreementVersion
from agreements.models.organisations import Organisation
from hok.text import NormalizedTextField

PROPOSED_TEXT_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 3000
ANSWER_REASON_MAX_LENGTH = 3000
HIDE_REASON_MAX_LENGTH = 300
COMMENT_MAX_LENGTH = 2000


def _length_between(field: str, maximum: int, name: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(field), maximum), name=f"{name}_max_length"
        ),
        models.CheckConstraint(condition=GreaterThan(Length(field), 0), name=f"{name}_not_empty"),
    ]


class RevisionProposal(models.Model):
    class Source(models.TextChoices):
        ORGANISATION = "organisation", _("en undertecknande organisation")
        WORKING_GROUP = "working_group", _("arbetsgruppen")
        CONFERENCE = "conference", _("en konferens")

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på granskning")
        PUBLIC = "public", _("Publicerat")
        HIDDEN = "hidden", _("Dolt")

    class Answer(models.TextChoices):
        NONE = "", _("Inte besvarat")
        INCLUDE = "include", _("Tas med i nästa version")
        REJECT = "reject", _("Avslås")
        CONFERENCE = "conference", _("Besvaras på en konferens")

    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        related_name="revision_proposals",
        verbose_name=_("gäller version"),
    )
    part_key = models.CharField(_("del"), max_length=80)
    part_label = models.CharField(_("delens namn"), max_length=300)
    current_text = NormalizedTextField(_("nuvarande lydelse"), blank=True)
    proposed_text = NormalizedTextField(_("föreslagen lydelse"))
    reason = NormalizedTextField(_("motivering"))
    source = models.CharField(_("förslaget kommer från"), max_length=20, choices=Source)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revision_proposals",
        verbose_name=_("organisation"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skrivet av"),
    )
    # Set when the working group made the proposal from a conference note.
    source_note_id = models.PositiveIntegerField(_("från anteckning"), null=True, blank=True)
    source_conference_id = models.PositiveIntegerField(_("från konferens"), null=True, blank=True)
    source_conference_name = models.CharField(_("konferensens namn"), max_length=200, blank=True)
    status = models.CharField(
        _("granskning"), max_length=10, choices=Status, default=Status.PENDING
    )
    hidden_reason = models.CharField(
        _("skäl att dölja"), max_length=HIDE_REASON_MAX_LENGTH, blank=True
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("granskat"), null=True, blank=True)
    answer = models.CharField(
        _("svar"), max_length=12, choices=Answer, default=Answer.NONE, blank=True
    )
    answer_reason = NormalizedTextField(_("motivering till svaret"), blank=True)
    answer_conference_id = models.PositiveIntegerField(_("konferens"), null=True, blank=True)
    answer_conference_name = models.CharField(_("konferensens namn"), max_length=200, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("besvarat"), null=True, blank=True)
    included_in = models.ForeignKey(
        AgreementVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="included_proposals",
        verbose_name=_("togs med i version"),
    )
    created_at = models.DateTimeField(_("skickat"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("förslag till revidering")
        verbose_name_plural = _("förslag till revidering")
        ordering = ["-created_at", "-id"]
        constraints = [
            *_length_between("proposed_text", PROPOSED_TEXT_MAX_LENGTH, "proposal_text"),
            *_length_between("reason", REASON_MAX_LENGTH, "proposal_reason"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("answer_reason"), ANSWER_REASON_MAX_LENGTH),
                name="proposal_answer_reason_max_length",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="hidden") | ~models.Q(hidden_reason=""),
                name="proposal_hidden_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(answer="") | models.Q(status="public"),
                name="proposal_answered_is_public",
            ),
            models.CheckConstraint(
                condition=~models.Q(answer="reject") | ~models.Q(answer_reason=""),
                name="proposal_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(answer="conference")
                | models.Q(answer_conference_id__isnull=False),
                name="proposal_conference_answer_names_one",
            ),
            models.CheckConstraint(
                condition=~models.Q(source="organisation") | models.Q(organisation__isnull=False),
                name="proposal_from_organisation_names_it",
            ),
            models.UniqueConstraint(
                fields=["source_note_id"],
                condition=models.Q(source_note_id__isnull=False),
                name="proposal_one_per_note",
            ),
        ]
        indexes = [models.Index(fields=["status", "answer"], name="proposal_status_answer")]

    def __str__(self) -> str:
        return f"{self.part_label}: {self.proposed_text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:proposal_detail", kwargs={"pk": self.pk})

    @property
    def is_new_part(self) -> bool:
        return self.part_key.startswith("new-")

    @property
    def is_settled(self) -> bool:
        """Answered for good: taken into the next version or rejected (no more support)."""
        return self.answer in (self.Answer.INCLUDE, self.Answer.REJECT)


class ProposalSupport(models.Model):
    """An organisation backs a proposal; one support per organisation."""

    proposal = models.ForeignKey(
        RevisionProposal, on_delete=models.CASCADE, related_name="supports"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="proposal_supports"
    )
    supported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("stöttat"), auto_now_add=True)

    class Meta:
        verbose_name = _("stöd för förslag")
        verbose_name_plural = _("stöd för förslag")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"], name="proposal_support_once_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.proposal_id}"


class ProposalComment(models.Model):
    """A comment on a public proposal: shown at once, hidden by the working group if need be."""

    proposal = models.ForeignKey(
        RevisionProposal, on_delete=models.CASCADE, related_name="comments"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal_comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = NormalizedTextField(_("kommentar"))
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)
    hidden = models.BooleanField(_("dold"), default=False)
    hidden_reason = models.CharField(
        _("skäl att dölja"), max_length=HIDE_REASON_MAX_LENGTH, blank=True
    )
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kommentar till förslag")
        verbose_name_plural = _("kommentarer till förslag")
        ordering = ["created_at", "id"]
        constraints = [
            *_length_between("text", COMMENT_MAX_LENGTH, "proposal_comment_text"),
            models.CheckConstraint(
                condition=models.Q(hidden=False) | ~models.Q(hidden_reason=""),
                name="proposal_comment_hidden_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

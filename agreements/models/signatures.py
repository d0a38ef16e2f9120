from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.agreement import AgreementVersion
from agreements.models.organisations import Organisation
from hok.storage import private_storage


class Signature(models.Model):
    """An organisation's signature of one agreement version. Public once approved."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på beslut")
        APPROVED = "approved", _("Godkänd")
        REJECTED = "rejected", _("Avslagen")
        WITHDRAWN = "withdrawn", _("Återkallad")

    class Capacity(models.TextChoices):
        AUTHORISED_SIGNATORY = "authorised_signatory", _("Firmatecknare")
        BOARD_MANDATE = "board_mandate", _("Med mandat genom styrelsebeslut")

    ACTIVE_STATUSES = (Status.PENDING, Status.APPROVED)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="signatures"
    )
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="signatures"
    )
    text_sha256 = models.CharField(_("SHA-256 av den undertecknade texten"), max_length=64)
    # The account that signed; empty once that person deletes their account. The signature, the
    # signer's name and capacity stay: they are the organisation's record of who committed it.
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signer_name = models.CharField(_("undertecknarens namn"), max_length=200)
    capacity = models.CharField(_("i egenskap av"), max_length=30, choices=Capacity)
    board_decision = models.FileField(
        _("styrelsebeslut (PDF)"),
        upload_to="board_decisions/",
        storage=private_storage,
        blank=True,
    )
    signed_at = models.DateTimeField(_("undertecknad"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decision_reason = models.TextField(_("motivering"), max_length=2000, blank=True)
    withdrawn_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("skäl till återkallelse"), max_length=2000, blank=True)

    history = HistoricalRecords(excluded_fields=["board_decision"])

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"],
                condition=models.Q(status__in=["pending", "approved"]),
                name="signature_one_active_per_version",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(decision_reason=""),
                name="signature_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – version {self.version.number}"

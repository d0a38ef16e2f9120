from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import rules
from agreements.generations import SIGNATORIES
from agreements.models import AgreementVersion, Organisation, Signature
from agreements.selectors.contacts import representative_emails, working_group_emails
from agreements.services.documents import pdf_validate
from hok.audit import record_actor
from hok.generations import bump
from hok.mail import send_templated_mail
from hok.models import User
from hok.utils import absolute_url

ALREADY_SIGNED = gettext_lazy("Organisationen har redan undertecknat den här versionen.")


@transaction.atomic
def signature_submit(
    *,
    organisation: Organisation,
    by: User,
    signer_name: str,
    capacity: str,
    board_decision: UploadedFile | None = None,
) -> Signature:
    """Sign the current agreement version on behalf of `organisation`; the working group decides."""
    version = AgreementVersion.objects.filter(is_current=True).first()
    if version is None:
        raise ValidationError(_("Det finns ingen gällande version att underteckna."))
    if not rules.is_member(by, organisation):
        raise ValidationError(_("Bara organisationens företrädare kan underteckna."))
    if not signer_name.strip():
        raise ValidationError(_("Skriv ditt fullständiga namn."), code="signer_name")
    if capacity not in Signature.Capacity.values:
        raise ValidationError(_("Välj i vilken egenskap du undertecknar."), code="capacity")
    if board_decision is not None:
        pdf_validate(board_decision)
    if not rules.organisation_may_sign(organisation):
        raise ValidationError(ALREADY_SIGNED, code="duplicate")
    signature = Signature(
        organisation=organisation,
        version=version,
        text_sha256=version.text_sha256,
        signed_by=by,
        signer_name=" ".join(signer_name.split()),
        capacity=capacity,
        signed_at=timezone.now(),
    )
    if board_decision is not None:
        signature.board_decision.save("styrelsebeslut.pdf", board_decision, save=False)
    record_actor(signature, by=by, reason="submitted")
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError as error:
        # Signed by someone else a moment ago (the database's constraint).
        raise ValidationError(ALREADY_SIGNED, code="duplicate") from error
    send_templated_mail(
        template="agreements/email/signature_submitted",
        context={
            "signature": signature,
            "organisation": organisation,
            "url": absolute_url(reverse("agreements:signature_queue")),
        },
        to=working_group_emails(),
    )
    return signature


def _decide(*, signature: Signature, by: User, status: str, reason: str) -> Signature:
    signature = (
        Signature.objects.select_for_update().select_related("organisation").get(pk=signature.pk)
    )
    # rules.can_decide_signature without the role: the caller (a view, the admin) checked it.
    if not rules.signature_is_decidable(signature):
        raise ValidationError(_("Det finns redan ett beslut om underskriften."), code="decided")
    if rules.is_member(by, signature.organisation):
        raise ValidationError(
            _(
                "Du företräder själv organisationen. Någon annan i arbetsgruppen behöver "
                "besluta om underskriften."
            ),
            code="own_organisation",
        )
    signature.status = status
    signature.decided_by = by
    signature.decided_at = timezone.now()
    signature.decision_reason = reason.strip()
    record_actor(signature, by=by, reason=status)
    signature.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    send_templated_mail(
        template="agreements/email/signature_decided",
        context={
            "signature": signature,
            "organisation": signature.organisation,
            "url": absolute_url(
                reverse(
                    "agreements:organisation_dashboard",
                    kwargs={"slug": signature.organisation.slug},
                )
            ),
        },
        to=representative_emails(signature.organisation),
    )
    return signature


@transaction.atomic
def signature_approve(*, signature: Signature, by: User, reason: str = "") -> Signature:
    bump(SIGNATORIES)
    return _decide(signature=signature, by=by, status=Signature.Status.APPROVED, reason=reason)


@transaction.atomic
def signature_reject(*, signature: Signature, by: User, reason: str) -> Signature:
    if not reason.strip():
        raise ValidationError(
            _("Skriv varför underskriften avslås. Organisationen får se motiveringen."),
            code="reason",
        )
    return _decide(signature=signature, by=by, status=Signature.Status.REJECTED, reason=reason)


@transaction.atomic
def signature_withdraw(*, signature: Signature, by: User, reason: str = "") -> Signature:
    """The organisation withdraws: it leaves the public list; the history stays."""
    bump(SIGNATORIES)
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    if not rules.signature_is_withdrawable(signature):
        raise ValidationError(_("Underskriften är inte aktiv."), code="inactive")
    signature.status = Signature.Status.WITHDRAWN
    signature.withdrawn_at = timezone.now()
    signature.withdrawal_reason = reason.strip()
    record_actor(signature, by=by, reason="withdrawn")
    signature.save(update_fields=["status", "withdrawn_at", "withdrawal_reason"])
    return signature

"""Erasing a person from the agreements app, and the retention of organisation invitations.

What happens when a person deletes their account (stated on the deletion page and on the
privacy page):

- Their memberships and join requests go (with the account, by cascade), and so do the
  invitations sent to their addresses.
- What they did for an organisation stays as the organisation's record, no longer linked to
  the account: commitments, progress reports, documents, invitations they sent, decisions
  they made.
- A signature stays with the signer's name, capacity and date: it is the organisation's act,
  and the organisation and the working group rely on the record of who committed the
  organisation to show that the signature is valid (GDPR art. 17.3 e, legal claims). A
  rejected signature never took effect, so there the name is removed, in the audit history
  too.
- The last representative of an organisation must hand over first.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from agreements.models import MembershipInvitation, Organisation, Signature
from agreements.selectors.personal_data import (
    invitation_kept_after_expiry,
    invitations_to,
    last_representative_message,
)
from hok.models import User


@transaction.atomic
def representative_forget(*, user: User) -> None:
    """Take the person out of the agreements app before their account is deleted.

    Raises ValidationError (code "last_representative") when they are the only
    representative of an organisation; the organisations are locked while this is checked, so
    two representatives deleting their accounts at once cannot leave one without anyone."""
    organisations = list(
        Organisation.objects.select_for_update().filter(memberships__user=user).order_by("pk")
    )
    alone = [
        organisation
        for organisation in organisations
        if not organisation.memberships.exclude(user=user).exists()
    ]
    if alone:
        raise ValidationError(
            [
                ValidationError(last_representative_message(org), code="last_representative")
                for org in alone
            ]
        )
    invitations_to(user=user).delete()
    rejected = list(
        Signature.objects.filter(signed_by=user, status=Signature.Status.REJECTED).values_list(
            "pk", flat=True
        )
    )
    Signature.objects.filter(pk__in=rejected).update(signer_name="")
    Signature.history.filter(id__in=rejected).update(signer_name="")


@transaction.atomic
def invitations_expired_delete(*, now: datetime) -> int:
    """Delete organisation invitations that expired longer ago than the retention period.
    Idempotent; returns how many were deleted."""
    deleted, _by_model = MembershipInvitation.objects.filter(
        expires_at__lt=now - invitation_kept_after_expiry()
    ).delete()
    return deleted

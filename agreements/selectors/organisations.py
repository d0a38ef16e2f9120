from django.db.models import QuerySet

from agreements.models import (
    JoinRequest,
    Membership,
    MembershipInvitation,
    Organisation,
    Signature,
)
from hok.models import User
from hok.tokens import token_hash


def organisations_of_user(*, user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def organisation_by_slug(*, slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def membership_of(*, organisation: Organisation, pk: int) -> Membership | None:
    return organisation.memberships.select_related("user").filter(pk=pk).first()


def join_request_of(*, organisation: Organisation, pk: int) -> JoinRequest | None:
    return organisation.join_requests.filter(pk=pk).first()


def signature_of(*, organisation: Organisation, pk: int) -> Signature | None:
    """One of the organisation's signatures (whatever its state: the caller's rule decides)."""
    return organisation.signatures.select_related("version", "decided_by").filter(pk=pk).first()


def signature_with_organisation(*, pk: int) -> Signature | None:
    return Signature.objects.select_related("organisation").filter(pk=pk).first()


def invitation_for_token(token: str) -> MembershipInvitation | None:
    """The invitation a link's token stands for (only its hash is stored)."""
    return (
        MembershipInvitation.objects.select_related("organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )


def organisation_by_number(*, org_number: str) -> Organisation | None:
    return Organisation.objects.filter(org_number=org_number).first()


def organisation_signatures(*, organisation: Organisation) -> QuerySet[Signature]:
    """Every signature of the organisation, newest first (for its representatives)."""
    return organisation.signatures.select_related("version", "signed_by").order_by("-signed_at")


def signature_active(*, organisation: Organisation) -> Signature | None:
    """The pending or approved signature of the current version, if any."""
    return (
        organisation.signatures.filter(
            version__is_current=True, status__in=Signature.ACTIVE_STATUSES
        )
        .select_related("version")
        .first()
    )


def signature_latest_approved(*, organisation: Organisation) -> Signature | None:
    return (
        organisation.signatures.filter(status=Signature.Status.APPROVED)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("created_at")


def organisation_open_invitations(*, organisation: Organisation) -> QuerySet[MembershipInvitation]:
    return organisation.invitations.filter(used_at__isnull=True).order_by("-created_at")


def organisation_pending_join_requests(*, organisation: Organisation) -> QuerySet[JoinRequest]:
    return organisation.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
        "user"
    )


def signatures_pending() -> QuerySet[Signature]:
    return (
        Signature.objects.filter(status=Signature.Status.PENDING)
        .select_related("organisation", "version", "signed_by")
        .order_by("signed_at")
    )


def signatures_decided(*, limit: int = 50) -> QuerySet[Signature]:
    return (
        Signature.objects.exclude(status=Signature.Status.PENDING)
        .select_related("organisation", "version", "decided_by")
        .order_by("-decided_at", "-withdrawn_at")[:limit]
    )


def signature_for_decision(*, pk: int) -> Signature | None:
    return (
        Signature.objects.select_related("organisation", "version", "signed_by", "decided_by")
        .filter(pk=pk)
        .first()
    )


def signature_history(*, signature: Signature) -> QuerySet:
    """Every change of the signature, oldest first, with who made it (the audit trail)."""
    return signature.history.select_related("history_user").order_by("history_date")

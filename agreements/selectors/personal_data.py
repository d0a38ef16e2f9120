"""What the agreements app stores about a person, for their own export and for the account
deletion page (what stays and what goes)."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.models import (
    Commitment,
    JoinRequest,
    Membership,
    MembershipInvitation,
    Organisation,
    OrganisationDocument,
    ProgressReport,
    ProposalComment,
    ProposalSupport,
    RevisionProposal,
    Signature,
)
from hok.models import User
from hok.personal_data import Obstacle, user_addresses


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def invitation_kept_after_expiry() -> timedelta:
    """An invitation link is valid for 14 days; the invitation is deleted this long after
    that, used or not (a used one has become a membership, which stays)."""
    return timedelta(days=settings.ORGANISATION_INVITATION_DELETE_AFTER_DAYS)


def invitations_to(*, user: User) -> QuerySet[MembershipInvitation]:
    """Invitations sent to one of the person's addresses, or accepted by them."""
    query = Q(used_by=user)
    for address in user_addresses(user=user):
        query |= Q(email__iexact=address)
    return MembershipInvitation.objects.filter(query).select_related("organisation")


def organisations_only_represented_by(*, user: User) -> QuerySet[Organisation]:
    """The organisations the person is the last representative of."""
    others = Membership.objects.filter(organisation=OuterRef("pk")).exclude(user=user)
    return (
        Organisation.objects.filter(memberships__user=user).filter(~Exists(others)).order_by("name")
    )


def last_representative_message(organisation: Organisation) -> str:
    return _(
        "Du är den enda företrädaren för %(name)s. Bjud in en kollega som kan ta över "
        "innan du raderar ditt konto."
    ) % {"name": organisation.name}


def erasure_obstacles(*, user: User) -> list[Obstacle]:
    """The organisations the person must hand over before deleting their account."""
    return [
        Obstacle(
            last_representative_message(organisation),
            url=reverse("agreements:organisation_members", kwargs={"slug": organisation.slug}),
            url_label=_("Bjud in en kollega till %(name)s") % {"name": organisation.name},
        )
        for organisation in organisations_only_represented_by(user=user)
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """Everything the agreements app stores about the person, as plain JSON-ready data."""
    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "org_number": m.organisation.org_number,
                "since": _when(m.created_at),
            }
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "organisations_registered": [
            {
                "organisation": o.name,
                "org_number": o.org_number,
                "registered_at": _when(o.created_at),
            }
            for o in Organisation.objects.filter(created_by=user).order_by("created_at")
        ],
        "invitations_sent": [
            {
                "organisation": i.organisation.name,
                "email": i.email,
                "created_at": _when(i.created_at),
                "expires_at": _when(i.expires_at),
                "used_at": _when(i.used_at),
            }
            for i in MembershipInvitation.objects.filter(invited_by=user)
            .select_related("organisation")
            .order_by("created_at")
        ],
        "invitations_received": [
            {
                "organisation": i.organisation.name,
                "email": i.email,
                "created_at": _when(i.created_at),
                "expires_at": _when(i.expires_at),
                "used_at": _when(i.used_at),
                "accepted_by_you": i.used_by_id == user.pk,
            }
            for i in invitations_to(user=user).order_by("created_at")
        ],
        "join_requests": [
            {
                "organisation": r.organisation.name,
                "message": r.message,
                "status": r.status,
                "created_at": _when(r.created_at),
                "decided_at": _when(r.decided_at),
            }
            for r in JoinRequest.objects.filter(user=user)
            .select_related("organisation")
            .order_by("created_at")
        ],
        "join_requests_decided": [
            {
                "organisation": r.organisation.name,
                "status": r.status,
                "decided_at": _when(r.decided_at),
            }
            for r in JoinRequest.objects.filter(decided_by=user)
            .select_related("organisation")
            .order_by("decided_at")
        ],
        "signatures": [
            {
                "organisation": s.organisation.name,
                "org_number": s.organisation.org_number,
                "agreement_version": s.version.number,
                "text_sha256": s.text_sha256,
                "signer_name": s.signer_name,
                "capacity": s.capacity,
                "board_decision_attached": bool(s.board_decision),
                "signed_at": _when(s.signed_at),
                "status": s.status,
                "decided_at": _when(s.decided_at),
                "decision_reason": s.decision_reason,
                "withdrawn_at": _when(s.withdrawn_at),
                "withdrawal_reason": s.withdrawal_reason,
            }
            for s in Signature.objects.filter(signed_by=user)
            .select_related("organisation", "version")
            .order_by("signed_at")
        ],
        "signatures_decided": [
            {
                "organisation": s.organisation.name,
                "agreement_version": s.version.number,
                "status": s.status,
                "decided_at": _when(s.decided_at),
                "decision_reason": s.decision_reason,
            }
            for s in Signature.objects.filter(decided_by=user)
            .select_related("organisation", "version")
            .order_by("decided_at")
        ],
        "commitments": [
            {
                "organisation": c.organisation.name,
                "principle": c.principle.number,
                "title": c.title,
                "description": c.description,
                "start_year": c.start_year,
                "created_at": _when(c.created_at),
            }
            for c in Commitment.objects.filter(created_by=user)
            .select_related("organisation", "principle")
            .order_by("created_at")
        ],
        "progress_reports": [
            {
                "organisation": r.commitment.organisation.name,
                "commitment": r.commitment.title,
                "year": r.year,
                "status": r.status,
                "text": r.text,
                "link": r.link,
                "reported_at": _when(r.reported_at),
            }
            for r in ProgressReport.objects.filter(reported_by=user)
            .select_related("commitment__organisation")
            .order_by("reported_at")
        ],
        "documents_uploaded": [
            {
                "organisation": d.organisation.name,
                "kind": d.kind,
                "title": d.title,
                "year": d.year,
                "size": d.size,
                "uploaded_at": _when(d.uploaded_at),
            }
            for d in OrganisationDocument.objects.filter(uploaded_by=user)
            .select_related("organisation")
            .order_by("uploaded_at")
        ],
        "revision_proposals": [
            {
                "organisation": p.organisation.name if p.organisation else None,
                "part": p.part_label,
                "proposed_text": p.proposed_text,
                "reason": p.reason,
                "status": p.status,
                "answer": p.answer,
                "created_at": _when(p.created_at),
            }
            for p in RevisionProposal.objects.filter(proposed_by=user)
            .select_related("organisation")
            .order_by("created_at")
        ],
        "revision_proposal_supports": [
            {
                "organisation": s.organisation.name,
                "proposal": s.proposal.part_label,
                "created_at": _when(s.created_at),
            }
            for s in ProposalSupport.objects.filter(supported_by=user)
            .select_related("organisation", "proposal")
            .order_by("created_at")
        ],
        "revision_proposal_comments": [
            {
                "organisation": c.organisation.name if c.organisation else None,
                "proposal": c.proposal.part_label,
                "text": c.text,
                "hidden": c.hidden,
                "created_at": _when(c.created_at),
            }
            for c in ProposalComment.objects.filter(author=user)
            .select_related("organisation", "proposal")
            .order_by("created_at")
        ],
    }


def erasure_summary(*, user: User) -> dict[str, int]:
    """What of the person's work for organisations stays when their account goes, counted."""
    signatures = Signature.objects.filter(signed_by=user)
    return {
        "signatures_kept": signatures.exclude(status=Signature.Status.REJECTED).count(),
        "signatures_rejected": signatures.filter(status=Signature.Status.REJECTED).count(),
        "commitments": Commitment.objects.filter(created_by=user).count(),
        "progress_reports": ProgressReport.objects.filter(reported_by=user).count(),
        "documents": OrganisationDocument.objects.filter(uploaded_by=user).count(),
        "memberships": Membership.objects.filter(user=user).count(),
    }

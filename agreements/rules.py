"""Who may do what with organisations, signatures, commitments and revision proposals.
Views ask only here."""

from django.contrib.auth.models import AnonymousUser

from agreements.models import MembershipInvitation, Organisation, RevisionProposal, Signature
from agreements.selectors.proposals import signatory_organisations_of
from hok.addresses import user_owns_address
from hok.models import User
from hok.roles import uses_powers


def is_member(user: User | AnonymousUser, organisation: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user).exists()


def can_manage_organisation(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Representatives change their organisation, sign for it and report on it."""
    return is_member(user, organisation)


def can_decide_signatures(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, approve or reject signatures and
    see what is not yet approved."""
    return uses_powers(user)


def can_view_signature(user: User | AnonymousUser, signature: Signature) -> bool:
    if signature.status == Signature.Status.APPROVED:
        return True
    return can_decide_signatures(user) or is_member(user, signature.organisation)


def can_preview_organisation(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Who sees an organisation's page before it is public: its representatives and deciders."""
    return is_member(user, organisation) or can_decide_signatures(user)


def can_accept_invitation(user: User | AnonymousUser, invitation: MembershipInvitation) -> bool:
    """An invitation is for the address it was sent to: only the account that owns it accepts."""
    return user_owns_address(user, invitation.email)


# --- revision proposals ----------------------------------------------------------------------


def can_review_proposals(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, check and answer proposals and
    moderate their comments."""
    return uses_powers(user)


def is_signatory_representative(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return signatory_organisations_of(user=user).exists()


def can_propose(user: User | AnonymousUser) -> bool:
    """A representative of a signatory organisation, or the working group, proposes changes."""
    return can_review_proposals(user) or is_signatory_representative(user)


def can_view_proposal(user: User | AnonymousUser, proposal: RevisionProposal) -> bool:
    """Public once checked; before that (or hidden) only for its authors and the working group."""
    if proposal.status == RevisionProposal.Status.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if proposal.proposed_by_id == user.pk:
        return True
    if proposal.organisation is not None and is_member(user, proposal.organisation):
        return True
    return can_review_proposals(user)


def can_support_proposal(
    user: User | AnonymousUser, proposal: RevisionProposal, organisation: Organisation
) -> bool:
    """Another signatory organisation backs a public proposal that is still open."""
    return (
        proposal.status == RevisionProposal.Status.PUBLIC
        and not proposal.is_settled
        and proposal.organisation_id != organisation.pk
        and is_member(user, organisation)
        and organisation.signatures.filter(status=Signature.Status.APPROVED).exists()
    )


def can_comment_proposal(user: User | AnonymousUser, proposal: RevisionProposal) -> bool:
    """Representatives of signatories and the working group comment on an open proposal."""
    if proposal.status != RevisionProposal.Status.PUBLIC or proposal.is_settled:
        return False
    return can_propose(user)


def can_answer_proposal(user: User | AnonymousUser, proposal: RevisionProposal) -> bool:
    """Only a checked (public) proposal is answered; a taken-in one is part of a version."""
    return (
        can_review_proposals(user)
        and proposal.status == RevisionProposal.Status.PUBLIC
        and proposal.included_in_id is None
    )

"""Who may do what with organisations, signatures, commitments and revision proposals, in one
place (role × state). Views ask only here; the services check the same state predicates again
(and keep their Swedish messages).

Roles: a *representative* is a member of the object's organisation; the *working group*
means the working group or an admin with two-factor login (`hok.roles.uses_powers`); without
two-factor login they have no powers here (the views send them to turn it on).

Organisations, memberships, documents and commitments (no states of their own):

| object                      | a representative of the organisation          | the working group |
|-----------------------------|-----------------------------------------------|-------------------|
| organisation                | change, see its page before it is public      | see before public |
| membership                  | invite, remove one (not the last one)          | –                 |
| join request: pending       | accept, decline                               | –                 |
| join request: answered      | –                                             | –                 |
| document                    | upload, delete                                | –                 |
| commitment                  | add, change, delete                           | –                 |
| progress report for a year  | report, from the start year to this year      | –                 |

Anyone signed in who does not yet represent an organisation, and has no pending request,
asks to join it. An invitation is accepted only by the account owning its address.

Signatures of an agreement version ("board decision": read the attached PDF):

| state     | a representative of the organisation      | the working group                  |
|-----------|-------------------------------------------|------------------------------------|
| (none)    | sign the current version                  | –                                  |
| pending   | read, withdraw, board decision            | read, approve or reject*, board d. |
| approved  | read, withdraw, certificate, board dec.   | read, board decision               |
| rejected  | read, sign again, board decision          | read, board decision               |
| withdrawn | read, sign again, board decision          | read, board decision               |

Everyone reads an approved signature. *Not for an organisation the decider represents.

Revision proposals. "Authors" are its proposer and its organisation's representatives;
"signatories" are representatives of an organisation with an approved signature; "open"
is public and not settled (no answer, or to be answered at a conference):

| state          | authors       | other signatories         | the working group              |
|----------------|---------------|---------------------------|--------------------------------|
| pending        | read          | –                         | read, publish, hide            |
| public, open   | read, comment | read, comment, support    | read, comment, answer, hide*   |
| public, settled| read          | read                      | read, change the answer        |
| taken in       | read          | read                      | read                           |
| hidden         | read          | –                         | read, publish                  |

Everyone reads a public proposal. *Only while it has no answer. The working group moderates
comments (hide, show again) in every state.
"""

from django.contrib.auth.models import AnonymousUser

from agreements.models import (
    Commitment,
    JoinRequest,
    Membership,
    MembershipInvitation,
    Organisation,
    OrganisationDocument,
    ProposalComment,
    RevisionProposal,
    Signature,
)
from agreements.models.commitments import FIRST_YEAR
from agreements.selectors.organisations import signature_active
from agreements.selectors.proposals import signatory_organisations_of
from hok.addresses import user_owns_address
from hok.models import User
from hok.roles import uses_powers
from hok.utils import this_year

SignatureStatus = Signature.Status
ProposalStatus = RevisionProposal.Status

DECIDABLE_SIGNATURES = frozenset({SignatureStatus.PENDING})
WITHDRAWABLE_SIGNATURES = frozenset(Signature.ACTIVE_STATUSES)
CERTIFIED_SIGNATURES = frozenset({SignatureStatus.APPROVED})
PUBLIC_SIGNATURES = frozenset({SignatureStatus.APPROVED})
OPEN_JOIN_REQUESTS = frozenset({JoinRequest.Status.PENDING})
SETTLED_ANSWERS = frozenset({RevisionProposal.Answer.INCLUDE, RevisionProposal.Answer.REJECT})


def is_member(user: User | AnonymousUser, organisation: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user).exists()


def can_manage_organisation(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Representatives change their organisation, sign for it and report on it."""
    return is_member(user, organisation)


def can_preview_organisation(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Who sees an organisation's page before it is public: its representatives and deciders."""
    return is_member(user, organisation) or can_decide_signatures(user)


def can_view_organisation_page(
    user: User | AnonymousUser, organisation: Organisation, *, is_public: bool
) -> bool:
    """Everyone sees a public signatory's page (`is_public`: the directory's `signed_since`);
    before that only those who may preview it."""
    return is_public or can_preview_organisation(user, organisation)


# --- memberships ------------------------------------------------------------------------------


def is_member_address(organisation: Organisation, email: str) -> bool:
    """Whether an account with this address already represents the organisation."""
    return organisation.memberships.filter(user__email__iexact=email.strip()).exists()


def can_invite_members(user: User | AnonymousUser, organisation: Organisation) -> bool:
    return is_member(user, organisation)


def can_accept_invitation(user: User | AnonymousUser, invitation: MembershipInvitation) -> bool:
    """An invitation is for the address it was sent to: only the account that owns it accepts."""
    return user_owns_address(user, invitation.email)


def membership_is_removable(membership: Membership) -> bool:
    """An organisation keeps at least one representative."""
    return Membership.objects.filter(organisation_id=membership.organisation_id).count() > 1


def can_remove_member(user: User | AnonymousUser, membership: Membership) -> bool:
    """Any representative removes any representative (themselves too), but not the last one."""
    return is_member(user, membership.organisation) and membership_is_removable(membership)


def has_pending_join_request(user: User | AnonymousUser, organisation: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    return organisation.join_requests.filter(user=user, status__in=OPEN_JOIN_REQUESTS).exists()


def can_request_to_join(user: User | AnonymousUser, organisation: Organisation) -> bool:
    return (
        user.is_authenticated
        and not is_member(user, organisation)
        and not has_pending_join_request(user, organisation)
    )


def join_request_is_open(join_request: JoinRequest) -> bool:
    return join_request.status in OPEN_JOIN_REQUESTS


def can_decide_join_request(user: User | AnonymousUser, join_request: JoinRequest) -> bool:
    """The organisation's representatives accept or decline a request that is not answered."""
    return join_request_is_open(join_request) and is_member(user, join_request.organisation)


# --- documents and commitments ----------------------------------------------------------------


def can_manage_documents(user: User | AnonymousUser, organisation: Organisation) -> bool:
    return is_member(user, organisation)


def can_delete_document(user: User | AnonymousUser, document: OrganisationDocument) -> bool:
    return is_member(user, document.organisation)


def can_manage_commitments(user: User | AnonymousUser, organisation: Organisation) -> bool:
    return is_member(user, organisation)


def can_edit_commitment(user: User | AnonymousUser, commitment: Commitment) -> bool:
    """Change or delete a commitment (and its reports with it)."""
    return is_member(user, commitment.organisation)


def progress_reportable(commitment: Commitment, year: int) -> bool:
    """A year is reported on once it has begun, from the commitment's start year on."""
    return max(commitment.start_year, FIRST_YEAR) <= year <= this_year()


def can_report_progress(user: User | AnonymousUser, commitment: Commitment, year: int) -> bool:
    return progress_reportable(commitment, year) and is_member(user, commitment.organisation)


# --- signatures -------------------------------------------------------------------------------


def can_decide_signatures(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, approve or reject signatures and
    see what is not yet approved."""
    return uses_powers(user)


def organisation_may_sign(organisation: Organisation) -> bool:
    """No pending or approved signature of the current version yet."""
    return signature_active(organisation=organisation) is None


def can_sign(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """A representative signs the current version for the organisation, once."""
    return is_member(user, organisation) and organisation_may_sign(organisation)


def can_view_signature(user: User | AnonymousUser, signature: Signature) -> bool:
    if signature.status in PUBLIC_SIGNATURES:
        return True
    return can_decide_signatures(user) or is_member(user, signature.organisation)


def signature_is_decidable(signature: Signature) -> bool:
    return signature.status in DECIDABLE_SIGNATURES


def can_decide_signature(user: User | AnonymousUser, signature: Signature) -> bool:
    """Approve or reject a pending signature; never one's own organisation's."""
    return (
        signature_is_decidable(signature)
        and can_decide_signatures(user)
        and not is_member(user, signature.organisation)
    )


def signature_is_withdrawable(signature: Signature) -> bool:
    return signature.status in WITHDRAWABLE_SIGNATURES


def can_withdraw_signature(user: User | AnonymousUser, signature: Signature) -> bool:
    return signature_is_withdrawable(signature) and is_member(user, signature.organisation)


def signature_is_certified(signature: Signature) -> bool:
    """Approved: it has a certificate."""
    return signature.status in CERTIFIED_SIGNATURES


def can_download_certificate(user: User | AnonymousUser, signature: Signature) -> bool:
    return signature_is_certified(signature) and is_member(user, signature.organisation)


def can_read_board_decision(user: User | AnonymousUser, signature: Signature) -> bool:
    """The attached board decision: the organisation's representatives and the working group."""
    return is_member(user, signature.organisation) or can_decide_signatures(user)


# --- revision proposals ----------------------------------------------------------------------


def can_review_proposals(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, check and answer proposals and
    moderate their comments."""
    return uses_powers(user)


def is_signatory(organisation: Organisation) -> bool:
    return organisation.signatures.filter(status__in=PUBLIC_SIGNATURES).exists()


def is_signatory_representative(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return signatory_organisations_of(user=user).exists()


def can_propose(user: User | AnonymousUser) -> bool:
    """A representative of a signatory organisation, or the working group, proposes changes."""
    return can_review_proposals(user) or is_signatory_representative(user)


def can_propose_for(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """A proposal in an organisation's name: it has signed, and the user represents it."""
    return is_member(user, organisation) and is_signatory(organisation)


def can_view_proposal(user: User | AnonymousUser, proposal: RevisionProposal) -> bool:
    """Public once checked; before that (or hidden) only for its authors and the working group."""
    if proposal.status == ProposalStatus.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if proposal.proposed_by_id == user.pk:
        return True
    if proposal.organisation is not None and is_member(user, proposal.organisation):
        return True
    return can_review_proposals(user)


def proposal_is_open(proposal: RevisionProposal) -> bool:
    """Public and not answered for good: it can still be supported and commented on."""
    return proposal.status == ProposalStatus.PUBLIC and proposal.answer not in SETTLED_ANSWERS


def can_support_proposal(
    user: User | AnonymousUser, proposal: RevisionProposal, organisation: Organisation
) -> bool:
    """Another signatory organisation backs a public proposal that is still open."""
    return (
        proposal_is_open(proposal)
        and proposal.organisation_id != organisation.pk
        and is_member(user, organisation)
        and is_signatory(organisation)
    )


def can_comment_proposal(user: User | AnonymousUser, proposal: RevisionProposal) -> bool:
    """Representatives of signatories and the working group comment on an open proposal."""
    return proposal_is_open(proposal) and can_propose(user)


def can_check_proposal(user: User | AnonymousUser, proposal: RevisionProposal) -> bool:
    """The working group publishes (or hides) a proposal in any state."""
    return can_review_proposals(user)


def proposal_is_hideable(proposal: RevisionProposal) -> bool:
    """An answered proposal is part of the record and stays visible."""
    return not proposal.answer


def can_hide_proposal(user: User | AnonymousUser, proposal: RevisionProposal) -> bool:
    return proposal_is_hideable(proposal) and can_review_proposals(user)


def proposal_is_answerable(proposal: RevisionProposal) -> bool:
    """Only a checked (public) proposal is answered; a taken-in one is part of a version."""
    return proposal.status == ProposalStatus.PUBLIC and proposal.included_in_id is None


def can_answer_proposal(user: User | AnonymousUser, proposal: RevisionProposal) -> bool:
    return can_review_proposals(user) and proposal_is_answerable(proposal)


def can_moderate_comment(user: User | AnonymousUser, comment: ProposalComment) -> bool:
    """The working group hides a comment (or shows it again), whatever the proposal's state."""
    return can_review_proposals(user)

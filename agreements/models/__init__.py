from agreements.models.agreement import (
    Action,
    AgreementVersion,
    Goal,
    Principle,
    Responsibility,
    Section,
    WorkingGroupMember,
)
from agreements.models.commitments import Commitment, OrganisationDocument, ProgressReport
from agreements.models.organisations import (
    ActivityArea,
    JoinRequest,
    Membership,
    MembershipInvitation,
    Municipality,
    Organisation,
)
from agreements.models.proposals import ProposalComment, ProposalSupport, RevisionProposal
from agreements.models.signatures import Signature

__all__ = [
    "Action",
    "ActivityArea",
    "AgreementVersion",
    "Commitment",
    "Goal",
    "JoinRequest",
    "Membership",
    "MembershipInvitation",
    "Municipality",
    "Organisation",
    "OrganisationDocument",
    "Principle",
    "ProgressReport",
    "ProposalComment",
    "ProposalSupport",
    "Responsibility",
    "RevisionProposal",
    "Section",
    "Signature",
    "WorkingGroupMember",
]

"""agreements.rules as a role × state matrix, written out: who may do what in each state.

Roles (tests/agreements/conftest.py): "representative" represents `organisation`, the object's
organisation; "other_member" represents `other_organisation`; "outsider" is signed in and
represents none; the working group and admins come without and with two-factor login.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from agreements import rules
from agreements.models import (
    AgreementVersion,
    JoinRequest,
    Organisation,
    ProposalComment,
    RevisionProposal,
    Signature,
)
from hok.models import User
from tests.agreements.conftest import ROLES
from tests.factories import (
    CommitmentFactory,
    JoinRequestFactory,
    MembershipFactory,
    MembershipInvitationFactory,
    OrganisationDocumentFactory,
    RevisionProposalFactory,
    SignatureFactory,
    UserFactory,
    WorkingGroupUserFactory,
)

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
REP = {"representative"}
POWERS = {"working_group_mfa", "admin_mfa"}
SIGNATORIES = {"representative", "other_member"}  # both organisations have signed (proposals)
NOBODY: set[str] = set()

THIS_YEAR = timezone.localdate().year


def _allowed(person_for: Callable[[str], User | None], check: Callable[[Any], bool]) -> set[str]:
    allowed = set()
    for role in ROLES:
        person = person_for(role)
        if check(person if person is not None else AnonymousUser()):
            allowed.add(role)
    return allowed


# --- organisations, memberships, documents, commitments (no states of their own) ------------

ORGANISATION_RULES: dict[str, set[str]] = {
    "can_manage_organisation": REP,
    "can_preview_organisation": REP | POWERS,
    "can_invite_members": REP,
    "can_manage_documents": REP,
    "can_manage_commitments": REP,
    "can_request_to_join": SIGNED_IN - REP,
}


@pytest.mark.parametrize("rule_name", sorted(ORGANISATION_RULES))
def test_organisation_rules(rule_name: str, organisation: Organisation, person_for) -> None:
    rule = getattr(rules, rule_name)
    allowed = _allowed(person_for, lambda user: rule(user, organisation))
    assert allowed == ORGANISATION_RULES[rule_name]


# whether the organisation is a public signatory -> who sees its page
ORGANISATION_PAGE: dict[str, set[str]] = {
    "public": EVERYONE,
    "not public": REP | POWERS,
}


@pytest.mark.parametrize("state", sorted(ORGANISATION_PAGE))
def test_organisation_page(state: str, organisation: Organisation, person_for) -> None:
    is_public = state == "public"
    allowed = _allowed(
        person_for,
        lambda user: rules.can_view_organisation_page(user, organisation, is_public=is_public),
    )
    assert allowed == ORGANISATION_PAGE[state]


def test_a_pending_request_is_not_asked_again(organisation: Organisation) -> None:
    asker = UserFactory()
    assert rules.can_request_to_join(asker, organisation)
    JoinRequestFactory(organisation=organisation, user=asker)
    assert not rules.can_request_to_join(asker, organisation)


# members of the organisation besides the representative -> who may remove the representative
REMOVE_MEMBER: dict[str, set[str]] = {
    "last representative": NOBODY,
    "one of two": REP,
}


@pytest.mark.parametrize("state", sorted(REMOVE_MEMBER))
def test_remove_member(state: str, organisation: Organisation, representative, person_for) -> None:
    if state == "one of two":
        MembershipFactory(organisation=organisation)
    membership = organisation.memberships.get(user=representative)
    allowed = _allowed(person_for, lambda user: rules.can_remove_member(user, membership))
    assert allowed == REMOVE_MEMBER[state]


JOIN_REQUEST: dict[str, set[str]] = {
    JoinRequest.Status.PENDING: REP,
    JoinRequest.Status.ACCEPTED: NOBODY,
    JoinRequest.Status.DECLINED: NOBODY,
}


@pytest.mark.parametrize("status", list(JoinRequest.Status))
def test_decide_join_request(status: str, organisation: Organisation, person_for) -> None:
    join_request = JoinRequestFactory(organisation=organisation, status=status)
    allowed = _allowed(person_for, lambda user: rules.can_decide_join_request(user, join_request))
    assert allowed == JOIN_REQUEST[status]


@pytest.mark.usefixtures("media_root")
def test_delete_document(organisation: Organisation, person_for) -> None:
    document = OrganisationDocumentFactory(organisation=organisation)
    assert _allowed(person_for, lambda user: rules.can_delete_document(user, document)) == REP


def test_edit_commitment(seed: AgreementVersion, organisation: Organisation, person_for) -> None:
    commitment = CommitmentFactory(organisation=organisation)
    assert _allowed(person_for, lambda user: rules.can_edit_commitment(user, commitment)) == REP


# a commitment that started two years ago: the year reported on -> who may report
REPORT_YEAR: dict[str, set[str]] = {
    "before the start": NOBODY,
    "the start year": REP,
    "this year": REP,
    "next year": NOBODY,
}
YEARS = {
    "before the start": THIS_YEAR - 3,
    "the start year": THIS_YEAR - 2,
    "this year": THIS_YEAR,
    "next year": THIS_YEAR + 1,
}


@pytest.mark.parametrize("state", sorted(REPORT_YEAR))
def test_report_progress(
    state: str, seed: AgreementVersion, organisation: Organisation, person_for
) -> None:
    commitment = CommitmentFactory(organisation=organisation, start_year=THIS_YEAR - 2)
    year = YEARS[state]
    allowed = _allowed(person_for, lambda user: rules.can_report_progress(user, commitment, year))
    assert allowed == REPORT_YEAR[state]


def test_reports_begin_with_the_agreement(seed: AgreementVersion) -> None:
    commitment = CommitmentFactory(start_year=2015)
    assert not rules.progress_reportable(commitment, 2018)
    assert rules.progress_reportable(commitment, 2019)


# --- signatures --------------------------------------------------------------------------------

S = Signature.Status

# the organisation's signature of the current version -> who may sign
SIGN: dict[str, set[str]] = {
    "none": REP,
    S.PENDING: NOBODY,
    S.APPROVED: NOBODY,
    S.REJECTED: REP,
    S.WITHDRAWN: REP,
}


@pytest.mark.parametrize("state", list(SIGN))
def test_sign(state: str, seed: AgreementVersion, organisation: Organisation, person_for) -> None:
    if state != "none":
        SignatureFactory(organisation=organisation, status=state)
    allowed = _allowed(person_for, lambda user: rules.can_sign(user, organisation))
    assert allowed == SIGN[state]


# rule -> signature state -> the roles it allows
SIGNATURE_MATRIX: dict[str, dict[str, set[str]]] = {
    "can_view_signature": {
        S.PENDING: REP | POWERS,
        S.APPROVED: EVERYONE,
        S.REJECTED: REP | POWERS,
        S.WITHDRAWN: REP | POWERS,
    },
    "can_decide_signature": {
        S.PENDING: POWERS,
        S.APPROVED: NOBODY,
        S.REJECTED: NOBODY,
        S.WITHDRAWN: NOBODY,
    },
    "can_withdraw_signature": {
        S.PENDING: REP,
        S.APPROVED: REP,
        S.REJECTED: NOBODY,
        S.WITHDRAWN: NOBODY,
    },
    "can_download_certificate": {
        S.PENDING: NOBODY,
        S.APPROVED: REP,
        S.REJECTED: NOBODY,
        S.WITHDRAWN: NOBODY,
    },
    "can_read_board_decision": {
        S.PENDING: REP | POWERS,
        S.APPROVED: REP | POWERS,
        S.REJECTED: REP | POWERS,
        S.WITHDRAWN: REP | POWERS,
    },
}


@pytest.mark.parametrize("rule_name", sorted(SIGNATURE_MATRIX))
@pytest.mark.parametrize("status", list(S))
def test_signature_matrix(
    rule_name: str,
    status: str,
    seed: AgreementVersion,
    organisation: Organisation,
    representative: User,
    person_for,
) -> None:
    signature = SignatureFactory(organisation=organisation, signed_by=representative, status=status)
    rule = getattr(rules, rule_name)
    allowed = _allowed(person_for, lambda user: rule(user, signature))
    assert allowed == SIGNATURE_MATRIX[rule_name][status]


def test_deciders_see_the_queue(person_for) -> None:
    assert _allowed(person_for, rules.can_decide_signatures) == POWERS


def test_nobody_decides_for_their_own_organisation(
    seed: AgreementVersion, organisation: Organisation, give_mfa
) -> None:
    decider = WorkingGroupUserFactory()
    give_mfa(decider)
    signature = SignatureFactory(organisation=organisation)
    assert rules.can_decide_signature(decider, signature)
    MembershipFactory(organisation=organisation, user=decider)
    assert not rules.can_decide_signature(decider, signature)


# --- revision proposals ----------------------------------------------------------------------

P = RevisionProposal.Status
A = RevisionProposal.Answer
PENDING, OPEN, AT_CONFERENCE = "pending", "public, open", "public, to a conference"
INCLUDED, REJECTED, TAKEN_IN, HIDDEN = (
    "public, to be included",
    "public, rejected",
    "taken into a version",
    "hidden",
)
PROPOSAL_STATES: dict[str, dict[str, Any]] = {
    PENDING: {"status": P.PENDING},
    OPEN: {"status": P.PUBLIC},
    AT_CONFERENCE: {"status": P.PUBLIC, "answer": A.CONFERENCE, "answer_conference_id": 1},
    INCLUDED: {"status": P.PUBLIC, "answer": A.INCLUDE},
    REJECTED: {"status": P.PUBLIC, "answer": A.REJECT, "answer_reason": "Nej."},
    TAKEN_IN: {"status": P.PUBLIC, "answer": A.INCLUDE},
    HIDDEN: {"status": P.HIDDEN, "hidden_reason": "Dubblett."},
}

# rule -> proposal state -> the roles it allows (the proposal is the representative's, for
# `organisation`; support is given for `other_organisation`)
PROPOSAL_MATRIX: dict[str, dict[str, set[str]]] = {
    "can_view_proposal": {
        PENDING: REP | POWERS,
        OPEN: EVERYONE,
        AT_CONFERENCE: EVERYONE,
        INCLUDED: EVERYONE,
        REJECTED: EVERYONE,
        TAKEN_IN: EVERYONE,
        HIDDEN: REP | POWERS,
    },
    "can_comment_proposal": {
        PENDING: NOBODY,
        OPEN: SIGNATORIES | POWERS,
        AT_CONFERENCE: SIGNATORIES | POWERS,
        INCLUDED: NOBODY,
        REJECTED: NOBODY,
        TAKEN_IN: NOBODY,
        HIDDEN: NOBODY,
    },
    "can_support_proposal": {
        PENDING: NOBODY,
        OPEN: {"other_member"},
        AT_CONFERENCE: {"other_member"},
        INCLUDED: NOBODY,
        REJECTED: NOBODY,
        TAKEN_IN: NOBODY,
        HIDDEN: NOBODY,
    },
    "can_check_proposal": {
        PENDING: POWERS,
        OPEN: POWERS,
        AT_CONFERENCE: POWERS,
        INCLUDED: POWERS,
        REJECTED: POWERS,
        TAKEN_IN: POWERS,
        HIDDEN: POWERS,
    },
    "can_hide_proposal": {
        PENDING: POWERS,
        OPEN: POWERS,
        AT_CONFERENCE: NOBODY,
        INCLUDED: NOBODY,
        REJECTED: NOBODY,
        TAKEN_IN: NOBODY,
        HIDDEN: POWERS,
    },
    "can_answer_proposal": {
        PENDING: NOBODY,
        OPEN: POWERS,
        AT_CONFERENCE: POWERS,
        INCLUDED: POWERS,
        REJECTED: POWERS,
        TAKEN_IN: NOBODY,
        HIDDEN: NOBODY,
    },
    "can_moderate_comment": {
        PENDING: POWERS,
        OPEN: POWERS,
        AT_CONFERENCE: POWERS,
        INCLUDED: POWERS,
        REJECTED: POWERS,
        TAKEN_IN: POWERS,
        HIDDEN: POWERS,
    },
}


@pytest.fixture
def signatories(
    seed: AgreementVersion,
    organisation: Organisation,
    other_organisation: Organisation,
    representative: User,
    other_representative: User,
) -> None:
    SignatureFactory(organisation=organisation, signed_by=representative, approved=True)
    SignatureFactory(organisation=other_organisation, signed_by=other_representative, approved=True)


def _proposal(state: str, organisation: Organisation, by: User) -> RevisionProposal:
    proposal = RevisionProposalFactory(
        organisation=organisation, proposed_by=by, **PROPOSAL_STATES[state]
    )
    if state == TAKEN_IN:
        proposal.included_in = AgreementVersion.objects.get(is_current=True)
        proposal.save(update_fields=["included_in"])
    return proposal


def _check(rule_name: str, proposal: RevisionProposal, other: Organisation) -> Callable:
    rule = getattr(rules, rule_name)
    if rule_name == "can_support_proposal":
        return lambda user: rule(user, proposal, other)
    if rule_name == "can_moderate_comment":
        comment = ProposalComment.objects.create(
            proposal=proposal, author=UserFactory(), text="En kommentar."
        )
        return lambda user: rule(user, comment)
    return lambda user: rule(user, proposal)


@pytest.mark.usefixtures("signatories")
@pytest.mark.parametrize("rule_name", sorted(PROPOSAL_MATRIX))
@pytest.mark.parametrize("state", list(PROPOSAL_STATES))
def test_proposal_matrix(
    rule_name: str,
    state: str,
    organisation: Organisation,
    other_organisation: Organisation,
    representative: User,
    person_for,
) -> None:
    proposal = _proposal(state, organisation, representative)
    allowed = _allowed(person_for, _check(rule_name, proposal, other_organisation))
    assert allowed == PROPOSAL_MATRIX[rule_name][state]


@pytest.mark.usefixtures("signatories")
def test_who_proposes(organisation: Organisation, person_for) -> None:
    assert _allowed(person_for, rules.can_propose) == SIGNATORIES | POWERS
    assert _allowed(person_for, lambda u: rules.can_propose_for(u, organisation)) == REP


def test_an_unsigned_organisation_neither_proposes_nor_supports(
    seed: AgreementVersion, organisation: Organisation, representative: User
) -> None:
    proposal = RevisionProposalFactory()
    assert not rules.can_propose(representative)
    assert not rules.can_propose_for(representative, organisation)
    assert not rules.can_support_proposal(representative, proposal, organisation)
    SignatureFactory(organisation=organisation, approved=True)
    assert rules.can_support_proposal(representative, proposal, organisation)


@pytest.mark.usefixtures("signatories")
def test_an_organisation_does_not_support_its_own_proposal(
    organisation: Organisation, representative: User
) -> None:
    proposal = RevisionProposalFactory(organisation=organisation)
    assert not rules.can_support_proposal(representative, proposal, organisation)


def test_an_author_without_organisation_reads_their_pending_proposal(
    seed: AgreementVersion,
) -> None:
    author = WorkingGroupUserFactory()  # without two-factor login: no powers
    proposal = RevisionProposalFactory(
        status=P.PENDING,
        source=RevisionProposal.Source.WORKING_GROUP,
        organisation=None,
        proposed_by=author,
    )
    assert rules.can_view_proposal(author, proposal)
    assert not rules.can_view_proposal(UserFactory(), proposal)


def test_an_invitation_is_for_its_address(organisation: Organisation) -> None:
    owner = UserFactory(email="kollega@exempel.se")
    invitation = MembershipInvitationFactory(organisation=organisation, email=owner.email)
    assert rules.can_accept_invitation(owner, invitation)
    assert not rules.can_accept_invitation(UserFactory(), invitation)
    assert not rules.can_accept_invitation(AnonymousUser(), invitation)


@pytest.mark.parametrize(
    ("status", "certified"),
    [("pending", False), ("approved", True), ("rejected", False), ("withdrawn", False)],
)
def test_only_an_approved_signature_has_a_certificate(status: str, certified: bool) -> None:
    assert rules.signature_is_certified(Signature(status=status)) is certified

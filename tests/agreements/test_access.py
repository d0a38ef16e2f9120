"""agreements.access: each loader gives 404 for what is missing (or another organisation's),
refuses (403) whom its rule refuses, and hands back the object to whom it allows."""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from agreements import access
from agreements.models import AgreementVersion, Organisation, ProposalComment, RevisionProposal
from hok.models import User
from tests.factories import (
    CommitmentFactory,
    JoinRequestFactory,
    OrganisationDocumentFactory,
    RevisionProposalFactory,
    SignatureFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MISSING = 999_999


class TestAgreement:
    """Public objects: missing is 404, there is no one to refuse."""

    def test_agreement_version(self, seed: AgreementVersion) -> None:
        assert access.agreement_version().version == seed
        assert access.agreement_version(seed.number).version == seed
        with pytest.raises(Http404):
            access.agreement_version(99)

    def test_current_version(self, db: None) -> None:
        with pytest.raises(Http404):
            access.current_version()

    def test_current_principle(self, seed: AgreementVersion) -> None:
        principle = seed.principles.order_by("number").first()
        assert principle is not None
        assert access.current_version() == seed
        assert access.current_principle(principle.slug) == principle
        with pytest.raises(Http404):
            access.current_principle("finns-inte")


class TestOrganisations:
    def test_by_slug(self, organisation: Organisation) -> None:
        assert access.organisation_by_slug(organisation.slug) == organisation
        with pytest.raises(Http404):
            access.organisation_by_slug("finns-inte")

    def test_for_representative(
        self, organisation: Organisation, representative: User, other_representative: User
    ) -> None:
        assert access.organisation_for_representative(representative, organisation.slug) == (
            organisation
        )
        with pytest.raises(PermissionDenied):
            access.organisation_for_representative(other_representative, organisation.slug)
        with pytest.raises(Http404):
            access.organisation_for_representative(representative, "finns-inte")


class TestChildren:
    """A child is loaded through its checked parent: another organisation's id is missing."""

    def test_membership_of(
        self, organisation: Organisation, other_organisation: Organisation, representative: User
    ) -> None:
        membership = organisation.memberships.get(user=representative)
        assert access.membership_of(organisation, membership.pk) == membership
        with pytest.raises(Http404):
            access.membership_of(other_organisation, membership.pk)
        with pytest.raises(Http404):
            access.membership_of(organisation, MISSING)

    def test_join_request_of(
        self, organisation: Organisation, other_organisation: Organisation
    ) -> None:
        join_request = JoinRequestFactory(organisation=organisation)
        assert access.join_request_of(organisation, join_request.pk) == join_request
        with pytest.raises(Http404):
            access.join_request_of(other_organisation, join_request.pk)
        with pytest.raises(Http404):
            access.join_request_of(organisation, MISSING)

    @pytest.mark.usefixtures("media_root")
    def test_document_of(
        self, organisation: Organisation, other_organisation: Organisation
    ) -> None:
        document = OrganisationDocumentFactory(organisation=organisation)
        assert access.document_of(organisation, document.pk) == document
        with pytest.raises(Http404):
            access.document_of(other_organisation, document.pk)
        with pytest.raises(Http404):
            access.document_of(organisation, MISSING)

    def test_commitment_of(
        self, seed: AgreementVersion, organisation: Organisation, other_organisation: Organisation
    ) -> None:
        commitment = CommitmentFactory(organisation=organisation)
        assert access.commitment_of(organisation, commitment.pk) == commitment
        with pytest.raises(Http404):
            access.commitment_of(other_organisation, commitment.pk)
        with pytest.raises(Http404):
            access.commitment_of(organisation, MISSING)


class TestSignatures:
    def test_active_signature_of(
        self, seed: AgreementVersion, organisation: Organisation, other_organisation: Organisation
    ) -> None:
        pending = SignatureFactory(organisation=organisation)
        assert access.active_signature_of(organisation, pending.pk) == pending
        withdrawn = SignatureFactory(organisation=organisation, withdrawn=True)
        for org, pk in ((organisation, withdrawn.pk), (other_organisation, pending.pk)):
            with pytest.raises(Http404):
                access.active_signature_of(org, pk)

    def test_approved_signature_of(
        self, seed: AgreementVersion, organisation: Organisation
    ) -> None:
        approved = SignatureFactory(organisation=organisation, approved=True)
        assert access.approved_signature_of(organisation, approved.pk) == approved
        rejected = SignatureFactory(organisation=organisation, rejected=True)
        for pk in (rejected.pk, MISSING):
            with pytest.raises(Http404):
                access.approved_signature_of(organisation, pk)

    def test_for_decider(
        self,
        seed: AgreementVersion,
        organisation: Organisation,
        person_for: Callable[[str], User | None],
    ) -> None:
        signature = SignatureFactory(organisation=organisation)
        decider = person_for("working_group_mfa")
        assert decider is not None
        assert access.signature_for_decider(decider, signature.pk) == signature
        with pytest.raises(PermissionDenied):
            access.signature_for_decider(UserFactory(), signature.pk)
        with pytest.raises(Http404):
            access.signature_for_decider(decider, MISSING)

    def test_with_board_decision(self, seed: AgreementVersion, organisation: Organisation) -> None:
        signature = SignatureFactory(organisation=organisation)
        assert access.signature_with_board_decision(signature.pk) == signature
        with pytest.raises(Http404):
            access.signature_with_board_decision(MISSING)


class TestProposals:
    def test_for_viewer(self, seed: AgreementVersion, representative: User) -> None:
        pending = RevisionProposalFactory(
            status=RevisionProposal.Status.PENDING, proposed_by=representative
        )
        assert access.proposal_for_viewer(representative, pending.pk) == pending
        # One the person may not read is as missing as one that is not there.
        with pytest.raises(Http404):
            access.proposal_for_viewer(UserFactory(), pending.pk)
        with pytest.raises(Http404):
            access.proposal_for_viewer(representative, MISSING)

    def test_for_reviewer(self, seed: AgreementVersion, person_for) -> None:
        proposal = RevisionProposalFactory(status=RevisionProposal.Status.PENDING)
        reviewer = person_for("working_group_mfa")
        assert access.proposal_for_reviewer(reviewer, proposal.pk) == proposal
        with pytest.raises(PermissionDenied):
            access.proposal_for_reviewer(person_for("working_group"), proposal.pk)
        with pytest.raises(Http404):
            access.proposal_for_reviewer(reviewer, MISSING)

    def test_comment_for_moderator(self, seed: AgreementVersion, person_for) -> None:
        comment = ProposalComment.objects.create(
            proposal=RevisionProposalFactory(), author=UserFactory(), text="Bra förslag."
        )
        moderator = person_for("admin_mfa")
        assert access.comment_for_moderator(moderator, comment.pk) == comment
        with pytest.raises(PermissionDenied):
            access.comment_for_moderator(person_for("outsider"), comment.pk)
        with pytest.raises(Http404):
            access.comment_for_moderator(moderator, MISSING)

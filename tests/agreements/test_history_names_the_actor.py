"""Every agreements write service with history names its `by` user on the newest history row.

The services are called directly, outside any request, so simple-history's request
middleware cannot supply the user: only the service can.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agreements.conferences import ConferenceRef
from agreements.models import (
    AgreementVersion,
    Commitment,
    Organisation,
    OrganisationDocument,
    ProgressReport,
    RevisionProposal,
    Signature,
)
from agreements.services import (
    commitments,
    documents,
    organisations,
    proposals,
    signatures,
    version_adopt,
    version_copy,
)
from hok.models import User
from tests.factories import (
    CommitmentFactory,
    RevisionProposalFactory,
    SignatureFactory,
    UserFactory,
    WorkingGroupUserFactory,
)
from tests.uploads import pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

THIS_YEAR = timezone.localdate().year


def _newest_user(history_manager) -> User | None:
    return history_manager.order_by("-history_date", "-history_id").first().history_user


@pytest.fixture
def commitment(seed: AgreementVersion, organisation: Organisation) -> Commitment:
    return CommitmentFactory(
        organisation=organisation, principle=seed.principles.order_by("number").first()
    )


class TestCommitments:
    def test_create(self, seed: AgreementVersion, organisation, representative) -> None:
        commitment = commitments.commitment_create(
            organisation=organisation,
            by=representative,
            principle=seed.principles.order_by("number").first(),
            action=None,
            title="Dialogträff",
            description="Varje höst.",
            start_year=THIS_YEAR,
        )
        assert _newest_user(commitment.history) == representative

    def test_update(self, commitment: Commitment) -> None:
        editor = UserFactory()
        commitments.commitment_update(
            commitment=commitment,
            by=editor,
            principle=commitment.principle,
            action=None,
            title="Ny rubrik",
            description="Ny beskrivning",
            start_year=THIS_YEAR,
        )
        assert _newest_user(commitment.history) == editor

    def test_delete(self, commitment: Commitment) -> None:
        remover, pk = UserFactory(), commitment.pk
        commitments.commitment_delete(commitment=commitment, by=remover)
        assert _newest_user(Commitment.history.filter(id=pk)) == remover

    def test_progress_report(self, commitment: Commitment) -> None:
        reporter = UserFactory()
        report = commitments.progress_report(
            commitment=commitment,
            by=reporter,
            year=THIS_YEAR,
            status=ProgressReport.Status.values[0],
            text="På gång.",
        )
        assert _newest_user(report.history) == reporter


class TestDocuments:
    def _upload(self, organisation: Organisation, by: User) -> OrganisationDocument:
        return documents.document_upload(
            organisation=organisation,
            by=by,
            kind=OrganisationDocument.Kind.ANNUAL_REPORT,
            title="Årsredovisning",
            year=THIS_YEAR - 1,
            upload=SimpleUploadedFile("a.pdf", pdf_bytes(), content_type="application/pdf"),
        )

    def test_upload(self, organisation, representative) -> None:
        document = self._upload(organisation, representative)
        assert _newest_user(document.history) == representative

    def test_delete(self, organisation, representative) -> None:
        document = self._upload(organisation, representative)
        remover, pk = UserFactory(), document.pk
        documents.document_delete(document=document, by=remover)
        assert _newest_user(OrganisationDocument.history.filter(id=pk)) == remover


class TestOrganisations:
    def test_register(self, db: None) -> None:
        founder = UserFactory()
        organisation = organisations.organisation_register(
            by=founder,
            name="Föreningen Havsörnen",
            org_number="556036-0793",
            party_side=Organisation.PartySide.CIVIL_SOCIETY,
            form=Organisation.Form.FORENING,
            municipalities=[],
            areas=[],
        )
        assert _newest_user(organisation.history) == founder

    def test_update(self, organisation: Organisation) -> None:
        editor = UserFactory()
        organisations.organisation_update(
            organisation=organisation,
            by=editor,
            name="Föreningen Nytt Namn",
            party_side=organisation.party_side,
            form=organisation.form,
            municipalities=[],
            areas=[],
            website="",
            contact_email="",
            description="",
        )
        assert _newest_user(organisation.history) == editor


class TestSignatures:
    def test_submit_approve_withdraw(self, seed, organisation, representative) -> None:
        signature = signatures.signature_submit(
            organisation=organisation,
            by=representative,
            signer_name="Rut Företrädare",
            capacity=Signature.Capacity.AUTHORISED_SIGNATORY,
        )
        assert _newest_user(signature.history) == representative
        decider = UserFactory()
        signatures.signature_approve(signature=signature, by=decider)
        assert _newest_user(signature.history) == decider
        withdrawer = UserFactory()
        signatures.signature_withdraw(signature=signature, by=withdrawer)
        assert _newest_user(signature.history) == withdrawer

    def test_reject(self, seed, organisation, representative) -> None:
        signature = SignatureFactory(organisation=organisation, signed_by=representative)
        decider = UserFactory()
        signatures.signature_reject(signature=signature, by=decider, reason="Fel person.")
        assert _newest_user(signature.history) == decider


class TestProposals:
    def test_submit_publish_answer(self, seed, organisation, representative, give_mfa) -> None:
        SignatureFactory(organisation=organisation, signed_by=representative, approved=True)
        proposal = proposals.proposal_submit(
            by=representative,
            organisation=organisation,
            part_key="action:1:1",
            proposed_text="Parterna träffas varje kvartal.",
            reason="Oftare är bättre.",
        )
        assert _newest_user(proposal.history) == representative
        reviewer = WorkingGroupUserFactory()
        give_mfa(reviewer)
        for step in (
            lambda: proposals.proposal_publish(proposal=proposal, by=reviewer),
            lambda: proposals.proposal_answer(proposal=proposal, by=reviewer, answer="include"),
        ):
            step()
            assert _newest_user(RevisionProposal.history.filter(id=proposal.pk)) == reviewer

    def test_hide(self, seed, give_mfa) -> None:
        proposal = RevisionProposalFactory(status=RevisionProposal.Status.PENDING)
        reviewer = WorkingGroupUserFactory()
        give_mfa(reviewer)
        proposals.proposal_hide(proposal=proposal, by=reviewer, reason="Dubblett.")
        assert _newest_user(RevisionProposal.history.filter(id=proposal.pk)) == reviewer

    def test_from_note(self, seed, give_mfa) -> None:
        reviewer = WorkingGroupUserFactory()
        give_mfa(reviewer)
        proposal = proposals.proposal_from_note(
            by=reviewer,
            note_id=3,
            conference=ConferenceRef(
                id=5, name="Vårkonferensen", date=datetime.date(2026, 4, 1), url="/k/5/"
            ),
            part_key="new-goal",
            proposed_text="Fler unga deltar i föreningslivet.",
            reason="Från bord 2.",
        )
        assert _newest_user(proposal.history) == reviewer

    def test_taken_into_a_new_version(self, seed) -> None:
        """Adoption links every included proposal to the version with one history row each,
        naming the admin who adopted it (a bulk update would write none)."""
        included = [RevisionProposalFactory(answer="include") for _ in range(2)]
        open_one = RevisionProposalFactory()
        admin = UserFactory(is_staff=True)
        draft = version_copy(source=seed)
        version_adopt(version=draft, adopted_on=None, by=admin)
        for proposal in included:
            newest = (
                RevisionProposal.history.filter(id=proposal.pk)
                .order_by("-history_date", "-history_id")
                .first()
            )
            assert newest is not None
            assert newest.history_user == admin
            assert newest.included_in_id == draft.pk
            assert newest.history_change_reason == f"taken into version {draft.number}"
        assert RevisionProposal.history.filter(id=open_one.pk).count() == 1

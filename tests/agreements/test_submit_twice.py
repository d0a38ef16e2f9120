"""Every create form of the agreements app, sent twice with the same submission key, creates
one thing, and the repeat lands where the first went (hok/submissions.py)."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agreements.models import (
    Commitment,
    JoinRequest,
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
from tests.conftest import client_for
from tests.factories import (
    CommitmentFactory,
    OrganisationFactory,
    RevisionProposalFactory,
    SignatureFactory,
    UserFactory,
)
from tests.submissions import submit_twice
from tests.uploads import MINIMAL_PDF

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def rep_client(representative: User) -> Client:
    client = Client()
    client.force_login(representative)
    return client


def test_organisation_registration(user_client: Client) -> None:
    url = reverse("agreements:organisation_register")
    data = {
        "name": "Föreningen Havsörnen",
        "org_number": "556036 0793",
        "party_side": "civil_society",
        "form": "forening",
        "website": "havsornen.se",
        "contact_email": "info@havsornen.se",
        "description": "Vi ordnar simskola för barn.",
    }
    first, _second = submit_twice(
        user_client, page=url, data=data, count=Organisation.objects.count
    )
    organisation = Organisation.objects.get()
    assert first["Location"] == reverse(
        "agreements:organisation_dashboard", args=[organisation.slug]
    )


def test_join_request(organisation: Organisation, user_client: Client) -> None:
    url = reverse("agreements:organisation_join", args=[organisation.slug])
    submit_twice(
        user_client,
        page=url,
        data={"message": "Jag är ny kassör."},
        count=JoinRequest.objects.count,
    )


def test_organisation_invitation(organisation: Organisation, rep_client: Client) -> None:
    url = reverse("agreements:organisation_members", args=[organisation.slug])
    submit_twice(
        rep_client,
        page=url,
        data={"email": "ny@example.org"},
        count=MembershipInvitation.objects.count,
    )


def test_signing(seed, organisation: Organisation, rep_client: Client) -> None:
    url = reverse("agreements:signature_sign", args=[organisation.slug])
    data = {
        "signer_name": "Rut Maria Företrädare",
        "capacity": Signature.Capacity.AUTHORISED_SIGNATORY,
        "confirm": "on",
    }
    submit_twice(rep_client, page=url, data=data, count=Signature.objects.count)


def test_commitment(seed, organisation: Organisation, rep_client: Client) -> None:
    url = reverse("agreements:commitment_create", args=[organisation.slug])
    principle = seed.principles.order_by("number").first()
    data = {
        "principle": principle.pk,
        "action": "",
        "title": "Öppna styrelsemöten",
        "description": "Vi bjuder in medlemmar och regionen till styrelsens möten.",
        "start_year": THIS_YEAR,
    }
    submit_twice(rep_client, page=url, data=data, count=Commitment.objects.count)


def test_progress_report(seed, organisation: Organisation, rep_client: Client) -> None:
    commitment = CommitmentFactory(
        organisation=organisation,
        principle=seed.principles.order_by("number").first(),
        start_year=THIS_YEAR - 1,
    )
    url = reverse("agreements:progress_report", args=[organisation.slug, commitment.pk, THIS_YEAR])
    data = {"status": "ongoing", "text": "Två möten hölls i våras."}
    submit_twice(rep_client, page=url, data=data, count=ProgressReport.objects.count)


def test_document_upload(
    organisation: Organisation, rep_client: Client, media_root, settings
) -> None:
    url = reverse("agreements:document_list", args=[organisation.slug])

    def data() -> dict[str, object]:
        return {
            "kind": "annual_report",
            "title": "Årsredovisning 2024",
            "year": "2024",
            "file": SimpleUploadedFile(
                "arsredovisning.pdf", MINIMAL_PDF, content_type="application/pdf"
            ),
        }

    submit_twice(rep_client, page=url, data=data, count=OrganisationDocument.objects.count)


def test_another_persons_key_is_not_honoured(seed, organisation: Organisation) -> None:
    """A key taken from someone else's form is a fresh submission for the person sending it."""
    first_person, second_person = UserFactory(), UserFactory()
    url = reverse("agreements:organisation_join", args=[organisation.slug])
    first_client, second_client = Client(), Client()
    first_client.force_login(first_person)
    second_client.force_login(second_person)
    key = "0f7b9a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b"
    first_client.post(url, {"message": "Hej", "submission_key": key})
    response = second_client.post(url, {"message": "Hej", "submission_key": key})
    assert response.status_code == 302
    assert set(JoinRequest.objects.values_list("user", flat=True)) == {
        first_person.pk,
        second_person.pk,
    }


def test_a_key_belongs_to_one_form_address(seed, rep_client: Client) -> None:
    """The same key sent to another form's address is a fresh submission there."""
    data = {"message": "Hej", "submission_key": "1f7b9a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b"}
    for organisation in (OrganisationFactory(), OrganisationFactory()):
        rep_client.post(reverse("agreements:organisation_join", args=[organisation.slug]), data)
    assert JoinRequest.objects.count() == 2


# --- revision proposals -------------------------------------------------------------------------


@pytest.fixture
def public_proposal(
    seed,
    organisation: Organisation,
    representative: User,
    other_organisation: Organisation,
    other_representative: User,
) -> RevisionProposal:
    """Both organisations have signed; the first one's proposal is public."""
    SignatureFactory(organisation=organisation, signed_by=representative, approved=True)
    SignatureFactory(organisation=other_organisation, signed_by=other_representative, approved=True)
    return RevisionProposalFactory(organisation=organisation, proposed_by=representative)


def test_proposal_create(seed, organisation: Organisation, representative: User) -> None:
    SignatureFactory(organisation=organisation, signed_by=representative, approved=True)
    url = reverse("agreements:proposal_create")
    first, _second = submit_twice(
        client_for(representative),
        page=f"{url}?del=goal:1",
        data={
            "del": "goal:1",
            "organisation": str(organisation.pk),
            "proposed_text": "Ett nytt mål om unga.",
            "reason": "Unga saknas i målen.",
        },
        count=RevisionProposal.objects.count,
    )
    assert first["Location"] == RevisionProposal.objects.get().get_absolute_url()


def test_proposal_comment(
    public_proposal: RevisionProposal,
    other_organisation: Organisation,
    other_representative: User,
) -> None:
    url = reverse("agreements:proposal_comment", args=[public_proposal.pk])
    first, _second = submit_twice(
        client_for(other_representative),
        page=public_proposal.get_absolute_url(),
        action=url,
        data={"organisation": str(other_organisation.pk), "text": "Vi håller med."},
        count=ProposalComment.objects.count,
    )
    assert first["Location"] == f"{public_proposal.get_absolute_url()}#kommentarer"


def test_proposal_support(
    public_proposal: RevisionProposal,
    other_organisation: Organisation,
    other_representative: User,
) -> None:
    url = reverse("agreements:proposal_support", args=[public_proposal.pk])
    first, _second = submit_twice(
        client_for(other_representative),
        page=public_proposal.get_absolute_url(),
        action=url,
        data={"organisation": str(other_organisation.pk)},
        count=ProposalSupport.objects.count,
    )
    assert first["Location"] == public_proposal.get_absolute_url()


def test_a_support_sent_again_with_a_new_key_is_a_clear_400(
    public_proposal: RevisionProposal,
    other_organisation: Organisation,
    other_representative: User,
) -> None:
    """A second page's form (another tab): the database's constraint says no, in Swedish."""
    client = client_for(other_representative)
    url = reverse("agreements:proposal_support", args=[public_proposal.pk])
    data = {"organisation": str(other_organisation.pk)}
    assert client.post(url, {**data, "submission_key": str(uuid.uuid4())}).status_code == 302
    again = client.post(url, {**data, "submission_key": str(uuid.uuid4())})
    assert again.status_code == 400
    assert "stödjer redan förslaget" in again.content.decode()
    assert ProposalSupport.objects.count() == 1

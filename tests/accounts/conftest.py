"""A person who has done a bit of everything the portal stores, and someone else beside them."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from agreements.models import (
    Commitment,
    JoinRequest,
    MembershipInvitation,
    Organisation,
    OrganisationDocument,
    ProgressReport,
    Signature,
)
from dialogues.models import Note
from hok.models import User
from surveys.models import Invitation, Survey
from tests.dialogues.factories import NoteFactory
from tests.factories import (
    AdminUserFactory,
    AgreementVersionFactory,
    CommitmentFactory,
    JoinRequestFactory,
    MembershipFactory,
    MembershipInvitationFactory,
    OrganisationDocumentFactory,
    OrganisationFactory,
    ProgressReportFactory,
    SignatureFactory,
    TotpAuthenticatorFactory,
    UserFactory,
    WorkingGroupUserFactory,
)
from tests.surveys.factories import InvitationFactory, SurveyFactory

TOTP_SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.MEDIA_ROOT


@dataclass
class World:
    """`person` and everything stored about them; `colleague` shares their organisation and
    `stranger` is another person with the same kinds of data, none of it the person's."""

    person: User
    colleague: User
    stranger: User
    decider: User
    organisation: Organisation
    other_organisation: Organisation
    approved: Signature
    rejected: Signature
    stranger_signature: Signature
    commitment: Commitment
    report: ProgressReport
    document: OrganisationDocument
    invitation_sent: MembershipInvitation
    invitation_received: MembershipInvitation
    invitation_to_second_address: MembershipInvitation
    join_request: JoinRequest
    survey: Survey
    survey_invitation: Invitation
    hidden_note: Note
    totp_secret: str


def _history_by(model: type, pk: int, user: User) -> None:
    """As the request middleware would record it: `user` made every change of this row."""
    model.history.filter(id=pk).update(history_user=user)


@pytest.fixture
def world(seed, media_root: Path) -> World:
    person = UserFactory(email="rut@exempel.se", full_name="Rut Företrädare")
    EmailAddress.objects.create(user=person, email="rut.privat@exempel.se", verified=True)
    totp = TotpAuthenticatorFactory(user=person, secret=TOTP_SECRET)
    colleague = UserFactory(full_name="Kalle Kollega")
    stranger = UserFactory(email="olle@exempel.se", full_name="Olle Annan")
    decider = WorkingGroupUserFactory(full_name="Greta Arbetsgrupp")
    AdminUserFactory()  # the portal keeps another administrator whatever happens

    organisation = OrganisationFactory(name="Föreningen Kustlaget", created_by=person)
    MembershipFactory(organisation=organisation, user=person)
    MembershipFactory(organisation=organisation, user=colleague)
    other_organisation = OrganisationFactory(name="Stiftelsen Skogsbrynet")
    MembershipFactory(organisation=other_organisation, user=stranger)

    approved = SignatureFactory(
        organisation=organisation,
        signed_by=person,
        signer_name="Rut Företrädare",
        approved=True,
        decided_by=decider,
    )
    # An earlier attempt (a draft version, not the current one) that the working group rejected.
    rejected = SignatureFactory(
        organisation=organisation,
        signed_by=person,
        signer_name="Rut Företrädare",
        version=AgreementVersionFactory(),
        rejected=True,
        decided_by=decider,
    )
    stranger_signature = SignatureFactory(
        organisation=other_organisation,
        signed_by=stranger,
        signer_name="Olle Annan",
        approved=True,
        decided_by=decider,
    )
    commitment = CommitmentFactory(
        organisation=organisation, created_by=person, title="Dialogträff varje höst"
    )
    report = ProgressReportFactory(
        commitment=commitment, reported_by=person, text="Hållen i oktober."
    )
    document = OrganisationDocumentFactory(
        organisation=organisation, uploaded_by=person, title="Stadgar 2024"
    )
    CommitmentFactory(organisation=other_organisation, created_by=stranger, title="Olles åtagande")
    for model, pk in [
        (Signature, approved.pk),
        (Signature, rejected.pk),
        (Commitment, commitment.pk),
        (ProgressReport, report.pk),
        (OrganisationDocument, document.pk),
    ]:
        _history_by(model, pk, person)

    invitation_sent = MembershipInvitationFactory(
        organisation=organisation, invited_by=person, email="ny.kollega@exempel.se"
    )
    invitation_received = MembershipInvitationFactory(
        organisation=other_organisation, invited_by=stranger, email="RUT@exempel.se"
    )
    invitation_to_second_address = MembershipInvitationFactory(
        organisation=other_organisation, invited_by=stranger, email="rut.privat@exempel.se"
    )
    MembershipInvitationFactory(
        organisation=other_organisation, invited_by=stranger, email="nagon.annan@exempel.se"
    )
    join_request = JoinRequestFactory(
        organisation=other_organisation, user=person, message="Jag är kassör i båda."
    )
    survey = SurveyFactory(title="Uppföljning 2026", created_by=decider)
    survey_invitation = InvitationFactory(survey=survey, email="rut@exempel.se")
    InvitationFactory(survey=survey, email="olle@exempel.se")
    hidden_note = NoteFactory(hidden=True, hidden_reason="Personuppgifter", hidden_by=person)
    LogEntry.objects.create(
        user=decider,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message="[]",
        action_time=timezone.now(),
    )
    return World(
        person=person,
        colleague=colleague,
        stranger=stranger,
        decider=decider,
        organisation=organisation,
        other_organisation=other_organisation,
        approved=approved,
        rejected=rejected,
        stranger_signature=stranger_signature,
        commitment=commitment,
        report=report,
        document=document,
        invitation_sent=invitation_sent,
        invitation_received=invitation_received,
        invitation_to_second_address=invitation_to_second_address,
        join_request=join_request,
        survey=survey,
        survey_invitation=survey_invitation,
        hidden_note=hidden_note,
        totp_secret=totp.data["secret"],
    )

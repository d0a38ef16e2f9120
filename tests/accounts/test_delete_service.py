"""Deleting an account: what goes, what stays as the organisation's record without the
person, the history that no longer names them, and who must hand over first."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalChanges

from accounts.services import account_delete
from agreements.models import (
    Commitment,
    JoinRequest,
    Membership,
    MembershipInvitation,
    OrganisationDocument,
    ProgressReport,
    Signature,
)
from dialogues.models import Note
from hok.models import User
from surveys.models import Invitation
from tests.accounts.conftest import World
from tests.factories import (
    AdminUserFactory,
    MembershipFactory,
    MembershipInvitationFactory,
    OrganisationFactory,
    SignatureFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _history_columns_naming(user_id: int) -> list[tuple[str, str, int]]:
    """Every (historical model, user column, row count) that still holds the account's id."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, HistoricalChanges):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.related_model is User:
                count = model._default_manager.filter(**{field.name: user_id}).count()
                if count:
                    found.append((model.__name__, field.name, count))
    return found


class TestWhatGoes:
    def test_the_account_and_what_is_only_about_the_person(self, world: World) -> None:
        pk = world.person.pk
        assert _history_columns_naming(pk)  # the fixture's history names the person
        account_delete(user=world.person)
        assert not User.objects.filter(pk=pk).exists()
        assert not EmailAddress.objects.filter(user_id=pk).exists()
        assert not Authenticator.objects.filter(user_id=pk).exists()
        assert not Membership.objects.filter(user_id=pk).exists()
        assert not JoinRequest.objects.filter(pk=world.join_request.pk).exists()

    def test_invitations_to_any_of_the_persons_addresses(self, world: World) -> None:
        account_delete(user=world.person)
        assert not MembershipInvitation.objects.filter(
            pk__in=[world.invitation_received.pk, world.invitation_to_second_address.pk]
        ).exists()
        # Someone else's invitation to the same organisation stays.
        assert MembershipInvitation.objects.filter(email="nagon.annan@exempel.se").exists()

    def test_not_what_was_sent_to_an_unverified_address(self, world: World) -> None:
        """Typing someone else's address into one's account and deleting the account must not
        delete the invitations sent to that address."""
        EmailAddress.objects.create(user=world.person, email="chefen@exempel.se", verified=False)
        theirs = MembershipInvitationFactory(
            organisation=world.other_organisation, email="chefen@exempel.se"
        )
        account_delete(user=world.person)
        assert MembershipInvitation.objects.filter(pk=theirs.pk).exists()

    def test_no_history_row_names_the_account(self, world: World) -> None:
        pk = world.person.pk
        account_delete(user=world.person)
        assert _history_columns_naming(pk) == []

    def test_the_admin_log_about_the_account(self, world: World) -> None:
        pk = world.person.pk
        account_delete(user=world.person)
        assert not LogEntry.objects.filter(object_id=str(pk)).exists()
        assert not LogEntry.objects.filter(object_repr__contains="Rut").exists()


class TestWhatStays:
    def test_a_signature_keeps_the_signers_name_capacity_and_date(self, world: World) -> None:
        account_delete(user=world.person)
        signature = Signature.objects.get(pk=world.approved.pk)
        assert signature.signed_by is None
        assert signature.signer_name == "Rut Företrädare"
        assert signature.capacity == Signature.Capacity.AUTHORISED_SIGNATORY
        assert signature.signed_at == world.approved.signed_at
        assert signature.status == Signature.Status.APPROVED
        assert signature.decided_by == world.decider
        history = Signature.history.filter(id=signature.pk)
        assert set(history.values_list("signer_name", flat=True)) == {"Rut Företrädare"}

    def test_a_rejected_signature_loses_the_name_also_in_history(self, world: World) -> None:
        account_delete(user=world.person)
        signature = Signature.objects.get(pk=world.rejected.pk)
        assert signature.signer_name == ""
        assert signature.status == Signature.Status.REJECTED
        assert signature.decision_reason == world.rejected.decision_reason
        history = Signature.history.filter(id=signature.pk)
        assert history.exists()
        assert set(history.values_list("signer_name", flat=True)) == {""}

    def test_commitments_reports_documents_and_sent_invitations(self, world: World) -> None:
        account_delete(user=world.person)
        commitment = Commitment.objects.get(pk=world.commitment.pk)
        assert (commitment.title, commitment.created_by) == ("Dialogträff varje höst", None)
        report = ProgressReport.objects.get(pk=world.report.pk)
        assert (report.text, report.reported_by) == ("Hållen i oktober.", None)
        document = OrganisationDocument.objects.get(pk=world.document.pk)
        assert (document.title, document.uploaded_by) == ("Stadgar 2024", None)
        invitation = MembershipInvitation.objects.get(pk=world.invitation_sent.pk)
        assert invitation.invited_by is None
        assert Commitment.history.filter(id=commitment.pk, history_user=None).exists()

    def test_the_organisation_and_the_colleague_are_untouched(self, world: World) -> None:
        account_delete(user=world.person)
        world.organisation.refresh_from_db()
        assert world.organisation.created_by is None
        assert list(world.organisation.memberships.values_list("user", flat=True)) == [
            world.colleague.pk
        ]

    def test_survey_invitation_and_hidden_note_stay(self, world: World) -> None:
        account_delete(user=world.person)
        assert Invitation.objects.filter(pk=world.survey_invitation.pk).exists()
        note = Note.objects.get(pk=world.hidden_note.pk)
        assert note.hidden is True
        assert note.hidden_by is None

    def test_a_working_group_members_decisions_stay(self, world: World) -> None:
        account_delete(user=world.decider)
        signature = Signature.objects.get(pk=world.approved.pk)
        assert signature.status == Signature.Status.APPROVED
        assert signature.decided_by is None
        assert signature.decided_at == world.approved.decided_at

    def test_nothing_of_the_other_people_changes(self, world: World) -> None:
        account_delete(user=world.person)
        world.stranger_signature.refresh_from_db()
        assert world.stranger_signature.signed_by == world.stranger
        assert world.stranger_signature.signer_name == "Olle Annan"
        assert User.objects.filter(pk=world.stranger.pk).exists()


class TestRefusals:
    def test_the_last_representative_hands_over_first(self, seed) -> None:
        person = UserFactory()
        organisation = OrganisationFactory(name="Föreningen Ensam")
        MembershipFactory(organisation=organisation, user=person)
        SignatureFactory(organisation=organisation, signed_by=person, approved=True)
        with pytest.raises(ValidationError) as refused:
            account_delete(user=person)
        assert refused.value.messages == [
            "Du är den enda företrädaren för Föreningen Ensam. Bjud in en kollega som kan ta "
            "över innan du raderar ditt konto."
        ]
        assert User.objects.filter(pk=person.pk).exists()
        assert Membership.objects.filter(user=person).exists()
        assert Signature.objects.get(organisation=organisation).signed_by == person

    def test_of_two_representatives_the_second_one_is_refused(self, db) -> None:
        first, second = UserFactory(), UserFactory()
        organisation = OrganisationFactory()
        MembershipFactory(organisation=organisation, user=first)
        MembershipFactory(organisation=organisation, user=second)
        account_delete(user=first)
        with pytest.raises(ValidationError):
            account_delete(user=second)
        assert Membership.objects.filter(organisation=organisation, user=second).exists()

    def test_the_last_administrator(self, db) -> None:
        admin = AdminUserFactory()
        with pytest.raises(ValidationError) as refused:
            account_delete(user=admin)
        assert "enda administratör" in refused.value.messages[0]
        assert User.objects.filter(pk=admin.pk).exists()
        other = AdminUserFactory()
        account_delete(user=admin)
        assert list(User.objects.filter(is_staff=True)) == [other]

    def test_a_refusal_changes_nothing(self, world: World) -> None:
        """The person is alone in a second organisation: nothing of the first goes either."""
        alone = OrganisationFactory(name="Föreningen Ensam")
        MembershipFactory(organisation=alone, user=world.person)
        with pytest.raises(ValidationError):
            account_delete(user=world.person)
        world.rejected.refresh_from_db()
        assert world.rejected.signer_name == "Rut Företrädare"
        assert MembershipInvitation.objects.filter(pk=world.invitation_received.pk).exists()
        assert Membership.objects.filter(
            organisation=world.organisation, user=world.person
        ).exists()

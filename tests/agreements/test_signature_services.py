"""Signature services: signing, the working group's decision, withdrawing, and the audit trail."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from agreements.models import AgreementVersion, Organisation, Signature
from agreements.services.signatures import (
    signature_approve,
    signature_reject,
    signature_submit,
    signature_withdraw,
)
from hok.models import User
from tests.factories import (
    MembershipFactory,
    SignatureFactory,
    UserFactory,
    WorkingGroupUserFactory,
)
from tests.uploads import fake_pdf_upload, pdf_bytes, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "seed")]

FROZEN_NOW = timezone.now().replace(microsecond=0)


def _submit(organisation: Organisation, user: User, **overrides: object) -> Signature:
    data: dict[str, object] = {
        "organisation": organisation,
        "by": user,
        "signer_name": "Rut Företrädare",
        "capacity": Signature.Capacity.AUTHORISED_SIGNATORY,
    }
    data.update(overrides)
    return signature_submit(**data)  # type: ignore[arg-type]


def _history(signature: Signature) -> list[tuple[str, int | None, str | None]]:
    return [
        (record.status, record.history_user_id, record.history_change_reason)
        for record in signature.history.order_by("history_date", "history_id")
    ]


@pytest.fixture
def decider(db: None) -> User:
    return WorkingGroupUserFactory(full_name="Greta Arbetsgrupp")


@pytest.fixture
def pending(organisation: Organisation, representative: User) -> Signature:
    """A pending signature submitted through the service (so it has its first history row)."""
    return _submit(organisation, representative)


class TestSignatureSubmit:
    def test_what_is_stored(
        self,
        organisation: Organisation,
        representative: User,
        seed: AgreementVersion,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(timezone, "now", lambda: FROZEN_NOW)
        signature = _submit(
            organisation,
            representative,
            signer_name="  Rut \t Maria   Företrädare ",
            capacity=Signature.Capacity.BOARD_MANDATE,
        )
        signature.refresh_from_db()
        assert signature.organisation == organisation
        assert signature.version == seed
        assert seed.is_current
        assert len(seed.text_sha256) == 64
        assert signature.text_sha256 == seed.text_sha256
        assert signature.signed_by == representative
        assert signature.signer_name == "Rut Maria Företrädare"
        assert signature.capacity == "board_mandate"
        assert signature.signed_at == FROZEN_NOW
        assert signature.status == Signature.Status.PENDING
        assert signature.decided_by is None
        assert signature.decided_at is None
        assert not signature.board_decision

    def test_the_submission_is_the_first_history_row(self, pending: Signature) -> None:
        assert _history(pending) == [("pending", pending.signed_by_id, "submitted")]

    def test_someone_who_does_not_represent_the_organisation_is_refused(
        self, organisation: Organisation, other_representative: User
    ) -> None:
        with pytest.raises(ValidationError) as error:
            _submit(organisation, other_representative)
        assert error.value.messages == ["Bara organisationens företrädare kan underteckna."]
        assert not Signature.objects.exists()

    @pytest.mark.parametrize("name", ["", "   ", "\t\n"])
    def test_a_name_is_required(
        self, organisation: Organisation, representative: User, name: str
    ) -> None:
        with pytest.raises(ValidationError) as error:
            _submit(organisation, representative, signer_name=name)
        assert error.value.code == "signer_name"
        assert error.value.messages == ["Skriv ditt fullständiga namn."]
        assert not Signature.objects.exists()

    @pytest.mark.parametrize("capacity", ["", "ceo", "Firmatecknare"])
    def test_a_known_capacity_is_required(
        self, organisation: Organisation, representative: User, capacity: str
    ) -> None:
        with pytest.raises(ValidationError) as error:
            _submit(organisation, representative, capacity=capacity)
        assert error.value.code == "capacity"
        assert error.value.messages == ["Välj i vilken egenskap du undertecknar."]

    def test_without_a_current_version_nothing_can_be_signed(
        self, organisation: Organisation, representative: User
    ) -> None:
        AgreementVersion.objects.update(is_current=False)
        with pytest.raises(ValidationError) as error:
            _submit(organisation, representative)
        assert error.value.messages == ["Det finns ingen gällande version att underteckna."]

    @pytest.mark.parametrize("status", ["pending", "approved"])
    def test_an_active_signature_cannot_be_doubled_by_the_service(
        self, organisation: Organisation, representative: User, status: str
    ) -> None:
        existing = SignatureFactory(organisation=organisation, status=status)
        with pytest.raises(ValidationError) as error:
            _submit(organisation, representative)
        assert error.value.code == "duplicate"
        assert error.value.messages == ["Organisationen har redan undertecknat den här versionen."]
        assert list(organisation.signatures.all()) == [existing]

    @pytest.mark.parametrize("status", ["pending", "approved"])
    def test_an_active_signature_cannot_be_doubled_in_the_database(
        self, organisation: Organisation, status: str
    ) -> None:
        SignatureFactory(organisation=organisation, status=status, approved=status == "approved")
        with pytest.raises(IntegrityError), transaction.atomic():
            SignatureFactory(organisation=organisation)
        assert organisation.signatures.count() == 1

    def test_another_organisation_may_sign_the_same_version(
        self, organisation: Organisation, other_organisation: Organisation
    ) -> None:
        SignatureFactory(organisation=organisation)
        SignatureFactory(organisation=other_organisation)
        assert Signature.objects.count() == 2

    @pytest.mark.parametrize("trait", ["withdrawn", "rejected"])
    def test_after_a_withdrawal_or_rejection_one_may_sign_again(
        self, organisation: Organisation, representative: User, trait: str
    ) -> None:
        old = SignatureFactory(organisation=organisation, **{trait: True})
        new = _submit(organisation, representative)
        assert new.pk != old.pk
        assert new.status == Signature.Status.PENDING
        assert organisation.signatures.count() == 2

    def test_a_real_pdf_board_decision_is_kept(
        self, organisation: Organisation, representative: User, media_root: Path
    ) -> None:
        signature = _submit(
            organisation,
            representative,
            capacity=Signature.Capacity.BOARD_MANDATE,
            board_decision=pdf_upload(),
        )
        signature.refresh_from_db()
        assert signature.board_decision.name.startswith("board_decisions/")
        assert signature.board_decision.name.endswith(".pdf")
        stored = Path(signature.board_decision.path)
        assert stored.read_bytes() == pdf_bytes()
        # Private: outside MEDIA_ROOT, so never served as a public media file.
        assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
        assert not stored.is_relative_to(media_root)
        assert signature.board_decision.storage.base_url is None

    def test_a_fake_pdf_is_refused(self, organisation: Organisation, representative: User) -> None:
        with pytest.raises(ValidationError) as error:
            _submit(organisation, representative, board_decision=fake_pdf_upload())
        assert error.value.code == "not_pdf"
        assert error.value.messages == [
            "Filen är ingen PDF. Spara dokumentet som PDF och försök igen."
        ]
        assert not Signature.objects.exists()

    def test_a_board_decision_over_10_mb_is_refused(
        self, organisation: Organisation, representative: User
    ) -> None:
        huge = SimpleUploadedFile(
            "beslut.pdf", pdf_bytes() + b"\0" * (10 * 1024 * 1024), "application/pdf"
        )
        with pytest.raises(ValidationError) as error:
            _submit(organisation, representative, board_decision=huge)
        assert error.value.code == "pdf_too_large"
        assert error.value.messages == ["Filen får vara högst 10 MB."]
        assert not Signature.objects.exists()

    def test_the_working_group_is_mailed(
        self,
        organisation: Organisation,
        representative: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        first = WorkingGroupUserFactory()
        second = WorkingGroupUserFactory()
        WorkingGroupUserFactory(is_active=False)
        UserFactory()  # an ordinary user is not told
        with django_capture_on_commit_callbacks(execute=True):
            _submit(organisation, representative)
        assert sorted(message.to[0] for message in mailoutbox) == sorted(
            [first.email, second.email]
        )
        assert all(len(message.to) == 1 for message in mailoutbox)
        message = mailoutbox[0]
        assert message.subject == "[HÖK-portalen] Ny underskrift att granska: Föreningen Kustlaget"
        assert f"Föreningen Kustlaget ({organisation.org_number})" in message.body
        assert "Undertecknad av Rut Företrädare (Firmatecknare)" in message.body
        assert "/arbetsgruppen/hantera/underskrifter/" in message.body

    def test_a_refused_signature_sends_no_mail(
        self,
        organisation: Organisation,
        other_representative: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        WorkingGroupUserFactory()
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(ValidationError):
                _submit(organisation, other_representative)
        assert mailoutbox == []


class TestSignatureDecide:
    def test_approve(
        self,
        pending: Signature,
        decider: User,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(timezone, "now", lambda: FROZEN_NOW)
        signature_approve(signature=pending, by=decider)
        pending.refresh_from_db()
        assert pending.status == Signature.Status.APPROVED
        assert pending.decided_by == decider
        assert pending.decided_at == FROZEN_NOW
        assert pending.decision_reason == ""

    def test_reject_keeps_the_reason(self, pending: Signature, decider: User) -> None:
        signature_reject(signature=pending, by=decider, reason="  Fel organisationsnummer. ")
        pending.refresh_from_db()
        assert pending.status == Signature.Status.REJECTED
        assert pending.decided_by == decider
        assert pending.decision_reason == "Fel organisationsnummer."

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_reject_needs_a_reason(self, pending: Signature, decider: User, reason: str) -> None:
        with pytest.raises(ValidationError) as error:
            signature_reject(signature=pending, by=decider, reason=reason)
        assert error.value.code == "reason"
        assert error.value.messages == [
            "Skriv varför underskriften avslås. Organisationen får se motiveringen."
        ]
        pending.refresh_from_db()
        assert pending.status == Signature.Status.PENDING

    def test_the_database_refuses_a_rejection_without_reason(self, pending: Signature) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            Signature.objects.filter(pk=pending.pk).update(status=Signature.Status.REJECTED)

    @pytest.mark.parametrize("first", ["approve", "reject"])
    @pytest.mark.parametrize("second", ["approve", "reject"])
    def test_deciding_twice_is_refused(
        self, pending: Signature, decider: User, first: str, second: str
    ) -> None:
        decide = {"approve": signature_approve, "reject": signature_reject}
        decide[first](signature=pending, by=decider, reason="Första beslutet.")
        pending.refresh_from_db()
        before = (pending.status, pending.decided_at, pending.decision_reason)
        with pytest.raises(ValidationError) as error:
            decide[second](signature=pending, by=UserFactory(), reason="Andra beslutet.")
        assert error.value.code == "decided"
        assert error.value.messages == ["Det finns redan ett beslut om underskriften."]
        pending.refresh_from_db()
        assert (pending.status, pending.decided_at, pending.decision_reason) == before
        assert pending.decided_by == decider

    @pytest.mark.parametrize("decide", [signature_approve, signature_reject])
    def test_no_one_decides_on_their_own_organisation(
        self, pending: Signature, decider: User, decide
    ) -> None:
        MembershipFactory(organisation=pending.organisation, user=decider)
        with pytest.raises(ValidationError) as error:
            decide(signature=pending, by=decider, reason="Eget beslut.")
        assert error.value.code == "own_organisation"
        pending.refresh_from_db()
        assert pending.status == Signature.Status.PENDING
        assert pending.decided_by is None

    def test_a_withdrawn_signature_cannot_be_decided(
        self, pending: Signature, representative: User, decider: User
    ) -> None:
        signature_withdraw(signature=pending, by=representative)
        with pytest.raises(ValidationError) as error:
            signature_approve(signature=pending, by=decider)
        assert error.value.code == "decided"
        pending.refresh_from_db()
        assert pending.status == Signature.Status.WITHDRAWN

    def test_approval_mail_goes_to_every_representative_in_swedish(
        self,
        pending: Signature,
        organisation: Organisation,
        representative: User,
        other_representative: User,
        decider: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        colleague = UserFactory()
        organisation.memberships.create(user=colleague)
        with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
            signature_approve(signature=pending, by=decider)
        assert sorted(message.to[0] for message in mailoutbox) == sorted(
            [representative.email, colleague.email]
        )
        message = mailoutbox[0]
        assert message.subject == (
            "[HÖK-portalen] Föreningen Kustlaget är nu part i Halländska Överenskommelsen"
        )
        assert "Arbetsgruppen har godkänt underskriften." in message.body
        assert f"/organisationer/{organisation.slug}/hantera/" in message.body
        assert other_representative.email not in [m.to[0] for m in mailoutbox]

    def test_rejection_mail_gives_the_reason_in_swedish(
        self,
        pending: Signature,
        representative: User,
        decider: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
            signature_reject(signature=pending, by=decider, reason="Numret hör till en annan.")
        assert [message.to for message in mailoutbox] == [[representative.email]]
        message = mailoutbox[0]
        assert message.subject == "[HÖK-portalen] Beslut om underskriften för Föreningen Kustlaget"
        assert "Arbetsgruppen har avslagit underskriften för Föreningen Kustlaget." in message.body
        assert "Arbetsgruppens motivering:\nNumret hör till en annan." in message.body

    def test_a_refused_decision_sends_no_mail(
        self,
        pending: Signature,
        decider: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        signature_approve(signature=pending, by=decider)
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(ValidationError):
                signature_reject(signature=pending, by=decider, reason="Ångrar mig.")
        assert mailoutbox == []

    def test_history_records_who_did_what_in_order(
        self, pending: Signature, representative: User, decider: User
    ) -> None:
        signature_approve(signature=pending, by=decider, reason="Allt stämmer.")
        assert _history(pending) == [
            ("pending", representative.pk, "submitted"),
            ("approved", decider.pk, "approved"),
        ]
        latest = pending.history.latest("history_date")
        assert latest.decision_reason == "Allt stämmer."
        assert latest.history_user == decider

    def test_history_of_a_rejection(
        self, pending: Signature, representative: User, decider: User
    ) -> None:
        signature_reject(signature=pending, by=decider, reason="Fel.")
        assert _history(pending) == [
            ("pending", representative.pk, "submitted"),
            ("rejected", decider.pk, "rejected"),
        ]


class TestSignatureWithdraw:
    @pytest.mark.parametrize("approve_first", [False, True], ids=["pending", "approved"])
    def test_an_active_signature_is_withdrawn_with_its_reason(
        self,
        pending: Signature,
        representative: User,
        decider: User,
        approve_first: bool,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        if approve_first:
            signature_approve(signature=pending, by=decider)
        monkeypatch.setattr(timezone, "now", lambda: FROZEN_NOW)
        signature_withdraw(signature=pending, by=representative, reason="  Styrelsen ångrade sig. ")
        pending.refresh_from_db()
        assert pending.status == Signature.Status.WITHDRAWN
        assert pending.withdrawn_at == FROZEN_NOW
        assert pending.withdrawal_reason == "Styrelsen ångrade sig."

    def test_the_history_is_kept(
        self, pending: Signature, representative: User, decider: User
    ) -> None:
        signature_approve(signature=pending, by=decider)
        signature_withdraw(signature=pending, by=representative, reason="Vi slutar.")
        assert _history(pending) == [
            ("pending", representative.pk, "submitted"),
            ("approved", decider.pk, "approved"),
            ("withdrawn", representative.pk, "withdrawn"),
        ]
        assert pending.history.latest("history_date").withdrawal_reason == "Vi slutar."
        assert Signature.objects.filter(pk=pending.pk).exists()

    @pytest.mark.parametrize("trait", ["withdrawn", "rejected"])
    def test_only_an_active_signature_can_be_withdrawn(
        self, organisation: Organisation, representative: User, trait: str
    ) -> None:
        signature = SignatureFactory(organisation=organisation, **{trait: True})
        with pytest.raises(ValidationError) as error:
            signature_withdraw(signature=signature, by=representative, reason="")
        assert error.value.code == "inactive"
        assert error.value.messages == ["Underskriften är inte aktiv."]
        signature.refresh_from_db()
        assert signature.status == trait

    def test_withdrawing_twice_is_refused(self, pending: Signature, representative: User) -> None:
        signature_withdraw(signature=pending, by=representative, reason="Första.")
        with pytest.raises(ValidationError):
            signature_withdraw(signature=pending, by=representative, reason="Andra.")
        pending.refresh_from_db()
        assert pending.withdrawal_reason == "Första."

"""Signing, withdrawing, the certificate and the working group's queue, for every role."""

import re
from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from agreements.models import AgreementVersion, Organisation, Signature
from agreements.services.signatures import signature_approve, signature_submit
from hok.models import User
from tests.agreements.conftest import NO_POWERS, POWERS_WITH_MFA, POWERS_WITHOUT_MFA, ROLES
from tests.factories import SignatureFactory, WorkingGroupUserFactory
from tests.uploads import fake_pdf_upload, pdf_bytes, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "seed")]

LOGIN_URL = "/konto/login/"
MFA_ACTIVATE_URL = "/konto/2fa/totp/activate/"
QUEUE_URL = "/arbetsgruppen/hantera/underskrifter/"


def _html(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _assert_contains(response, *texts: str) -> None:
    html = _html(response)
    missing = [text for text in texts if escape(text) not in html]
    assert missing == []


def _assert_login_redirect(response, path: str) -> None:
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={path}"


def _input_value(response, name: str) -> str | None:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', _html(response))
    assert tag, f"no input named {name}"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else None


def _checked(response, name: str) -> list[str]:
    tags = re.findall(rf'<input[^>]*name="{name}"[^>]*>', _html(response))
    return [
        re.search(r'value="([^"]*)"', tag).group(1)  # type: ignore[union-attr]
        for tag in tags
        if " checked" in tag
    ]


def _history_section(response) -> str:
    match = re.search(
        r'<section aria-labelledby="history-title">(.*?)</section>', _html(response), re.S
    )
    assert match, "no history section"
    return match.group(1)


def _expect_representative_only(response, role: str, path: str, *, ok: int = 200) -> None:
    if role == "anonymous":
        _assert_login_redirect(response, path)
    elif role == "representative":
        assert response.status_code == ok
    else:
        assert response.status_code == 403


def _expect_deciders_only(response, role: str, path: str, *, ok: int = 200) -> None:
    """Anonymous → login; no powers → 403; powers without MFA → turn it on; with MFA → `ok`."""
    if role == "anonymous":
        _assert_login_redirect(response, path)
    elif role in NO_POWERS:
        assert response.status_code == 403
    elif role in POWERS_WITHOUT_MFA:
        assert response.status_code == 302
        assert response["Location"] == MFA_ACTIVATE_URL
    else:
        assert role in POWERS_WITH_MFA
        assert response.status_code == ok


def sign_url(organisation: Organisation) -> str:
    return reverse("agreements:signature_sign", kwargs={"slug": organisation.slug})


def withdraw_url(organisation: Organisation, signature: Signature) -> str:
    return reverse(
        "agreements:signature_withdraw", kwargs={"slug": organisation.slug, "pk": signature.pk}
    )


def certificate_url(organisation: Organisation, signature: Signature) -> str:
    return reverse(
        "agreements:signature_certificate",
        kwargs={"slug": organisation.slug, "pk": signature.pk},
    )


def decide_url(signature: Signature) -> str:
    return reverse("agreements:signature_decide", kwargs={"pk": signature.pk})


def dashboard_url(organisation: Organisation) -> str:
    return reverse("agreements:organisation_dashboard", kwargs={"slug": organisation.slug})


def _signing(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "signer_name": "Rut Maria Företrädare",
        "capacity": Signature.Capacity.AUTHORISED_SIGNATORY,
        "confirm": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def pending(organisation: Organisation, representative: User) -> Signature:
    return signature_submit(
        organisation=organisation,
        by=representative,
        signer_name="Rut Företrädare",
        capacity=Signature.Capacity.AUTHORISED_SIGNATORY,
    )


@pytest.fixture
def decider(give_mfa: Callable[[User], str]) -> User:
    person = WorkingGroupUserFactory(full_name="Greta Arbetsgrupp")
    give_mfa(person)
    return person


@pytest.fixture
def decider_client(decider: User) -> Client:
    client = Client()
    client.force_login(decider)
    return client


@pytest.fixture
def latecomer_client(give_mfa: Callable[[User], str]) -> Client:
    """Another member of the working group, with two-factor login."""
    latecomer = WorkingGroupUserFactory(full_name="Sven Sentida")
    give_mfa(latecomer)
    client = Client()
    client.force_login(latecomer)
    return client


class TestAccessByRole:
    @pytest.mark.parametrize("role", ROLES)
    def test_sign_page(
        self, client_as: Callable[[str], Client], organisation: Organisation, role: str
    ) -> None:
        path = sign_url(organisation)
        _expect_representative_only(client_as(role).get(path), role, path)

    @pytest.mark.parametrize("role", ROLES)
    def test_signing_by_post(
        self, client_as: Callable[[str], Client], organisation: Organisation, role: str
    ) -> None:
        path = sign_url(organisation)
        response = client_as(role).post(path, _signing())
        _expect_representative_only(response, role, path, ok=302)
        assert Signature.objects.exists() == (role == "representative")

    @pytest.mark.parametrize("role", ROLES)
    def test_withdraw_page_and_post(
        self,
        client_as: Callable[[str], Client],
        organisation: Organisation,
        pending: Signature,
        role: str,
    ) -> None:
        path = withdraw_url(organisation, pending)
        client = client_as(role)
        _expect_representative_only(client.get(path), role, path)
        response = client.post(path, {"confirm": "on", "reason": "Kapning"})
        _expect_representative_only(response, role, path, ok=302)
        pending.refresh_from_db()
        withdrawn = pending.status == Signature.Status.WITHDRAWN
        assert withdrawn == (role == "representative")

    @pytest.mark.parametrize("role", ROLES)
    def test_certificate(
        self, client_as: Callable[[str], Client], organisation: Organisation, role: str
    ) -> None:
        signature = SignatureFactory(organisation=organisation, approved=True)
        path = certificate_url(organisation, signature)
        response = client_as(role).get(path)
        _expect_representative_only(response, role, path)
        if role == "representative":
            assert response["Content-Type"] == "application/pdf"

    @pytest.mark.parametrize("role", ROLES)
    def test_queue(self, client_as: Callable[[str], Client], pending: Signature, role: str) -> None:
        response = client_as(role).get(QUEUE_URL)
        _expect_deciders_only(response, role, QUEUE_URL)
        if role in POWERS_WITH_MFA:
            _assert_contains(response, "Underskrifter att granska", "Föreningen Kustlaget")

    @pytest.mark.parametrize("role", ROLES)
    def test_decide_page(
        self, client_as: Callable[[str], Client], pending: Signature, role: str
    ) -> None:
        path = decide_url(pending)
        response = client_as(role).get(path)
        _expect_deciders_only(response, role, path)
        if role in POWERS_WITH_MFA:
            _assert_contains(response, "Föreningen Kustlaget", pending.text_sha256)

    @pytest.mark.parametrize("role", ROLES)
    def test_deciding_by_post(
        self, client_as: Callable[[str], Client], pending: Signature, role: str
    ) -> None:
        path = decide_url(pending)
        response = client_as(role).post(path, {"decision": "approve", "reason": ""})
        _expect_deciders_only(response, role, path, ok=302)
        pending.refresh_from_db()
        approved = pending.status == Signature.Status.APPROVED
        assert approved == (role in POWERS_WITH_MFA)

    def test_the_mfa_rule_holds_in_english_too(self, client_as, pending: Signature) -> None:
        with translation.override("en"):
            path = reverse("agreements:signature_queue")
        assert path == "/en" + QUEUE_URL
        response = client_as("working_group").get(path)
        assert response.status_code == 302
        assert response["Location"].endswith(MFA_ACTIVATE_URL)
        assert client_as("working_group_mfa").get(path).status_code == 200


class TestSign:
    def test_the_page_shows_the_whole_agreement_and_its_checksum(
        self,
        seed: AgreementVersion,
        organisation: Organisation,
        representative_client: Client,
    ) -> None:
        response = representative_client.get(sign_url(organisation))
        assert response.status_code == 200
        principle = seed.principles.order_by("number").last()
        action = principle.actions.order_by("position").last()
        responsibility = principle.responsibilities.order_by("position").first()
        goal = seed.goals.order_by("position").last()
        section = seed.sections.order_by("position").first()
        _assert_contains(
            response,
            seed.title,
            section.heading,
            *[p.title for p in seed.principles.all()],
            action.text,
            responsibility.text,
            goal.text,
        )
        assert f'<code class="checksum">{seed.text_sha256}</code>' in _html(response)
        assert _input_value(response, "signer_name") == "Rut Företrädare"

    def test_signing(
        self,
        seed: AgreementVersion,
        organisation: Organisation,
        representative: User,
        representative_client: Client,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        working_group = WorkingGroupUserFactory()
        with django_capture_on_commit_callbacks(execute=True):
            response = representative_client.post(sign_url(organisation), _signing())
        assert response.status_code == 302
        assert response["Location"] == dashboard_url(organisation)
        assert _messages(response) == [
            "Tack! Underskriften är mottagen. Arbetsgruppen granskar den och ni får besked "
            "med e-post."
        ]
        signature = Signature.objects.get()
        assert signature.organisation == organisation
        assert signature.status == Signature.Status.PENDING
        assert signature.signed_by == representative
        assert signature.signer_name == "Rut Maria Företrädare"
        assert signature.text_sha256 == seed.text_sha256
        assert [message.to for message in mailoutbox] == [[working_group.email]]

    def test_signing_with_a_board_decision(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        response = representative_client.post(
            sign_url(organisation),
            _signing(capacity=Signature.Capacity.BOARD_MANDATE, board_decision=pdf_upload()),
        )
        assert response.status_code == 302
        signature = Signature.objects.get()
        assert signature.capacity == "board_mandate"
        assert signature.board_decision.read() == pdf_bytes()

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"confirm": None}, "Bekräfta att du undertecknar för organisationen."),
            ({"signer_name": ""}, "Skriv ditt fullständiga namn."),
            ({"signer_name": "   "}, "Skriv ditt fullständiga namn."),
            ({"capacity": None}, "Välj i vilken egenskap du undertecknar."),
            ({"capacity": "vd"}, "Välj ett giltigt alternativ. vd finns inte bland"),
            (
                {"board_decision": "fake"},
                "Filen är ingen PDF. Spara dokumentet som PDF och försök igen.",
            ),
            ({"signer_name": "R" * 201}, "Säkerställ att detta värde har som mest 200 tecken"),
        ],
    )
    def test_bad_input_gives_400_in_swedish_and_keeps_the_name(
        self,
        organisation: Organisation,
        representative_client: Client,
        overrides: dict,
        message: str,
    ) -> None:
        if overrides.get("board_decision") == "fake":
            overrides = {"board_decision": fake_pdf_upload()}
        data = _signing(**overrides)
        response = representative_client.post(sign_url(organisation), data)
        assert response.status_code == 400
        _assert_contains(response, message)
        if "signer_name" not in overrides:
            assert _input_value(response, "signer_name") == "Rut Maria Företrädare"
        if "capacity" not in overrides:
            assert _checked(response, "capacity") == ["authorised_signatory"]
        assert not Signature.objects.exists()

    @pytest.mark.parametrize("trait", [{}, {"approved": True}])
    def test_signing_again_while_active_is_turned_back(
        self, organisation: Organisation, representative_client: Client, trait: dict
    ) -> None:
        existing = SignatureFactory(organisation=organisation, **trait)
        for response in [
            representative_client.get(sign_url(organisation)),
            representative_client.post(sign_url(organisation), _signing()),
        ]:
            assert response.status_code == 302
            assert response["Location"] == dashboard_url(organisation)
            assert "Organisationen har redan undertecknat den gällande versionen." in (
                _messages(response)
            )
        assert list(Signature.objects.all()) == [existing]

    @pytest.mark.parametrize("trait", ["withdrawn", "rejected"])
    def test_signing_again_after_withdrawal_or_rejection(
        self, organisation: Organisation, representative_client: Client, trait: str
    ) -> None:
        SignatureFactory(organisation=organisation, **{trait: True})
        assert representative_client.get(sign_url(organisation)).status_code == 200
        response = representative_client.post(sign_url(organisation), _signing())
        assert response.status_code == 302
        assert organisation.signatures.filter(status=Signature.Status.PENDING).count() == 1

    def test_without_a_current_version_there_is_nothing_to_sign(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        AgreementVersion.objects.update(is_current=False)
        assert representative_client.get(sign_url(organisation)).status_code == 404


class TestWithdraw:
    def test_the_page(
        self, organisation: Organisation, pending: Signature, representative_client: Client
    ) -> None:
        response = representative_client.get(withdraw_url(organisation, pending))
        assert response.status_code == 200
        _assert_contains(response, "Återkalla underskriften", "version 1")

    def test_withdrawing(
        self, organisation: Organisation, pending: Signature, representative_client: Client
    ) -> None:
        response = representative_client.post(
            withdraw_url(organisation, pending), {"confirm": "on", "reason": "Vi slutar."}
        )
        assert response.status_code == 302
        assert response["Location"] == dashboard_url(organisation)
        assert _messages(response) == ["Underskriften är återkallad."]
        pending.refresh_from_db()
        assert pending.status == Signature.Status.WITHDRAWN
        assert pending.withdrawal_reason == "Vi slutar."

    def test_without_confirming(
        self, organisation: Organisation, pending: Signature, representative_client: Client
    ) -> None:
        response = representative_client.post(
            withdraw_url(organisation, pending), {"reason": "Vi slutar."}
        )
        assert response.status_code == 400
        _assert_contains(response, "Bekräfta att du vill återkalla underskriften.", "Vi slutar.")
        pending.refresh_from_db()
        assert pending.status == Signature.Status.PENDING

    @pytest.mark.parametrize("trait", ["withdrawn", "rejected"])
    def test_an_inactive_signature_is_404(
        self, organisation: Organisation, representative_client: Client, trait: str
    ) -> None:
        signature = SignatureFactory(organisation=organisation, **{trait: True})
        path = withdraw_url(organisation, signature)
        assert representative_client.get(path).status_code == 404
        assert representative_client.post(path, {"confirm": "on"}).status_code == 404

    def test_another_organisations_signature_is_404(
        self,
        organisation: Organisation,
        other_organisation: Organisation,
        representative_client: Client,
    ) -> None:
        foreign = SignatureFactory(organisation=other_organisation)
        response = representative_client.post(
            withdraw_url(organisation, foreign), {"confirm": "on"}
        )
        assert response.status_code == 404
        foreign.refresh_from_db()
        assert foreign.status == Signature.Status.PENDING


class TestCertificate:
    def test_an_approved_signature_gives_a_pdf(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        signature = SignatureFactory(organisation=organisation, approved=True)
        response = representative_client.get(certificate_url(organisation, signature))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert response["Content-Disposition"] == (
            f'attachment; filename="intyg-hok-{organisation.slug}-version-1.pdf"'
        )

    @pytest.mark.parametrize("trait", [{}, {"rejected": True}, {"withdrawn": True}])
    def test_no_certificate_unless_approved(
        self, organisation: Organisation, representative_client: Client, trait: dict
    ) -> None:
        signature = SignatureFactory(organisation=organisation, **trait)
        response = representative_client.get(certificate_url(organisation, signature))
        assert response.status_code == 404

    def test_another_organisations_certificate_through_ones_own_address_is_404(
        self,
        organisation: Organisation,
        other_organisation: Organisation,
        representative_client: Client,
    ) -> None:
        foreign = SignatureFactory(organisation=other_organisation, approved=True)
        response = representative_client.get(certificate_url(organisation, foreign))
        assert response.status_code == 404

    def test_another_organisations_certificate_at_its_address_is_403(
        self, organisation: Organisation, other_organisation: Organisation, client_as
    ) -> None:
        foreign = SignatureFactory(organisation=other_organisation, approved=True)
        client = client_as("representative")
        response = client.get(certificate_url(other_organisation, foreign))
        assert response.status_code == 403


class TestQueue:
    def test_pending_and_decided_are_listed(
        self,
        organisation: Organisation,
        other_organisation: Organisation,
        pending: Signature,
        decider: User,
        decider_client: Client,
    ) -> None:
        decided = SignatureFactory(organisation=other_organisation)
        signature_approve(signature=decided, by=decider)
        response = decider_client.get(QUEUE_URL)
        assert response.status_code == 200
        _assert_contains(
            response,
            "Väntar på beslut, äldst först",
            "Rut Företrädare (firmatecknare)",
            organisation.org_number,
            "Senaste besluten",
            "Stiftelsen Skogsbrynet",
            "Greta Arbetsgrupp",
        )
        assert f'href="{decide_url(pending)}"' in _html(response)
        assert f'href="{decide_url(decided)}"' in _html(response)

    def test_query_budget(
        self, decider: User, decider_client: Client, django_assert_max_num_queries
    ) -> None:
        for _ in range(3):
            SignatureFactory()
            signature_approve(signature=SignatureFactory(), by=decider)
        with django_assert_max_num_queries(10):
            decider_client.get(QUEUE_URL)
        with django_assert_max_num_queries(12):
            decider_client.get(decide_url(Signature.objects.first()))

    def test_an_empty_queue(self, decider_client: Client) -> None:
        response = decider_client.get(QUEUE_URL)
        _assert_contains(response, "Inga underskrifter väntar på beslut.")

    def test_queries_do_not_grow_with_signatures(
        self, decider: User, decider_client: Client
    ) -> None:
        SignatureFactory()
        signature_approve(signature=SignatureFactory(), by=decider)
        with CaptureQueriesContext(connection) as few:
            decider_client.get(QUEUE_URL)
        for _ in range(3):
            SignatureFactory()
            signature_approve(signature=SignatureFactory(), by=WorkingGroupUserFactory())
        with CaptureQueriesContext(connection) as many:
            decider_client.get(QUEUE_URL)
        assert len(many) == len(few)


class TestDecide:
    def test_the_page_shows_the_signature_and_the_form(
        self, pending: Signature, representative: User, decider_client: Client
    ) -> None:
        response = decider_client.get(decide_url(pending))
        assert response.status_code == 200
        _assert_contains(
            response,
            "Föreningen Kustlaget",
            f"Rut Företrädare ({representative.email}), firmatecknare",
            "Väntar på beslut",
            "Spara beslutet",
        )
        history = _history_section(response)
        assert "Väntar på beslut" in history
        assert escape("Rut Företrädare") in history

    def test_approving(
        self,
        organisation: Organisation,
        pending: Signature,
        representative: User,
        decider: User,
        decider_client: Client,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            response = decider_client.post(decide_url(pending), {"decision": "approve"})
        assert response.status_code == 302
        assert response["Location"] == QUEUE_URL
        assert _messages(response) == [
            "Beslutet om Föreningen Kustlaget är sparat och organisationen har fått besked."
        ]
        pending.refresh_from_db()
        assert pending.status == Signature.Status.APPROVED
        assert pending.decided_by == decider
        assert [message.to for message in mailoutbox] == [[representative.email]]

    def test_rejecting_with_a_reason(
        self, pending: Signature, decider: User, decider_client: Client
    ) -> None:
        response = decider_client.post(
            decide_url(pending), {"decision": "reject", "reason": "Fel nummer."}
        )
        assert response.status_code == 302
        pending.refresh_from_db()
        assert pending.status == Signature.Status.REJECTED
        assert pending.decision_reason == "Fel nummer."
        assert pending.decided_by == decider

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"decision": "reject", "reason": ""}, "Skriv varför underskriften avslås."),
            ({"decision": "reject", "reason": "   "}, "Skriv varför underskriften avslås."),
            ({"reason": "Bra."}, "Välj godkänn eller avslå."),
            ({"decision": "kanske"}, "Välj ett giltigt alternativ."),
        ],
    )
    def test_bad_input_gives_400_in_swedish(
        self, pending: Signature, decider_client: Client, data: dict, message: str
    ) -> None:
        response = decider_client.post(decide_url(pending), data)
        assert response.status_code == 400
        _assert_contains(response, message)
        pending.refresh_from_db()
        assert pending.status == Signature.Status.PENDING
        assert pending.decided_by is None

    def test_deciding_a_decided_signature_changes_nothing(
        self, pending: Signature, decider: User, latecomer_client: Client
    ) -> None:
        signature_approve(signature=pending, by=decider)
        pending.refresh_from_db()
        before = (pending.status, pending.decided_by_id, pending.decided_at)
        assert 'name="decision"' not in _html(latecomer_client.get(decide_url(pending)))
        response = latecomer_client.post(
            decide_url(pending), {"decision": "reject", "reason": "Nej."}
        )
        assert response.status_code == 400
        pending.refresh_from_db()
        assert (pending.status, pending.decided_by_id, pending.decided_at) == before
        assert pending.decision_reason == ""
        assert pending.history.count() == 2

    def test_deciding_a_decided_signature_says_why(
        self, pending: Signature, decider: User, latecomer_client: Client
    ) -> None:
        signature_approve(signature=pending, by=decider)
        response = latecomer_client.post(
            decide_url(pending), {"decision": "reject", "reason": "Nej."}, follow=True
        )
        _assert_contains(response, "Det finns redan ett beslut om underskriften.")

    def test_the_history_says_who_decided(self, pending: Signature, decider_client: Client) -> None:
        decider_client.post(decide_url(pending), {"decision": "reject", "reason": "Fel nummer."})
        history = _history_section(decider_client.get(decide_url(pending)))
        entries = re.findall(r"<li>(.*?)</li>", history, re.S)
        assert len(entries) == 2
        assert "Väntar på beslut" in entries[0]
        assert escape("Rut Företrädare") in entries[0]
        assert "Avslagen" in entries[1]
        assert "Greta Arbetsgrupp" in entries[1]
        assert "Fel nummer." in entries[1]

    def test_an_unknown_signature_is_404(self, decider_client: Client) -> None:
        response = decider_client.get(reverse("agreements:signature_decide", kwargs={"pk": 999}))
        assert response.status_code == 404


def board_decision_url(signature: Signature) -> str:
    return reverse("agreements:signature_board_decision", kwargs={"pk": signature.pk})


@pytest.fixture
def with_board_decision(organisation: Organisation, representative: User) -> Signature:
    return signature_submit(
        organisation=organisation,
        by=representative,
        signer_name="Rut Företrädare",
        capacity=Signature.Capacity.BOARD_MANDATE,
        board_decision=pdf_upload(),
    )


class TestBoardDecision:
    """The attached board decision is private: the organisation and the deciders only."""

    @pytest.mark.parametrize("role", [role for role in ROLES if role not in POWERS_WITHOUT_MFA])
    def test_by_role(
        self, client_as: Callable[[str], Client], with_board_decision: Signature, role: str
    ) -> None:
        path = board_decision_url(with_board_decision)
        response = client_as(role).get(path)
        if role == "anonymous":
            _assert_login_redirect(response, path)
        elif role in {"outsider", "other_member"}:
            assert response.status_code == 403
        else:
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content) == pdf_bytes()
            slug = with_board_decision.organisation.slug
            assert response["Content-Disposition"] == (
                f'attachment; filename="styrelsebeslut-{slug}.pdf"'
            )

    @pytest.mark.parametrize("role", POWERS_WITHOUT_MFA)
    def test_powers_without_mfa_are_sent_to_turn_it_on(
        self, client_as: Callable[[str], Client], with_board_decision: Signature, role: str
    ) -> None:
        response = client_as(role).get(board_decision_url(with_board_decision))
        assert response.status_code == 302
        assert response["Location"] == MFA_ACTIVATE_URL

    def test_no_file_is_404(
        self, pending: Signature, representative_client: Client, decider_client: Client
    ) -> None:
        assert representative_client.get(board_decision_url(pending)).status_code == 404
        assert decider_client.get(board_decision_url(pending)).status_code == 404

    def test_the_decide_page_links_to_it(
        self, with_board_decision: Signature, decider_client: Client
    ) -> None:
        link = f'href="{board_decision_url(with_board_decision)}"'
        assert link in _html(decider_client.get(decide_url(with_board_decision)))

    def test_no_link_without_a_file(self, pending: Signature, decider_client: Client) -> None:
        assert "styrelsebeslut.pdf" not in _html(decider_client.get(decide_url(pending)))


class TestPendingSignatureIsPrivate:
    """Nobody outside the organisation (but the deciders) sees who signed, or in what capacity."""

    @pytest.mark.parametrize(
        "role", ["anonymous", "outsider", "other_member", "working_group", "admin"]
    )
    def test_nowhere_for_anyone_outside(
        self, client_as: Callable[[str], Client], organisation: Organisation, role: str
    ) -> None:
        signature = SignatureFactory(
            organisation=organisation,
            signer_name="Hemliga Hedvig Undertecknare",
            capacity=Signature.Capacity.BOARD_MANDATE,
        )
        client = client_as(role)
        paths = [
            "/",
            "/overenskommelsen/",
            "/arbetsgruppen/",
            "/undertecknare/",
            "/undertecknare.csv",
            "/undertecknare.json",
            organisation.get_absolute_url(),
            "/mina-organisationer/",
            "/organisationer/registrera/",
            reverse("agreements:organisation_join", kwargs={"slug": organisation.slug}),
            dashboard_url(organisation),
            reverse("agreements:organisation_edit", kwargs={"slug": organisation.slug}),
            reverse("agreements:organisation_members", kwargs={"slug": organisation.slug}),
            sign_url(organisation),
            withdraw_url(organisation, signature),
            certificate_url(organisation, signature),
            QUEUE_URL,
            decide_url(signature),
        ]
        for path in paths:
            response = client.get(path, follow=True)
            assert response.status_code in {200, 403, 404}, path
            html = _html(response).lower()
            assert "hemliga hedvig" not in html, path
            assert "med mandat genom styrelsebeslut" not in html, path

    def test_the_organisation_and_the_deciders_do_see_it(
        self,
        organisation: Organisation,
        representative_client: Client,
        decider_client: Client,
    ) -> None:
        SignatureFactory(organisation=organisation, signer_name="Hemliga Hedvig Undertecknare")
        assert "Hemliga Hedvig" in _html(representative_client.get(dashboard_url(organisation)))
        assert "Hemliga Hedvig" in _html(decider_client.get(QUEUE_URL))

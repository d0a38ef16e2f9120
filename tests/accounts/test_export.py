"""The download of everything stored about a person: its contents against the factories'
data, never a secret, never another person's data, and only for the person themself."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import registry
from accounts.selectors import personal_data_export
from tests.accounts.conftest import TOTP_SECRET, World
from tests.conftest import client_for
from tests.factories import (
    CommitmentFactory,
    MembershipInvitationFactory,
    ProgressReportFactory,
)
from tests.newsletters.factories import SubscriberFactory
from tests.surveys.factories import InvitationFactory

pytestmark = pytest.mark.django_db

DOWNLOAD_URL = "/konto/mina-uppgifter/ladda-ned/"
PAGE_URL = "/konto/mina-uppgifter/"


def _download(client: Client) -> dict:
    response = client.get(DOWNLOAD_URL)
    assert response.status_code == 200
    return json.loads(response.content)


class TestContents:
    def test_account(self, world: World) -> None:
        account = personal_data_export(user=world.person)["account"]
        assert account["email"] == "rut@exempel.se"
        assert account["full_name"] == "Rut Företrädare"
        assert account["date_joined"] == world.person.date_joined.isoformat()
        assert account["email_addresses"] == [
            {"email": "rut.privat@exempel.se", "verified": True, "primary": False},
            {"email": "rut@exempel.se", "verified": True, "primary": True},
        ]
        assert account["two_factor"]["enabled"] is True
        assert [m["type"] for m in account["two_factor"]["methods"]] == ["totp"]

    def test_memberships_and_organisations(self, world: World) -> None:
        data = personal_data_export(user=world.person)["agreements"]
        assert [m["organisation"] for m in data["memberships"]] == ["Föreningen Kustlaget"]
        assert data["memberships"][0]["org_number"] == world.organisation.org_number
        assert [o["organisation"] for o in data["organisations_registered"]] == [
            "Föreningen Kustlaget"
        ]

    def test_newsletter_subscriptions_of_verified_addresses(self, world: World) -> None:
        SubscriberFactory(email="rut.privat@exempel.se")
        SubscriberFactory(email="inte.rut@exempel.se")
        EmailAddress.objects.create(user=world.person, email="obekraftad@exempel.se")
        SubscriberFactory(email="obekraftad@exempel.se")
        data = personal_data_export(user=world.person)["newsletters"]
        assert [s["email"] for s in data["subscriptions"]] == ["rut.privat@exempel.se"]
        assert data["subscriptions"][0]["status"] == "confirmed"
        assert data["subscriptions"][0]["consent_text_version"]

    def test_invitations_and_join_requests(self, world: World) -> None:
        data = personal_data_export(user=world.person)["agreements"]
        assert [i["email"] for i in data["invitations_sent"]] == ["ny.kollega@exempel.se"]
        # Both of the person's addresses, whatever their case; not the stranger's other invitee.
        assert sorted(i["email"] for i in data["invitations_received"]) == [
            "RUT@exempel.se",
            "rut.privat@exempel.se",
        ]
        assert data["join_requests"] == [
            {
                "organisation": "Stiftelsen Skogsbrynet",
                "message": "Jag är kassör i båda.",
                "status": "pending",
                "created_at": world.join_request.created_at.isoformat(),
                "decided_at": None,
            }
        ]

    def test_signatures_with_version_capacity_date_and_decision(self, world: World) -> None:
        signatures = personal_data_export(user=world.person)["agreements"]["signatures"]
        by_status = {s["status"]: s for s in signatures}
        assert set(by_status) == {"approved", "rejected"}
        approved = by_status["approved"]
        assert approved["organisation"] == "Föreningen Kustlaget"
        assert approved["agreement_version"] == world.approved.version.number
        assert approved["text_sha256"] == world.approved.text_sha256
        assert approved["signer_name"] == "Rut Företrädare"
        assert approved["capacity"] == "authorised_signatory"
        assert approved["signed_at"] == world.approved.signed_at.isoformat()
        assert approved["decided_at"] == world.approved.decided_at.isoformat()
        assert by_status["rejected"]["decision_reason"] == world.rejected.decision_reason

    def test_decisions_of_the_working_group_member(self, world: World) -> None:
        decided = personal_data_export(user=world.decider)["agreements"]["signatures_decided"]
        assert sorted(s["organisation"] for s in decided) == [
            "Föreningen Kustlaget",
            "Föreningen Kustlaget",
            "Stiftelsen Skogsbrynet",
        ]

    def test_commitments_reports_and_documents(self, world: World) -> None:
        data = personal_data_export(user=world.person)["agreements"]
        assert data["commitments"] == [
            {
                "organisation": "Föreningen Kustlaget",
                "principle": 1,
                "title": "Dialogträff varje höst",
                "description": world.commitment.description,
                "start_year": world.commitment.start_year,
                "created_at": world.commitment.created_at.isoformat(),
            }
        ]
        assert [r["text"] for r in data["progress_reports"]] == ["Hållen i oktober."]
        assert data["progress_reports"][0]["commitment"] == "Dialogträff varje höst"
        assert data["documents_uploaded"] == [
            {
                "organisation": "Föreningen Kustlaget",
                "kind": "governing",
                "title": "Stadgar 2024",
                "year": 2024,
                "size": world.document.size,
                "uploaded_at": world.document.uploaded_at.isoformat(),
            }
        ]

    def test_surveys_and_dialogues(self, world: World) -> None:
        data = personal_data_export(user=world.person)
        assert data["surveys"]["invitations_received"] == [
            {
                "survey": "Uppföljning 2026",
                "year": 2026,
                "email": "rut@exempel.se",
                "status": "pending",
                "sent_at": None,
                "used": False,
            }
        ]
        assert data["dialogues"]["notes_hidden"] == [
            {
                "dialogue": world.hidden_note.dialogue.title,
                "note_written_at": world.hidden_note.created_at.isoformat(),
                "hidden_reason": "Personuppgifter",
            }
        ]
        decider = personal_data_export(user=world.decider)["surveys"]
        assert [s["survey"] for s in decider["surveys_created"]] == ["Uppföljning 2026"]

    def test_changes_in_the_audit_history(self, world: World) -> None:
        history = personal_data_export(user=world.person)["audit_history"]
        records = {(change["record"], change["record_id"]) for change in history}
        assert records == {
            ("underskrift", world.approved.pk),
            ("underskrift", world.rejected.pk),
            ("åtagande", world.commitment.pk),
            ("lägesrapport", world.report.pk),
            ("dokument", world.document.pk),
        }

    def test_every_app_contributes_a_section(self, world: World) -> None:
        data = personal_data_export(user=world.person)
        for key, _contribution in registry.PERSONAL_DATA:
            assert key in data
        assert data["format"] == "hok-portalen/personal-data"


class TestNothingItShouldNotHold:
    def test_never_a_secret(self, world: World) -> None:
        text = json.dumps(personal_data_export(user=world.person))
        assert TOTP_SECRET not in text
        assert world.totp_secret not in text  # the encrypted form either
        assert world.person.password not in text
        assert "password" not in text
        assert "secret" not in text

    def test_nothing_of_another_person(self, world: World) -> None:
        text = json.dumps(personal_data_export(user=world.person), ensure_ascii=False)
        for foreign in [
            "olle@exempel.se",
            "Olle Annan",
            "Olles åtagande",
            "nagon.annan@exempel.se",
            world.stranger_signature.signed_at.isoformat(),
        ]:
            assert foreign not in text
        # The organisation the person asked to join and was invited to is named, that is all.
        data = personal_data_export(user=world.person)["agreements"]
        assert [s["organisation"] for s in data["signatures"]] == [
            "Föreningen Kustlaget",
            "Föreningen Kustlaget",
        ]

    def test_nothing_sent_to_an_address_the_person_has_not_verified(self, world: World) -> None:
        """Anyone can type someone else's address into their account; until it is verified,
        invitations sent to it are not the person's to see."""
        EmailAddress.objects.create(user=world.person, email="chefen@exempel.se", verified=False)
        MembershipInvitationFactory(
            organisation=world.other_organisation, email="chefen@exempel.se"
        )
        InvitationFactory(survey=world.survey, email="chefen@exempel.se")
        text = json.dumps(personal_data_export(user=world.person)["agreements"])
        text += json.dumps(personal_data_export(user=world.person)["surveys"])
        assert "chefen@exempel.se" not in text

    def test_a_person_with_nothing_gets_empty_sections(
        self, world: World, django_user_model
    ) -> None:
        newcomer = django_user_model.objects.create_user(
            email="ny@exempel.se", password=make_password(None)
        )
        data = personal_data_export(user=newcomer)
        assert data["agreements"]["signatures"] == []
        assert data["agreements"]["memberships"] == []
        assert data["audit_history"] == []
        assert data["account"]["two_factor"] == {"enabled": False, "methods": []}


class TestDownload:
    def test_is_a_json_attachment_of_ones_own_data(self, world: World) -> None:
        response = client_for(world.person).get(DOWNLOAD_URL)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response["Content-Disposition"].startswith(
            'attachment; filename="hok-portalen-mina-uppgifter-'
        )
        assert "no-store" in response["Cache-Control"]
        assert json.loads(response.content)["account"]["email"] == "rut@exempel.se"

    def test_another_signed_in_person_gets_only_their_own(self, world: World) -> None:
        data = _download(client_for(world.stranger))
        assert data["account"]["email"] == "olle@exempel.se"
        text = json.dumps(data, ensure_ascii=False)
        assert "rut@exempel.se" not in text
        assert "Rut Företrädare" not in text
        assert "Dialogträff varje höst" not in text

    def test_no_parameter_reaches_another_persons_data(self, world: World) -> None:
        client = client_for(world.stranger)
        for query in [
            f"?user={world.person.pk}",
            f"?pk={world.person.pk}",
            "?email=rut@exempel.se",
        ]:
            response = client.get(DOWNLOAD_URL + query)
            assert json.loads(response.content)["account"]["email"] == "olle@exempel.se"

    @pytest.mark.parametrize(
        "role", ["user", "working_group", "working_group_mfa", "admin", "admin_mfa"]
    )
    def test_every_signed_in_role_downloads_their_own(self, client_as, role: str) -> None:
        client = client_as(role)
        page = client.get(PAGE_URL)
        assert page.status_code == 200
        person_email = page.wsgi_request.user.email
        assert _download(client)["account"]["email"] == person_email

    def test_anonymous_is_sent_to_the_login(self, client: Client) -> None:
        for url in [DOWNLOAD_URL, PAGE_URL]:
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))

    def test_query_count_does_not_grow_with_the_data(
        self, world: World, django_assert_max_num_queries
    ) -> None:
        client = client_for(world.person)
        with CaptureQueriesContext(connection) as before:
            client.get(DOWNLOAD_URL)
        for _ in range(5):
            commitment = CommitmentFactory(organisation=world.organisation, created_by=world.person)
            ProgressReportFactory(commitment=commitment, reported_by=world.person)
        with django_assert_max_num_queries(len(before.captured_queries)):
            client.get(DOWNLOAD_URL)
        # A fixed number per section of the download (every app's personal data, the login
        # library's, newsletters, examples, proposals and recent submissions).
        assert len(before.captured_queries) <= 50


class TestPage:
    def test_the_page_offers_the_download_and_the_deletion(self, world: World) -> None:
        response = client_for(world.person).get(PAGE_URL)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'href="/konto/mina-uppgifter/ladda-ned/"' in html
        assert 'href="/konto/radera/"' in html
        assert 'aria-current="page">Mina uppgifter' in html

    def test_in_english(self, world: World) -> None:
        response = client_for(world.person).get("/en" + PAGE_URL)
        assert response.status_code == 200
        assert "Download my data" in response.content.decode()

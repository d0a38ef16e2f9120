"""The examples as open data, and what the knowledge base holds about a person."""

import csv
import io
import json

import pytest
from allauth.account.models import EmailAddress
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from accounts import registry
from accounts.services import account_delete
from examples import selectors, services
from examples.models import Example
from tests.examples.conftest import World
from tests.examples.factories import ExampleFactory, ExamplePartyFactory, PublishedExampleFactory
from tests.examples.test_services import content
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


class TestOpenData:
    def test_only_published_examples_with_documented_columns(self, world: World) -> None:
        published = PublishedExampleFactory(organisation=world.organisation, title="=SUM(A1)")
        ExamplePartyFactory(example=published, name="Region Halland, Kultur")
        ExampleFactory(organisation=world.organisation, title="Ett utkast")
        response = Client().get("/exempel.csv")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        rows = _csv_rows(response)
        assert [row["title"] for row in rows] == ["'=SUM(A1)"]  # a formula is defused
        assert rows[0]["parties"] == "Region Halland, Kultur"
        assert rows[0]["municipalities"] == "Halmstad"
        documented = Client().get("/exempel/oppna-data/").content.decode()
        for column in rows[0]:
            assert f"<code>{column}</code>" in documented

    def test_json_with_the_list_filters(self, world: World) -> None:
        PublishedExampleFactory(organisation=world.organisation, municipalities=["varberg"])
        PublishedExampleFactory(organisation=world.organisation, municipalities=["laholm"])
        payload = json.loads(Client().get("/exempel.json?kommun=varberg").content)
        assert payload["count"] == 1 and payload["licence"] == "CC0-1.0"
        assert payload["examples"][0]["municipalities"] == ["Varberg"]

    def test_a_contact_person_is_not_in_the_data(self, world: World) -> None:
        PublishedExampleFactory(
            organisation=world.organisation,
            contact_kind="person",
            contact_name="Anna Andersson",
            contact_email="anna@example.se",
            contact_consent_at=timezone.now(),
        )
        text = Client().get("/exempel.json").content.decode()
        assert "Anna" not in text and "anna@example.se" not in text

    @pytest.mark.parametrize("path", ["/exempel.json", "/exempel.csv"])
    def test_a_bad_filter_is_a_400_that_says_which(self, world: World, path: str) -> None:
        response = Client().get(f"{path}?princip=finns-inte&ar=x")
        assert response.status_code == 400
        text = response.content.decode()
        assert "princip" in text and "finns inte bland alternativen" in text


class TestPersonalData:
    def test_the_export_has_the_written_and_the_contact_person_examples(self, world: World) -> None:
        EmailAddress.objects.create(
            user=world.representative, email="rut@example.se", verified=True
        )
        written = ExampleFactory(organisation=world.organisation, created_by=world.representative)
        ExampleFactory(
            organisation=world.other_organisation,
            title="Där Rut är kontakt",
            contact_kind="person",
            contact_name="Rut",
            contact_email="RUT@example.se",
            contact_consent_at=timezone.now(),
        )
        ExampleFactory(organisation=world.other_organisation, title="Någon annans")
        services.example_submit(example=written, by=world.representative)
        data = registry.personal_data_of(world.representative)["examples"]
        assert [e["title"] for e in data["examples_written"]] == [written.title]
        assert [e["title"] for e in data["contact_person_in"]] == ["Där Rut är kontakt"]
        assert [r["action"] for r in data["review_steps"]] == ["submitted"]
        assert "Någon annans" not in json.dumps(data, ensure_ascii=False)

    def test_on_erasure_the_contact_person_is_taken_off(self, world: World) -> None:
        EmailAddress.objects.create(user=world.other_member, email="olle@example.se", verified=True)
        example = PublishedExampleFactory(
            organisation=world.organisation,
            contact_kind="person",
            contact_name="Olle",
            contact_email="olle@example.se",
            contact_phone="035-10 10 10",
            contact_consent_at=timezone.now(),
        )
        services.contact_person_forget(user=world.other_member)
        example.refresh_from_db()
        assert example.contact_kind == Example.ContactKind.ORGANISATION
        assert (example.contact_name, example.contact_email, example.contact_phone) == ("", "", "")
        assert example.contact_consent_at is None
        assert services.contact_person_forget in registry.ERASERS

    def test_the_history_keeps_no_contact_persons_details(self, world: World) -> None:
        """A contact person is shown only with their consent and only while the example shows
        them: the history records that a person was the contact and who recorded the consent,
        never their name or addresses, so these stay in the one place export and erasure see."""
        example = services.example_create(
            organisation=world.organisation,
            by=world.representative,
            content=content(
                contact_kind="person",
                contact_name="Olle Kontakt",
                contact_email="olle@example.se",
                contact_phone="035-10 10 10",
                contact_consent=True,
            ),
        )
        services.example_update(example=example, by=world.representative, content=content())
        rows = list(Example.history.filter(id=example.pk).values())
        assert [row["contact_kind"] for row in rows] == ["organisation", "person"]
        assert [row["contact_consent_by_id"] for row in rows] == [None, world.representative.pk]
        text = json.dumps(rows, default=str)
        assert "Olle" not in text
        assert "olle@example.se" not in text
        assert "035-10" not in text

    def test_on_account_deletion_no_history_row_names_the_person(self, world: World) -> None:
        # A colleague stays: the last representative would have to hand over first.
        MembershipFactory(organisation=world.organisation)
        example = services.example_create(
            organisation=world.organisation,
            by=world.representative,
            content=content(
                contact_kind="person",
                contact_name="Rut",
                contact_email="rut@example.se",
                contact_consent=True,
            ),
        )
        services.example_submit(example=example, by=world.representative)
        pk = world.representative.pk
        account_delete(user=world.representative)
        history = Example.history.filter(id=example.pk)
        assert history.count() == 2  # the changes stay, without the person
        assert not history.filter(
            Q(history_user_id=pk) | Q(created_by_id=pk) | Q(contact_consent_by_id=pk)
        ).exists()

    def test_three_queries(self, world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
        ExampleFactory.create_batch(
            3, organisation=world.organisation, created_by=world.representative
        )
        with django_assert_num_queries(3):
            selectors.personal_data(user=world.representative)

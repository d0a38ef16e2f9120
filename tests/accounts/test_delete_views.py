"""The deletion page per role and with bad input: it states what happens before anything is
confirmed, a GET never deletes, and only the right password (and no obstacle) deletes."""

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import Membership, Signature
from hok.models import User
from tests.accounts.conftest import World
from tests.conftest import client_for
from tests.factories import (
    PASSWORD,
    AdminUserFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/konto/radera/"


def _html(response) -> str:
    return response.content.decode()


class TestPerRole:
    def test_anonymous_is_sent_to_the_login(self, client: Client) -> None:
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert client.post(URL, {"password": PASSWORD}).status_code == 302

    @pytest.mark.parametrize("role", ["user", "working_group", "working_group_mfa", "admin_mfa"])
    def test_a_signed_in_person_sees_the_form(self, client_as, role: str) -> None:
        AdminUserFactory()  # so an administrator is not the last one
        response = client_as(role).get(URL)
        assert response.status_code == 200
        html = _html(response)
        assert 'name="password"' in html
        assert "Radera mitt konto för gott" in html

    def test_the_last_administrator_is_told_why_not(self, client_as) -> None:
        response = client_as("admin")
        html = _html(response.get(URL))
        assert "Du är portalens enda administratör" in html
        assert 'name="password"' not in html

    def test_the_page_states_what_stays_before_confirming(self, world: World) -> None:
        html = _html(client_for(world.person).get(URL))
        assert "finns kvar med ditt namn, i vilken egenskap du undertecknade och datumet" in html
        assert "Du har gjort en sådan underskrift." in html
        assert "artikel 17.3 e" in html
        assert "där tas ditt namn bort" in html
        assert "Åtaganden (1), lägesrapporter (1) och dokument (1)" in html

    def test_the_last_representative_gets_a_link_to_invite_a_colleague(self, db) -> None:
        person = UserFactory()
        organisation = OrganisationFactory(name="Föreningen Ensam", slug="foreningen-ensam")
        MembershipFactory(organisation=organisation, user=person)
        html = _html(client_for(person).get(URL))
        assert "Du är den enda företrädaren för Föreningen Ensam." in html
        members = reverse("agreements:organisation_members", kwargs={"slug": "foreningen-ensam"})
        assert f'<a href="{members}">Bjud in en kollega till Föreningen Ensam</a>' in html
        assert 'name="password"' not in html

    def test_the_page_has_a_fixed_number_of_queries(
        self, world: World, django_assert_max_num_queries
    ) -> None:
        client = client_for(world.person)
        with django_assert_max_num_queries(12):
            client.get(URL)

    def test_in_english(self, world: World) -> None:
        html = _html(client_for(world.person).get("/en" + URL))
        assert "Delete my account" in html
        assert "Radera mitt konto" not in html


class TestDeleting:
    def test_a_get_never_deletes(self, world: World) -> None:
        client = client_for(world.person)
        for _ in range(2):
            assert client.get(URL).status_code == 200
        assert User.objects.filter(pk=world.person.pk).exists()

    def test_the_right_password_deletes_and_signs_out(self, world: World) -> None:
        client = client_for(world.person)
        response = client.post(URL, {"password": PASSWORD}, follow=True)
        assert response.redirect_chain[-1][0] == "/"
        assert "Ditt konto är raderat." in _html(response)
        assert not User.objects.filter(pk=world.person.pk).exists()
        assert client.get("/konto/mina-uppgifter/").status_code == 302
        assert Signature.objects.get(pk=world.approved.pk).signer_name == "Rut Företrädare"

    def test_a_wrong_password_deletes_nothing(self, world: World) -> None:
        response = client_for(world.person).post(URL, {"password": "fel-lösenord"})
        assert response.status_code == 400
        assert "Lösenordet stämmer inte." in _html(response)
        assert 'aria-describedby="id_password_error"' in _html(response)
        assert User.objects.filter(pk=world.person.pk).exists()

    def test_no_password(self, world: World) -> None:
        response = client_for(world.person).post(URL, {})
        assert response.status_code == 400
        assert "Skriv ditt lösenord för att bekräfta." in _html(response)
        assert User.objects.filter(pk=world.person.pk).exists()

    def test_a_tampered_post_deletes_only_the_signed_in_person(self, world: World) -> None:
        """Naming someone else in the form changes nothing: the page acts on the session's
        account only, checked with that account's password."""
        MembershipFactory(organisation=world.other_organisation)  # the stranger is not alone
        client = client_for(world.stranger)
        response = client.post(
            URL,
            {
                "password": PASSWORD,
                "user": world.person.pk,
                "pk": world.person.pk,
                "email": world.person.email,
            },
        )
        assert response.status_code == 302
        assert User.objects.filter(pk=world.person.pk).exists()
        assert not User.objects.filter(pk=world.stranger.pk).exists()

    def test_another_persons_password_does_not_work(self, world: World) -> None:
        world.stranger.set_password("Olles-eget-lösenord-1")
        world.stranger.save()
        response = client_for(world.person).post(URL, {"password": "Olles-eget-lösenord-1"})
        assert response.status_code == 400
        assert User.objects.filter(pk=world.person.pk).exists()

    def test_the_last_representative_is_refused_even_with_the_password(self, db) -> None:
        person = UserFactory()
        organisation = OrganisationFactory(name="Föreningen Ensam")
        MembershipFactory(organisation=organisation, user=person)
        response = client_for(person).post(URL, {"password": PASSWORD})
        assert response.status_code == 409
        html = _html(response)
        assert "Kontot kan inte raderas ännu." in html
        assert "Du är den enda företrädaren för Föreningen Ensam." in html
        assert Membership.objects.filter(user=person).exists()

    def test_without_the_csrf_token_nothing_happens(self, world: World) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.person)
        assert client.post(URL, {"password": PASSWORD}).status_code == 403
        assert User.objects.filter(pk=world.person.pk).exists()

    def test_guessing_the_password_is_rate_limited(self, world: World) -> None:
        client = client_for(world.person)
        for _ in range(10):
            assert client.post(URL, {"password": "gissning"}).status_code == 400
        response = client.post(URL, {"password": PASSWORD})
        assert response.status_code == 429
        assert "För många försök." in _html(response)
        assert User.objects.filter(pk=world.person.pk).exists()

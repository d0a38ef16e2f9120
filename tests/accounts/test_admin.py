"""Deleting an account in the admin uses the same service: refusals, what stays, and no log
entry that keeps the deleted person's name."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client

from agreements.models import Signature
from hok.models import User
from tests.accounts.conftest import World
from tests.factories import AdminUserFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_mfa(give_mfa) -> Client:
    admin_user = AdminUserFactory(full_name="Adam Administratör")
    give_mfa(admin_user)
    client = Client()
    client.force_login(admin_user)
    return client


def _delete_url(user: User) -> str:
    return f"/admin/hok/user/{user.pk}/delete/"


def test_the_confirmation_page_still_shows(admin_client_mfa: Client) -> None:
    person = UserFactory()
    response = admin_client_mfa.get(_delete_url(person))
    assert response.status_code == 200
    assert User.objects.filter(pk=person.pk).exists()


def test_deleting_goes_through_the_service(world: World, admin_client_mfa: Client) -> None:
    response = admin_client_mfa.post(_delete_url(world.person), {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert "Kontot är raderat." in response.content.decode()
    assert not User.objects.filter(pk=world.person.pk).exists()
    assert Signature.objects.get(pk=world.rejected.pk).signer_name == ""
    assert Signature.objects.get(pk=world.approved.pk).signer_name == "Rut Företrädare"
    assert not LogEntry.objects.filter(object_repr__contains="Rut").exists()
    assert not LogEntry.objects.filter(object_repr__contains="rut@exempel.se").exists()


def test_the_last_representative_is_refused_in_the_admin_too(admin_client_mfa: Client) -> None:
    person = UserFactory()
    MembershipFactory(organisation=OrganisationFactory(name="Föreningen Ensam"), user=person)
    for method in ("get", "post"):
        response = getattr(admin_client_mfa, method)(_delete_url(person), follow=True)
        assert response.redirect_chain[-1][0] == f"/admin/hok/user/{person.pk}/change/"
        assert "Du är den enda företrädaren för Föreningen Ensam." in response.content.decode()
    assert User.objects.filter(pk=person.pk).exists()


def test_no_bulk_delete(admin_client_mfa: Client) -> None:
    person = UserFactory()
    response = admin_client_mfa.post(
        "/admin/hok/user/", {"action": "delete_selected", "_selected_action": [person.pk]}
    )
    assert User.objects.filter(pk=person.pk).exists()
    assert "delete_selected" not in admin_client_mfa.get("/admin/hok/user/").content.decode()
    assert response.status_code in (200, 302)


def test_a_non_admin_cannot(client: Client, give_mfa) -> None:
    person = UserFactory()
    outsider = UserFactory()
    client.force_login(outsider)
    response = client.post(_delete_url(person), {"post": "yes"})
    assert response.status_code == 302
    assert "/login" in response["Location"]
    assert User.objects.filter(pk=person.pk).exists()

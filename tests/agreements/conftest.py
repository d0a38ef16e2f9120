"""Fixtures for the organisation and signature tests: two organisations and a client per role."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from agreements.models import Organisation
from hok.models import User
from tests.conftest import person_in_role
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

# Everyone a page can meet. "outsider" is signed in but represents no organisation.
ROLES = [
    "anonymous",
    "outsider",
    "other_member",
    "representative",
    "working_group",
    "working_group_mfa",
    "admin",
    "admin_mfa",
]
# Roles whose powers need two-factor login, with and without it.
POWERS_WITHOUT_MFA = ["working_group", "admin"]
POWERS_WITH_MFA = ["working_group_mfa", "admin_mfa"]
# Signed in, but no powers.
NO_POWERS = ["outsider", "other_member", "representative"]


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:
    """Uploads go to this test's own folders: logos under MEDIA_ROOT (returned), board
    decisions under PRIVATE_MEDIA_ROOT (tmp_path / "private-media")."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.MEDIA_ROOT


@pytest.fixture
def representative(db: None) -> User:
    return UserFactory(full_name="Rut Företrädare")


@pytest.fixture
def organisation(representative: User) -> Organisation:
    """A civil-society association whose one representative is `representative`."""
    organisation = OrganisationFactory(name="Föreningen Kustlaget")
    MembershipFactory(organisation=organisation, user=representative)
    return organisation


@pytest.fixture
def other_representative(db: None) -> User:
    return UserFactory(full_name="Olle Annanförening")


@pytest.fixture
def other_organisation(other_representative: User) -> Organisation:
    organisation = OrganisationFactory(name="Stiftelsen Skogsbrynet")
    MembershipFactory(organisation=organisation, user=other_representative)
    return organisation


@pytest.fixture
def person_for(
    representative: User,
    organisation: Organisation,
    other_organisation: Organisation,
    other_representative: User,
    give_mfa: Callable[[User], str],
) -> Callable[[str], User | None]:
    """The user behind a role (None for anonymous), the organisation's roles added to the
    portal's (`tests.conftest.person_in_role`); `client_as` in tests/conftest.py uses this."""

    def person(role: str) -> User | None:
        match role:
            case "outsider":
                return UserFactory(full_name="Ulla Utomstående")
            case "other_member":
                return other_representative
            case "representative":
                return representative
            case _:
                return person_in_role(role, give_mfa)

    return person


@pytest.fixture
def representative_client(representative: User, organisation: Organisation) -> Client:
    client = Client()
    client.force_login(representative)
    return client

"""A public signatory with a representative, another signatory with its own, and a person in
each role the knowledge base's pages meet."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from agreements.models import AgreementVersion, Organisation
from hok.models import User
from tests.conftest import client_for, person_in_role
from tests.factories import MembershipFactory, PublicOrganisationFactory

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
REVIEWERS = ["working_group_mfa", "admin_mfa"]


@dataclass
class World:
    organisation: Organisation
    representative: User
    other_organisation: Organisation
    other_member: User


@pytest.fixture
def private_media(settings, tmp_path: Path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def world(seed: AgreementVersion, private_media: Path) -> World:
    organisation = PublicOrganisationFactory(name="Föreningen Kustlaget", slug="kustlaget")
    other = PublicOrganisationFactory(name="Byalaget Norr", slug="byalaget-norr")
    return World(
        organisation=organisation,
        representative=MembershipFactory(organisation=organisation).user,
        other_organisation=other,
        other_member=MembershipFactory(organisation=other).user,
    )


@pytest.fixture
def person_as(world: World, give_mfa: Callable[[User], str]) -> Callable[[str], User | None]:
    def person(role: str) -> User | None:
        match role:
            case "representative":
                return world.representative
            case "other_member":
                return world.other_member
            case "outsider":
                return person_in_role("user", give_mfa)
            case _:
                return person_in_role(role, give_mfa)

    return person


@pytest.fixture
def client_in(person_as: Callable[[str], User | None]) -> Callable[[str], Client]:
    return lambda role: client_for(person_as(role))

"""Clients per role for the surveys tests: anonymous, a plain user, the working group and an
admin, each of the last two without or with two-factor login ("…_mfa")."""

from collections.abc import Callable

import pytest
from django.test import Client

from hok.models import User
from tests.factories import AdminUserFactory, UserFactory, WorkingGroupUserFactory


@pytest.fixture
def person_for(db: None, give_mfa: Callable[[User], str]) -> Callable[[str], User | None]:
    def person(role: str) -> User | None:
        match role:
            case "anonymous":
                return None
            case "user":
                return UserFactory()
            case "working_group" | "working_group_mfa":
                found = WorkingGroupUserFactory()
            case "admin" | "admin_mfa":
                found = AdminUserFactory()
            case _:
                raise ValueError(role)
        if role.endswith("_mfa"):
            give_mfa(found)
        return found

    return person


@pytest.fixture
def client_as(person_for: Callable[[str], User | None]) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        client = Client()
        person = person_for(role)
        if person is not None:
            client.force_login(person)
        return client

    return make

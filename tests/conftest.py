"""Fixtures shared by the whole suite: a clean cache, the real seed, one client per role.

Services (PostgreSQL, Redis) are used when their environment variables point at them. A test
that needs one calls `service_or_skip`: it is skipped where the service is missing, but with
REQUIRE_SERVICES=1 (CI) a missing service is a failure, so CI can never go green by skipping.
"""

import os
from collections.abc import Callable, Iterator

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.core.cache import BaseCache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.utils import translation

from agreements.models import AgreementVersion
from agreements.services import agreement_load_seed
from hok.cache import REDIS_DOWN
from hok.models import User
from tests.factories import (
    AdminUserFactory,
    TotpAuthenticatorFactory,
    UserFactory,
    WorkingGroupUserFactory,
)

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

# Fixtures that give a test the database (their names appear in request.fixturenames).
_DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}

ROLES = ["anonymous", "user", "working_group", "admin"]


def service_or_skip(name: str, reachable: bool, reason: str) -> None:
    """Skip a test whose service is not there; fail instead when REQUIRE_SERVICES=1."""
    if reachable:
        return
    message = f"{name} is not available: {reason}"
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
    pytest.skip(message)


def _uses_database(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker("django_db") is not None or bool(
        _DATABASE_FIXTURES.intersection(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def clear_cache(request: pytest.FixtureRequest) -> Iterator[None]:
    """Empty the cache around every test: allauth keeps its rate limits there.

    Without Redis the cache is a database table, which only a test with database access may
    touch (and a rolled-back test leaves nothing in it anyway).
    """
    if isinstance(caches["default"], DatabaseCache):
        if not _uses_database(request):
            yield
            return
        request.getfixturevalue("db")
    _empty(caches["default"])
    yield
    _empty(caches["default"])


def _empty(cache: BaseCache) -> None:
    """Clear the cache; on Redis only this process's keys (its KEY_PREFIX), as the pytest-xdist
    workers share the Redis database and FLUSHDB would empty the others' in mid-test."""
    if isinstance(cache, RedisCache) and cache.key_prefix:
        try:
            client = cache._cache.get_client(write=True)
            keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
            if keys:
                client.delete(*keys)
            return
        except REDIS_DOWN:
            pass  # the cache's own clear() knows what to do then (hok/cache.py)
    cache.clear()


@pytest.fixture(autouse=True)
def swedish_by_default() -> Iterator[None]:
    """A request to /en/ leaves English active in the thread; the next test starts in Swedish."""
    yield
    translation.activate("sv")


@pytest.fixture
def seed(db: None) -> AgreementVersion:
    """The real agreement, version 1, loaded from agreements/seed_data/agreement_v1.yaml."""
    version, _created = agreement_load_seed()
    return version


@pytest.fixture
def user(db: None) -> User:
    """A signed-up person with a verified e-mail address and no powers."""
    return UserFactory()


@pytest.fixture
def working_group_user(db: None) -> User:
    return WorkingGroupUserFactory()


@pytest.fixture
def admin_user(db: None) -> User:
    """Staff and superuser (overrides pytest-django's admin_user, which has no e-mail login)."""
    return AdminUserFactory()


@pytest.fixture
def give_mfa(db: None) -> Callable[[User], str]:
    """Turn on TOTP two-factor login for a user; returns the (plain) secret."""

    def give(person: User) -> str:
        secret = generate_totp_secret()
        TotpAuthenticatorFactory(user=person, secret=secret)
        return secret

    return give


def person_in_role(role: str, give_mfa: Callable[[User], str]) -> User | None:
    """A new person in one of the portal's roles: "anonymous" (None), "user", "working_group",
    "admin"; with the suffix "_mfa" the last two have two-factor login turned on."""
    match role:
        case "anonymous":
            return None
        case "user":
            return UserFactory()
        case "working_group" | "working_group_mfa":
            person = WorkingGroupUserFactory(full_name="Greta Arbetsgrupp")
        case "admin" | "admin_mfa":
            person = AdminUserFactory(full_name="Adam Administratör")
        case _:
            raise ValueError(role)
    if role.endswith("_mfa"):
        give_mfa(person)
    return person


def client_for(person: User | None) -> Client:
    """A client signed in as the person (force_login: no two-factor step), or anonymous."""
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


@pytest.fixture
def person_for(db: None, give_mfa: Callable[[User], str]) -> Callable[[str], User | None]:
    """`person_for(role)`: see `person_in_role`. An app's conftest may add its own roles."""
    return lambda role: person_in_role(role, give_mfa)


@pytest.fixture
def client_as(person_for: Callable[[str], User | None]) -> Callable[[str], Client]:
    """`client_as(role)`: a client signed in as a new person in that role."""
    return lambda role: client_for(person_for(role))


def _signed_in(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def anonymous_client() -> Client:
    return Client()


@pytest.fixture
def user_client(user: User) -> Client:
    return _signed_in(user)


@pytest.fixture
def working_group_client(working_group_user: User) -> Client:
    return _signed_in(working_group_user)


@pytest.fixture
def admin_client(admin_user: User) -> Client:
    """A signed-in admin (force_login skips the two-factor step; MFA itself is not given)."""
    return _signed_in(admin_user)


@pytest.fixture(params=ROLES)
def role_client(request: pytest.FixtureRequest, db: None) -> Client:
    """The same test once per role: anonymous, user, working group, admin."""
    return request.getfixturevalue(f"{request.param}_client")

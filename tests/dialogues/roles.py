"""Clients for the six roles the working group's conference pages meet, and what each gets."""

from collections.abc import Callable

from django.test import Client

from hok.models import User
from tests.conftest import client_for, person_in_role

ROLES = ["anonymous", "user", "working_group", "working_group_mfa", "admin", "admin_mfa"]
ALLOWED = ["working_group_mfa", "admin_mfa"]


def client_as(role: str, give_mfa: Callable[[User], str]) -> Client:
    """A client signed in as `role` (force_login: no two-factor step at login itself)."""
    return client_for(person_in_role(role, give_mfa))


def assert_role_outcome(role: str, response, url: str) -> None:  # type: ignore[no-untyped-def]
    """Anonymous: to the login page; no powers: 403; powers without two-factor: to its set-up;
    working group or admin with two-factor: the page itself."""
    match role:
        case "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/konto/login/")
        case "user":
            assert response.status_code == 403
        case "working_group" | "admin":
            assert response.status_code == 302
            assert "/konto/" in response["Location"] and "totp" in response["Location"]
        case _:
            assert response.status_code in (200, 302), (url, response.status_code)

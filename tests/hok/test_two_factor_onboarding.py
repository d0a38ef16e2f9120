"""A working-group member turning on two-factor login: no second password prompt right after
logging in with it, and a way back to the page that asked, once the authenticator is on."""

import pytest
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
)
from django.test import Client

from hok.models import User
from tests.factories import PASSWORD, WorkingGroupUserFactory
from tests.two_factor import totp_code

pytestmark = pytest.mark.django_db

TOOLS = "/arbetsgruppen/hantera/"
ACTIVATE = "/konto/2fa/totp/activate/"
CONTINUE = "Fortsätt dit du var på väg"


def _logged_in(member: User) -> Client:
    client = Client()
    response = client.post("/konto/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _activate(client: Client) -> str:
    """Turns on the authenticator as a person would: the secret shown, a code from it."""
    assert client.get(ACTIVATE).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code = totp_code(secret)
    response = client.post(ACTIVATE, {"code": code})
    assert response.status_code == 302
    return response["Location"]


def test_no_password_prompt_right_after_logging_in() -> None:
    client = _logged_in(WorkingGroupUserFactory())
    response = client.get(TOOLS)
    assert response["Location"] == ACTIVATE
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    assert "Bekräfta åtkomst" not in page.content.decode()


def test_the_prompt_comes_back_when_the_login_is_old() -> None:
    client = _logged_in(WorkingGroupUserFactory())
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] -= 3600
    session.save()
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/reauthenticate/")


def test_after_activating_the_way_back_to_the_page_that_asked() -> None:
    client = _logged_in(WorkingGroupUserFactory())
    client.get(TOOLS + "?flik=enkater")
    # Before the authenticator is on, nothing offers a way back.
    assert CONTINUE not in client.get(ACTIVATE).content.decode()
    landing = _activate(client)
    page = client.get(landing)
    assert page.status_code == 200
    assert CONTINUE in page.content.decode()
    response = client.get("/konto/fortsatt/")
    assert response["Location"] == TOOLS + "?flik=enkater"
    assert client.get(response["Location"]).status_code == 200
    # Offered once.
    assert CONTINUE not in client.get(landing).content.decode()


def test_a_foreign_address_in_the_session_is_not_followed() -> None:
    client = _logged_in(WorkingGroupUserFactory())
    client.get(TOOLS)
    _activate(client)
    session = client.session
    session["hok_after_two_factor"] = "https://elak.example/"
    session.save()
    assert client.get("/konto/fortsatt/")["Location"] == TOOLS


def test_the_way_back_needs_a_signed_in_person() -> None:
    response = Client().get("/konto/fortsatt/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")

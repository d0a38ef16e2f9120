"""The account pages speak the portal's Swedish, not the login library's stock wording.

allauth's own Swedish writes "epost-adress", "mail" and "tvåfaktorsautentisering";
locale_overrides/ rewords them. Each page is rendered in Swedish for the person who sees it.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Stock wordings that must not reach a page (whole words, case-insensitive).
STOCK = re.compile(
    r"\bepost|verifierings-mail|\bmailet\b|\bmail\b|tvåfaktorsautentisering", re.IGNORECASE
)

ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
SIGNED_IN_PAGES = [
    "account_email",
    "account_change_password",
    "mfa_index",
    "mfa_activate_totp",
]


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    html = re.sub(r'(href|src|action|name|id|for|autocomplete|type)="[^"]*"', " ", html)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_account_pages(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert not STOCK.findall(_visible_text(response.content.decode()))


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_account_pages(client: Client, name: str) -> None:
    client.force_login(UserFactory())
    response = client.get(reverse(name))
    # The two-factor pages may first ask for the password again; that page is checked too.
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 200
    text = _visible_text(response.content.decode())
    assert not STOCK.findall(text), STOCK.findall(text)


def test_an_invalid_confirmation_link(client: Client) -> None:
    html = client.get("/konto/confirm-email/inte-en-nyckel/").content.decode()
    assert "Länken för att bekräfta e-postadressen har förfallit eller är ogiltig." in html


def test_the_verification_sent_message_after_signup(client: Client) -> None:
    response = client.post(
        "/konto/signup/",
        {
            "email": "ny@exempel.se",
            "password1": "Hallands-hav-2026!",
            "password2": "Hallands-hav-2026!",
        },
        follow=True,
    )
    text = _visible_text(response.content.decode())
    assert "Bekräftelsemejl skickat till ny@exempel.se." in text
    assert not STOCK.findall(text)


def test_english_pages_keep_allauths_english(client: Client) -> None:
    html = client.get("/en/konto/password/reset/").content.decode()
    assert "e-postadress" not in html
    assert "Password Reset" in html or "password" in html.lower()

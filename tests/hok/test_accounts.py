"""Signing up, logging in and resetting a password through allauth, in Swedish, with bad input."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from hok.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/konto/signup/"
LOGIN_URL = "/konto/login/"
RESET_URL = "/konto/password/reset/"
GOOD_PASSWORD = "Hallands-hav-2026!"


def _html(response) -> str:
    return response.content.decode()


def _input_value(response, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', _html(response))
    assert match, f"no input named {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def _signup(
    client: Client, email: str, password1: str, password2: str | None = None, host: str = ""
):
    return client.post(
        SIGNUP_URL,
        {"email": email, "password1": password1, "password2": password2 or password1},
        **({"headers": {"host": host}} if host else {}),
    )


class TestSignupWithBadInput:
    def test_invalid_email(self, client: Client) -> None:
        response = _signup(client, "inte-en-adress", GOOD_PASSWORD)
        assert response.status_code == 200
        assert "Fyll i en giltig e-postadress." in _html(response)
        assert _input_value(response, "email") == "inte-en-adress"
        assert not User.objects.exists()

    def test_mismatched_passwords(self, client: Client) -> None:
        response = _signup(client, "ny@exempel.se", GOOD_PASSWORD, GOOD_PASSWORD + "x")
        assert response.status_code == 200
        assert "Du måste ange samma lösenord" in _html(response)
        assert _input_value(response, "email") == "ny@exempel.se"
        # Passwords are never sent back to the browser.
        assert _input_value(response, "password1") is None
        assert not User.objects.exists()

    def test_too_short_password(self, client: Client) -> None:
        response = _signup(client, "ny@exempel.se", "kH7!x")
        assert response.status_code == 200
        assert "Det här lösenordet är för kort. Det måste innehålla minst 8 tecken." in _html(
            response
        )
        assert _input_value(response, "email") == "ny@exempel.se"
        assert not User.objects.exists()

    def test_common_password(self, client: Client) -> None:
        response = _signup(client, "ny@exempel.se", "password123")
        assert response.status_code == 200
        assert "Detta lösenord är alldeles för vanligt." in _html(response)

    def test_existing_email_is_not_revealed(self, client: Client, user: User, mailoutbox):
        # allauth prevents account enumeration: the form looks like it worked, and the owner
        # of the address is told by mail that someone tried to sign up with it.
        response = _signup(client, user.email, GOOD_PASSWORD)
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert User.objects.filter(email=user.email).count() == 1
        assert not User.objects.get(email=user.email).check_password(GOOD_PASSWORD)
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [user.email]
        assert mailoutbox[0].subject == "[HÖK-portalen] Du har redan ett konto"
        assert "/konto/password/reset/" in mailoutbox[0].body

    def test_existing_email_in_other_case(self, client: Client, user: User, mailoutbox):
        response = _signup(client, user.email.upper(), GOOD_PASSWORD)
        assert response.status_code == 302
        assert User.objects.count() == 1
        assert mailoutbox[0].subject == "[HÖK-portalen] Du har redan ett konto"

    def test_empty_form(self, client: Client) -> None:
        response = client.post(SIGNUP_URL, {})
        assert response.status_code == 200
        assert "Detta fält måste fyllas i." in _html(response)

    def test_errors_are_linked_to_their_fields(self, client: Client) -> None:
        html = _html(_signup(client, "inte-en-adress", GOOD_PASSWORD))
        assert 'aria-describedby="id_email_error"' in html
        assert 'id="id_email_error"' in html

    def test_page_is_swedish(self, client: Client) -> None:
        response = client.get(SIGNUP_URL)
        assert response.status_code == 200
        assert '<html lang="sv">' in _html(response)
        assert "Skapa konto" in _html(response)


class TestSignupAndConfirmation:
    def test_signup_sends_a_swedish_verification_mail(self, client: Client, mailoutbox) -> None:
        response = _signup(client, "ny@exempel.se", GOOD_PASSWORD)
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert len(mailoutbox) == 1
        message = mailoutbox[0]
        assert message.to == ["ny@exempel.se"]
        assert message.subject.startswith("[HÖK-portalen] ")
        assert "bekräfta" in message.subject.lower()
        assert "/konto/confirm-email/" in message.body
        person = User.objects.get(email="ny@exempel.se")
        assert person.check_password(GOOD_PASSWORD)
        address = EmailAddress.objects.get(user=person)
        assert not address.verified

    def test_unverified_user_cannot_log_in(self, client: Client, mailoutbox) -> None:
        _signup(client, "ny@exempel.se", GOOD_PASSWORD)
        client.logout()
        mailoutbox.clear()
        response = client.post(LOGIN_URL, {"login": "ny@exempel.se", "password": GOOD_PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert "_auth_user_id" not in client.session

    def test_following_the_link_confirms_the_address(self, client: Client, mailoutbox) -> None:
        _signup(client, "ny@exempel.se", GOOD_PASSWORD)
        link = re.search(r"https?://[^/\s]+(/konto/confirm-email/[^\s]+/)", mailoutbox[0].body)
        assert link, mailoutbox[0].body
        path = link.group(1)

        page = client.get(path)
        assert page.status_code == 200
        assert "ny@exempel.se" in _html(page)
        # Confirming takes a POST (ACCOUNT_CONFIRM_EMAIL_ON_GET is off): a GET changes nothing.
        assert not EmailAddress.objects.get(email="ny@exempel.se").verified

        response = client.post(path)
        assert response.status_code == 302
        assert EmailAddress.objects.get(email="ny@exempel.se").verified
        # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION: the person is now signed in.
        assert client.session["_auth_user_id"] == str(User.objects.get(email="ny@exempel.se").pk)

    def test_a_made_up_link_is_refused(self, client: Client) -> None:
        response = client.get("/konto/confirm-email/inte-en-nyckel/")
        assert response.status_code == 200
        assert "Länken för att bekräfta e-postadressen har förfallit eller är ogiltig." in _html(
            response
        )
        assert client.post("/konto/confirm-email/inte-en-nyckel/").status_code == 404
        assert not EmailAddress.objects.filter(verified=True).exists()

    def test_the_mail_speaks_the_portals_swedish(self, client: Client, mailoutbox) -> None:
        _signup(client, "ny@exempel.se", GOOD_PASSWORD)
        body = mailoutbox[0].body
        assert body.startswith("Hej!\n")
        assert "ett konto på HÖK-portalen" in body
        assert "HÖK-portalen – Halländska Överenskommelsen" in body
        # Not the login library's stock text, which names the request's host.
        assert "Hej från" not in body
        assert "Tack för att du använder" not in body
        assert "testserver" not in body

    def test_every_link_uses_the_portals_address(
        self, client: Client, mailoutbox, settings
    ) -> None:
        settings.PORTAL_BASE_URL = "https://hok.example"
        _signup(client, "ny@exempel.se", GOOD_PASSWORD, host="127.0.0.1:8101")
        body = mailoutbox[0].body
        assert re.search(r"https://hok\.example/konto/confirm-email/\S+/", body), body
        assert body.rstrip().endswith("\nhttps://hok.example/")
        assert "8101" not in body

    def test_the_english_mail(self, client: Client, mailoutbox) -> None:
        client.post(
            "/en/konto/signup/",
            {"email": "ny@exempel.se", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
        )
        message = mailoutbox[0]
        assert message.subject == "[HÖK-portalen] Confirm your email address"
        assert message.body.startswith("Hello,\n")
        assert "an account on HÖK-portalen" in message.body

    def test_the_already_exists_mail_names_the_address(
        self, client: Client, user: User, mailoutbox
    ) -> None:
        _signup(client, user.email, GOOD_PASSWORD)
        assert user.email in mailoutbox[0].body


class TestLogin:
    def test_wrong_password(self, client: Client, user: User) -> None:
        response = client.post(LOGIN_URL, {"login": user.email, "password": "fel-lösenord"})
        assert response.status_code == 200
        assert "E-postadressen och/eller lösenordet är felaktigt." in _html(response)
        assert _input_value(response, "login") == user.email
        assert _input_value(response, "password") is None
        assert "_auth_user_id" not in client.session

    def test_unknown_email(self, client: Client) -> None:
        response = client.post(LOGIN_URL, {"login": "okand@exempel.se", "password": "x"})
        assert response.status_code == 200
        assert "E-postadressen och/eller lösenordet är felaktigt." in _html(response)
        assert _input_value(response, "login") == "okand@exempel.se"

    def test_invalid_email(self, client: Client) -> None:
        response = client.post(LOGIN_URL, {"login": "inte-en-adress", "password": "x"})
        assert response.status_code == 200
        assert "Fyll i en giltig e-postadress." in _html(response)
        assert _input_value(response, "login") == "inte-en-adress"

    def test_right_password(self, client: Client, user: User) -> None:
        response = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == reverse("home")
        assert client.session["_auth_user_id"] == str(user.pk)

    def test_too_many_failures_are_rate_limited(self, client: Client, user: User) -> None:
        # ACCOUNT_RATE_LIMITS login_failed: 5 per 5 minutes per account.
        for _attempt in range(5):
            client.post(LOGIN_URL, {"login": user.email, "password": "fel"})
        response = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
        assert response.status_code == 200
        assert "För många misslyckade inloggningsförsök. Försök igen senare." in _html(response)
        assert _input_value(response, "login") == user.email
        assert "_auth_user_id" not in client.session

    def test_rate_limit_is_forgotten_between_tests(self, client: Client, user: User) -> None:
        # Same account, same IP as the test above: the cache was emptied in between.
        response = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302

    def test_admin_with_mfa_is_asked_for_the_code(self, client: Client, give_mfa) -> None:
        admin = UserFactory(is_staff=True, is_superuser=True)
        give_mfa(admin)
        response = client.post(LOGIN_URL, {"login": admin.email, "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_authenticate")
        assert "_auth_user_id" not in client.session


class TestPasswordReset:
    def test_unknown_address(self, client: Client, mailoutbox) -> None:
        response = client.post(RESET_URL, {"email": "okand@exempel.se"})
        assert response.status_code == 302
        assert response["Location"] == reverse("account_reset_password_done")
        # No account is revealed: the address gets a note that it has no account.
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == ["okand@exempel.se"]
        assert mailoutbox[0].subject.startswith("[HÖK-portalen] ")
        assert "/konto/signup/" in mailoutbox[0].body
        assert "med adressen okand@exempel.se. Det finns inget konto" in mailoutbox[0].body

    def test_invalid_address(self, client: Client, mailoutbox) -> None:
        response = client.post(RESET_URL, {"email": "inte-en-adress"})
        assert response.status_code == 200
        assert "Fyll i en giltig e-postadress." in _html(response)
        assert _input_value(response, "email") == "inte-en-adress"
        assert mailoutbox == []

    def test_empty_address(self, client: Client, mailoutbox) -> None:
        response = client.post(RESET_URL, {"email": ""})
        assert response.status_code == 200
        assert "Detta fält måste fyllas i." in _html(response)
        assert mailoutbox == []

    def test_known_address_gets_a_reset_link(self, client: Client, user: User, mailoutbox):
        response = client.post(RESET_URL, {"email": user.email})
        assert response.status_code == 302
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [user.email]
        assert "/konto/password/reset/key/" in mailoutbox[0].body

    def test_done_page(self, client: Client) -> None:
        response = client.get(reverse("account_reset_password_done"))
        assert response.status_code == 200
        assert '<html lang="sv">' in _html(response)

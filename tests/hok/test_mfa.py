"""Admins and the working group must turn on two-factor login before they use their powers."""

from collections.abc import Callable

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import decrypt, encrypt
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from hok.middleware import RequireMfaForPowersMiddleware
from hok.models import User
from hok.roles import Role, has_powers, is_admin, is_working_group, role_of
from tests.factories import TotpAuthenticatorFactory, UserFactory

pytestmark = pytest.mark.django_db

MANAGE_URL = "/arbetsgruppen/hantera/anything/"


@pytest.fixture
def mfa_activate_url() -> str:
    with translation.override("sv"):
        return reverse("mfa_activate_totp")


def _passes_middleware(person: User | AnonymousUser, path: str) -> bool:
    """Does RequireMfaForPowersMiddleware hand the request on to the view?"""
    request = RequestFactory().get(path)
    request.user = person
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    middleware = RequireMfaForPowersMiddleware(lambda request: HttpResponse("the view"))
    with translation.override("sv"):
        response = middleware(request)
    return response.status_code == 200 and response.content == b"the view"


def _client_for(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


class TestRoles:
    def test_anonymous(self) -> None:
        anonymous = AnonymousUser()
        assert role_of(anonymous) == Role.ANONYMOUS
        assert not has_powers(anonymous)
        assert not is_admin(anonymous)
        assert not is_working_group(anonymous)

    def test_user(self, user: User) -> None:
        assert role_of(user) == Role.USER
        assert not has_powers(user)

    def test_working_group(self, working_group_user: User) -> None:
        assert role_of(working_group_user) == Role.WORKING_GROUP
        assert is_working_group(working_group_user)
        assert has_powers(working_group_user)
        assert not is_admin(working_group_user)

    def test_admin(self, admin_user: User) -> None:
        assert role_of(admin_user) == Role.ADMIN
        assert has_powers(admin_user)

    def test_staff_without_superuser_is_admin(self) -> None:
        assert role_of(UserFactory(is_staff=True)) == Role.ADMIN

    def test_inactive_staff_has_no_powers(self) -> None:
        person = UserFactory(is_staff=True, is_active=False)
        assert not is_admin(person)
        assert not has_powers(person)


class TestAdmin:
    def test_anonymous_is_sent_to_the_portal_login(self, client: Client) -> None:
        response = client.get("/admin/", follow=True)
        login_url = reverse("account_login")
        assert response.redirect_chain[0][0].startswith("/admin/login/")
        assert response.redirect_chain[-1][0].startswith(f"{login_url}?next=")
        assert response.status_code == 200
        assert 'name="login"' in response.content.decode()

    def test_admin_login_page_itself_needs_the_portal_login(self, client: Client) -> None:
        response = client.get("/admin/login/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_staff_without_mfa_is_sent_to_activate_it(
        self, admin_client: Client, mfa_activate_url: str
    ) -> None:
        response = admin_client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"] == mfa_activate_url
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert messages == [
            "Du behöver aktivera tvåstegsverifiering innan du kan använda "
            "arbetsgruppens eller administratörens verktyg."
        ]

    @pytest.mark.parametrize(
        "path",
        ["/admin/agreements/agreementversion/", "/admin/hok/user/", "/admin/login/"],
    )
    def test_every_admin_page_needs_mfa(
        self, admin_client: Client, mfa_activate_url: str, path: str
    ) -> None:
        response = admin_client.get(path)
        assert response.status_code == 302
        assert response["Location"] == mfa_activate_url

    def test_admin_post_without_mfa_changes_nothing(
        self, admin_client: Client, user: User, mfa_activate_url: str
    ) -> None:
        response = admin_client.post(
            f"/admin/hok/user/{user.pk}/delete/", {"post": "yes"}, follow=False
        )
        assert response["Location"] == mfa_activate_url
        assert User.objects.filter(pk=user.pk).exists()

    def test_staff_with_mfa_gets_in(
        self, admin_user: User, give_mfa: Callable[[User], str]
    ) -> None:
        give_mfa(admin_user)
        client = _client_for(admin_user)
        response = client.get("/admin/")
        assert response.status_code == 200
        assert "HÖK-portalen – administration" in response.content.decode()
        assert client.get("/admin/agreements/agreementversion/").status_code == 200

    def test_staff_with_mfa_is_not_sent_to_activate_it(
        self, admin_user: User, give_mfa: Callable[[User], str], mfa_activate_url: str
    ) -> None:
        give_mfa(admin_user)
        client = Client(raise_request_exception=False)
        client.force_login(admin_user)
        response = client.get("/admin/")
        assert response.get("Location") != mfa_activate_url
        assert list(get_messages(response.wsgi_request)) == []

    def test_ordinary_user_is_not_let_in(self, user_client: Client) -> None:
        response = user_client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/login/?next=/admin/"
        # allauth's secure_admin_login: signed in but not staff is forbidden, not a login form.
        forbidden = user_client.get(response["Location"])
        assert forbidden.status_code == 403
        assert user_client.get("/admin/hok/user/").status_code == 302

    def test_working_group_member_without_mfa_at_admin(
        self, working_group_client: Client, mfa_activate_url: str
    ) -> None:
        response = working_group_client.get("/admin/")
        assert response["Location"] == mfa_activate_url

    def test_working_group_member_with_mfa_is_still_not_admin(
        self, working_group_user: User, give_mfa
    ) -> None:
        give_mfa(working_group_user)
        response = _client_for(working_group_user).get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


class TestWorkingGroupTools:
    @pytest.mark.parametrize(
        ("path", "activation"),
        [
            (MANAGE_URL, "/konto/2fa/totp/activate/"),
            ("/arbetsgruppen/hantera/", "/konto/2fa/totp/activate/"),
            ("/en/arbetsgruppen/hantera/", "/en/konto/2fa/totp/activate/"),
            ("/sv" + MANAGE_URL, "/konto/2fa/totp/activate/"),
        ],
    )
    def test_member_without_mfa_is_sent_to_activate_it(
        self, working_group_client: Client, mfa_activate_url: str, path: str, activation: str
    ) -> None:
        assert mfa_activate_url == "/konto/2fa/totp/activate/"
        response = working_group_client.get(path)
        assert response.status_code == 302
        assert response["Location"] == activation

    def test_admin_without_mfa_is_sent_to_activate_it(
        self, admin_client: Client, mfa_activate_url: str
    ) -> None:
        assert admin_client.get(MANAGE_URL)["Location"] == mfa_activate_url

    def test_member_with_mfa_passes_the_check(self, working_group_user: User, give_mfa) -> None:
        give_mfa(working_group_user)
        response = _client_for(working_group_user).get(MANAGE_URL)
        # No tools are built yet: passing the check means reaching the 404 page.
        assert response.status_code == 404

    @pytest.mark.parametrize("role", ["anonymous", "user"])
    def test_others_are_not_asked_for_mfa(self, request, role: str) -> None:
        client = request.getfixturevalue(f"{role}_client")
        response = client.get(MANAGE_URL)
        assert response.status_code == 404

    def test_public_pages_need_no_mfa(self, working_group_client: Client, admin_client) -> None:
        assert working_group_client.get("/arbetsgruppen/").status_code == 200
        assert admin_client.get("/overenskommelsen/versioner/").status_code == 200

    def test_the_activation_page_is_reachable(
        self, working_group_client: Client, mfa_activate_url: str
    ) -> None:
        # No redirect loop: the page that turns MFA on is not a power path.
        response = working_group_client.get(mfa_activate_url)
        assert response.status_code in {200, 302}
        if response.status_code == 302:
            assert response["Location"] != mfa_activate_url
            assert "/konto/" in response["Location"]


class TestMiddleware:
    """The check itself, without the views behind it."""

    @pytest.mark.parametrize("path", ["/admin/", "/arbetsgruppen/hantera/x/", "/en/admin/"])
    def test_powers_without_mfa_are_stopped(
        self, working_group_user: User, admin_user: User, path: str
    ) -> None:
        assert not _passes_middleware(working_group_user, path)
        assert not _passes_middleware(admin_user, path)

    @pytest.mark.parametrize("path", ["/admin/", "/arbetsgruppen/hantera/x/"])
    def test_powers_with_mfa_pass(
        self, working_group_user: User, admin_user: User, give_mfa, path: str
    ) -> None:
        give_mfa(working_group_user)
        give_mfa(admin_user)
        assert _passes_middleware(working_group_user, path)
        assert _passes_middleware(admin_user, path)

    @pytest.mark.parametrize(
        "path", ["/", "/arbetsgruppen/", "/overenskommelsen/", "/administration/", "/health/"]
    )
    def test_other_paths_are_not_checked(self, admin_user: User, path: str) -> None:
        assert _passes_middleware(admin_user, path)

    def test_people_without_powers_are_not_checked(self, user: User) -> None:
        assert _passes_middleware(user, "/admin/")
        assert _passes_middleware(AnonymousUser(), "/arbetsgruppen/hantera/")


class TestSecretsAtRest:
    """TOTP secrets are encrypted in the database (hok.adapters.MFAAdapter)."""

    def test_the_stored_secret_is_not_the_secret(self) -> None:
        secret = generate_totp_secret()
        authenticator = TotpAuthenticatorFactory(secret=secret)
        authenticator.refresh_from_db()
        stored = authenticator.data["secret"]
        assert secret not in stored
        assert decrypt(stored) == secret

    def test_a_rotated_secret_key_still_decrypts(self, settings) -> None:
        stored = encrypt("JBSWY3DPEHPK3PXP")
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = "a-brand-new-secret-key-for-this-test-0123456789"
        assert decrypt(stored) == "JBSWY3DPEHPK3PXP"

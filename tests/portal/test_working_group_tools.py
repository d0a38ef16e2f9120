"""The working group's starting page: who reaches it and what it says."""

import pytest
from django.test import Client

from hok.models import User
from tests.factories import SignatureFactory

URL = "/arbetsgruppen/hantera/"


@pytest.mark.django_db
class TestWorkingGroupTools:
    def test_anonymous_is_sent_to_log_in(self, client: Client) -> None:
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/")

    def test_a_plain_user_is_refused(self, user_client: Client) -> None:
        assert user_client.get(URL).status_code == 403

    def test_working_group_without_two_factor_must_turn_it_on(
        self, working_group_client: Client
    ) -> None:
        assert working_group_client.get(URL)["Location"] == "/konto/2fa/totp/activate/"

    @pytest.mark.parametrize("role", ["working_group_user", "admin_user"])
    def test_with_two_factor_the_tools_and_pending_count_show(
        self, request: pytest.FixtureRequest, seed: None, give_mfa, role: str
    ) -> None:
        member: User = request.getfixturevalue(role)
        give_mfa(member)
        SignatureFactory()
        client = Client()
        client.force_login(member)
        response = client.get(URL)
        assert response.status_code == 200
        body = response.content.decode()
        assert "1 underskrift väntar på beslut." in body
        assert 'href="/arbetsgruppen/hantera/underskrifter/"' in body

    def test_english(self, working_group_user: User, give_mfa) -> None:
        give_mfa(working_group_user)
        client = Client()
        client.force_login(working_group_user)
        response = client.get("/en" + URL)
        assert response.status_code == 200
        assert "Working group tools" in response.content.decode()

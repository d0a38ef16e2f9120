"""Management commands: demo accounts only with DEBUG, and idempotent."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from hok.models import User
from hok.roles import WORKING_GROUP_NAME, Role, role_of
from hok.services import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [email for _role, email, _name in DEMO_ACCOUNTS]


class TestCreateDemoAccounts:
    def test_refused_without_debug(self, settings) -> None:
        assert settings.DEBUG is False
        with pytest.raises(CommandError, match="only created when DEBUG is on"):
            call_command("create_demo_accounts")
        assert not User.objects.exists()

    def test_creates_one_account_per_role(self, settings, capsys) -> None:
        settings.DEBUG = True
        call_command("create_demo_accounts")
        output = capsys.readouterr().out
        assert set(User.objects.values_list("email", flat=True)) == set(DEMO_EMAILS)
        for email in DEMO_EMAILS:
            assert email in output
        assert DEMO_PASSWORD in output

    def test_each_account_has_its_role(self, settings) -> None:
        settings.DEBUG = True
        call_command("create_demo_accounts")
        roles = {email: role_of(User.objects.get(email=email)) for email in DEMO_EMAILS}
        assert roles == {
            "anvandare@demo.hok.local": Role.USER,
            "arbetsgrupp@demo.hok.local": Role.WORKING_GROUP,
            "admin@demo.hok.local": Role.ADMIN,
        }
        admin = User.objects.get(email="admin@demo.hok.local")
        assert admin.is_staff and admin.is_superuser
        member = User.objects.get(email="arbetsgrupp@demo.hok.local")
        assert list(member.groups.values_list("name", flat=True)) == [WORKING_GROUP_NAME]
        assert not member.is_staff
        ordinary = User.objects.get(email="anvandare@demo.hok.local")
        assert not ordinary.is_staff and not ordinary.groups.exists()

    def test_accounts_can_log_in(self, settings, client) -> None:
        settings.DEBUG = True
        call_command("create_demo_accounts")
        for email in DEMO_EMAILS:
            person = User.objects.get(email=email)
            assert person.check_password(DEMO_PASSWORD)
            assert EmailAddress.objects.get(user=person).verified
        response = client.post(
            "/konto/login/", {"login": "anvandare@demo.hok.local", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == "/"

    def test_running_twice_changes_nothing(self, settings) -> None:
        settings.DEBUG = True
        call_command("create_demo_accounts")
        before = list(User.objects.order_by("pk").values_list("pk", "email", "password"))
        call_command("create_demo_accounts")
        after = list(User.objects.order_by("pk").values_list("pk", "email", "password"))
        assert before == after
        assert User.objects.count() == 3
        assert EmailAddress.objects.count() == 3
        assert Group.objects.get(name=WORKING_GROUP_NAME).user_set.count() == 1

    def test_a_changed_password_is_kept(self, settings) -> None:
        settings.DEBUG = True
        call_command("create_demo_accounts")
        person = User.objects.get(email="anvandare@demo.hok.local")
        person.set_password("ett-eget-lösenord-2026")
        person.save()
        call_command("create_demo_accounts")
        person.refresh_from_db()
        assert person.check_password("ett-eget-lösenord-2026")


def test_working_group_exists_from_the_migration(db) -> None:
    assert Group.objects.filter(name=WORKING_GROUP_NAME).count() == 1

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from hok.models import User
from hok.roles import WORKING_GROUP_NAME, Role


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


DEMO_PASSWORD = "demo-hok-2026"  # noqa: S105 - printed for local demo accounts, DEBUG only
DEMO_ACCOUNTS = [
    (Role.USER, "anvandare@demo.hok.local", "Demo Användare"),
    (Role.WORKING_GROUP, "arbetsgrupp@demo.hok.local", "Demo Arbetsgrupp"),
    (Role.ADMIN, "admin@demo.hok.local", "Demo Administratör"),
]


@transaction.atomic
def demo_accounts_ensure() -> list[DemoAccount]:
    """One verified account per role, for trying the portal locally. Idempotent."""
    working_group, _ = Group.objects.get_or_create(name=WORKING_GROUP_NAME)
    accounts = []
    for role, email, name in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            if role == Role.WORKING_GROUP:
                user.groups.add(working_group)
        accounts.append(DemoAccount(str(role.label), email, DEMO_PASSWORD))
    return accounts

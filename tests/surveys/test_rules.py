"""Who may build surveys: the working group and admins with two-factor login, nobody else."""

import pytest
from django.contrib.auth.models import AnonymousUser

from surveys.rules import can_manage_surveys
from tests.factories import AdminUserFactory, UserFactory, WorkingGroupUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make", "two_factor", "allowed"),
    [
        (AnonymousUser, False, False),
        (UserFactory, False, False),
        (UserFactory, True, False),
        (WorkingGroupUserFactory, False, False),
        (WorkingGroupUserFactory, True, True),
        (AdminUserFactory, False, False),
        (AdminUserFactory, True, True),
    ],
)
def test_can_manage_surveys(make, two_factor, allowed, give_mfa):
    person = make()
    if two_factor:
        give_mfa(person)
    assert can_manage_surveys(person) is allowed


def test_inactive_staff_cannot(give_mfa):
    person = AdminUserFactory(is_active=False, is_superuser=False)
    give_mfa(person)
    assert not can_manage_surveys(person)

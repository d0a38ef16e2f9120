"""Who may build surveys: the working group and admins, nobody else."""

import pytest
from django.contrib.auth.models import AnonymousUser

from surveys.rules import can_manage_surveys
from tests.factories import AdminUserFactory, UserFactory, WorkingGroupUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make", "allowed"),
    [
        (AnonymousUser, False),
        (UserFactory, False),
        (WorkingGroupUserFactory, True),
        (AdminUserFactory, True),
    ],
)
def test_can_manage_surveys(make, allowed):
    assert can_manage_surveys(make()) is allowed


def test_inactive_staff_cannot():
    assert not can_manage_surveys(AdminUserFactory(is_active=False, is_superuser=False))

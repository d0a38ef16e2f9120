"""One rule for whatever only the working group and admins may see: the role with two-factor
login (hok.roles.uses_powers). Every app's rule asks it, and a refused member of the working
group is sent to set two-factor up (hok.access.refuse)."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from agreements.rules import can_decide_signatures, can_preview_organisation
from dialogues.rules import can_manage_conferences
from hok.models import User
from hok.roles import uses_powers
from surveys.rules import can_manage_surveys
from tests.factories import (
    AdminUserFactory,
    OrganisationFactory,
    UserFactory,
    WorkingGroupUserFactory,
)

pytestmark = pytest.mark.django_db

POWER_RULES = [uses_powers, can_decide_signatures, can_manage_surveys, can_manage_conferences]


@pytest.mark.parametrize("rule", POWER_RULES, ids=lambda rule: rule.__name__)
@pytest.mark.parametrize(
    ("make", "two_factor", "allowed"),
    [
        (UserFactory, True, False),
        (WorkingGroupUserFactory, False, False),
        (WorkingGroupUserFactory, True, True),
        (AdminUserFactory, False, False),
        (AdminUserFactory, True, True),
    ],
)
def test_every_power_rule_needs_two_factor(
    rule: Callable[[User], bool],
    make: Callable[[], User],
    two_factor: bool,
    allowed: bool,
    give_mfa: Callable[[User], str],
) -> None:
    person = make()
    if two_factor:
        give_mfa(person)
    assert rule(person) is allowed


@pytest.mark.parametrize("rule", POWER_RULES, ids=lambda rule: rule.__name__)
def test_anonymous_has_no_powers(rule: Callable[[AnonymousUser], bool]) -> None:
    assert rule(AnonymousUser()) is False


def test_previewing_an_organisation_needs_two_factor(give_mfa: Callable[[User], str]) -> None:
    organisation = OrganisationFactory()
    member = WorkingGroupUserFactory()
    assert not can_preview_organisation(member, organisation)
    give_mfa(member)
    member = User.objects.get(pk=member.pk)  # a new request's user
    assert can_preview_organisation(member, organisation)


def test_the_working_group_start_page_sends_a_member_without_it_to_set_it_up(
    working_group_client: Client,
) -> None:
    response = working_group_client.get(reverse("working_group_tools"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

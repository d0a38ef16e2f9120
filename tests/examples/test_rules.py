"""examples.rules as a role × state matrix: who may do what with an example in each state."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser

from examples import rules
from examples.models import Example
from hok.models import User
from tests.examples.conftest import ROLES, World
from tests.examples.factories import ExampleFactory
from tests.factories import MembershipFactory, PublicOrganisationFactory

pytestmark = pytest.mark.django_db

S = Example.Status
MEMBER = {"representative"}
REVIEWER = {"working_group_mfa", "admin_mfa"}
EVERYONE = set(ROLES)

# rule -> state -> the roles it allows
MATRIX: dict[str, dict[str, set[str]]] = {
    "can_view_example": {
        S.DRAFT: MEMBER | REVIEWER,
        S.SUBMITTED: MEMBER | REVIEWER,
        S.CHANGES_REQUESTED: MEMBER | REVIEWER,
        S.PUBLISHED: EVERYONE,
        S.WITHDRAWN: MEMBER | REVIEWER,
    },
    "can_edit_example": {
        S.DRAFT: MEMBER,
        S.SUBMITTED: set(),
        S.CHANGES_REQUESTED: MEMBER,
        S.PUBLISHED: set(),
        S.WITHDRAWN: set(),
    },
    "can_submit_example": {
        S.DRAFT: MEMBER,
        S.SUBMITTED: set(),
        S.CHANGES_REQUESTED: MEMBER,
        S.PUBLISHED: set(),
        S.WITHDRAWN: set(),
    },
    "can_publish_example": {
        S.DRAFT: set(),
        S.SUBMITTED: REVIEWER,
        S.CHANGES_REQUESTED: set(),
        S.PUBLISHED: set(),
        S.WITHDRAWN: set(),
    },
    "can_request_changes": {
        S.DRAFT: set(),
        S.SUBMITTED: REVIEWER,
        S.CHANGES_REQUESTED: set(),
        S.PUBLISHED: REVIEWER,
        S.WITHDRAWN: set(),
    },
    "can_withdraw_example": {
        S.DRAFT: MEMBER,
        S.SUBMITTED: MEMBER,
        S.CHANGES_REQUESTED: MEMBER,
        S.PUBLISHED: MEMBER | REVIEWER,
        S.WITHDRAWN: set(),
    },
    "can_reopen_example": {
        S.DRAFT: set(),
        S.SUBMITTED: set(),
        S.CHANGES_REQUESTED: set(),
        S.PUBLISHED: set(),
        S.WITHDRAWN: MEMBER,
    },
}


@pytest.mark.parametrize("rule_name", sorted(MATRIX))
@pytest.mark.parametrize("status", list(S))
def test_matrix(
    rule_name: str, status: str, world: World, person_as: Callable[[str], User | None]
) -> None:
    example = ExampleFactory(
        organisation=world.organisation,
        status=status,
        published_at="2025-01-01T00:00:00Z" if status == S.PUBLISHED else None,
    )
    rule = getattr(rules, rule_name)
    allowed = {role for role in ROLES if rule(_anonymous_or(person_as(role)), example)}
    assert allowed == MATRIX[rule_name][status]


def _anonymous_or(person: User | None) -> User | AnonymousUser:
    return person if person is not None else AnonymousUser()


def test_only_representatives_of_public_signatories_write(
    world: World, person_as: Callable[[str], User | None]
) -> None:
    unsigned = PublicOrganisationFactory(approved=False)
    member_of_unsigned = MembershipFactory(organisation=unsigned).user
    assert rules.can_write_example_for(world.representative, world.organisation)
    assert not rules.can_write_example_for(world.other_member, world.organisation)
    assert not rules.can_write_example_for(member_of_unsigned, unsigned)
    assert not rules.can_write_example_for(person_as("working_group_mfa"), world.organisation)

"""Who may do what with examples of collaboration, in one place (role × state). Views ask only
here; the services check the state transitions again.

| state              | a representative of the example's organisation | the working group (2FA)  |
|--------------------|------------------------------------------------|--------------------------|
| draft              | edit, add files, submit, withdraw              | read                     |
| submitted          | read, withdraw                                 | publish, ask for changes |
| changes requested  | edit, add files, submit again, withdraw        | read                     |
| published          | read, withdraw                                 | ask for changes, withdraw|
| withdrawn          | read, take up again as a draft                 | read                     |

Everyone reads a published example; nobody else sees any other state (404, not 403).
Any representative of a public signatory may write a new example for it.
"""

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from agreements.rules import is_member
from agreements.selectors.directory import signatories_public
from examples.models import Example
from hok.models import User
from hok.roles import uses_powers

if TYPE_CHECKING:
    from agreements.models import Organisation

Status = Example.Status

EDITABLE = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})
SUBMITTABLE = EDITABLE
REVIEWABLE = frozenset({Status.SUBMITTED})
CHANGES_REQUESTABLE = frozenset({Status.SUBMITTED, Status.PUBLISHED})
WITHDRAWABLE_BY_MEMBER = frozenset(
    {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.PUBLISHED}
)
WITHDRAWABLE_BY_REVIEWER = frozenset({Status.PUBLISHED})
REOPENABLE = frozenset({Status.WITHDRAWN})


def can_review_examples(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, review and publish examples."""
    return uses_powers(user)


def can_write_example_for(user: User | AnonymousUser, organisation: "Organisation") -> bool:
    """A representative of a public signatory: the knowledge base holds signatories' stories."""
    return (
        is_member(user, organisation) and signatories_public().filter(pk=organisation.pk).exists()
    )


def is_author_side(user: User | AnonymousUser, example: Example) -> bool:
    return is_member(user, example.organisation)


def can_view_example(user: User | AnonymousUser, example: Example) -> bool:
    if example.status == Status.PUBLISHED:
        return True
    return is_author_side(user, example) or can_review_examples(user)


def can_edit_example(user: User | AnonymousUser, example: Example) -> bool:
    return example.status in EDITABLE and is_author_side(user, example)


def can_submit_example(user: User | AnonymousUser, example: Example) -> bool:
    return example.status in SUBMITTABLE and is_author_side(user, example)


def can_publish_example(user: User | AnonymousUser, example: Example) -> bool:
    return example.status in REVIEWABLE and can_review_examples(user)


def can_request_changes(user: User | AnonymousUser, example: Example) -> bool:
    return example.status in CHANGES_REQUESTABLE and can_review_examples(user)


def can_withdraw_example(user: User | AnonymousUser, example: Example) -> bool:
    if example.status in WITHDRAWABLE_BY_MEMBER and is_author_side(user, example):
        return True
    return example.status in WITHDRAWABLE_BY_REVIEWER and can_review_examples(user)


def can_reopen_example(user: User | AnonymousUser, example: Example) -> bool:
    return example.status in REOPENABLE and is_author_side(user, example)

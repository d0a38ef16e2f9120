"""Writes of the accounts app: a person deletes their account; the retention rules run."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.registry import ERASERS, erasure_obstacles_of
from accounts.selectors import unconfirmed_accounts
from agreements.services.personal_data import invitations_expired_delete
from hok.models import User
from hok.roles import is_admin

logger = logging.getLogger(__name__)


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account and everything that is only about the person; what they did for an
    organisation stays as the organisation's record without a link to them (see
    agreements.services.personal_data). Refused with a ValidationError naming what must happen
    first (the last representative hands over, the last administrator appoints another)."""
    if is_admin(user):
        # Two administrators deleting themselves at once must not leave the portal without one.
        list(User.objects.select_for_update().filter(is_staff=True).order_by("pk"))
    user = User.objects.select_for_update().get(pk=user.pk)
    obstacles = erasure_obstacles_of(user)
    if obstacles:
        raise ValidationError(
            [ValidationError(obstacle.message, code="refused") for obstacle in obstacles]
        )
    for erase in ERASERS:
        erase(user=user)
    user_id = user.pk
    user.delete()
    logger.info("account %s deleted", user_id)


def unconfirmed_accounts_delete(*, now: datetime) -> int:
    """Delete the accounts that were never confirmed (see selectors.unconfirmed_accounts), each
    in its own transaction, checked again under lock. Idempotent; returns how many went."""
    deleted = 0
    for pk in list(unconfirmed_accounts(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            user = unconfirmed_accounts(now=now).filter(pk=pk).select_for_update().first()
            if user is None:  # confirmed or gone meanwhile
                continue
            try:
                account_delete(user=user)
            except ValidationError:
                logger.warning("unconfirmed account %s kept: it must hand over first", pk)
                continue
        deleted += 1
    return deleted


@dataclass(frozen=True)
class RetentionOutcome:
    invitations_deleted: int
    accounts_deleted: int


def retention_apply(*, now: datetime) -> RetentionOutcome:
    """Apply the retention periods stated on the privacy page. Safe to run any number of times."""
    return RetentionOutcome(
        invitations_deleted=invitations_expired_delete(now=now),
        accounts_deleted=unconfirmed_accounts_delete(now=now),
    )

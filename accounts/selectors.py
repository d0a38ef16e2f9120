"""Reads of the accounts app: a person's export, what stops their account's deletion, and the
accounts the retention rules remove."""

from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.registry import erasure_obstacles_of, personal_data_of
from hok.models import User
from hok.personal_data import Obstacle

EXPORT_FORMAT = "hok-portalen/personal-data"
EXPORT_FORMAT_VERSION = 1


def personal_data_export(*, user: User) -> dict[str, Any]:
    """Everything stored about the person, one section per app, as JSON-ready data."""
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "generated_at": timezone.now().isoformat(),
        **personal_data_of(user),
    }


def account_deletion_obstacles(*, user: User) -> list[Obstacle]:
    return erasure_obstacles_of(user)


def unconfirmed_accounts(*, now: datetime) -> QuerySet[User]:
    """Accounts that were never confirmed: signed up longer ago than the retention period, no
    verified e-mail address, never signed in, and given no role or powers by an administrator."""
    joined_before = now - timedelta(days=settings.ACCOUNT_UNCONFIRMED_DELETE_AFTER_DAYS)
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    in_a_group = User.groups.through.objects.filter(user=OuterRef("pk"))
    return User.objects.filter(
        ~Exists(verified),
        ~Exists(in_a_group),
        date_joined__lt=joined_before,
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
    )

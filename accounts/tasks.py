"""Celery tasks of the accounts app; idempotent."""

from celery import shared_task
from django.utils import timezone

from accounts.services import retention_apply


@shared_task
def apply_retention() -> dict[str, int]:
    """Nightly (CELERY_BEAT_SCHEDULE): delete expired organisation invitations and accounts that
    were never confirmed, after the periods stated on the privacy page."""
    outcome = retention_apply(now=timezone.now())
    return {
        "invitations_deleted": outcome.invitations_deleted,
        "accounts_deleted": outcome.accounts_deleted,
    }

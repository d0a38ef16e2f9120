from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def retention_periods() -> dict[str, int]:
    """The retention periods (in days; the submission keys in hours), as settings define them,
    for the privacy page."""
    return {
        "submission_hours": settings.SUBMISSION_KEY_RETENTION_HOURS,
        "unconfirmed_account_days": settings.ACCOUNT_UNCONFIRMED_DELETE_AFTER_DAYS,
        "invitation_days": settings.ORGANISATION_INVITATION_DELETE_AFTER_DAYS,
    }

"""The admins' settings for newsletters (one row, with history)."""

from django.db import transaction

from hok.audit import record_actor
from hok.models import User
from newsletters.models import NewsletterSettings


@transaction.atomic
def settings_save(*, working_group_may_write: bool, by: User) -> NewsletterSettings:
    """Let the working group write and send newsletters, or not; the history row names `by`.

    Saved through the instance (not a queryset update) so that simple-history writes the row."""
    settings = NewsletterSettings.objects.select_for_update().filter(pk=1).first()
    if settings is None:
        settings = NewsletterSettings(pk=1)
    settings.working_group_may_write = working_group_may_write
    record_actor(
        settings,
        by=by,
        reason="working group may write" if working_group_may_write else "admins only",
    )
    settings.save()
    return settings

"""The admins' settings for newsletters (one row)."""

from hok.models import User
from newsletters.models import NewsletterSettings


def settings_save(*, working_group_may_write: bool, by: User) -> NewsletterSettings:
    """Let the working group write and send newsletters, or not. The row has no history;
    `by` names the acting admin like every write service's."""
    settings, _created = NewsletterSettings.objects.update_or_create(
        pk=1, defaults={"working_group_may_write": working_group_may_write}
    )
    return settings

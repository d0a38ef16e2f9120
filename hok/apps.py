from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HokConfig(AppConfig):
    name = "hok"
    verbose_name = _("HÖK-portalen")

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_save

        # Importing it registers the replay of generations bumped while Redis was unreachable.
        from hok import generations

        def admin_changed(**kwargs: object) -> None:
            # The admin edits models past the services: every cached page is renewed.
            generations.bump(generations.SITE)

        post_save.connect(
            admin_changed, sender=LogEntry, weak=False, dispatch_uid="hok.admin_changed"
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dialogues"
    verbose_name = _("Konferensdialoger")

    def ready(self) -> None:
        from agreements.conferences import register_conference_source
        from dialogues.selectors.conferences import conference_refs

        register_conference_source(conference_refs)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Sök")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from search import indexing, registry

        # Imports each app's `search_sources` module (hok.searchable describes it).
        autodiscover_modules("search_sources")
        registry.collect()
        indexing.connect_signals()

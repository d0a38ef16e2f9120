"""The search sources of every installed app, collected once at start-up."""

import sys

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from hok.searchable import SearchSource

_sources: dict[str, SearchSource] = {}


def collect() -> None:
    """Read `SEARCH_SOURCES` from every app's `search_sources` module (already imported by
    autodiscover_modules)."""
    _sources.clear()
    for app_config in apps.get_app_configs():
        module = sys.modules.get(f"{app_config.name}.search_sources")
        for source in getattr(module, "SEARCH_SOURCES", []):
            if source.kind in _sources:
                raise ImproperlyConfigured(f"Two search sources have the kind {source.kind!r}.")
            _sources[source.kind] = source


def sources() -> list[SearchSource]:
    """Every source, in the order their groups appear on the results page."""
    return sorted(_sources.values(), key=lambda source: (source.order, source.kind))


def source(kind: str) -> SearchSource | None:
    return _sources.get(kind)

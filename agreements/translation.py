"""Content is Swedish; the portal's English translation lives in sibling `*_en` fields."""

from typing import Any

from django.utils.translation import get_language


class TranslatedField:
    """Reads `<name>_en` when the active language is English and it is filled in."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        language = get_language() or ""
        if language.startswith("en"):
            translated = getattr(instance, f"{self.name}_en", "")
            if translated:
                return translated
        return getattr(instance, self.name)

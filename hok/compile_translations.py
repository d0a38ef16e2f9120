"""Compile locale/*/LC_MESSAGES/*.po to .mo without GNU gettext (a fresh machine lacks it)."""

from pathlib import Path

import polib

from hok.settings.base import LANGUAGE_CODE

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def main() -> None:
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        name = po_path.relative_to(LOCALE_DIR.parent)
        print(f"compiled {name} ({_state(po_path.parent.parent.name, catalogue)})")  # noqa: T201


def _state(language: str, catalogue: polib.POFile) -> str:
    # The source strings are Swedish: the sv catalogue is empty by design, not untranslated.
    if language == LANGUAGE_CODE:
        return "the source language: nothing to translate"
    return f"{catalogue.percent_translated()} % translated"


if __name__ == "__main__":
    main()

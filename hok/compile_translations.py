"""Compile locale/*/LC_MESSAGES/*.po to .mo without GNU gettext (a fresh machine lacks it)."""

from pathlib import Path

import polib

from hok.settings.base import LANGUAGE_CODE

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
# Rewordings of the login library's own catalogue (see locale_overrides/README.md).
OVERRIDES_DIR = LOCALE_DIR.parent / "locale_overrides"


def main() -> None:
    catalogues = [*LOCALE_DIR.glob("*/LC_MESSAGES/*.po"), *OVERRIDES_DIR.glob("*/LC_MESSAGES/*.po")]
    for po_path in sorted(catalogues):
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        name = po_path.relative_to(LOCALE_DIR.parent)
        if po_path.is_relative_to(OVERRIDES_DIR):
            state = f"{len(catalogue)} rewordings of the login library's texts"
        else:
            state = _state(po_path.parent.parent.name, catalogue)
        print(f"compiled {name} ({state})")  # noqa: T201


def _state(language: str, catalogue: polib.POFile) -> str:
    # The source strings are Swedish: the sv catalogue is empty by design, not untranslated.
    if language == LANGUAGE_CODE:
        return "the source language: nothing to translate"
    return f"{catalogue.percent_translated()} % translated"


if __name__ == "__main__":
    main()

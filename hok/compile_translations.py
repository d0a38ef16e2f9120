"""Compile locale/*/LC_MESSAGES/*.po to .mo without GNU gettext (a fresh machine lacks it)."""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def main() -> None:
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        done = catalogue.percent_translated()
        name = po_path.relative_to(LOCALE_DIR.parent)
        print(f"compiled {name} ({done} % translated)")  # noqa: T201


if __name__ == "__main__":
    main()

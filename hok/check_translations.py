"""Fail when a Swedish source string lacks its English translation (`make lint`).

Extracts the strings afresh with makemessages (GNU gettext), compares, and puts the catalogue
back as it was: the check never changes the tree.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
CATALOGUE = BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
IGNORE = [".venv", "tests", "staticfiles", "bench", "media", "private-media", "var"]


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        saved = Path(folder) / "django.po"
        shutil.copy2(CATALOGUE, saved)
        try:
            command = [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"]
            command += [f"--ignore={pattern}" for pattern in IGNORE]
            subprocess.run(command, cwd=BASE_DIR, check=True, capture_output=True)  # noqa: S603
            fresh = polib.pofile(str(CATALOGUE))
        finally:
            shutil.copy2(saved, CATALOGUE)
    missing = fresh.untranslated_entries() + fresh.fuzzy_entries()
    for entry in missing:
        print(f"missing English translation: {entry.msgid!r}", file=sys.stderr)  # noqa: T201
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

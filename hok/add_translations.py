"""Add English translations to the catalogue: `python -m hok.add_translations pairs.json`.

The file maps Swedish source strings to English ones. The script extracts the strings afresh
with makemessages (so new msgids appear), fills in the given translations and leaves every
other entry as it was. Several people (or helpers) may run it at once: a lock file serialises
them.
"""

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import polib

from hok.check_translations import BASE_DIR, CATALOGUE, IGNORE

LOCK = BASE_DIR / "locale" / ".add_translations.lock"


def main(pairs_file: str) -> int:
    pairs = json.loads(Path(pairs_file).read_text(encoding="utf-8"))
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        command = [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"]
        command += [f"--ignore={pattern}" for pattern in IGNORE]
        subprocess.run(command, cwd=BASE_DIR, check=True, capture_output=True)  # noqa: S603
        catalogue = polib.pofile(str(CATALOGUE))
        filled = 0
        for entry in catalogue:
            english = pairs.get(entry.msgid)
            if english is None:
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = {0: english[0], 1: english[1]}
            else:
                entry.msgstr = english
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
        catalogue.save()
        missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    print(f"filled {filled}; still untranslated: {len(missing)}")  # noqa: T201
    for msgid in missing:
        print(f"  {msgid!r}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

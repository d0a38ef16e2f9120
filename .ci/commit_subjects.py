"""Commit subjects stay under 72 characters; the why goes in the body.

`python .ci/commit_subjects.py FILE` checks one message (the pre-commit `commit-msg` hook);
without arguments it checks every commit after the one where the rule began (`make lint`).
A clone without that commit (shallow) or without git has nothing to check.
"""

import subprocess
import sys
from pathlib import Path

LIMIT = 72
RULE_BEGAN = "11fbce2"  # earlier subjects were written before the rule


def too_long(subject: str) -> bool:
    return len(subject) >= LIMIT


def subjects_since(commit: str) -> list[str] | None:
    try:
        log = subprocess.run(
            ["git", "log", "--no-merges", "--format=%h %s", f"{commit}..HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return log.stdout.splitlines()


def main(argv: list[str]) -> int:
    if argv:
        lines = Path(argv[0]).read_text(encoding="utf-8").splitlines()
        subject = next((line for line in lines if line and not line.startswith("#")), "")
        if too_long(subject):
            print(f"Commit subject is {len(subject)} characters; keep it under {LIMIT}.")
            return 1
        return 0
    commits = subjects_since(RULE_BEGAN)
    if commits is None:
        print(f"commit subjects: {RULE_BEGAN} is not in this clone; nothing to check.")
        return 0
    long = [line for line in commits if too_long(line.split(" ", 1)[1])]
    for line in long:
        print(f"subject of {LIMIT} characters or more: {line}")
    return 1 if long else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

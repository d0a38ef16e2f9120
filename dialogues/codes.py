"""Short codes that attendees type on a phone: six characters from an alphabet without
look-alikes (no 0/O, no 1/I/L), stored upper-case, read back case-insensitively and tolerant of
the spaces and dashes people put in when they copy a code from a printed sheet."""

import re
import secrets
from collections.abc import Callable

# 0/O and 1/I/L are left out: they are confused on a printed sheet and on a small screen.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 6
MAX_ATTEMPTS = 20

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.]+")


class CodeSpaceExhausted(RuntimeError):
    """No free code was found in MAX_ATTEMPTS tries (practically impossible: 31^6 codes)."""


def random_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_code(typed: str) -> str:
    """What was typed, as it is stored: separators dropped, upper-case."""
    return _SEPARATORS.sub("", typed or "").upper()


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(char in ALPHABET for char in code)


def unique_code(exists: Callable[[str], bool]) -> str:
    """A fresh code for which `exists(code)` is False; retried on a collision."""
    for _attempt in range(MAX_ATTEMPTS):
        code = random_code()
        if not exists(code):
            return code
    raise CodeSpaceExhausted("no free short code found")

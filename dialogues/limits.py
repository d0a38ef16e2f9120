"""Abuse limits for conference notes that fit a conference: per DEVICE, never per IP address.

Three hundred phones share one venue address, so an address says nothing about who is writing.
Instead the attendee page gives every phone a random device id in a signed cookie (HttpOnly,
SameSite=Lax, a year long). Each device may send at most DEVICE_LIMIT notes per DEVICE_WINDOW
seconds to one dialogue, counted in the cache (Redis in production: `incr` there is one atomic
INCRBY, and the window's key expires by itself). The device id is never stored with a note and
never written to the database; it lives only in the cookie and, for at most DEVICE_WINDOW
seconds, in a counter's key.

Without Redis (`make run`) the counters live in the database cache: they count the same, but
its incr is a read and a write (not atomic) and renews the key's expiry to the cache's default
timeout, so the window there is "since the last note". Good enough for development.

The global cap per dialogue (`Dialogue.note_cap`) is counted in the database by the service.
It is the real bound: the per-device limit follows the cookie, and a phone (or script) that
fetches the page again without it gets a fresh device id and starts a new window. That is
accepted (an address-based limit would lock out a whole venue); the working group is told so
where it sets the cap and on the moderation page, which shows the notes per minute of the last
ten minutes (dialogues.selectors.moderation.note_rate) so a flood is seen as it starts.
"""

import re
import secrets

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

DEVICE_COOKIE = "hok_device"
DEVICE_SALT = "dialogues.limits.device"
DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
# A table group writing busily sends a note every half minute; a script sends hundreds.
DEVICE_LIMIT = 20
DEVICE_WINDOW = 10 * 60

_DEVICE_ID = re.compile(r"^[0-9a-f]{32}$")


def new_device_id() -> str:
    return secrets.token_hex(16)


def device_id_from(request: HttpRequest) -> str | None:
    """The device id of a correctly signed cookie; None when it is missing or forged."""
    value = request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_SALT)
    if value is None or not _DEVICE_ID.match(value):
        return None
    return value


def set_device_cookie(response: HttpResponse, request: HttpRequest, device_id: str) -> None:
    response.set_signed_cookie(
        DEVICE_COOKIE,
        device_id,
        salt=DEVICE_SALT,
        max_age=DEVICE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def ensure_device_cookie(response: HttpResponse, request: HttpRequest) -> str:
    """Give the phone a device id unless it already has a valid one; return the id."""
    device_id = device_id_from(request)
    if device_id is None:
        device_id = new_device_id()
        set_device_cookie(response, request, device_id)
    return device_id


def _counter_key(dialogue_id: int, device_id: str) -> str:
    return f"dialogues:notes:{dialogue_id}:{device_id}"


def device_note_allowed(*, dialogue_id: int, device_id: str) -> bool:
    """Count one note from this device to this dialogue; False once it is over the limit.

    The window starts with the device's first note and its key expires DEVICE_WINDOW seconds
    later. Refused attempts count too, so a flood stays refused until the window ends.
    """
    key = _counter_key(dialogue_id, device_id)
    for _attempt in range(2):
        cache.add(key, 0, timeout=DEVICE_WINDOW)
        try:
            count = cache.incr(key)
        except ValueError:
            # The key expired between add() and incr(): start a new window.
            continue
        return count <= DEVICE_LIMIT
    return True


def device_notes_counted(*, dialogue_id: int, device_id: str) -> int:
    """How many notes the device has sent in its current window (for tests and the bench)."""
    return int(cache.get(_counter_key(dialogue_id, device_id), 0))

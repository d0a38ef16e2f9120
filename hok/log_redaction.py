"""Keep survey invitation tokens out of the logs.

A response stores nothing that links it to its invitation, but an access log line with the
personal link, the time and the address would: it says who answered when. Both places that
log request paths — gunicorn's access log and Django's `django.request` logger (4xx/5xx) —
pass through here, and the token becomes "…".
"""

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

# /enkat/svara/<token>/, with or without a language prefix, raw or percent-encoded.
TOKEN_IN_PATH = re.compile(r"(/enkat/svara/)[^/\s?#\"]+")
REDACTED = r"\1…"


def redact(text: str) -> str:
    return TOKEN_IN_PATH.sub(REDACTED, text)


class RedactTokens(logging.Filter):
    """A logging filter: the message and its arguments lose their tokens."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True


class RedactingGunicornLogger(Logger):
    """gunicorn's logger with every access-log field redacted (path, request line, referer…)."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}

"""Keep survey invitation tokens out of the logs.

A response stores nothing that links it to its invitation, but a log line with the personal
link, the time and the address would: it says who answered when. So the token is cut from
every log record at the one place every record passes through, whichever logger made it and
whichever handler writes it: the record factory (`logging.setLogRecordFactory`), installed by
`configure` (Django's LOGGING_CONFIG) before any logger is set up. Django's `django.request`,
`django.security.*` (CSRF failures print the path), `django.server`, gunicorn's error log,
Celery and any library are covered, and so is a handler added later. The message is rendered
and redacted when the record is made (arguments that only show the token when formatted, such
as a request object, included), and so is the text of an exception's traceback.

gunicorn's access log does not go through a message but through its own "atoms"; its logger
class (`RedactingGunicornLogger`) redacts those too.
"""

import logging
import logging.config
import re
from typing import TYPE_CHECKING, Any, cast

from gunicorn.glogging import Logger

if TYPE_CHECKING:
    from gunicorn.glogging import _AtomsDict

# /enkat/svara/<token>/, with or without a language prefix, raw or percent-encoded.
TOKEN_IN_PATH = re.compile(r"(/enkat/svara/)[^/\s?#\"']+")
REDACTED = r"\1…"

_formatter = logging.Formatter()


def redact(text: str) -> str:
    return TOKEN_IN_PATH.sub(REDACTED, text)


class _RedactedRecordFactory:
    """A record factory that redacts what the wrapped factory makes."""

    redacts_tokens = True

    def __init__(self, factory: Any) -> None:
        self.factory = factory

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = self.factory(*args, **kwargs)
        redact_record(record)
        return record


def redact_record(record: logging.LogRecord) -> None:
    """Render the message with its arguments; where it holds a token, keep the redacted text as
    the message (no arguments left to bring the token back). The same for the traceback. A
    message whose arguments do not fit is left for the handler to report, as logging always
    does, with its format string redacted."""
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - logging reports a bad format itself, at emit time
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return
    if TOKEN_IN_PATH.search(message):
        record.msg, record.args = redact(message), None
    if record.exc_info and not record.exc_text:
        trace = _formatter.formatException(record.exc_info)
        if TOKEN_IN_PATH.search(trace):
            record.exc_text = redact(trace)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


def install() -> None:
    """Make every log record of this process pass through `redact_record` (once)."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "redacts_tokens", False):
        logging.setLogRecordFactory(_RedactedRecordFactory(factory))


def configure(logging_settings: dict[str, Any]) -> None:
    """Django's LOGGING_CONFIG: redact every record, then configure logging as usual."""
    install()
    logging.config.dictConfig(logging_settings)


class RedactingGunicornLogger(Logger):
    """gunicorn's logger with every access-log field redacted (path, request line, referer…)."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> "_AtomsDict":
        atoms = super().atoms(resp, req, environ, request_time)
        return cast(
            "_AtomsDict", {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}
        )

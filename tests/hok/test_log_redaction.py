"""Survey tokens never reach a log line: not through any of Django's loggers that print a path,
not through a library's logger or a traceback, not through gunicorn's access log.

Redaction happens once, where every record is made (hok.log_redaction), so each test below
listens with a plain handler of its own, with no filter: what it receives is what any handler
(console, file, mail, a log shipper) would write.
"""

import datetime
import io
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.wsgi import get_wsgi_application
from django.test import Client
from gunicorn.config import Config

from hok.log_redaction import RedactingGunicornLogger, redact

TOKEN = "k3J9-secret_Token"


@pytest.mark.parametrize(
    "path",
    [
        f"/enkat/svara/{TOKEN}/",
        f"/en/enkat/svara/{TOKEN}/",
        f"POST /enkat/svara/{TOKEN}/?x=1 HTTP/1.1",
        f"https://hok.example/enkat/svara/{TOKEN}",
    ],
)
def test_the_token_is_cut_from_every_form_of_the_path(path: str) -> None:
    assert TOKEN not in redact(path)
    assert "/enkat/svara/…" in redact(path)


def test_other_paths_are_left_alone() -> None:
    assert redact("/enkat/oppen/abc/") == "/enkat/oppen/abc/"


@contextmanager
def listening(name: str) -> Iterator[io.StringIO]:
    """A plain handler (no filter) on one logger, with tracebacks, at every level."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.mark.django_db
def test_csrf_failure_log_is_redacted() -> None:
    """The finding: a POST without a CSRF cookie logged "Forbidden (CSRF cookie not set.):
    /enkat/svara/<token>/" through django.security.csrf."""
    client = Client(enforce_csrf_checks=True)
    with listening("django.security.csrf") as log:
        response = client.post(f"/enkat/svara/{TOKEN}/", {"step": "answers"})
    assert response.status_code == 403
    assert "Forbidden (CSRF cookie not set.): /enkat/svara/…/" in log.getvalue()
    assert TOKEN not in log.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_django_request_log_is_redacted_for_not_found_and_bad_method(prefix: str) -> None:
    with listening("django.request") as log:
        assert Client().get(f"{prefix}/enkat/svara/{TOKEN}/").status_code == 404
        assert Client().put(f"{prefix}/enkat/svara/{TOKEN}/").status_code == 405
    written = log.getvalue()
    assert f"Not Found: {prefix}/enkat/svara/…/" in written
    assert f"Method Not Allowed (PUT): {prefix}/enkat/svara/…/" in written
    assert TOKEN not in written


@pytest.mark.django_db(transaction=True)
def test_django_server_log_of_runserver_is_redacted() -> None:
    """Django's development server (the one `make run` uses) logs every request line through
    django.server: a real server in a thread, a real HTTP request."""
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    with listening("django.server") as log:
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/enkat/svara/{TOKEN}/?from=mail", method="PUT"
            )
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)  # noqa: S310 - our own test server
            assert refused.value.code == 403  # no CSRF cookie: refused before the view
        finally:
            # The server logs the request line after the response: listen until it stopped.
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)
    written = log.getvalue()
    assert '"PUT /enkat/svara/…/?from=mail HTTP/1.1" 403' in written
    assert TOKEN not in written


def test_any_logger_any_argument_and_a_traceback_are_redacted() -> None:
    """Not logger by logger: a library's logger, a token inside an object that only shows it
    when formatted, and a traceback whose exception message holds the path."""

    class Request:
        def __str__(self) -> str:
            return f"<Request POST /enkat/svara/{TOKEN}/>"

    with listening("some.library") as log:
        logger = logging.getLogger("some.library.deep")
        logger.info("handling %s", Request())
        logger.warning("path %(path)s", {"path": f"/enkat/svara/{TOKEN}/"})
        try:
            raise ValueError(f"bad link https://hok.example/enkat/svara/{TOKEN}")
        except ValueError:
            logger.exception("failed")
    written = log.getvalue()
    assert "<Request POST /enkat/svara/…/>" in written
    assert "path /enkat/svara/…/" in written
    assert "ValueError: bad link https://hok.example/enkat/svara/…" in written
    assert TOKEN not in written


def test_other_messages_keep_their_arguments() -> None:
    """Records without a token are left as they were made (handlers that group by format
    string, such as error trackers, still can)."""
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    logger = logging.getLogger("some.other")
    handler = Keep()
    logger.addHandler(handler)
    try:
        logger.warning("survey %s closed", 7)
    finally:
        logger.removeHandler(handler)
    assert (seen[0].msg, seen[0].args) == ("survey %s closed", (7,))


@pytest.mark.django_db
def test_django_request_log_of_an_unknown_token_is_redacted(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/enkat/svara/{TOKEN}/")
    assert response.status_code == 404
    logged = [record.getMessage() for record in caplog.records]
    assert any("/enkat/svara/…" in line for line in logged)
    assert not any(TOKEN in line for line in logged)


def test_gunicorn_access_log_fields_are_redacted() -> None:
    logger = RedactingGunicornLogger(Config())
    path = f"/enkat/svara/{TOKEN}/"
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://hok.example{path}",
        "REMOTE_ADDR": "192.0.2.1",
    }
    response = SimpleNamespace(status="302 Found", sent=0, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, datetime.timedelta(0))
    assert TOKEN not in repr(atoms)
    assert atoms["r"] == "POST /enkat/svara/…/ HTTP/1.1"

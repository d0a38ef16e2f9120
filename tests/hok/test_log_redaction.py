"""Survey tokens never reach a log line: not Django's request log, not gunicorn's access log."""

import datetime
import logging
from types import SimpleNamespace

import pytest
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

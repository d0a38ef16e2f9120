"""End-to-end tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

No browser is downloaded: the tests use /usr/bin/chromium (`apt-get install chromium`). Without
it they are skipped, unless REQUIRE_SERVICES=1 (CI), where a missing browser is a failure.
"""

import email
import importlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium waits for the network this machine does not have.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_DIR = Path(__file__).resolve().parent / "screenshots"
FILE_MAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
# Generous for a loaded 2-core machine shared by `make test`'s parallel test processes (a PDF
# rendered inside a request took over 15 s there), short enough that a hang fails fast.
TIMEOUT_MS = 30_000


def _chromium_or_skip() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the browser tests.

    Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls from a
    thread with a running loop. The ORM calls here (seed, assertions) never overlap the loop's
    work, so the check is switched off while the browser runs, and only then: other tests and
    their subprocesses (`check --deploy`) never see the variable.
    """
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@dataclass
class Site:
    """The running portal: its address and the folder its mail is written to."""

    url: str
    mail_dir: Path

    def __call__(self, path: str) -> str:
        return self.url.rstrip("/") + path

    def mails(self) -> list[email.message.EmailMessage]:
        """Every message the file backend has written so far, oldest first."""
        if not self.mail_dir.exists():
            return []
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
            # The file backend separates messages with a line of 79 dashes.
            for chunk in re.split(rb"\r?\n-{79}\r?\n", path.read_bytes()):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk, policy=policy.default))
        return messages


def mail_text(message: email.message.EmailMessage) -> str:
    """The decoded plain-text part of a message (quoted-printable and all)."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, f"no text/plain part in {message['Subject']!r}"
    return part.get_content()


def confirm_email_path(message: email.message.EmailMessage) -> str:
    """The path of the e-mail verification link in a message."""
    match = re.search(
        r"https?://[^/\s]+(/(?:[a-z]{2}/)?konto/confirm-email/[^\s>\"']+)", mail_text(message)
    )
    assert match, f"no /konto/confirm-email/ link in:\n{mail_text(message)}"
    return match.group(1)


def _restore_migration_data() -> None:
    """A transactional test's flush empties the tables data migrations filled; fill them again.

    (pytest-django's serialized rollback does not survive the live server's shared connection.)
    """
    from django.apps import apps

    importlib.import_module(MIGRATION_0002).create_working_group(apps, None)
    importlib.import_module(MIGRATION_0003).load(apps, None)


MIGRATION_0002 = "hok.migrations.0002_arbetsgruppen_and_cache_table"
MIGRATION_0003 = "agreements.migrations.0003_municipalities_and_activity_areas"


@pytest.fixture
def site(live_server, transactional_db, settings, tmp_path) -> Iterator[Site]:
    """The live portal with the real seed content, writing its mail as files to a tmp folder."""
    from agreements.services import agreement_load_seed

    mail_dir = tmp_path / "mail"
    if hasattr(settings, "MAILERS"):
        # Django 6.1's mailers: the default one writes files.
        settings.MAILERS = {
            **settings.MAILERS,
            "default": {"BACKEND": FILE_MAIL_BACKEND, "OPTIONS": {"file_path": str(mail_dir)}},
        }
    else:
        settings.EMAIL_BACKEND = FILE_MAIL_BACKEND
        settings.EMAIL_FILE_PATH = str(mail_dir)
    _restore_migration_data()
    agreement_load_seed()
    yield Site(url=live_server.url, mail_dir=mail_dir)


@pytest.fixture
def context(browser):
    """A fresh browser profile (no cookies), Swedish, laid out like a laptop."""
    ctx = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 800})
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()

"""Production settings fail fast without their secrets and pass Django's deployment checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
# 64 characters, many different ones, no "django-insecure-" prefix: what check --deploy wants.
STRONG_SECRET = "q8Zr3-Vx7Lp0Wm2Nc5Tb9Hy4Ks6Jd1Fg8Aw3Eu7Oi2Yt5Rn0Bv4Xc9Mz6Pl1Qa7Sd"

SETUP = "import django; django.setup()"
DUMP = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'DEBUG': s.DEBUG, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, "
    "'CSRF_TRUSTED_ORIGINS': s.CSRF_TRUSTED_ORIGINS, 'SESSION_COOKIE_SECURE': "
    "s.SESSION_COOKIE_SECURE, 'CSRF_COOKIE_SECURE': s.CSRF_COOKIE_SECURE, "
    "'SECURE_SSL_REDIRECT': s.SECURE_SSL_REDIRECT, 'SECURE_HSTS_SECONDS': "
    "s.SECURE_HSTS_SECONDS, 'SECRET_KEY_IS_OURS': s.SECRET_KEY == '" + STRONG_SECRET + "'}))"
)


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run our interpreter with production settings and only the given DJANGO_ variables."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_DEBUG"}
    }
    clean["DJANGO_SETTINGS_MODULE"] = "hok.settings.production"
    clean.update(env)
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class TestFailsFast:
    def test_without_secret_key(self) -> None:
        result = _run("-c", SETUP, DJANGO_ALLOWED_HOSTS="example.org")
        assert result.returncode == 2
        assert "DJANGO_SECRET_KEY" in result.stderr
        assert result.stderr.startswith("HÖK-portalen cannot start:")
        assert "Traceback" not in result.stderr

    def test_with_an_empty_secret_key(self) -> None:
        result = _run("-c", SETUP, DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS="example.org")
        assert result.returncode == 2
        assert "DJANGO_SECRET_KEY" in result.stderr
        assert "Traceback" not in result.stderr

    def test_without_allowed_hosts(self) -> None:
        result = _run("-c", SETUP, DJANGO_SECRET_KEY=STRONG_SECRET)
        assert result.returncode == 2
        assert "DJANGO_ALLOWED_HOSTS" in result.stderr
        assert "Traceback" not in result.stderr

    def test_manage_py_fails_the_same_way(self) -> None:
        result = _run("manage.py", "check", DJANGO_ALLOWED_HOSTS="example.org")
        assert result.returncode == 2
        assert "DJANGO_SECRET_KEY" in result.stderr
        assert "Traceback" not in result.stderr


class TestDeployment:
    def test_check_deploy_passes(self) -> None:
        result = _run(
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_SECRET_KEY=STRONG_SECRET,
            DJANGO_ALLOWED_HOSTS="example.org",
        )
        assert result.returncode == 0, result.stderr + result.stdout
        assert "System check identified no issues" in result.stdout

    def test_check_deploy_would_catch_a_weak_key(self) -> None:
        result = _run(
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_SECRET_KEY="kort",
            DJANGO_ALLOWED_HOSTS="example.org",
        )
        assert result.returncode != 0
        assert "security.W009" in result.stderr + result.stdout

    def test_production_values(self) -> None:
        result = _run(
            "-c",
            DUMP,
            DJANGO_SECRET_KEY=STRONG_SECRET,
            DJANGO_ALLOWED_HOSTS="example.org, www.example.org",
            DJANGO_DEBUG="1",  # ignored: production never runs with DEBUG
        )
        assert result.returncode == 0, result.stderr
        values = json.loads(result.stdout.strip().splitlines()[-1])
        assert values == {
            "DEBUG": False,
            "ALLOWED_HOSTS": ["example.org", "www.example.org"],
            "CSRF_TRUSTED_ORIGINS": ["https://example.org", "https://www.example.org"],
            "SESSION_COOKIE_SECURE": True,
            "CSRF_COOKIE_SECURE": True,
            "SECURE_SSL_REDIRECT": True,
            "SECURE_HSTS_SECONDS": 31536000,
            "SECRET_KEY_IS_OURS": True,
        }


def test_development_settings_start_without_secrets() -> None:
    result = _run(
        "-c",
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        DJANGO_SETTINGS_MODULE="hok.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"

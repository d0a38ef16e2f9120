"""docker-compose.yml (no Docker engine here): it parses, every Celery service runs the image
the Dockerfile builds, PDFs have a worker of their own with its limits, and the normal worker
does not take them."""

import shlex
from pathlib import Path

import yaml
from django.conf import settings

COMPOSE = Path(settings.BASE_DIR) / "docker-compose.yml"
DOCKERFILE = Path(settings.BASE_DIR) / "Dockerfile"


def _services() -> dict[str, dict]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]


def _argv(service: dict) -> list[str]:
    return shlex.split(service["command"])


def _option(argv: list[str], name: str) -> str:
    for item in argv:
        if item.startswith(f"{name}="):
            return item.split("=", 1)[1]
    return argv[argv.index(name) + 1]


def test_the_pdf_worker_takes_only_the_pdf_queue_with_limits() -> None:
    argv = _argv(_services()["worker-pdf"])
    assert argv[:4] == ["celery", "-A", "hok", "worker"]
    assert _option(argv, "--queues") == settings.CELERY_PDF_QUEUE
    assert _option(argv, "--concurrency") == "1"
    assert int(_option(argv, "--max-tasks-per-child")) >= 1
    assert int(_option(argv, "--max-memory-per-child")) > 0  # KiB


def test_the_normal_worker_leaves_pdfs_alone() -> None:
    queues = _option(_argv(_services()["worker"]), "--queues").split(",")
    assert queues == ["celery"]
    assert settings.CELERY_PDF_QUEUE not in queues


def test_render_tasks_have_time_limits() -> None:
    assert 0 < settings.PDF_RENDER_SOFT_TIME_LIMIT < settings.PDF_RENDER_TIME_LIMIT
    # Redis must not hand an unfinished render to a second worker
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > (
        settings.PDF_RENDER_TIME_LIMIT
    )


def test_every_app_service_runs_the_dockerfile_image_with_the_shared_files() -> None:
    services = _services()
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    assert "libpango" in dockerfile  # WeasyPrint in the image the pdf worker runs
    for name in ("web", "worker", "worker-pdf", "beat"):
        service = services[name]
        assert service["build"] == "."
        assert service["image"] == services["web"]["image"]
        assert service["environment"]["CELERY_BROKER_URL"].startswith("redis://")
        # the pdf worker writes the files the web service serves
        assert "private_media:/app/private-media" in service["volumes"]

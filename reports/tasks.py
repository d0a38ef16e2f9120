"""Celery tasks of the reports app. `render_...` tasks go to the pdf queue (see
CELERY_TASK_ROUTES in hok/settings/base.py), whose worker has a time and memory limit."""

from celery import shared_task
from django.conf import settings

from reports import services


@shared_task(
    soft_time_limit=settings.PDF_RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.PDF_RENDER_TIME_LIMIT,
)
def render_report(*, version_id: int, attempt: int) -> str:
    """Snapshot and render one report version; idempotent (see services.version_render)."""
    return services.version_render(version_id=version_id, attempt=attempt)

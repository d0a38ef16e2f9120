"""Celery tasks of the dialogues app: they take ids, call a service and are safe to run twice.

`render_...` tasks go to the `pdf` queue (CELERY_TASK_ROUTES), with the render time limits.
"""

from celery import shared_task
from django.conf import settings

from dialogues.services.documents import document_render_run


@shared_task(
    soft_time_limit=settings.PDF_RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.PDF_RENDER_TIME_LIMIT,
)
def render_compiled_document(*, job_id: int) -> str | None:
    """Render one requested PDF of a conference's compiled document."""
    job = document_render_run(job_id=job_id)
    return job.status if job else None

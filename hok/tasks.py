from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from hok.submissions import submissions_delete_old


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_email(*, subject: str, body: str, html: str, to: list[str], from_email: str) -> int:
    """Send one already rendered message. Plain data in, so the worker needs no database."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


@shared_task
def delete_old_submissions() -> int:
    """Forget create forms' one-time keys a day after they were sent (hok/submissions.py)."""
    return submissions_delete_old(now=timezone.now())

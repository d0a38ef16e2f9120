from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_email(*, subject: str, body: str, html: str, to: list[str], from_email: str) -> int:
    """Send one already rendered message. Plain data in, so the worker needs no database."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()

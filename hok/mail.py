"""Templated mail, rendered now in the recipient's language and delivered by Celery after commit."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from hok.tasks import deliver_email


def send_templated_mail(
    *, template: str, context: dict[str, Any], to: Iterable[str], language: str = "sv"
) -> None:
    """Render `<template>_subject.txt` and `<template>_message.txt`; one message per recipient."""
    recipients = sorted(set(to))
    if not recipients:
        return
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_message.txt", context)
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{' '.join(subject.split())}"

    def queue() -> None:
        for recipient in recipients:
            deliver_email.delay(
                subject=subject,
                body=body,
                html="",
                to=[recipient],
                from_email=settings.DEFAULT_FROM_EMAIL,
            )

    transaction.on_commit(queue)

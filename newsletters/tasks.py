"""Celery tasks of the newsletters app: they take ids, call a service and are safe to run
twice (a delivery row is claimed before its mail goes out, see hok.bulk_mail)."""

import logging

from celery import shared_task
from django.utils import timezone

from newsletters.selectors import newsletters_sending
from newsletters.services import sending as services

logger = logging.getLogger(__name__)


@shared_task(bind=True)
def send_newsletter(self, *, newsletter_id: int) -> dict[str, int] | None:  # noqa: ANN001
    """Send for a while, then queue the continuation on the same queue while rows are left.
    When another worker is sending this newsletter, do nothing: that one continues itself."""
    try:
        outcome = services.newsletter_send_some(newsletter_id=newsletter_id)
    except services.SendingBusy:
        logger.info("newsletter %s: another worker is sending it", newsletter_id)
        return None
    if outcome is None:
        return None
    if outcome.more:
        queue = (self.request.delivery_info or {}).get("routing_key")
        options = {} if queue is None else {"queue": queue}  # None: the task's own route
        send_newsletter.apply_async(kwargs={"newsletter_id": newsletter_id}, **options)
    return {"sent": outcome.sent, "failed": outcome.failed, "more": int(outcome.more)}


@shared_task
def start_due_sends() -> dict[str, list[int]]:
    """Run by Celery beat every minute: start scheduled newsletters whose time has come, and
    resume any send a dead worker left (the lock makes a resume of a live send a no-op)."""
    started, missed = services.newsletters_start_due(now=timezone.now())
    resumed = [pk for pk in newsletters_sending().values_list("pk", flat=True) if pk not in started]
    for newsletter_id in resumed:
        send_newsletter.delay(newsletter_id=newsletter_id)
    return {"started": started, "missed": missed, "resumed": resumed}

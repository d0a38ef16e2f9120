"""Sending a newsletter to its subscribers through the portal's one bulk sender.

Starting a send (now, or by the beat at the scheduled time) writes one pending delivery row
per confirmed subscriber (a database constraint allows one per newsletter and subscriber),
then queues `send_newsletter`. Each run of that task holds the newsletter's lock, marks rows a
dead worker left *sending* as *uncertain*, and sends pending rows for at most
NEWSLETTER_TASK_SECONDS before it queues its own continuation: tasks stay short (far below
the broker's visibility timeout), and a retried or duplicated task never mails a row again
(see hok.bulk_mail).
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hok.audit import record_actor
from hok.bulk_mail import BulkJob, BulkOutcome, SendingBusy, bulk_send, mark_interrupted, resend
from hok.bulk_mail import send_lock as _send_lock
from hok.models import User
from hok.tasks import deliver_email
from newsletters import rules
from newsletters.mail import TEST_SEND_KEY, render_newsletter
from newsletters.models import Delivery, Newsletter, Subscriber
from newsletters.selectors import newsletters_due, send_window

logger = logging.getLogger(__name__)

# PostgreSQL advisory lock namespace of a newsletter's sending: "HOKN".
LOCK_NAMESPACE = 0x48_4F_4B_4E
INSERT_BATCH = 2000

__all__ = ["SendingBusy"]


def _queue_send(newsletter_id: int) -> None:
    from newsletters.tasks import send_newsletter

    send_newsletter.delay(newsletter_id=newsletter_id)


def newsletter_test_send(*, newsletter: Newsletter, by: User) -> str:
    """Send the newsletter to the author's own address only, marked as a test."""
    rendered = render_newsletter(newsletter)
    message = rendered.message(to=by.email, unsubscribe_key=TEST_SEND_KEY)
    subject = _("[Provutskick] %(subject)s") % {"subject": rendered.subject}
    html = message.alternatives[0][0] if message.alternatives else ""  # (content, mimetype)

    def queue() -> None:
        deliver_email.delay(
            subject=subject,
            body=str(message.body),
            html=str(html),
            to=[by.email],
            from_email=settings.DEFAULT_FROM_EMAIL,
        )

    transaction.on_commit(queue)
    return by.email


def _refuse_unless_startable(newsletter: Newsletter, *, late_ok: bool) -> None:
    if not rules.newsletter_is_sendable(newsletter):
        raise ValidationError(
            _("Nyhetsbrevet har redan skickats eller publicerats."), code="not_sendable"
        )
    if rules.send_needs_confirmation(newsletter) and not late_ok:
        raise ValidationError(
            _(
                "Det schemalagda utskicket kunde inte starta i tid. Bekräfta att det ska "
                "skickas nu, så sent."
            ),
            code="missed",
        )


def newsletter_send_start(
    *, newsletter: Newsletter, by: User | None, late_ok: bool = False
) -> Newsletter:
    """Send to every confirmed subscriber now (a scheduled newsletter too, or one whose
    schedule was missed when `late_ok`)."""
    with transaction.atomic():
        locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        _refuse_unless_startable(locked, late_ok=late_ok)
        subscribers = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).values_list(
            "pk", flat=True
        )
        rows = [Delivery(newsletter=locked, subscriber_id=pk) for pk in subscribers.iterator()]
        Delivery.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)
        now = timezone.now()
        locked.status = Newsletter.Status.SENDING
        locked.send_started_at = now
        locked.published_at = locked.published_at or now
        locked.recipients = len(rows)
        record_actor(locked, by=by)
        locked.save(
            update_fields=["status", "send_started_at", "published_at", "recipients", "updated_at"]
        )
        transaction.on_commit(lambda: _queue_send(locked.pk), robust=True)
    return locked


def newsletter_schedule(*, newsletter: Newsletter, at: datetime.datetime, by: User) -> Newsletter:
    if at <= timezone.now():
        raise ValidationError(
            {"send_at": _("Välj en tidpunkt som inte har passerat.")}, code="in_the_past"
        )
    with transaction.atomic():
        locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if not rules.newsletter_is_schedulable(locked):
            raise ValidationError(_("Bara ett utkast kan schemaläggas."), code="not_draft")
        locked.status = Newsletter.Status.SCHEDULED
        locked.scheduled_for = at
        locked.schedule_missed_at = None
        record_actor(locked, by=by)
        locked.save(update_fields=["status", "scheduled_for", "schedule_missed_at", "updated_at"])
    return locked


def newsletter_unschedule(*, newsletter: Newsletter, by: User) -> Newsletter:
    """Back to a draft (to edit it, or not send it at all)."""
    with transaction.atomic():
        locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if not rules.newsletter_is_unschedulable(locked):
            raise ValidationError(_("Nyhetsbrevet är inte schemalagt."), code="not_scheduled")
        locked.status = Newsletter.Status.DRAFT
        locked.scheduled_for = None
        locked.schedule_missed_at = None
        record_actor(locked, by=by)
        locked.save(update_fields=["status", "scheduled_for", "schedule_missed_at", "updated_at"])
    return locked


def newsletters_start_due(*, now: datetime.datetime) -> tuple[list[int], list[int]]:
    """Run by the beat: start every scheduled newsletter whose time has come, unless it is
    more than the send window late (the worker or beat was down): that one waits for an admin
    to confirm it. Returns (started, missed) ids."""
    started, missed = [], []
    for newsletter in newsletters_due(now=now):
        if newsletter.scheduled_for is None:
            continue  # newsletters_due returns scheduled newsletters only
        if now - newsletter.scheduled_for > send_window():
            Newsletter.objects.filter(pk=newsletter.pk, schedule_missed_at__isnull=True).update(
                schedule_missed_at=now
            )
            missed.append(newsletter.pk)
            logger.warning("newsletter %s: scheduled send missed its window", newsletter.pk)
            continue
        try:
            newsletter_send_start(newsletter=newsletter, by=None)
        except ValidationError:
            continue
        started.append(newsletter.pk)
    return started, missed


def deliveries_resend(*, newsletter: Newsletter, delivery_ids: list[int], by: User) -> int:
    """Send the chosen uncertain or failed deliveries again (an admin's explicit choice)."""
    with transaction.atomic():
        locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if not rules.newsletter_has_deliveries(locked):
            raise ValidationError(_("Nyhetsbrevet har inte skickats."), code="not_sent")
        changed = resend(
            Delivery.objects.filter(
                newsletter=locked,
                pk__in=delivery_ids,
                subscriber__status=Subscriber.Status.CONFIRMED,
            )
        )
        if not changed:
            raise ValidationError(
                _("De valda har redan skickats igen eller prenumererar inte längre."),
                code="not_resendable",
            )
        locked.status = Newsletter.Status.SENDING
        locked.send_finished_at = None
        record_actor(locked, by=by)
        locked.save(update_fields=["status", "send_finished_at", "updated_at"])
        transaction.on_commit(lambda: _queue_send(locked.pk), robust=True)
    return changed


def _bounced(delivery: Delivery, permanent: bool) -> None:
    """After repeated permanent refusals the address is bouncing: no more sends until it is
    confirmed again."""
    if not permanent or delivery.subscriber_id is None:
        return
    subscribers = Subscriber.objects.filter(pk=delivery.subscriber_id)
    subscribers.update(hard_bounces=F("hard_bounces") + 1)
    subscribers.filter(
        status=Subscriber.Status.CONFIRMED, hard_bounces__gte=settings.NEWSLETTER_BOUNCE_LIMIT
    ).update(status=Subscriber.Status.BOUNCING)


def newsletter_send_some(
    *, newsletter_id: int, time_budget: float | None = None, batch_size: int = 50
) -> BulkOutcome | None:
    """Send pending deliveries for up to `time_budget` seconds. None when the newsletter is
    not being sent; `more` when pending rows are left for the continuation. Raises
    SendingBusy when another worker holds the newsletter's lock."""
    newsletter = (
        Newsletter.objects.prefetch_related("images", "cards").filter(pk=newsletter_id).first()
    )
    if newsletter is None or newsletter.status != Newsletter.Status.SENDING:
        return None
    if time_budget is None:
        time_budget = float(settings.NEWSLETTER_TASK_SECONDS)
    with _send_lock(namespace=LOCK_NAMESPACE, key=newsletter.pk) as acquired:
        if not acquired:
            raise SendingBusy(newsletter.pk)
        rows = Delivery.objects.filter(newsletter=newsletter)
        found = mark_interrupted(rows)
        if found:
            logger.warning("newsletter %s: %s interrupted mails uncertain", newsletter.pk, found)
        rendered = render_newsletter(newsletter)
        outcome = bulk_send(
            BulkJob(
                # Whoever left (or started bouncing) since the send began gets nothing.
                rows=rows.filter(subscriber__status=Subscriber.Status.CONFIRMED).select_related(
                    "subscriber"
                ),
                message=lambda delivery: rendered.message(
                    to=delivery.subscriber.email,
                    unsubscribe_key=delivery.subscriber.unsubscribe_key,
                ),
                on_failed=_bounced,
                batch_size=batch_size,
                per_minute=settings.NEWSLETTER_MAILS_PER_MINUTE,
                time_budget=time_budget,
            )
        )
        if not outcome.more:
            rows.filter(status=Delivery.Status.PENDING).delete()
            Newsletter.objects.filter(pk=newsletter.pk, status=Newsletter.Status.SENDING).update(
                status=Newsletter.Status.SENT, send_finished_at=timezone.now()
            )
    return outcome

"""Every newsletter write service names its `by` user on the newest history row (the
newsletter's, or the settings'). Images, cards and subscribers keep no history.

The services are called directly, outside any request, so simple-history's request
middleware cannot supply the user: only the service can.
"""

import datetime

import pytest
from django.utils import timezone

from hok.models import User
from newsletters.models import Delivery, Newsletter, NewsletterSettings
from newsletters.services import sending, writing
from newsletters.services.settings import settings_save
from tests.factories import AdminUserFactory
from tests.newsletters.factories import NewsletterFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def _newest_user(newsletter_id: int) -> User | None:
    history = Newsletter.history.filter(id=newsletter_id)
    return history.order_by("-history_date", "-history_id").first().history_user


@pytest.fixture
def draft() -> Newsletter:
    return NewsletterFactory()


def test_create() -> None:
    editor = AdminUserFactory()
    newsletter = writing.newsletter_create(title="Maj", preamble="Hej", body="Text", by=editor)
    assert _newest_user(newsletter.pk) == editor


def test_update(draft: Newsletter) -> None:
    editor = AdminUserFactory()
    writing.newsletter_update(newsletter=draft, title="Juni", preamble="Hej", body="Ny", by=editor)
    assert _newest_user(draft.pk) == editor


def test_delete(draft: Newsletter) -> None:
    remover, pk = AdminUserFactory(), draft.pk
    writing.newsletter_delete(newsletter=draft, by=remover)
    assert _newest_user(pk) == remover


def test_publish(draft: Newsletter) -> None:
    publisher = AdminUserFactory()
    writing.newsletter_publish(newsletter=draft, by=publisher)
    assert _newest_user(draft.pk) == publisher


def test_schedule_and_unschedule(draft: Newsletter) -> None:
    scheduler, unscheduler = AdminUserFactory(), AdminUserFactory()
    at = timezone.now() + datetime.timedelta(days=1)
    sending.newsletter_schedule(newsletter=draft, at=at, by=scheduler)
    assert _newest_user(draft.pk) == scheduler
    sending.newsletter_unschedule(newsletter=draft, by=unscheduler)
    assert _newest_user(draft.pk) == unscheduler


def test_send_start(draft: Newsletter) -> None:
    sender = AdminUserFactory()
    sending.newsletter_send_start(newsletter=draft, by=sender)  # its task would run on commit
    assert _newest_user(draft.pk) == sender


def test_resend() -> None:
    newsletter = NewsletterFactory(
        status=Newsletter.Status.SENT, published_at=timezone.now(), send_finished_at=timezone.now()
    )
    delivery = Delivery.objects.create(
        newsletter=newsletter, subscriber=SubscriberFactory(), status=Delivery.Status.FAILED
    )
    resender = AdminUserFactory()
    sending.deliveries_resend(newsletter=newsletter, delivery_ids=[delivery.pk], by=resender)
    assert _newest_user(newsletter.pk) == resender


def test_settings_save() -> None:
    opener, closer = AdminUserFactory(), AdminUserFactory()
    settings_save(working_group_may_write=True, by=opener)
    settings_save(working_group_may_write=False, by=closer)
    history = NewsletterSettings.history.filter(id=1).order_by("history_date", "history_id")
    assert [(row.history_user, row.working_group_may_write) for row in history] == [
        (opener, True),
        (closer, False),
    ]
    assert NewsletterSettings.objects.get().working_group_may_write is False

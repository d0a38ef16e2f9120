"""Newsletter services: subscribing with double opt-in, sending exactly once through the shared
sender (in process here; tests/integration/test_newsletter_mail.py does it with a real worker
and mail server), scheduling, bounces, removal, and what can no longer be edited."""

import datetime
import email
import re
import smtplib
from email import policy
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from newsletters import tasks
from newsletters.models import Delivery, Newsletter, Subscriber
from newsletters.services import sending, subscribers, writing
from tests.factories import AdminUserFactory
from tests.newsletters.factories import NewsletterFactory, SubscriberFactory
from tests.uploads import png_bytes

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"http://portal\.test/nyhetsbrev/bekrafta/([^/\s]+)/")


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_BASE_URL = "http://portal.test"


@pytest.fixture
def admin():
    return AdminUserFactory(email="redaktor@example.se")


def _subscribe(address: str, capture) -> str | None:  # noqa: ANN001
    before = len(mail.outbox)
    with capture(execute=True):
        subscribers.subscriber_subscribe(email=address)
    if len(mail.outbox) == before:
        return None
    return CONFIRM_LINK.search(mail.outbox[-1].body).group(1)


class TestSubscribe:
    def test_double_opt_in_records_when_and_which_consent_text(
        self, django_capture_on_commit_callbacks
    ) -> None:
        token = _subscribe("  Anna@Example.SE ", django_capture_on_commit_callbacks)
        subscriber = Subscriber.objects.get()
        assert subscriber.email == "anna@example.se"
        assert subscriber.status == "pending"
        assert mail.outbox[0].to == ["anna@example.se"]
        subscribers.subscriber_confirm(token=token)
        subscriber.refresh_from_db()
        assert subscriber.status == "confirmed"
        assert subscriber.consent_at is not None
        assert subscriber.consent_version == subscribers.CONSENT_VERSION

    def test_a_confirmed_address_subscribing_again_gets_no_mail(
        self, django_capture_on_commit_callbacks
    ) -> None:
        SubscriberFactory(email="anna@example.se")
        assert _subscribe("anna@example.se", django_capture_on_commit_callbacks) is None
        assert mail.outbox == []

    def test_a_second_request_soon_after_sends_no_second_mail(
        self, django_capture_on_commit_callbacks
    ) -> None:
        assert _subscribe("anna@example.se", django_capture_on_commit_callbacks)
        assert _subscribe("anna@example.se", django_capture_on_commit_callbacks) is None
        assert len(mail.outbox) == 1

    def test_a_newer_request_replaces_the_older_link(
        self, django_capture_on_commit_callbacks
    ) -> None:
        old = _subscribe("anna@example.se", django_capture_on_commit_callbacks)
        Subscriber.objects.update(confirm_requested_at=timezone.now() - datetime.timedelta(hours=1))
        new = _subscribe("anna@example.se", django_capture_on_commit_callbacks)
        with pytest.raises(ValidationError) as error:
            subscribers.subscriber_confirm(token=old)
        assert error.value.code == "used"
        subscribers.subscriber_confirm(token=new)

    def test_an_expired_link_is_refused(self, django_capture_on_commit_callbacks) -> None:
        token = _subscribe("anna@example.se", django_capture_on_commit_callbacks)
        later = timezone.now() + subscribers.CONFIRM_MAX_AGE + datetime.timedelta(minutes=1)
        with mock.patch("time.time", return_value=later.timestamp()):
            with pytest.raises(ValidationError) as error:
                subscribers.subscriber_confirm(token=token)
        assert error.value.code == "expired"
        assert "gått ut" in error.value.messages[0]
        assert Subscriber.objects.get().status == "pending"

    @pytest.mark.parametrize("token", ["nonsense", "", "a" * 500])
    def test_an_unknown_or_tampered_link_is_refused(self, token: str) -> None:
        with pytest.raises(ValidationError) as error:
            subscribers.subscriber_confirm(token=token)
        assert error.value.code == "invalid"

    def test_a_signed_link_for_a_removed_address_is_refused(self) -> None:
        token = signing.dumps([99999, "abc"], salt=subscribers.CONFIRM_SALT)
        with pytest.raises(ValidationError) as error:
            subscribers.subscriber_confirm(token=token)
        assert error.value.code == "invalid"

    def test_a_second_confirmation_says_it_is_already_done(
        self, django_capture_on_commit_callbacks
    ) -> None:
        token = _subscribe("anna@example.se", django_capture_on_commit_callbacks)
        subscribers.subscriber_confirm(token=token)
        with pytest.raises(ValidationError) as error:
            subscribers.subscriber_confirm(token=token)
        assert error.value.code == "already"

    def test_unsubscribe_is_idempotent_and_resubscribing_works(
        self, django_capture_on_commit_callbacks
    ) -> None:
        subscriber = SubscriberFactory(email="anna@example.se")
        subscribers.subscriber_unsubscribe(key=subscriber.unsubscribe_key)
        subscribers.subscriber_unsubscribe(key=subscriber.unsubscribe_key)
        subscriber.refresh_from_db()
        assert subscriber.status == "unsubscribed"
        token = _subscribe("anna@example.se", django_capture_on_commit_callbacks)
        assert token is not None
        subscribers.subscriber_confirm(token=token)
        subscriber.refresh_from_db()
        assert subscriber.status == "confirmed"
        assert subscriber.unsubscribed_at is None

    def test_an_unknown_unsubscribe_key_is_refused(self) -> None:
        with pytest.raises(ValidationError) as error:
            subscribers.subscriber_unsubscribe(key="okand")
        assert error.value.code == "unknown"

    def test_a_signed_in_user_subscribes_and_leaves_with_one_click(self) -> None:
        user = AdminUserFactory(email="konto@example.se")
        subscriber = subscribers.account_subscribe(user=user)
        assert subscriber.status == "confirmed"
        assert subscriber.consent_version == subscribers.CONSENT_VERSION
        assert mail.outbox == []
        subscribers.account_unsubscribe(user=user)
        subscriber.refresh_from_db()
        assert subscriber.status == "unsubscribed"

    def test_removing_an_address_keeps_only_the_statistics(self, admin) -> None:
        newsletter = NewsletterFactory(status="sent", published_at=timezone.now())
        subscriber = SubscriberFactory(email="borta@example.se")
        Delivery.objects.create(
            newsletter=newsletter,
            subscriber=subscriber,
            status="failed",
            last_error="550 borta@example.se unknown",
        )
        subscribers.subscriber_remove(subscriber=subscriber, by=admin)
        assert not Subscriber.objects.exists()
        delivery = Delivery.objects.get()
        assert delivery.subscriber is None
        assert delivery.status == "failed"
        assert "borta" not in delivery.last_error


def _send(newsletter: Newsletter, admin, capture) -> None:  # noqa: ANN001
    with capture(execute=True):
        sending.newsletter_send_start(newsletter=newsletter, by=admin)


class TestSending:
    def test_only_confirmed_subscribers_get_it_once_with_both_parts_and_list_headers(
        self, admin, django_capture_on_commit_callbacks
    ) -> None:
        confirmed = [SubscriberFactory(email=f"p{n}@example.se") for n in range(3)]
        SubscriberFactory(email="waiting@example.se", status="pending", consent_at=None)
        SubscriberFactory(email="left@example.se", status="unsubscribed")
        SubscriberFactory(email="bounces@example.se", status="bouncing")
        newsletter = NewsletterFactory(body="Hej <script>alert(1)</script> **alla**")

        _send(newsletter, admin, django_capture_on_commit_callbacks)

        assert sorted(m.to[0] for m in mail.outbox) == [s.email for s in confirmed]
        newsletter.refresh_from_db()
        assert newsletter.status == "sent"
        assert newsletter.recipients == 3
        for message in mail.outbox:
            parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
            subscriber = Subscriber.objects.get(email=message.to[0])
            delivery = Delivery.objects.get(subscriber=subscriber)
            assert delivery.status == "sent"
            assert parsed["Message-ID"] == delivery.message_id
            unsubscribe = f"http://portal.test/nyhetsbrev/avsluta/{subscriber.unsubscribe_key}/"
            assert parsed["List-Unsubscribe"] == f"<{unsubscribe}>"
            assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert "nyhetsbrev" in parsed["List-Id"]
            text = parsed.get_body(("plain",)).get_content()
            html = parsed.get_body(("html",)).get_content()
            assert newsletter.title in text and unsubscribe in text
            assert f"http://portal.test/nyhetsbrev/{newsletter.pk}/" in text
            assert "<strong>alla</strong>" in html
            assert "<script" not in html
            assert unsubscribe in html

        # the task run again, and the beat's resume, send nothing more
        tasks.send_newsletter(newsletter_id=newsletter.pk)
        Newsletter.objects.filter(pk=newsletter.pk).update(status="sending")
        tasks.send_newsletter(newsletter_id=newsletter.pk)
        assert len(mail.outbox) == 3

    def test_a_sent_newsletter_cannot_be_edited_or_sent_again(
        self, admin, django_capture_on_commit_callbacks
    ) -> None:
        newsletter = NewsletterFactory()
        _send(newsletter, admin, django_capture_on_commit_callbacks)
        with pytest.raises(ValidationError) as error:
            writing.newsletter_update(
                newsletter=newsletter, title="Ny", preamble="Ny", body="", by=admin
            )
        assert error.value.code == "not_editable"
        with pytest.raises(ValidationError):
            sending.newsletter_send_start(newsletter=newsletter, by=admin)

    def test_someone_who_leaves_during_the_send_gets_nothing(
        self, admin, django_capture_on_commit_callbacks
    ) -> None:
        stays, leaves = SubscriberFactory(), SubscriberFactory()
        newsletter = NewsletterFactory()
        with mock.patch.object(sending, "_queue_send"):
            sending.newsletter_send_start(newsletter=newsletter, by=admin)
        subscribers.subscriber_unsubscribe(key=leaves.unsubscribe_key)
        tasks.send_newsletter(newsletter_id=newsletter.pk)
        assert [m.to[0] for m in mail.outbox] == [stays.email]
        assert not Delivery.objects.filter(status="pending").exists()

    def test_repeated_permanent_refusals_make_an_address_bouncing(
        self, admin, settings, django_capture_on_commit_callbacks
    ) -> None:
        settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
        settings.NEWSLETTER_BOUNCE_LIMIT = 2
        bad = SubscriberFactory(email="borta@studsar.example")
        for _round in range(2):
            _send(NewsletterFactory(), admin, django_capture_on_commit_callbacks)
        bad.refresh_from_db()
        assert bad.status == "bouncing"
        assert bad.hard_bounces == 2
        _send(NewsletterFactory(), admin, django_capture_on_commit_callbacks)
        assert Delivery.objects.filter(subscriber=bad).count() == 2  # not in the third send

    def test_resend_of_chosen_uncertain_deliveries(
        self, admin, django_capture_on_commit_callbacks
    ) -> None:
        subscriber = SubscriberFactory()
        newsletter = NewsletterFactory(status="sent", published_at=timezone.now())
        delivery = Delivery.objects.create(
            newsletter=newsletter, subscriber=subscriber, status="uncertain"
        )
        with django_capture_on_commit_callbacks(execute=True):
            sending.deliveries_resend(newsletter=newsletter, delivery_ids=[delivery.pk], by=admin)
        delivery.refresh_from_db()
        assert delivery.status == "sent"
        assert len(mail.outbox) == 1
        with pytest.raises(ValidationError) as error:
            sending.deliveries_resend(newsletter=newsletter, delivery_ids=[delivery.pk], by=admin)
        assert error.value.code == "not_resendable"

    def test_a_test_send_goes_only_to_the_author(
        self, admin, django_capture_on_commit_callbacks
    ) -> None:
        SubscriberFactory()
        newsletter = NewsletterFactory()
        with django_capture_on_commit_callbacks(execute=True):
            sending.newsletter_test_send(newsletter=newsletter, by=admin)
        (message,) = mail.outbox
        assert message.to == ["redaktor@example.se"]
        assert message.subject.startswith("[Provutskick]")
        assert message.alternatives
        newsletter.refresh_from_db()
        assert newsletter.status == "draft"
        assert not Delivery.objects.exists()


class RefusingBackend(LocmemBackend):
    def send_messages(self, messages):  # noqa: ANN001, ANN201 - Django's signature
        for message in messages:
            if message.to[0].endswith("@studsar.example"):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)


class TestSchedule:
    def test_the_beat_starts_a_due_send_within_the_window(
        self, admin, django_capture_on_commit_callbacks
    ) -> None:
        SubscriberFactory()
        newsletter = NewsletterFactory()
        at = timezone.now() + datetime.timedelta(hours=1)
        sending.newsletter_schedule(newsletter=newsletter, at=at, by=admin)
        assert sending.newsletters_start_due(now=at - datetime.timedelta(minutes=1)) == ([], [])
        with django_capture_on_commit_callbacks(execute=True):
            started, missed = sending.newsletters_start_due(now=at + datetime.timedelta(minutes=5))
        assert (started, missed) == ([newsletter.pk], [])
        newsletter.refresh_from_db()
        assert newsletter.status == "sent"
        assert len(mail.outbox) == 1

    def test_a_send_that_missed_its_window_waits_for_an_admin(
        self, admin, settings, django_capture_on_commit_callbacks
    ) -> None:
        SubscriberFactory()
        newsletter = NewsletterFactory()
        at = timezone.now() + datetime.timedelta(hours=1)
        sending.newsletter_schedule(newsletter=newsletter, at=at, by=admin)
        late = at + datetime.timedelta(minutes=settings.NEWSLETTER_SEND_WINDOW_MINUTES + 1)
        assert sending.newsletters_start_due(now=late) == ([], [newsletter.pk])
        assert sending.newsletters_start_due(now=late) == ([], [])
        newsletter.refresh_from_db()
        assert newsletter.status == "scheduled" and newsletter.schedule_missed_at
        assert mail.outbox == []
        with pytest.raises(ValidationError) as error:
            sending.newsletter_send_start(newsletter=newsletter, by=admin)
        assert error.value.code == "missed"
        with django_capture_on_commit_callbacks(execute=True):
            sending.newsletter_send_start(newsletter=newsletter, by=admin, late_ok=True)
        assert len(mail.outbox) == 1

    def test_a_time_in_the_past_is_refused(self, admin) -> None:
        with pytest.raises(ValidationError):
            sending.newsletter_schedule(
                newsletter=NewsletterFactory(),
                at=timezone.now() - datetime.timedelta(minutes=1),
                by=admin,
            )

    def test_the_beat_schedule_runs_the_task(self, settings) -> None:
        names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        assert "newsletters.tasks.start_due_sends" in names


class TestWriting:
    def test_an_image_is_reencoded_and_needs_a_description(self, admin) -> None:
        newsletter = NewsletterFactory()
        upload = SimpleUploadedFile("bild.png", png_bytes(), content_type="image/png")
        image = writing.newsletter_image_add(
            newsletter=newsletter, upload=upload, alt="  Deltagare  vid bordet ", by=admin
        )
        assert image.alt == "Deltagare vid bordet"
        assert image.image.name.startswith("newsletters/") and image.image.name.endswith(".png")
        with pytest.raises(ValidationError) as error:
            writing.newsletter_image_add(
                newsletter=newsletter,
                upload=SimpleUploadedFile("b.png", png_bytes(), content_type="image/png"),
                alt="   ",
                by=admin,
            )
        assert "alt" in error.value.error_dict

    def test_a_file_that_is_not_an_image_is_refused(self, admin) -> None:
        upload = SimpleUploadedFile("bild.png", b"<?php echo 1; ?>", content_type="image/png")
        with pytest.raises(ValidationError) as error:
            writing.newsletter_image_add(
                newsletter=NewsletterFactory(), upload=upload, alt="Bild", by=admin
            )
        assert error.value.code == "image_invalid"

    def test_publish_on_the_site_only_mails_nobody(self, admin) -> None:
        SubscriberFactory()
        newsletter = writing.newsletter_publish(newsletter=NewsletterFactory(), by=admin)
        assert newsletter.status == "published" and newsletter.published_at
        assert mail.outbox == []
        assert not Delivery.objects.exists()
        with pytest.raises(ValidationError):
            writing.newsletter_update(
                newsletter=newsletter, title="x", preamble="x", body="", by=admin
            )

    def test_a_too_long_body_is_refused(self, admin) -> None:
        with pytest.raises(ValidationError) as error:
            writing.newsletter_create(title="T", preamble="P", body="x" * 50_001, by=admin)
        assert "body" in error.value.error_dict

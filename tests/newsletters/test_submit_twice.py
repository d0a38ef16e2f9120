"""Every create form of the newsletters app, sent twice with the same submission key, creates
one thing, and the repeat lands where the first went (hok/submissions.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from newsletters.models import Newsletter, NewsletterCard, NewsletterImage, Subscriber
from tests.dialogues.factories import ConferenceFactory
from tests.newsletters.factories import NewsletterFactory
from tests.submissions import submit_twice
from tests.uploads import png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(client_as) -> Client:
    return client_as("admin_mfa")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_newsletter(writer: Client) -> None:
    submit_twice(
        writer,
        page=reverse("newsletters:create"),
        data={"title": "Nyheter i maj", "preamble": "Kort", "body": "Text."},
        count=Newsletter.objects.count,
    )


def test_newsletter_image(writer: Client, media) -> None:
    newsletter = NewsletterFactory()
    submit_twice(
        writer,
        page=reverse("newsletters:manage_detail", args=[newsletter.pk]),
        action=reverse("newsletters:image_add", args=[newsletter.pk]),
        data=lambda: {"alt": "Ett diagram", "image": upload("bild.png", png_bytes(), "image/png")},
        count=NewsletterImage.objects.count,
    )


def test_newsletter_card(writer: Client) -> None:
    newsletter = NewsletterFactory()
    conference = ConferenceFactory()
    submit_twice(
        writer,
        page=reverse("newsletters:manage_detail", args=[newsletter.pk]),
        action=reverse("newsletters:card_add", args=[newsletter.pk]),
        data={"target": f"conference:{conference.pk}"},
        count=NewsletterCard.objects.count,
    )


def test_a_subscription_sent_twice_makes_one_subscriber(client: Client) -> None:
    """The subscribe form has no submission key (it sits on cached pages shared by every
    visitor); the address itself makes a repeat harmless."""
    url = reverse("newsletters:subscribe")
    first = client.post(url, {"email": "ny@example.se"})
    second = client.post(url, {"email": "ny@example.se"})
    assert Subscriber.objects.count() == 1
    assert first.status_code == second.status_code
    assert first.get("Location") == second.get("Location")

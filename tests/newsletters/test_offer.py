"""A representative who has signed for an organisation is offered the newsletter, with one
click, on the organisation's overview; the click returns there."""

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import AgreementVersion
from newsletters.models import Subscriber
from tests.factories import MembershipFactory, SignatureFactory
from tests.newsletters.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

OFFER = "Följ uppföljningen i nyhetsbrevet"


@pytest.fixture
def signed(seed: AgreementVersion):
    membership = MembershipFactory()
    SignatureFactory(organisation=membership.organisation, version=seed, status="pending")
    client = Client()
    client.force_login(membership.user)
    url = reverse("agreements:organisation_dashboard", args=[membership.organisation.slug])
    return client, membership.user, url


def test_the_overview_offers_the_newsletter_after_signing(signed) -> None:
    client, person, url = signed
    html = client.get(url).content.decode()
    assert OFFER in html
    assert person.email in html

    response = client.post(
        reverse("newsletters:account_toggle"), {"action": "subscribe", "next": url}
    )
    assert response.status_code == 302
    assert response["Location"] == url
    subscriber = Subscriber.objects.get(email=person.email.lower())
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.consent_at is not None
    assert OFFER not in client.get(url).content.decode()


def test_no_offer_to_a_subscriber_or_before_signing(seed: AgreementVersion) -> None:
    membership = MembershipFactory()
    client = Client()
    client.force_login(membership.user)
    url = reverse("agreements:organisation_dashboard", args=[membership.organisation.slug])
    assert OFFER not in client.get(url).content.decode()
    SignatureFactory(organisation=membership.organisation, version=seed, status="pending")
    SubscriberFactory(email=membership.user.email.lower())
    assert OFFER not in client.get(url).content.decode()


def test_a_foreign_next_address_is_not_followed(signed) -> None:
    client, _person, _url = signed
    response = client.post(
        reverse("newsletters:account_toggle"),
        {"action": "subscribe", "next": "https://elak.example/"},
    )
    assert response["Location"] == reverse("newsletters:account")

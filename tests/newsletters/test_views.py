"""Every newsletter view for every role, and bad input: a clear Swedish page, never a 500.

Roles: anonymous → login, a plain user → 403, the working group → 403 unless an admin lets it
write (then two-factor login first), an admin without two-factor login → setting it up, with
it → the page. Subscriber lists stay with admins whatever the setting says."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from newsletters.models import Delivery, Newsletter, NewsletterSettings, Subscriber
from newsletters.urls import urlpatterns
from tests.newsletters.factories import (
    NewsletterFactory,
    PublishedNewsletterFactory,
    SubscriberFactory,
)
from tests.uploads import png_bytes, upload

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
MFA = reverse("mfa_activate_totp")
ROLES = ["anonymous", "user", "working_group", "working_group_mfa", "admin", "admin_mfa"]

WRITER_VIEWS = {
    "manage_list": ("get", False),
    "create": ("get", False),
    "manage_detail": ("get", True),
    "edit": ("get", True),
    "delete": ("get", True),
    "preview_web": ("get", True),
    "preview_mail": ("get", True),
    "preview_text": ("get", True),
    "test_send": ("post", True),
    "publish": ("post", True),
    "send": ("post", True),
    "unschedule": ("post", True),
    "progress": ("get", True),
    "resend": ("post", True),
    "image_add": ("post", True),
    "card_add": ("post", True),
}
ADMIN_VIEWS = {"subscribers": "get", "subscriber_export": "get", "settings": "post"}
OTHER_VIEWS = {
    "archive",
    "detail",
    "feed_atom",
    "feed_rss",
    "subscribe",
    "subscribe_sent",
    "confirm",
    "unsubscribe",
    "account",
    "account_toggle",
    "image_remove",
    "card_remove",
    "subscriber_remove",
}


def test_the_tables_name_every_view() -> None:
    names = {p.name for p in urlpatterns if isinstance(p, URLPattern)}
    assert names == set(WRITER_VIEWS) | set(ADMIN_VIEWS) | OTHER_VIEWS


def _expect_refused(response, role: str) -> None:  # noqa: ANN001
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    elif role in {"working_group", "admin"} and response.status_code == 302:
        assert response["Location"] == MFA
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(WRITER_VIEWS))
def test_writer_views_per_role(client_as, role: str, name: str) -> None:
    method, needs_pk = WRITER_VIEWS[name]
    newsletter = NewsletterFactory()
    url = reverse(f"newsletters:{name}", kwargs={"pk": newsletter.pk} if needs_pk else {})
    client = client_as(role)
    response = getattr(client, method)(url)
    if role == "admin_mfa":
        assert response.status_code in {200, 302, 400}
        if response.status_code == 302:
            assert not response["Location"].startswith((LOGIN, MFA))
    elif role == "admin":
        assert response.status_code == 302 and response["Location"] == MFA
    else:
        _expect_refused(response, role)
        newsletter.refresh_from_db()
        assert newsletter.status == "draft"


@pytest.mark.parametrize("role", ["working_group", "working_group_mfa"])
def test_the_working_group_writes_when_an_admin_lets_it(client_as, role: str) -> None:
    NewsletterSettings.objects.create(pk=1, working_group_may_write=True)
    client = client_as(role)
    response = client.get(reverse("newsletters:manage_list"))
    if role == "working_group":
        assert response.status_code == 302 and response["Location"] == MFA
        return
    assert response.status_code == 200
    response = client.post(
        reverse("newsletters:create"),
        {"title": "Från arbetsgruppen", "preamble": "Kort", "body": "Text"},
    )
    assert response.status_code == 302
    assert Newsletter.objects.filter(title="Från arbetsgruppen").exists()
    # ... but the subscriber list stays with admins
    assert client.get(reverse("newsletters:subscribers")).status_code == 403
    assert client.get(reverse("newsletters:subscriber_export")).status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ADMIN_VIEWS))
def test_admin_views_per_role(client_as, role: str, name: str) -> None:
    SubscriberFactory(email="hemlig@example.se")
    NewsletterSettings.objects.create(pk=1, working_group_may_write=True)
    response = getattr(client_as(role), ADMIN_VIEWS[name])(reverse(f"newsletters:{name}"))
    if role == "admin_mfa":
        assert response.status_code in {200, 302}
        return
    if role == "admin":
        assert response.status_code == 302 and response["Location"] == MFA
        return
    if role == "working_group":
        assert response.status_code == 302 and response["Location"] == MFA
        return
    _expect_refused(response, role)
    assert NewsletterSettings.objects.get().working_group_may_write


@pytest.mark.parametrize("role", ROLES)
def test_subscriber_remove_per_role(client_as, role: str) -> None:
    subscriber = SubscriberFactory()
    url = reverse("newsletters:subscriber_remove", kwargs={"subscriber_pk": subscriber.pk})
    response = client_as(role).post(url)
    if role == "admin_mfa":
        assert response.status_code == 302
        assert not Subscriber.objects.exists()
    else:
        assert response.status_code in {302, 403}
        assert Subscriber.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_show_what_is_out_and_never_a_draft(client_as, role: str) -> None:
    out = PublishedNewsletterFactory(title="Utgivet brev")
    draft = NewsletterFactory(title="Hemligt utkast")
    client = client_as(role)
    archive = client.get(reverse("newsletters:archive"))
    assert archive.status_code == 200
    assert "Utgivet brev" in archive.content.decode()
    assert "Hemligt utkast" not in archive.content.decode()
    assert client.get(out.get_absolute_url()).status_code == 200
    assert client.get(reverse("newsletters:detail", kwargs={"pk": draft.pk})).status_code == 404
    for feed in ["feed_atom", "feed_rss"]:
        body = client.get(reverse(f"newsletters:{feed}")).content.decode()
        assert "Utgivet brev" in body and "Hemligt utkast" not in body
    home = client.get(reverse("home")).content.decode()
    assert "Utgivet brev" in home


@pytest.mark.parametrize("role", ["anonymous", "user", "admin_mfa"])
def test_account_page_per_role(client_as, role: str) -> None:
    client = client_as(role)
    response = client.get(reverse("newsletters:account"))
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
        assert client.post(reverse("newsletters:account_toggle")).status_code == 302
        assert not Subscriber.objects.exists()
        return
    assert response.status_code == 200
    assert "Prenumerera på nyhetsbrevet" in response.content.decode()
    client.post(reverse("newsletters:account_toggle"), {"action": "subscribe"})
    assert Subscriber.objects.get().status == "confirmed"
    assert "Avsluta prenumerationen" in client.get(reverse("newsletters:account")).content.decode()
    client.post(reverse("newsletters:account_toggle"), {"action": "unsubscribe"})
    assert Subscriber.objects.get().status == "unsubscribed"


# --- subscribing, confirming and leaving from the public pages -----------------------------


def test_subscribe_confirm_from_the_mail_and_unsubscribe_by_one_click(
    settings, django_capture_on_commit_callbacks
) -> None:
    settings.PORTAL_BASE_URL = "http://portal.test"
    client = Client(enforce_csrf_checks=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("newsletters:subscribe"), {"email": "Ny@Example.se"})
    assert response.status_code == 302
    link = next(w for w in mail.outbox[0].body.split() if "/bekrafta/" in w)
    path = link.removeprefix("http://portal.test")
    page = client.get(path)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == "pending"  # a GET (a link scanner) confirms nothing
    assert client.post(path).status_code == 200
    assert Subscriber.objects.get().status == "confirmed"
    again = client.post(path)
    assert again.status_code == 200
    assert "redan bekräftad" in again.content.decode()

    key = Subscriber.objects.get().unsubscribe_key
    url = reverse("newsletters:unsubscribe", kwargs={"key": key})
    page = Client().get(url)
    assert page.status_code == 200 and "Avsluta prenumerationen" in page.content.decode()
    assert Subscriber.objects.get().status == "confirmed"
    # RFC 8058: the mail provider posts without a CSRF token
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == "unsubscribed"


def test_a_second_subscribe_of_a_confirmed_address_looks_the_same_and_sends_nothing(
    django_capture_on_commit_callbacks,
) -> None:
    SubscriberFactory(email="finns@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        known = Client().post(reverse("newsletters:subscribe"), {"email": "finns@example.se"})
        new = Client().post(reverse("newsletters:subscribe"), {"email": "ny@example.se"})
    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"]
    assert [m.to for m in mail.outbox] == [["ny@example.se"]]


@pytest.mark.parametrize("address", ["inte-en-adress", "a@", "", "x" * 300 + "@example.se"])
def test_a_malformed_address_gets_a_swedish_message_and_keeps_what_was_typed(
    address: str,
) -> None:
    response = Client().post(reverse("newsletters:subscribe"), {"email": address})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Något behöver rättas" in body
    if address and len(address) < 100:
        assert f'value="{address}"' in body
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("token", ["okand", "a.b.c", "%00", "x" * 400])
def test_unknown_confirmation_links_get_a_swedish_page(token: str) -> None:
    response = Client().post(f"/nyhetsbrev/bekrafta/{token}/")
    assert response.status_code in {400, 404}
    if response.status_code == 400:
        assert "Länken fungerar inte" in response.content.decode()


def test_an_unknown_unsubscribe_link_gets_a_swedish_page() -> None:
    url = reverse("newsletters:unsubscribe", kwargs={"key": "okand"})
    assert "Vi hittar ingen prenumeration" in Client().get(url).content.decode()
    response = Client().post(url)
    assert response.status_code == 404
    assert "Vi hittar ingen prenumeration" in response.content.decode()


# --- writing and sending from the tools ----------------------------------------------------


@pytest.fixture
def admin_client_mfa(client_as) -> Client:
    return client_as("admin_mfa")


def test_a_huge_or_script_body_is_refused_or_cleaned(admin_client_mfa: Client) -> None:
    response = admin_client_mfa.post(
        reverse("newsletters:create"),
        {"title": "Stort", "preamble": "Kort", "body": "x" * 50_001},
    )
    assert response.status_code == 400
    assert "Något behöver rättas" in response.content.decode()
    assert not Newsletter.objects.exists()
    response = admin_client_mfa.post(
        reverse("newsletters:create"),
        {
            "title": "Skript",
            "preamble": "<b>Kort</b>",
            "body": (
                "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))"
            ),
        },
    )
    newsletter = Newsletter.objects.get()
    preview = admin_client_mfa.get(reverse("newsletters:preview_web", args=[newsletter.pk]))
    html = preview.content.decode()
    assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html
    assert "&lt;b&gt;Kort&lt;/b&gt;" in html
    mail_html = admin_client_mfa.get(reverse("newsletters:preview_mail", args=[newsletter.pk]))
    assert "<script>alert" not in mail_html.content.decode()


def test_a_file_that_is_not_an_image_gets_a_message_at_the_field(admin_client_mfa: Client) -> None:
    newsletter = NewsletterFactory()
    response = admin_client_mfa.post(
        reverse("newsletters:image_add", args=[newsletter.pk]),
        {"alt": "Bild", "image": upload("bild.png", b"not an image", "image/png")},
    )
    assert response.status_code == 400
    assert "Filen är ingen bild vi kan läsa" in response.content.decode()
    response = admin_client_mfa.post(
        reverse("newsletters:image_add", args=[newsletter.pk]),
        {"alt": "", "image": upload("bild.png", png_bytes(), "image/png")},
    )
    assert response.status_code == 400
    assert not newsletter.images.exists()
    response = admin_client_mfa.post(
        reverse("newsletters:image_add", args=[newsletter.pk]),
        {"alt": "Ett diagram", "image": upload("bild.png", png_bytes(), "image/png")},
    )
    assert response.status_code == 302
    image = newsletter.images.get()
    public = Client().get(f"/media/{image.image.name}")
    assert public.status_code == 200


def test_the_send_page_shows_the_count_and_sends(
    admin_client_mfa: Client, django_capture_on_commit_callbacks
) -> None:
    SubscriberFactory.create_batch(3)
    SubscriberFactory(status="pending", consent_at=None)
    newsletter = NewsletterFactory()
    page = admin_client_mfa.get(reverse("newsletters:manage_detail", args=[newsletter.pk]))
    assert "skickas till 3 mottagare" in page.content.decode()
    refused = admin_client_mfa.post(
        reverse("newsletters:send", args=[newsletter.pk]), {"when": "now"}
    )
    assert refused.status_code == 400
    assert "Bekräfta att nyhetsbrevet ska skickas" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_mfa.post(
            reverse("newsletters:send", args=[newsletter.pk]), {"when": "now", "confirm": "on"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 3
    progress = admin_client_mfa.get(reverse("newsletters:progress", args=[newsletter.pk]))
    assert progress.status_code == 200
    live = admin_client_mfa.get(
        reverse("newsletters:progress", args=[newsletter.pk]), headers={"HX-Request": "true"}
    )
    assert 'id="newsletter-progress"' in live.content.decode()
    assert "<html" not in live.content.decode()
    edit = admin_client_mfa.get(reverse("newsletters:edit", args=[newsletter.pk]))
    assert edit.status_code == 302  # a sent newsletter cannot be edited


def test_scheduling_in_the_past_is_refused_with_a_message(admin_client_mfa: Client) -> None:
    newsletter = NewsletterFactory()
    response = admin_client_mfa.post(
        reverse("newsletters:send", args=[newsletter.pk]),
        {"when": "later", "send_at": "2020-01-01T10:00", "confirm": "on"},
    )
    assert response.status_code == 400
    assert "Välj en tidpunkt som inte har passerat" in response.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.status == "draft"


def test_only_a_draft_offers_a_time_to_send(admin_client_mfa: Client) -> None:
    draft = NewsletterFactory()
    scheduled = NewsletterFactory(
        status="scheduled", scheduled_for=timezone.now() + datetime.timedelta(days=3)
    )
    page = admin_client_mfa.get(reverse("newsletters:manage_detail", args=[draft.pk]))
    assert page.context["can_schedule"] is True
    assert "När ska det skickas?" in page.content.decode()
    page = admin_client_mfa.get(reverse("newsletters:manage_detail", args=[scheduled.pk]))
    assert page.context["can_schedule"] is False
    content = page.content.decode()
    assert "När ska det skickas?" not in content
    assert "Vid en viss tidpunkt" not in content
    assert re.search(r'<input type="hidden"\s+name="when"\s+value="now">', content)
    assert "Skicka nyhetsbrevet" in content
    assert "Avboka utskicket" in content


def test_the_uncertain_are_listed_and_sent_again_on_choice(
    admin_client_mfa: Client, django_capture_on_commit_callbacks
) -> None:
    subscriber = SubscriberFactory(email="osaker@example.se")
    newsletter = NewsletterFactory(status="sent", published_at=timezone.now())
    delivery = Delivery.objects.create(
        newsletter=newsletter, subscriber=subscriber, status="uncertain"
    )
    page = admin_client_mfa.get(reverse("newsletters:progress", args=[newsletter.pk]))
    assert "osaker@example.se" in page.content.decode()
    nothing = admin_client_mfa.post(reverse("newsletters:resend", args=[newsletter.pk]), {})
    assert nothing.status_code == 400
    assert "Välj minst en adress" in nothing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client_mfa.post(
            reverse("newsletters:resend", args=[newsletter.pk]), {"deliveries": [delivery.pk]}
        )
    assert [m.to for m in mail.outbox] == [["osaker@example.se"]]


def test_subscriber_list_search_and_export(admin_client_mfa: Client) -> None:
    SubscriberFactory(email="anna@example.se")
    SubscriberFactory(email="=cmd@example.se")
    SubscriberFactory(email="bo@example.se", status="unsubscribed")
    page = admin_client_mfa.get(reverse("newsletters:subscribers"), {"q": "anna"})
    body = page.content.decode()
    assert "anna@example.se" in body and "bo@example.se" not in body
    export = admin_client_mfa.get(reverse("newsletters:subscriber_export"))
    content = b"".join(export.streaming_content).decode()
    assert content.startswith("\ufeff")
    assert "'=cmd@example.se" in content  # the shared guard defuses formulas
    assert "bo@example.se;Avslutad" in content


def test_the_public_pages_take_a_fixed_number_of_queries(django_assert_max_num_queries) -> None:
    newsletters = PublishedNewsletterFactory.create_batch(12)
    client = Client()
    with django_assert_max_num_queries(6):
        assert client.get(reverse("newsletters:archive")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(newsletters[0].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("newsletters:feed_atom")).status_code == 200

"""Newsletters in a real browser. An admin writes a newsletter, previews it as a web page and
as a mail, test-sends it to herself and sends it; a visitor subscribes on a 360 px phone,
confirms from the mail, reads the newsletter on the site and unsubscribes from the mail's
link. Every page on the way is axe clean at 360 and 1280 px."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from playwright.sync_api import Browser, Page, expect

from newsletters.models import Newsletter, Subscriber
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS, Site, mail_text
from tests.factories import PASSWORD, AdminUserFactory, TotpAuthenticatorFactory
from tests.two_factor import totp_code

pytestmark = pytest.mark.e2e

TITLE = "Nyhetsbrev december"
VISITOR = "besokare@forening.example"


def new_page(browser: Browser, width: int = 1280) -> Page:
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def signed_in_admin(browser: Browser, site: Site) -> Page:
    secret = generate_totp_secret()
    admin = AdminUserFactory(full_name="Adam Administratör", email="adam@hok.example")
    TotpAuthenticatorFactory(user=admin, secret=secret)
    page = new_page(browser)
    page.goto(site("/konto/login/"))
    page.get_by_label("E-postadress").fill(admin.email)
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    code = totp_code(secret)
    page.get_by_label(re.compile("Kod")).fill(code)
    page.get_by_role("button", name=re.compile("Logga in|Verifiera|Bekräfta")).click()
    return page


def mail_to(site: Site, address: str, subject_part: str):  # noqa: ANN201
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        for message in reversed(site.mails()):
            if str(message["To"]) == address and subject_part in str(message["Subject"]):
                return message
        time.sleep(0.2)
    raise AssertionError(f"no mail to {address} about {subject_part!r}")


def link_path(message, pattern: str) -> str:  # noqa: ANN001
    match = re.search(rf"https?://[^/\s]+({pattern}[^\s>\"']+)", mail_text(message))
    assert match, mail_text(message)
    return match.group(1)


def test_subscribe_confirm_read_unsubscribe_and_the_admin_writes_and_sends(
    site: Site, browser: Browser, settings
) -> None:
    settings.PORTAL_BASE_URL = site.url.rstrip("/")
    # A visitor subscribes on a phone and confirms from the mail.
    phone = new_page(browser, width=360)
    phone.goto(site("/nyhetsbrev/"))
    expect(phone.get_by_role("heading", name="Nyhetsbrev", exact=True)).to_be_visible()
    assert_accessible(phone, site, "newsletter-archive-empty")
    phone.get_by_label("Din e-postadress").fill("inte en adress")
    phone.get_by_role("button", name="Prenumerera").click()
    expect(phone.get_by_text("Skriv en hel e-postadress")).to_be_visible()
    assert_accessible(phone, site, "newsletter-subscribe-error")
    phone.get_by_label("Din e-postadress").fill(VISITOR)
    phone.get_by_role("button", name="Prenumerera").click()
    expect(phone.get_by_role("heading", name="Titta i din e-post")).to_be_visible()
    assert_accessible(phone, site, "newsletter-subscribe-sent")
    confirm = mail_to(site, VISITOR, "Bekräfta")
    phone.goto(site(link_path(confirm, "/nyhetsbrev/bekrafta/")))
    assert_accessible(phone, site, "newsletter-confirm")
    phone.get_by_role("button", name="Ja, jag vill ha nyhetsbrevet").click()
    expect(phone.get_by_role("heading", name="Prenumerationen är bekräftad")).to_be_visible()
    assert Subscriber.objects.get(email=VISITOR).status == "confirmed"

    # The admin writes, previews, test-sends and sends.
    admin = signed_in_admin(browser, site)
    admin.goto(site("/arbetsgruppen/hantera/nyhetsbrev/"))
    assert_accessible(admin, site, "newsletter-manage-list")
    admin.get_by_role("link", name="Skriv ett nytt nyhetsbrev").click()
    admin.get_by_label("Rubrik").fill(TITLE)
    admin.get_by_label("Ingress").fill("Det här har hänt i samverkan under hösten.")
    admin.get_by_label("Text").fill("## Konferensen\n\nTack till **alla** som kom!")
    assert_accessible(admin, site, "newsletter-manage-form")
    admin.get_by_role("button", name="Spara utkastet").click()
    expect(admin.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(admin.get_by_text("skickas till 1 mottagare")).to_be_visible()
    assert_accessible(admin, site, "newsletter-manage-detail")
    admin.get_by_role("link", name="Som webbsida").click()
    expect(admin.get_by_text("Förhandsgranskning")).to_be_visible()
    assert_accessible(admin, site, "newsletter-preview-web")
    admin.go_back()
    admin.get_by_role("link", name="Som e-post (HTML)").click()
    expect(admin.get_by_role("heading", name=TITLE)).to_be_visible()
    for width in (360, 1280):
        admin.set_viewport_size({"width": width, "height": 900})
        admin.screenshot(path=f"tests/e2e/screenshots/newsletter-preview-mail-{width}.png")
    admin.go_back()
    admin.get_by_role("button", name="Skicka ett provutskick till mig").click()
    expect(admin.get_by_text("Ett provutskick går till adam@hok.example")).to_be_visible()
    assert "Provutskick" in str(mail_to(site, "adam@hok.example", TITLE)["Subject"])
    admin.get_by_label("Jag har förhandsgranskat nyhetsbrevet").check()
    admin.get_by_role("button", name="Skicka nyhetsbrevet").click()
    expect(admin.get_by_role("heading", name=re.compile("Utskick:"))).to_be_visible()
    assert_accessible(admin, site, "newsletter-progress")
    assert Newsletter.objects.get().status == "sent"

    # The visitor reads it on the site and leaves from the mail's link.
    newsletter_mail = mail_to(site, VISITOR, TITLE)
    assert newsletter_mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    phone.goto(site("/"))
    phone.get_by_role("link", name=TITLE).first.click()
    expect(phone.get_by_role("heading", name="Konferensen")).to_be_visible()
    assert_accessible(phone, site, "newsletter-detail")
    phone.goto(site(link_path(newsletter_mail, "/nyhetsbrev/avsluta/")))
    assert_accessible(phone, site, "newsletter-unsubscribe")
    assert Subscriber.objects.get(email=VISITOR).status == "confirmed"
    phone.get_by_role("button", name="Avsluta prenumerationen").click()
    expect(phone.get_by_role("heading", name="Prenumerationen är avslutad")).to_be_visible()
    assert Subscriber.objects.get(email=VISITOR).status == "unsubscribed"

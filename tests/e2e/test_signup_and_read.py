"""A new visitor signs up, verifies the address from the mail, signs in again and reads."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Site, confirm_email_path

pytestmark = pytest.mark.e2e

EMAIL = "kassor@idrottsforening.example"
PASSWORD = "Laxen-i-Atran-2026"
PRINCIPLES = [
    "Dialog",
    "Långsiktighet",
    "Öppenhet och insyn",
    "Självständighet och oberoende",
    "Mångfald",
    "Kvalitet",
]
ENGLISH_TITLE = (
    "Agreement between the non-profit civil-society sector in Halland and Region Halland"
)


def main_menu(page: Page):
    return page.get_by_role("navigation", name="Huvudmeny")


def account_menu(page: Page):
    return page.get_by_role("navigation", name="Konto")


def expect_signed_in(page: Page) -> None:
    expect(account_menu(page).get_by_role("link", name="Logga ut")).to_be_visible()
    expect(account_menu(page).get_by_role("link", name="Logga in")).to_have_count(0)


def expect_signed_out(page: Page) -> None:
    expect(account_menu(page).get_by_role("link", name="Logga in")).to_be_visible()
    expect(account_menu(page).get_by_role("link", name="Logga ut")).to_have_count(0)


def test_signup_verify_sign_in_and_read_the_agreement(site: Site, page: Page) -> None:
    # A newcomer finds "Skapa konto" from the home page.
    page.goto(site("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Halländska Överenskommelsen")
    expect_signed_out(page)
    account_menu(page).get_by_role("link", name="Skapa konto", exact=True).click()
    expect(page).to_have_url(site("/konto/signup/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Skapa konto")

    page.get_by_label("E-postadress").fill(EMAIL)
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Lösenord \(igen\)")).fill(PASSWORD)
    page.get_by_role("button", name="Skapa konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta din e-postadress")
    expect_signed_out(page)

    # The verification mail was written to the mail folder, in process (eager Celery).
    messages = [m for m in site.mails() if EMAIL in m["To"]]
    assert len(messages) == 1, f"expected one mail to {EMAIL}, got {len(messages)}"
    page.goto(site(confirm_email_path(messages[0])))

    # Confirming takes a click (ACCOUNT_CONFIRM_EMAIL_ON_GET is off), then signs the user in.
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    page.get_by_role("main").get_by_role("button").click()
    expect_signed_in(page)

    # Out, and back in with the password.
    account_menu(page).get_by_role("link", name="Logga ut").click()
    page.get_by_role("main").get_by_role("button", name="Logga ut").click()
    expect_signed_out(page)
    account_menu(page).get_by_role("link", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    page.get_by_label("E-postadress").fill(EMAIL)
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()
    expect_signed_in(page)

    # Reading: the agreement with its six principles.
    main_menu(page).get_by_role("link", name="Överenskommelsen").click()
    expect(page).to_have_url(site("/overenskommelsen/"))
    principle_headings = page.locator("section.principle > h2")
    expect(principle_headings).to_have_count(6)
    for number, title in enumerate(PRINCIPLES, start=1):
        heading = page.get_by_role("heading", level=2, name=f"{number}. {title}", exact=True)
        expect(heading).to_be_visible()

    # The table of contents leads to principle 3.
    toc = page.get_by_role("navigation", name="Innehåll")
    toc.get_by_role("link", name="3. Öppenhet och insyn", exact=True).click()
    expect(page).to_have_url(re.compile(r"/overenskommelsen/#princip-3$"))
    expect(page.locator("#princip-3 > h2")).to_be_in_viewport()

    # And in English.
    page.get_by_role("link", name="In English").click()
    expect(page).to_have_url(re.compile(r"/en/overenskommelsen/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGLISH_TITLE)
    expect(page.get_by_role("link", name="På svenska")).to_be_visible()

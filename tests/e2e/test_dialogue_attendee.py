"""A conference attendee on an old phone's screen (360 px): the short code on the front page, two
notes, a dropped connection that loses nothing and sends the note exactly once, a closed
dialogue that keeps the text; the working group sees the notes on the moderation page."""

import re

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from dialogues.models import Dialogue, Note
from tests.dialogues.factories import DialogueFactory, DialogueQuestionFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import SCREENSHOT_DIR, TIMEOUT_MS, Site
from tests.factories import PASSWORD, TotpAuthenticatorFactory, WorkingGroupUserFactory
from tests.two_factor import totp_code

pytestmark = pytest.mark.e2e

CODE = "K7MQ2P"
FIRST = "Fler gemensamma utbildningar för föreningar och regionens personal."
SECOND = "Ta fram en enkel kontaktlista: vem ringer man i regionen?"
COOKIES_GONE = "Skriven efter att kakorna rensats: bjud in fler unga."
OFFLINE = "Skriven utan nät: följ upp dialogen på nästa konferens."
TOO_LATE = "Skriven efter stängning: mötesplatser för unga."
NOTE_LABEL = re.compile(r"^Anteckning:?$")
NO_SCRIPT = "Utan JavaScript efter stängning: texten ska finnas kvar."


def phone_page(browser: Browser, *, javascript: bool = True) -> Page:
    context = browser.new_context(
        locale="sv-SE",
        viewport={"width": 360, "height": 780},
        java_script_enabled=javascript,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def screenshots(page: Page, name: str) -> None:
    """Screenshots of what cannot be checked with axe (the browser is offline: axe is a
    script loaded from the site)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOT_DIR / f"{name}-{width}.png", full_page=True)
    if original is not None:
        page.set_viewport_size(original)


def write(page: Page, text: str, *, question: str | None = None, table: str | None = None):
    if question:
        page.get_by_label(question).check()
    if table is not None:
        page.get_by_label(re.compile("Bordsgruppens namn")).fill(table)
    page.get_by_label(NOTE_LABEL).fill(text)
    page.get_by_role("button", name="Skicka anteckningen").click()


def test_attendee_writes_notes_offline_and_online_and_the_working_group_sees_them(
    site: Site, browser: Browser
):
    dialogue = DialogueFactory(
        short_code=CODE,
        title="Framtidsfokus",
        introduction="Vad ska Överenskommelsen arbeta vidare med?",
    )
    DialogueQuestionFactory(dialogue=dialogue, position=1, text="Vad har fungerat bra?")
    DialogueQuestionFactory(dialogue=dialogue, position=2, text="Vad behöver bli bättre?")

    # The attendee types the code from the table sheet on the front page, as people do.
    phone = phone_page(browser)
    phone.goto(site("/"))
    expect(phone.get_by_role("region", name="Har du en dialogkod?")).to_be_visible()
    assert_accessible(phone, site, "dialogue-attendee-home")
    # A typo first: the page says so and keeps what was typed.
    phone.get_by_role("textbox", name="Dialogkod").fill("k7m q2b")
    phone.get_by_role("button", name="Öppna dialogen").click()
    code_field = phone.get_by_role("textbox", name="Dialogkod")
    expect(phone.get_by_role("main")).to_contain_text("Vi hittar ingen dialog med koden ”k7m q2b”")
    expect(code_field).to_have_value("k7m q2b")
    assert_accessible(phone, site, "dialogue-attendee-unknown-code")
    code_field.fill("k7m q2p")
    phone.get_by_role("button", name="Öppna dialogen").click()
    expect(phone).to_have_url(re.compile(rf"/dialog/{CODE}/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Framtidsfokus")
    expect(phone.get_by_text("Inga personuppgifter sparas")).to_be_visible()
    assert_accessible(phone, site, "dialogue-attendee-open")

    # Two notes, one for a question and one for the whole dialogue.
    write(phone, FIRST, question="Vad har fungerat bra?", table="Bord 7")
    status = phone.locator("[data-outbox-status]")
    expect(status).to_have_text("Tack! Anteckningen är sparad.")
    expect(phone.get_by_label(NOTE_LABEL)).to_have_value("")
    expect(phone.get_by_label(re.compile("Bordsgruppens namn"))).to_have_value("Bord 7")
    write(phone, SECOND, question="Hela dialogen (ingen särskild fråga)")
    expect(status).to_have_text("Tack! Anteckningen är sparad.")
    # Cookies cleared behind the page's back (a privacy setting, a long day): the answers
    # bring a new CSRF token and device cookie, and the outbox sends again by itself.
    phone.context.clear_cookies()
    write(phone, COOKIES_GONE)
    expect(status).to_have_text("Tack! Anteckningen är sparad.")
    assert_accessible(phone, site, "dialogue-attendee-saved")

    # The venue wifi drops: the note stays on the phone, with a clear message.
    phone.context.set_offline(True)
    write(phone, OFFLINE, question="Vad behöver bli bättre?")
    expect(status).to_contain_text(
        "Ingen anslutning – anteckningen ligger kvar i telefonen och skickas igen automatiskt."
    )
    outbox = phone.locator("[data-outbox-list]")
    expect(outbox).to_be_visible()
    expect(outbox).to_contain_text(OFFLINE)
    # The reason is said once, above the list; the note in the list just waits.
    expect(outbox).to_contain_text("Väntar på att skickas")
    expect(outbox).not_to_contain_text("Ingen anslutning")
    assert OFFLINE in phone.evaluate("localStorage.getItem('hok-note-outbox')")
    screenshots(phone, "dialogue-attendee-offline")
    assert not Note.objects.filter(text=OFFLINE).exists()

    # Back online: the outbox sends it by itself, once.
    phone.context.set_offline(False)
    expect(status).to_have_text("En anteckning som väntade i telefonen är nu sparad.")
    expect(outbox).to_be_hidden()
    assert phone.evaluate("JSON.parse(localStorage.getItem('hok-note-outbox'))") == []
    phone.reload()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Framtidsfokus")
    assert Note.objects.filter(text=OFFLINE).count() == 1
    # After the reload the phone still shows what it has sent, newest first, from its own
    # storage: the server keeps nothing that ties the notes to this phone.
    sent = phone.locator("[data-sent-list]")
    expect(sent).to_be_visible()
    expect(sent.get_by_role("listitem")).to_have_count(4)
    expect(sent.get_by_role("listitem").first).to_contain_text(OFFLINE)
    expect(sent.get_by_role("listitem").last).to_contain_text(FIRST)
    assert_accessible(phone, site, "dialogue-attendee-sent-list")
    # Another phone at the same table sees nothing of it.
    other = phone_page(browser)
    other.goto(site(f"/dialog/{CODE}/"))
    expect(other.get_by_role("heading", level=1)).to_have_text("Framtidsfokus")
    expect(other.locator("[data-sent-list]")).to_be_hidden()
    other.context.close()
    notes = {note.text: note for note in Note.objects.filter(dialogue=dialogue)}
    assert set(notes) == {FIRST, SECOND, COOKIES_GONE, OFFLINE}
    assert notes[FIRST].table_group == "Bord 7"
    assert notes[FIRST].question.text == "Vad har fungerat bra?"
    assert notes[SECOND].question is None
    assert notes[OFFLINE].question.text == "Vad behöver bli bättre?"

    # The working group signs in with two-factor login and sees the notes on the moderation page.
    member = WorkingGroupUserFactory(email="moderator@region.example")
    secret = generate_totp_secret()
    TotpAuthenticatorFactory(user=member, secret=secret)
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    wg = context.new_page()
    wg.goto(site("/konto/login/"))
    wg.get_by_label("E-postadress").fill(member.email)
    wg.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    wg.get_by_role("main").get_by_role("button", name="Logga in").click()
    wg.get_by_label(re.compile("Kod")).fill(totp_code(secret))
    wg.get_by_role("button", name=re.compile("Logga in|Verifiera|Bekräfta")).click()
    # Signed in (the login's own navigation has finished) before going on.
    expect(
        wg.get_by_role("navigation", name="Konto").get_by_role("link", name="Logga ut")
    ).to_be_visible()
    wg.goto(site(reverse("dialogues:moderation", kwargs={"pk": dialogue.pk})))
    main = wg.get_by_role("main")
    for text in (FIRST, SECOND, COOKIES_GONE, OFFLINE):
        expect(main).to_contain_text(text)

    # The dialogue closes while the attendee is writing: refused, the text stays to copy.
    Dialogue.objects.filter(pk=dialogue.pk).update(manual_state=Dialogue.ManualState.CLOSED)
    write(phone, TOO_LATE)
    expect(status).to_contain_text("Dialogen är stängd och tar inte emot fler anteckningar.")
    expect(phone.get_by_label(NOTE_LABEL)).to_have_value(TOO_LATE)
    assert not Note.objects.filter(text=TOO_LATE).exists()
    phone.reload()
    expect(phone.get_by_role("heading", name="Dialogen är stängd")).to_be_visible()
    assert_accessible(phone, site, "dialogue-attendee-closed")


def test_without_javascript_a_note_sent_after_closing_is_kept_to_copy(site: Site, browser: Browser):
    dialogue = DialogueFactory(short_code=CODE, title="Framtidsfokus")
    DialogueQuestionFactory(dialogue=dialogue, text="Vad har fungerat bra?")
    phone = phone_page(browser, javascript=False)
    phone.goto(site(f"/dialog/{CODE}/"))
    write(phone, FIRST, table="Bord 3")
    expect(phone.get_by_text("Tack! Anteckningen är sparad.")).to_be_visible()
    expect(phone.get_by_label(re.compile("Bordsgruppens namn"))).to_have_value("Bord 3")
    assert Note.objects.filter(text=FIRST).count() == 1

    phone.get_by_label(NOTE_LABEL).fill(NO_SCRIPT)
    Dialogue.objects.filter(pk=dialogue.pk).update(manual_state=Dialogue.ManualState.CLOSED)
    phone.get_by_role("button", name="Skicka anteckningen").click()
    expect(phone.get_by_role("alert")).to_contain_text("Dialogen är stängd")
    kept = phone.get_by_label(re.compile("Det du skrev"))
    expect(kept).to_have_value(NO_SCRIPT)
    expect(kept).to_have_attribute("readonly", "")
    assert not Note.objects.filter(text=NO_SCRIPT).exists()
    screenshots(phone, "dialogue-attendee-closed-kept-noscript")

    # axe needs JavaScript: the same server-rendered page, reached by a plain form submit.
    checked = phone_page(browser)
    Dialogue.objects.filter(pk=dialogue.pk).update(manual_state=Dialogue.ManualState.OPEN)
    checked.goto(site(f"/dialog/{CODE}/"))
    checked.get_by_label(NOTE_LABEL).fill(NO_SCRIPT)
    Dialogue.objects.filter(pk=dialogue.pk).update(manual_state=Dialogue.ManualState.CLOSED)
    with checked.expect_navigation():
        checked.evaluate("document.querySelector('[data-outbox-form]').submit()")
    expect(checked.get_by_label(re.compile("Det du skrev"))).to_have_value(NO_SCRIPT)
    assert_accessible(checked, site, "dialogue-attendee-closed-kept")

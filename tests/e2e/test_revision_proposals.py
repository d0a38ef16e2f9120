"""A proposal to revise the agreement, from the first draft to the version that takes it in.

Three people in three browsers: a representative of one signatory, a representative of another
one, and a member of the working group (two-factor login). The new version is adopted by the
service the admin's action calls; its author is mailed.
"""

import re

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.dialogues.factories import ConferenceFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS, Site, mail_text
from tests.factories import (
    PASSWORD,
    OrganisationFactory,
    SignatureFactory,
    TotpAuthenticatorFactory,
    UserFactory,
    WorkingGroupUserFactory,
)
from tests.two_factor import totp_code

pytestmark = pytest.mark.e2e

PROPOSED = (
    "Skapa mötesplatser där idéburen sektor och Region Halland träffas minst två gånger om året."
)
REASON = "En träff om året räcker inte för att hålla samverkan levande."


def new_page(browser: Browser, width: int = 1280) -> Page:
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page: Page, site: Site, email: str) -> None:
    page.goto(site("/konto/login/"))
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Logga in").click()


def signatory(name: str, email: str):  # type: ignore[no-untyped-def]
    person = UserFactory(email=email)
    organisation = OrganisationFactory(name=name)
    SignatureFactory(organisation=organisation, signed_by=person, approved=True)
    return person, organisation


def test_propose_support_answer_and_take_into_a_new_version(site: Site, browser: Browser):
    from agreements.models import Action, RevisionProposal
    from agreements.selectors import version_current
    from agreements.services import version_adopt, version_copy

    author, _organisation = signatory("Föreningen Kustlaget", "rut@kustlaget.example")
    supporter, _other = signatory("Stiftelsen Skogsbrynet", "olle@skogsbrynet.example")
    member = WorkingGroupUserFactory(email="greta@region.example")
    conference = ConferenceFactory(name="Samverkanskonferens i Halmstad")
    secret = generate_totp_secret()
    TotpAuthenticatorFactory(user=member, secret=secret)

    # The representative chooses a part, sees its wording and proposes a new one.
    rep = new_page(browser, width=360)
    sign_in(rep, site, author.email)
    rep.goto(site("/overenskommelsen/forslag/"))
    assert_accessible(rep, site, "proposals-list-empty")
    rep.get_by_role("link", name="Föreslå en ändring").click()
    rep.get_by_label("Vilken del av överenskommelsen gäller förslaget?").select_option(
        label="Princip 1, åtgärd 1"
    )
    assert_accessible(rep, site, "proposal-choose-part")
    rep.get_by_role("button", name="Fortsätt").click()
    expect(rep.get_by_role("heading", name="Nuvarande lydelse")).to_be_visible()
    rep.get_by_label("Föreslagen lydelse").fill("x" * 5001)
    rep.get_by_label("Motivering").fill(REASON)
    rep.get_by_role("button", name="Skicka förslaget").click()
    expect(rep.get_by_role("main")).to_contain_text("Förslaget är för långt")
    expect(rep.get_by_label("Motivering")).to_have_value(REASON)
    assert_accessible(rep, site, "proposal-create-error")
    rep.get_by_label("Föreslagen lydelse").fill(PROPOSED)
    rep.get_by_role("button", name="Skicka förslaget").click()
    expect(rep.get_by_role("status")).to_contain_text("Förslaget är skickat")
    expect(rep.get_by_role("main")).to_contain_text("väntar på arbetsgruppens granskning")
    expect(rep.locator("ins").first).to_be_visible()
    assert_accessible(rep, site, "proposal-pending")
    proposal = RevisionProposal.objects.get()
    assert any("Nytt förslag till revidering" in (m["Subject"] or "") for m in site.mails())

    # Not public yet.
    visitor = new_page(browser)
    visitor.goto(site(proposal.get_absolute_url()))
    expect(visitor.get_by_role("main")).not_to_contain_text(PROPOSED)

    # The working group checks and publishes it.
    wg = new_page(browser)
    sign_in(wg, site, member.email)
    wg.get_by_label(re.compile("Kod")).fill(totp_code(secret))
    wg.get_by_role("button", name=re.compile("Logga in|Verifiera|Bekräfta")).click()
    wg.get_by_role("navigation", name="Konto").get_by_role(
        "link", name="Arbetsgruppens verktyg"
    ).click()
    expect(wg.get_by_role("main")).to_contain_text("1 förslag väntar på granskning.")
    wg.get_by_role("main").get_by_role("link", name="Förslag till revidering", exact=True).click()
    assert_accessible(wg, site, "proposal-queue")
    wg.get_by_role("link", name="Princip 1, åtgärd 1").click()
    wg.get_by_label("Publicera förslaget").check()
    assert_accessible(wg, site, "proposal-review")
    wg.get_by_role("button", name="Spara granskningen").click()
    expect(wg.get_by_role("status")).to_contain_text("Förslaget är publicerat")

    # Another signatory supports it (once) and comments.
    other = new_page(browser, width=360)
    sign_in(other, site, supporter.email)
    other.goto(site(proposal.get_absolute_url()))
    other.get_by_role("button", name="Stöd förslaget").click()
    expect(other.get_by_role("status")).to_contain_text("Stiftelsen Skogsbrynet stödjer nu")
    expect(other.get_by_role("button", name="Stöd förslaget")).to_have_count(0)
    other.get_by_role("textbox", name=re.compile("^Kommentar")).fill(
        "Vi håller med: två träffar om året."
    )
    other.get_by_role("button", name="Publicera kommentaren").click()
    expect(other.get_by_role("status")).to_contain_text("Kommentaren är publicerad")
    assert_accessible(other, site, "proposal-public")

    # The working group first puts it on a conference's agenda; the conference page lists it.
    wg.reload()
    wg.get_by_label("Besvaras på en konferens").check()
    wg.get_by_label(re.compile(r"^Konferens:?$")).select_option(value=str(conference.pk))
    wg.get_by_role("button", name="Spara svaret").click()
    expect(wg.get_by_role("status")).to_contain_text("Svaret är sparat")
    visitor.goto(site(f"/konferenser/{conference.slug}/"))
    agenda = visitor.get_by_role(
        "region", name="Förslag till revidering som besvaras på konferensen"
    )
    expect(agenda).to_contain_text("Princip 1, åtgärd 1")
    assert_accessible(visitor, site, "conference-with-proposals")

    # After the conference, the answer: taken into the next version.
    wg.get_by_label("Tas med i nästa version").check()
    wg.get_by_label("Motivering till svaret").fill("Arbetsgruppen föreslår det i nästa version.")
    wg.get_by_role("button", name="Spara svaret").click()
    expect(wg.get_by_role("status")).to_contain_text("Svaret är sparat")
    visitor.goto(site("/overenskommelsen/forslag/?svar=tas-med"))
    expect(visitor.get_by_role("main")).to_contain_text("Princip 1, åtgärd 1")
    assert_accessible(visitor, site, "proposals-list")

    # A new version with the wording is adopted; the author is mailed.
    draft = version_copy(source=version_current())
    Action.objects.filter(principle__version=draft, principle__number=1, position=1).update(
        text=PROPOSED
    )
    version_adopt(version=draft, adopted_on=timezone.localdate(), by=None)
    mails = [m for m in site.mails() if m["To"] == author.email]
    taken_in = [m for m in mails if "version 2" in (m["Subject"] or "")]
    assert len(taken_in) == 1
    assert proposal.get_absolute_url() in mail_text(taken_in[0])

    visitor.goto(site("/overenskommelsen/versioner/2/"))
    included = visitor.get_by_role("region", name="Förslag till revidering som togs med")
    expect(included).to_contain_text("Föreningen Kustlaget")
    assert_accessible(visitor, site, "version-with-proposals")
    visitor.goto(site("/overenskommelsen/versioner/jamfor/?old=1&new=2"))
    expect(visitor.locator("ins").first).to_be_visible()
    visitor.get_by_role("region", name="Förslag till revidering som togs med").get_by_role(
        "link", name="Princip 1, åtgärd 1"
    ).click()
    expect(visitor.get_by_role("main")).to_contain_text("Förslaget togs med i version 2")
    assert_accessible(visitor, site, "proposal-included")

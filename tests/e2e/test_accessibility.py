"""Every public page, at phone and laptop width: no WCAG 2.1 A/AA violations that axe finds,
no Content Security Policy errors, and a full-page screenshot to look at.

axe-core is vendored in static/vendor/axe/ and served by the portal itself, so it loads as a
same-origin script under the portal's own Content Security Policy: the page is checked exactly as
a visitor's browser enforces it.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.e2e.accessibility import WIDTHS, axe_violations, format_violations
from tests.e2e.conftest import SCREENSHOT_DIR, TIMEOUT_MS, Site

pytestmark = pytest.mark.e2e

# The innermost elements wider than the page, to name in a failure.
OVERFLOWING_JS = """() => {
    const width = document.documentElement.clientWidth;
    const tooWide = el =>
        el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > width + 1;
    return [...document.querySelectorAll("body *")]
        .filter(el => tooWide(el) && ![...el.children].some(tooWide))
        .map(el => el.outerHTML.replace(/\\s+/g, " ").slice(0, 160));
}"""
HEIGHT = 800


def submit_bad_signup(page: Page) -> None:
    """Input that the browser lets through and the server refuses, so the errors are shown."""
    page.get_by_label("E-postadress").fill("namn@exempel")
    page.locator("input[name=password1]").fill("123")
    page.locator("input[name=password2]").fill("321")
    page.get_by_role("main").get_by_role("button", name="Skapa konto").click()
    expect(page.locator("input[name=email][aria-invalid=true]")).to_have_count(1)


def expect_one_version(page: Page) -> None:
    expect(page.get_by_role("main")).to_contain_text("finns än så länge i en enda version")
    expect(page.get_by_role("combobox")).to_have_count(0)


@dataclass(frozen=True)
class PageCase:
    name: str
    path: str
    then: Callable[[Page], None] | None = None
    status: int = 200


PAGES = [
    PageCase("home", "/"),
    PageCase("agreement", "/overenskommelsen/"),
    PageCase("principle", "/overenskommelsen/principer/dialog/"),
    PageCase("goals", "/overenskommelsen/malbild-2024/"),
    PageCase("versions", "/overenskommelsen/versioner/"),
    # With a single version there is nothing to compare: the page says so, with no form.
    PageCase(
        "compare-one-version",
        "/overenskommelsen/versioner/jamfor/?old=1&new=1",
        expect_one_version,
    ),
    PageCase("working-group", "/arbetsgruppen/"),
    PageCase("accessibility", "/tillganglighet/"),
    PageCase("privacy", "/integritet/"),
    PageCase("login", "/konto/login/"),
    PageCase("signup", "/konto/signup/"),
    PageCase("password-reset", "/konto/password/reset/"),
    PageCase("signup-errors", "/konto/signup/", submit_bad_signup),
    PageCase("agreement-en", "/en/overenskommelsen/"),
]


def open_page(browser: Browser, site: Site, case: PageCase, width: int):
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": HEIGHT})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    console_errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            console_errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: console_errors.append(f"uncaught: {error}"))
    response = page.goto(site(case.path), wait_until="load")
    assert response is not None, f"{case.path}: no response"
    assert response.status == case.status, f"{case.path}: HTTP {response.status}"
    if case.then is not None:
        case.then(page)
    page.wait_for_load_state("load")
    return context, page, console_errors


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("case", PAGES, ids=[case.name for case in PAGES])
def test_page_is_accessible_and_keeps_to_its_csp(
    site: Site, browser: Browser, case: PageCase, width: int
) -> None:
    context, page, console_errors = open_page(browser, site, case, width)
    try:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOT_DIR / f"{case.name}-{width}.png", full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        overflowing = page.evaluate(OVERFLOWING_JS) if overflow > 0 else []
        violations = axe_violations(page, site)
    finally:
        context.close()

    where = f"{case.path} at {width}px (Chromium {browser.version})"
    problems = []
    csp_errors = [text for text in console_errors if "Content Security Policy" in text]
    if csp_errors:
        problems.append("broke the Content Security Policy:\n" + "\n".join(csp_errors))
    if overflow > 0:
        problems.append(
            f"scrolls sideways by {overflow}px (WCAG 1.4.10 Reflow); too wide:\n"
            + "\n".join(overflowing)
        )
    if violations:
        problems.append(
            f"axe found {len(violations)} WCAG 2.1 A/AA violation(s):\n"
            f"{format_violations(violations)}"
        )
    assert not problems, f"{where}:\n" + "\n".join(problems)

"""axe-core, served by the portal itself, run on the page as a visitor's browser shows it."""

import json

from playwright.sync_api import Page

from tests.e2e.conftest import SCREENSHOT_DIR, Site

AXE_URL = "/static/vendor/axe/axe.min.js"
WIDTHS = (360, 1280)
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page: Page, site: Site) -> list[dict]:
    page.add_script_tag(url=site(AXE_URL))
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl'].split('?')[0]}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    target {json.dumps(node['target'], ensure_ascii=False)}")
            lines.append(f"    html   {node['html'][:300]}")
            if node.get("failureSummary"):
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"    why    {summary[:400]}")
    return "\n".join(lines)


def assert_accessible(page: Page, site: Site, name: str) -> None:
    """No WCAG 2.1 A/AA violation axe can find, on a phone and a laptop; screenshots of both."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    problems = []
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=SCREENSHOT_DIR / f"{name}-{width}.png", full_page=True)
            if violations := axe_violations(page, site):
                problems.append(f"at {width}px:\n{format_violations(violations)}")
    finally:
        if original is not None:
            page.set_viewport_size(original)
    assert not problems, f"{page.url}\n" + "\n".join(problems)

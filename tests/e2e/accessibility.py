"""axe-core, served by the portal itself, run on the page as a visitor's browser shows it."""

import json

from playwright.sync_api import Page

from tests.e2e.conftest import SCREENSHOT_DIR, Site

AXE_URL = "/static/vendor/axe/axe.min.js"
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
    """No WCAG 2.1 A/AA violation axe can find; a screenshot to look at."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)
    violations = axe_violations(page, site)
    assert not violations, f"{page.url}:\n{format_violations(violations)}"

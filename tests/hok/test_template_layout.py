"""Template partials follow one convention: a template that is only included lives in an
`includes/` folder (CONVENTIONS.md, 'In an app'), so a folder's other files are pages."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INCLUDE = re.compile(r"""\{%\s*include\s+["']([^"']+)["']""")
# The login library's templates, which the portal overrides under the library's own names.
LIBRARY_FOLDERS = ("account/", "allauth/", "mfa/", "socialaccount/")


def included_templates() -> dict[str, list[str]]:
    """Each template named in an {% include %}, with the templates that include it."""
    found: dict[str, list[str]] = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        for name in INCLUDE.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(str(path.relative_to(TEMPLATES)))
    return found


def test_every_included_template_is_in_an_includes_folder() -> None:
    outside = {
        name: where
        for name, where in included_templates().items()
        if not name.startswith(LIBRARY_FOLDERS) and "includes/" not in name
    }
    assert outside == {}


def test_partials_have_no_underscore_names() -> None:
    """The older `_partial.html` convention is gone; `includes/partial.html` replaced it."""
    underscored = [str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("_*.html")]
    assert underscored == []


def test_the_includes_are_found() -> None:
    """The scan itself works: the site's own form partial is included somewhere."""
    assert "includes/form.html" in included_templates()

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


# A mail template is rendered as `<name>_subject.txt` and `<name>_message.txt` (plus an optional
# `<name>_message.html`), the names the login library uses for its own mail.
MAIL_TEMPLATE = re.compile(r"_(subject|message)\.(txt|html)$")
MAIL_FOLDER_NAMES = {"email", "emails", "mail", "mails"}


def test_mail_templates_live_in_one_email_folder_per_app() -> None:
    """Every mail template is `templates/<app>/email/<name>_{subject,message}.{txt,html}`."""
    misplaced = []
    for path in sorted(TEMPLATES.rglob("*")):
        relative = path.relative_to(TEMPLATES)
        in_mail_folder = path.is_file() and MAIL_FOLDER_NAMES & set(relative.parts[:-1])
        looks_like_mail = path.is_file() and MAIL_TEMPLATE.search(path.name)
        if not (in_mail_folder or looks_like_mail):
            continue
        in_convention = (
            len(relative.parts) == 3
            and relative.parts[1] == "email"
            and MAIL_TEMPLATE.search(path.name)
        )
        if not in_convention:
            misplaced.append(str(relative))
    assert misplaced == []


def test_the_mail_templates_are_found() -> None:
    """The scan itself works: the survey invitation is a mail template in the convention."""
    assert (TEMPLATES / "surveys" / "email" / "invitation_message.txt").is_file()

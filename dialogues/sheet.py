"""The printable table sheet of a dialogue: one A4 page with the questions, the QR code and the
short code in large type, rendered with WeasyPrint through hok.pdf."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from dialogues.models import Dialogue
from dialogues.qr import qr_svg
from dialogues.selectors.conferences import attendee_path, attendee_url
from hok.pdf import render_pdf, static_file_path


def attendee_address_to_type() -> str:
    """The portal's address as people type it: no scheme, no trailing slash."""
    base = settings.PORTAL_BASE_URL
    return base.split("://", 1)[-1].rstrip("/")


def spaced_code(code: str) -> str:
    """K7MQ2P as K7M Q2P: two groups of three are easier to read aloud and to type."""
    return f"{code[:3]} {code[3:]}"


def table_sheet_pdf(dialogue: Dialogue) -> bytes:
    """Small enough to render in the request (hok.pdf: tagged, with title and language)."""
    url = attendee_url(dialogue)
    context = {
        "dialogue": dialogue,
        "conference": dialogue.conference,
        "questions": list(dialogue.questions.all()),
        # segno's own markup: a viewBox and paths, nothing taken from user input.
        "qr": mark_safe(qr_svg(url, title=dialogue.short_code)),  # noqa: S308
        "code": spaced_code(dialogue.short_code),
        "address": attendee_address_to_type(),
        "direct": f"{attendee_address_to_type()}{attendee_path(dialogue)}".rstrip("/"),
    }
    with translation.override("sv"):
        html = render_to_string("dialogues/management/sheet.html", context)
    stylesheet = static_file_path("css/dialogue-sheet.css")
    return render_pdf(html, stylesheets=[stylesheet]).content

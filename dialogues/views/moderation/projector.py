"""The projector view: the newest visible notes, the theme counts and the way in (QR code and
short code), refreshing itself."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.gzip import gzip_page

from dialogues import rules
from dialogues.access import loads_dialogue_for_moderation, managers_only
from dialogues.models import Dialogue
from dialogues.qr import qr_svg
from dialogues.selectors import moderation as selectors
from dialogues.selectors.themes import theme_counts

# Seconds between two refreshes of the projector's content (sent gzipped, see notes.py).
PROJECTOR_REFRESH = 8
# The projector shows the themes with most notes; the rest are summed up in one line.
PROJECTOR_THEMES = 10


def _without_scheme(url: str) -> str:
    """The address as people type it: no "https://", no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def _projector_context(request: HttpRequest, dialogue: Dialogue) -> dict[str, Any]:
    counts = [
        (theme, count)
        for theme, count in theme_counts(conference=dialogue.conference, dialogue=dialogue)
        if count
    ]
    largest = max((count for _theme, count in counts), default=0)
    return {
        "more_themes": len(counts[PROJECTOR_THEMES:]),
        "dialogue": dialogue,
        "notes": selectors.projector_notes(dialogue=dialogue),
        "note_count": selectors.projector_note_count(dialogue=dialogue),
        "counts": counts[:PROJECTOR_THEMES],
        "largest": largest,
        "is_open": rules.dialogue_is_open(dialogue, timezone.now()),
        "join_url": _without_scheme(request.build_absolute_uri(reverse("dialogues:find"))),
        "refresh_seconds": PROJECTOR_REFRESH,
        "updated_at": timezone.localtime(),
    }


@gzip_page
@never_cache
@managers_only
@loads_dialogue_for_moderation
def projector(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    context = _projector_context(request, dialogue)
    attendee_url = request.build_absolute_uri(
        reverse("dialogues:attendee", args=[dialogue.short_code])
    )
    # segno's own markup: a viewBox and paths, nothing taken from user input but the URL.
    context["qr_svg"] = mark_safe(qr_svg(attendee_url, title=_("QR-kod till dialogen")))  # noqa: S308
    return render(request, "dialogues/projector/projector.html", context)


@gzip_page
@never_cache
@managers_only
@loads_dialogue_for_moderation
def projector_content(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    """The projector's changing part alone, for its own refresh."""
    return render(
        request, "dialogues/projector/includes/content.html", _projector_context(request, dialogue)
    )

"""The working group's export of a conference's notes as CSV, hidden notes included.

There is no public export: the public reads the visible notes in the compiled document, in the
context of their dialogue and questions. Notes are free text written without an account; a
name or a detail the moderation missed is one thing on a page, and another in a file made for
copying and machine processing.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogues.models import Conference, Note
from dialogues.selectors.outcomes import notes_for_export
from hok.csv_export import csv_response

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from dialogues.selectors.outcomes import AcceptedLinks


def _header() -> list[str]:
    return [
        _("dialog"),
        _("dialogens rubrik"),
        _("fråga"),
        _("bordsgrupp"),
        _("anteckning"),
        _("skickad"),
        _("dold"),
        _("skäl att dölja"),
        _("teman"),
    ]


def _row(note: "WithAnnotations[Note, AcceptedLinks]", words: dict[str, str]) -> list[object]:
    return [
        note.dialogue.position,
        note.dialogue.title,
        note.question.text if note.question else words["whole"],
        note.table_group,
        note.text,
        timezone.localtime(note.created_at).strftime("%Y-%m-%d %H:%M:%S"),
        words["yes"] if note.hidden else words["no"],
        note.hidden_reason if note.hidden else "",
        [link.theme.name for link in note.accepted_links],
    ]


def notes_csv_filename(conference: Conference) -> str:
    return f"anteckningar-{conference.slug}.csv"


def notes_csv_response(conference: Conference) -> StreamingHttpResponse:
    """Every note of the conference, one row each, in dialogue order. Two queries, however
    many notes (the notes with their dialogue and question, and their accepted themes)."""

    # Translated now: the rows are written after the view has returned.
    words = {"whole": _("Hela dialogen"), "yes": _("ja"), "no": _("nej")}

    def rows() -> Iterator[list[object]]:
        for note in notes_for_export(conference=conference):
            yield _row(note, words)

    return csv_response(filename=notes_csv_filename(conference), header=_header(), rows=rows())

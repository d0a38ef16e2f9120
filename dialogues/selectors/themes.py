"""Reading a conference's themes and how many notes each one has.

A theme's count is the number of its notes that are *accepted* for it (a suggestion counts
only once the working group accepts it) and *visible* (a hidden note counts nowhere).
"""

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Q, QuerySet

from dialogues.models import Conference, Dialogue, NoteTheme, Theme

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class NoteCount(TypedDict):
    note_count: int


def _counted(*, dialogue: Dialogue | None = None) -> Q:
    condition = Q(note_links__status=NoteTheme.Status.ACCEPTED, note_links__note__hidden=False)
    if dialogue is not None:
        condition &= Q(note_links__note__dialogue=dialogue)
    return condition


def themes_with_counts(
    *, conference: Conference, dialogue: Dialogue | None = None
) -> "QuerySet[WithAnnotations[Theme, NoteCount]]":
    """The conference's themes, each annotated with `note_count`, most notes first, then by
    name. With `dialogue`, only that dialogue's notes are counted (every theme is still there)."""
    return (
        Theme.objects.filter(conference=conference)
        .annotate(note_count=Count("note_links", filter=_counted(dialogue=dialogue)))
        .order_by("-note_count", "name", "id")
    )


def theme_counts(*, conference: Conference, dialogue: Dialogue | None = None) -> list:
    """[(theme, count), …] for every theme of the conference, in one query: the number of
    accepted, visible notes of the theme (in `dialogue` only, if given), most first, then by
    name. Themes with no notes are included with 0; leave them out where they are noise."""
    return [
        (theme, theme.note_count)
        for theme in themes_with_counts(conference=conference, dialogue=dialogue)
    ]


def themes_of_conference(*, conference: Conference) -> QuerySet[Theme]:
    """The conference's themes by name (for checkboxes and filters)."""
    return Theme.objects.filter(conference=conference).order_by("name", "id")


def theme_of_conference(*, conference: Conference, pk: int) -> Theme | None:
    """One of the conference's themes (None for another conference's)."""
    return Theme.objects.filter(conference=conference, pk=pk).first()

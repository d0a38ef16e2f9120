"""Reads for the moderation page and the projector: a dialogue's notes with their themes."""

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncMinute
from django.utils import timezone

from dialogues.models import Dialogue, DialogueQuestion, Note, NoteTheme, Theme

# What the moderation page can show (the `visa` filter).
SHOW_ALL = "alla"
SHOW_VISIBLE = "synliga"
SHOW_HIDDEN = "dolda"
SHOW_UNTAGGED = "utan-tema"
SHOW_SUGGESTED = "forslag"
SHOW_CHOICES = (SHOW_ALL, SHOW_VISIBLE, SHOW_HIDDEN, SHOW_UNTAGGED, SHOW_SUGGESTED)
# The question filter's value for notes about the whole dialogue.
WHOLE_DIALOGUE = "hela"

PROJECTOR_NOTES = 9


def dialogue_for_moderation(*, pk: int) -> Dialogue | None:
    return Dialogue.objects.select_related("conference").filter(pk=pk).first()


def note_of_dialogue(*, dialogue: Dialogue, pk: int) -> Note | None:
    """One of the dialogue's notes, hidden or not (None for another dialogue's)."""
    return Note.objects.filter(dialogue=dialogue, pk=pk).first()


def theme_link_of_note(*, note: Note, pk: int) -> NoteTheme | None:
    """One of the note's theme links, with its theme."""
    return NoteTheme.objects.select_related("theme").filter(note=note, pk=pk).first()


def dialogue_questions(*, dialogue: Dialogue) -> list[DialogueQuestion]:
    return list(DialogueQuestion.objects.filter(dialogue=dialogue).order_by("position", "id"))


def _accepted() -> Exists:
    return Exists(NoteTheme.objects.filter(note=OuterRef("pk"), status=NoteTheme.Status.ACCEPTED))


def _suggested() -> Exists:
    return Exists(NoteTheme.objects.filter(note=OuterRef("pk"), status=NoteTheme.Status.SUGGESTED))


def moderation_figures(*, dialogue: Dialogue) -> dict[str, int]:
    """How many notes: in all, visible, hidden, visible without an accepted theme, and visible
    with suggestions to decide on. One query."""
    visible = Q(hidden=False)
    # The aggregates are named apart from the fields ("hidden") so the filters still see fields.
    counts = Note.objects.filter(dialogue=dialogue).aggregate(
        count_total=Count("pk"),
        count_visible=Count("pk", filter=visible),
        count_hidden=Count("pk", filter=Q(hidden=True)),
        count_untagged=Count("pk", filter=visible & ~Q(_accepted())),
        count_suggested=Count("pk", filter=visible & Q(_suggested())),
    )
    return {key.removeprefix("count_"): value for key, value in counts.items()}


RATE_MINUTES = 10


@dataclass(frozen=True)
class MinuteCount:
    start: datetime  # local time, on the minute
    count: int
    is_current: bool  # the minute still running


@dataclass(frozen=True)
class NoteRate:
    """The counts only; the figure's column heights are drawn by the page
    (dialogues.templatetags.dialogues_moderation)."""

    minutes: list[MinuteCount]  # oldest first
    total: int
    peak: int  # the busiest minute's count


def note_rate(*, dialogue: Dialogue, now: datetime | None = None) -> NoteRate:
    """Notes received per minute over the last RATE_MINUTES minutes (the running one last), so
    the working group sees a flood as it starts. One query; minutes without notes count 0."""
    current = timezone.localtime(now).replace(second=0, microsecond=0)
    first = current - timedelta(minutes=RATE_MINUTES - 1)
    rows = (
        Note.objects.filter(dialogue=dialogue, created_at__gte=first)
        .annotate(minute=TruncMinute("created_at"))
        .values("minute")
        .annotate(count=Count("pk"))
        .values_list("minute", "count")
    )
    by_minute = {minute: count for minute, count in rows}
    starts = [first + timedelta(minutes=n) for n in range(RATE_MINUTES)]
    counts = [by_minute.get(start, 0) for start in starts]
    minutes = [
        MinuteCount(start=start, count=count, is_current=start == current)
        for start, count in zip(starts, counts, strict=True)
    ]
    return NoteRate(minutes=minutes, total=sum(counts), peak=max(counts))


def moderation_notes(
    *,
    dialogue: Dialogue,
    show: str = SHOW_ALL,
    theme: Theme | None = None,
    question: str = "",
) -> QuerySet[Note]:
    """The dialogue's notes, filtered, unhandled first (visible and without an accepted theme:
    what the working group has still to look at), newest first within each; each with
    `theme_links` (and their theme) prefetched in name order, its question and who hid it."""
    notes = Note.objects.filter(dialogue=dialogue)
    match show:
        case "synliga":
            notes = notes.filter(hidden=False)
        case "dolda":
            notes = notes.filter(hidden=True)
        case "utan-tema":
            notes = notes.filter(~Q(_accepted()), hidden=False)
        case "forslag":
            notes = notes.filter(_suggested(), hidden=False)
    if theme is not None:
        notes = notes.filter(
            theme_links__theme=theme, theme_links__status=NoteTheme.Status.ACCEPTED
        )
    if question == WHOLE_DIALOGUE:
        notes = notes.filter(question__isnull=True)
    elif question:
        notes = notes.filter(question_id=int(question))
    return (
        notes.select_related("question", "hidden_by")
        .prefetch_related(
            Prefetch(
                "theme_links",
                queryset=NoteTheme.objects.select_related("theme").order_by("theme__name", "id"),
            )
        )
        .annotate(
            handled=ExpressionWrapper(Q(hidden=True) | Q(_accepted()), output_field=BooleanField())
        )
        .order_by("handled", "-created_at", "-id")
    )


@dataclass
class NoteRow:
    """A note on the moderation page, its themes sorted by status, and a key that changes
    whenever what its action forms show changes (see `actions_key`)."""

    note: Note
    accepted: list[NoteTheme] = field(default_factory=list)
    suggested: list[NoteTheme] = field(default_factory=list)
    rejected: list[NoteTheme] = field(default_factory=list)
    actions_key: str = ""
    # Set by a view after a refused action: the messages, and what the moderator had typed.
    errors: list[str] = field(default_factory=list)
    typed_reason: str = ""
    hide_open: bool = False
    themes_open: bool = False

    @property
    def accepted_ids(self) -> set[int]:
        return {link.theme_id for link in self.accepted}


def themes_signature(themes: Sequence[Theme]) -> str:
    """A short fingerprint of the conference's theme list (ids and names)."""
    text = "|".join(f"{theme.pk}:{theme.name}" for theme in themes)
    return f"{zlib.crc32(text.encode()):08x}"


def note_rows(notes: Iterable[Note], *, themes_key: str) -> list[NoteRow]:
    """NoteRows for notes whose `theme_links` are prefetched (no further queries).

    `actions_key` names the state the note's action forms show: hidden or not, the reason, the
    accepted themes and the theme list. The page keeps a moderator's half-filled form across
    the live refresh as long as the key is the same (htmx `hx-preserve` by element id), and
    replaces it when someone else changed the note.
    """
    rows = []
    for note in notes:
        row = NoteRow(note=note)
        for link in note.theme_links.all():
            match link.status:
                case NoteTheme.Status.ACCEPTED:
                    row.accepted.append(link)
                case NoteTheme.Status.SUGGESTED:
                    row.suggested.append(link)
                case _:
                    row.rejected.append(link)
        state = "|".join(
            [
                themes_key,
                "1" if note.hidden else "0",
                note.hidden_reason,
                ",".join(str(pk) for pk in sorted(row.accepted_ids)),
            ]
        )
        row.actions_key = f"{zlib.crc32(state.encode()):08x}"
        rows.append(row)
    return rows


def projector_notes(*, dialogue: Dialogue, limit: int = PROJECTOR_NOTES) -> list[Note]:
    """The newest visible notes of the dialogue, newest first, with their question."""
    return list(
        Note.objects.filter(dialogue=dialogue, hidden=False)
        .select_related("question")
        .order_by("-created_at", "-id")[:limit]
    )


def projector_note_count(*, dialogue: Dialogue) -> int:
    return Note.objects.filter(dialogue=dialogue, hidden=False).count()

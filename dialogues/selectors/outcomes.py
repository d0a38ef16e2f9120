"""Reads for what became of a conference: summaries, theme counts, feedback, the raw notes.

What the public sees (`drafts=False`) is decided by dialogues.rules (`dialogue_outcome_is_shown`,
`summary_is_shown`, `feedback_is_shown`):
- a dialogue's summary, its theme counts and its raw notes appear only once the working group
  has published its summary;
- a theme's feedback appears once it is published;
and here: hidden notes never appear, not even to the working group in the compiled document
(they are in the working group's CSV export, with the reason).
The working group (`drafts=True`) sees drafts too, marked as such by the templates.

The number of queries does not grow with the number of notes: 3 for the conference, its
dialogues and their questions, one count per dialogue shown, one for the conference's themes,
and one for all the notes when they are asked for.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.safestring import SafeString

from dialogues import rules
from dialogues.models import Conference, Dialogue, DialogueQuestion, Note, NoteTheme, Theme
from dialogues.selectors.themes import theme_counts

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

ThemeCount = tuple[Theme, int]


@dataclass
class NoteGroup:
    """The notes that answer one set question (`question` None: the whole dialogue)."""

    question: DialogueQuestion | None
    notes: list[Note]


@dataclass
class DialogueOutcome:
    dialogue: Dialogue
    number: int
    questions: list[DialogueQuestion]
    # Whether the summary, counts and notes are shown (always true for the working group).
    shown: bool
    # Whether the summary text is shown (shown, and the summary is not empty).
    summary_shown: bool
    # Themes with at least one counted note in this dialogue, most first.
    counts: list[ThemeCount] = field(default_factory=list)
    # Themes of this dialogue with feedback to show (published; drafts too with drafts=True).
    feedback: list[Theme] = field(default_factory=list)
    note_groups: list[NoteGroup] = field(default_factory=list)
    # The theme chart (SVG), added by the page that shows it (dialogues.document.add_charts).
    chart: SafeString | None = None

    @property
    def note_total(self) -> int:
        return sum(len(group.notes) for group in self.note_groups)

    @property
    def count_total(self) -> int:
        return sum(count for _theme, count in self.counts)


@dataclass
class ConferenceOutcome:
    conference: Conference
    dialogues: list[DialogueOutcome]
    # Theme counts over the dialogues shown, most first; themes with no notes left out.
    counts: list[ThemeCount]
    # Every theme with feedback to show, the most counted first.
    feedback: list[Theme]
    drafts: bool
    chart: SafeString | None = None

    @property
    def has_published(self) -> bool:
        """Whether anything of the outcome is public yet."""
        return any(outcome.shown for outcome in self.dialogues) or bool(self.feedback)

    @property
    def all_published(self) -> bool:
        return all(outcome.dialogue.summary_published for outcome in self.dialogues)


def conferences_public() -> QuerySet[Conference]:
    """Every conference, newest first, with how many of its dialogues have a published summary."""
    return Conference.objects.annotate(
        dialogue_count=Count("dialogues", distinct=True),
        published_count=Count(
            "dialogues", filter=Q(dialogues__summary_published=True), distinct=True
        ),
    ).order_by("-date", "name")


def _dialogues(conference: Conference) -> list[Dialogue]:
    return list(
        Dialogue.objects.filter(conference=conference)
        .prefetch_related(
            Prefetch("questions", queryset=DialogueQuestion.objects.order_by("position", "id"))
        )
        .order_by("position", "id")
    )


def _visible_notes(dialogues: list[Dialogue]) -> dict[int, list[Note]]:
    if not dialogues:
        return {}
    notes = (
        Note.objects.filter(dialogue__in=dialogues, hidden=False)
        .select_related("question")
        .order_by("dialogue_id", "created_at", "id")
    )
    by_dialogue: dict[int, list[Note]] = defaultdict(list)
    for note in notes:
        by_dialogue[note.dialogue_id].append(note)
    return by_dialogue


def _note_groups(questions: list[DialogueQuestion], notes: list[Note]) -> list[NoteGroup]:
    """Notes for the whole dialogue first, then per set question in the questions' order."""
    by_question: dict[int | None, list[Note]] = defaultdict(list)
    for note in notes:
        by_question[note.question_id].append(note)
    groups = []
    if by_question.get(None):
        groups.append(NoteGroup(None, by_question[None]))
    groups += [
        NoteGroup(question, by_question[question.pk])
        for question in questions
        if by_question.get(question.pk)
    ]
    return groups


def conference_outcome(
    *, conference: Conference, drafts: bool = False, with_notes: bool = False
) -> ConferenceOutcome:
    """Everything the conference page and the compiled document show, in reading order.

    `drafts=True` is for the working group only: unpublished summaries and feedback are
    included. `with_notes` adds the visible notes of the dialogues shown (the raw material).
    """
    dialogues = _dialogues(conference)
    outcomes = [
        DialogueOutcome(
            dialogue=dialogue,
            number=number,
            questions=list(dialogue.questions.all()),
            shown=rules.dialogue_outcome_is_shown(dialogue, drafts=drafts),
            summary_shown=rules.summary_is_shown(dialogue, drafts=drafts),
        )
        for number, dialogue in enumerate(dialogues, start=1)
    ]
    all_themes = theme_counts(conference=conference)
    totals: dict[int, int] = defaultdict(int)
    for outcome in outcomes:
        if not outcome.shown:
            continue
        outcome.counts = [
            (theme, count)
            for theme, count in theme_counts(conference=conference, dialogue=outcome.dialogue)
            if count
        ]
        outcome.feedback = [
            theme
            for theme, _count in outcome.counts
            if rules.feedback_is_shown(theme, drafts=drafts)
        ]
        for theme, count in outcome.counts:
            totals[theme.pk] += count
    if with_notes:
        notes = _visible_notes([outcome.dialogue for outcome in outcomes if outcome.shown])
        for outcome in outcomes:
            if outcome.shown:
                outcome.note_groups = _note_groups(
                    outcome.questions, notes.get(outcome.dialogue.pk, [])
                )
    # theme_counts orders by the conference-wide count; keep that order for the totals shown.
    counts = [(theme, totals[theme.pk]) for theme, _count in all_themes if totals[theme.pk]]
    counts.sort(key=lambda pair: -pair[1])
    feedback = [
        theme for theme, _count in all_themes if rules.feedback_is_shown(theme, drafts=drafts)
    ]
    return ConferenceOutcome(
        conference=conference,
        dialogues=outcomes,
        counts=counts,
        feedback=feedback,
        drafts=drafts,
    )


def dialogue_outcome(*, dialogue: Dialogue) -> DialogueOutcome | None:
    """What the public dialogue page shows after the conference: the published summary and the
    published feedback of the dialogue's themes; None while nothing of it is published.

    Two queries: the dialogue's theme counts (only when its summary is published, else none
    are shown) and nothing more, since the counted themes carry their feedback.
    """
    if not rules.dialogue_outcome_is_shown(dialogue, drafts=False):
        return None
    counts = [
        (theme, count)
        for theme, count in theme_counts(conference=dialogue.conference, dialogue=dialogue)
        if count
    ]
    return DialogueOutcome(
        dialogue=dialogue,
        number=dialogue.position,
        questions=[],
        shown=True,
        summary_shown=rules.summary_is_shown(dialogue, drafts=False),
        counts=counts,
        feedback=[
            theme for theme, _count in counts if rules.feedback_is_shown(theme, drafts=False)
        ],
    )


class AcceptedLinks(TypedDict):
    """What `notes_for_export` prefetches onto each note."""

    accepted_links: list[NoteTheme]


def notes_for_export(*, conference: Conference) -> "QuerySet[WithAnnotations[Note, AcceptedLinks]]":
    """Every note of the conference, hidden ones included, with its dialogue, question and the
    names of its accepted themes (prefetched as `accepted_links`), in dialogue order."""
    accepted = NoteTheme.objects.filter(status=NoteTheme.Status.ACCEPTED).select_related("theme")
    return (
        Note.objects.filter(dialogue__conference=conference)
        .select_related("dialogue", "question")
        .prefetch_related(Prefetch("theme_links", queryset=accepted, to_attr="accepted_links"))
        .order_by("dialogue__position", "dialogue_id", "created_at", "id")
    )

"""Who may do what with conferences, dialogues, notes and their outcomes (role × state), in one
place. Views ask here (through dialogues.access); the services check the same state rules
again and keep their own Swedish messages.

Everything behind the conference pages is for the working group and admins with two-factor
login ("the working group" below); attendees have no account and write notes from their phones.

| object: state                       | anyone (no account needed)  | the working group (2FA)      |
|-------------------------------------|-----------------------------|------------------------------|
| dialogue: not yet open (its times)  | its page, no note           | edit, open/close, questions, |
|                                     |                             | moderate, projector          |
| dialogue: open (by hand, or between | its page, submit notes      | as above; its summary cannot |
|   its opening and closing times)    |                             | be published                 |
| dialogue: closed (by hand, after    | its page, no note           | as above; publish its        |
|   its closing, no opening time)     |                             | summary                      |
| dialogue: without / with notes      | –                           | delete / only close it       |
| set question: without / with notes  | –                           | delete / only reword it      |
| note: visible / hidden              | visible ones, once their    | hide / show again, mark      |
|                                     | dialogue's summary is out   | themes                       |
| note: no proposal / proposal made   | –                           | make it a proposal / –       |
| summary, feedback: draft/published  | – / read                    | read, edit, publish,         |
|                                     |                             | unpublish                    |
| dialogue outcome (summary, counts,  | once the summary is         | always (the drafts marked)   |
|   notes): unpublished / published   | published                   |                              |
| conference: nothing / something     | its page; the public PDF    | the PDF with drafts always;  |
|   published                         | once something is published | the public one once          |
|                                     |                             | published                    |

Themes (create, rename, merge) and every export are the working group's in every state. Anyone
else is refused (403; anonymous visitors are sent to log in), except the attendee and public
pages above.

What an outcome shows is decided here too (`drafts=True`: the working group's view with the
drafts, `drafts=False`: the public's); an empty summary or feedback text is never shown.
dialogues.selectors.outcomes asks these predicates, so the rule about the public PDF takes the
conference's public outcome from its caller instead of computing it here (which would be a
circular import).
"""

from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from agreements.selectors.proposals import proposal_from_note
from dialogues.models import Conference, Dialogue, DialogueQuestion, Note, Theme
from hok.models import User
from hok.roles import uses_powers

if TYPE_CHECKING:
    from dialogues.selectors.outcomes import ConferenceOutcome

ManualState = Dialogue.ManualState

# A dialogue in these manual states follows its opening and closing times.
FOLLOWS_TIMES = frozenset({ManualState.AUTO})
# Opened or closed by hand, whatever the times say.
OPEN_BY_HAND = frozenset({ManualState.OPEN})
CLOSED_BY_HAND = frozenset({ManualState.CLOSED})


# The working group ---------------------------------------------------------------------------


def can_manage_conferences(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, run conferences, dialogues,
    moderation and themes."""
    return uses_powers(user)


# Dialogue states (no user: attendees have no account) ---------------------------------------


def dialogue_is_open(dialogue: Dialogue, now: datetime) -> bool:
    """Open by hand, or following its times and between opening and closing."""
    if dialogue.manual_state in OPEN_BY_HAND:
        return True
    if dialogue.manual_state in CLOSED_BY_HAND:
        return False
    if dialogue.opens_at is None or now < dialogue.opens_at:
        return False
    return dialogue.closes_at is None or now < dialogue.closes_at


def dialogue_not_yet_open(dialogue: Dialogue, now: datetime) -> bool:
    """Following its times, and its opening time is still to come (else it is open or closed)."""
    return (
        dialogue.manual_state in FOLLOWS_TIMES
        and dialogue.opens_at is not None
        and now < dialogue.opens_at
    )


def can_submit_note(dialogue: Dialogue, now: datetime) -> bool:
    """Anyone with the dialogue's short code writes notes while it is open (no user needed)."""
    return dialogue_is_open(dialogue, now)


def dialogue_is_deletable(dialogue: Dialogue) -> bool:
    """Only a dialogue nobody has written in: notes are the attendees' words."""
    return not dialogue.notes.exists()


def question_is_deletable(question: DialogueQuestion) -> bool:
    """A question with notes keeps them: it can only be reworded."""
    return not question.notes.exists()


def summary_is_publishable(dialogue: Dialogue, now: datetime) -> bool:
    """A summary is published once the dialogue has closed: while notes still come in, it
    would describe only part of them."""
    return not dialogue_is_open(dialogue, now)


def note_is_hidden(note: Note) -> bool:
    return note.hidden


def note_may_become_proposal(note: Note) -> bool:
    """A note becomes a revision proposal once (the agreements app holds the proposal)."""
    return proposal_from_note(note_id=note.pk) is None


# What an outcome shows (no user: `drafts` says whose view it is) ------------------------------


def dialogue_outcome_is_shown(dialogue: Dialogue, *, drafts: bool) -> bool:
    """A dialogue's summary, theme counts and raw notes reach the public once its summary is
    published (until then notes are still moderated and tagged, and counts would change under
    the reader's eyes); the working group sees them always."""
    return drafts or dialogue.summary_published


def summary_is_shown(dialogue: Dialogue, *, drafts: bool) -> bool:
    """The summary text itself: where the dialogue's outcome is shown, and not empty."""
    return dialogue_outcome_is_shown(dialogue, drafts=drafts) and bool(dialogue.summary.strip())


def feedback_is_shown(theme: Theme, *, drafts: bool) -> bool:
    """A theme's feedback: once published (drafts too for the working group), and not empty."""
    return (drafts or theme.feedback_published) and bool(theme.feedback.strip())


def public_document_available(public_outcome: "ConferenceOutcome") -> bool:
    """The public PDF of the compiled document exists once something of it is published.

    `public_outcome` is the conference's outcome as the public sees it
    (`conference_outcome(conference=…)`, drafts=False), computed by the caller.
    """
    if public_outcome.drafts:
        raise ValueError("public_document_available needs the public outcome (drafts=False).")
    return public_outcome.has_published


# The working group, by object and state ------------------------------------------------------


def can_edit_dialogue(user: User | AnonymousUser, dialogue: Dialogue) -> bool:
    """Edit, open or close, set questions: in every state."""
    return can_manage_conferences(user)


def can_delete_dialogue(user: User | AnonymousUser, dialogue: Dialogue) -> bool:
    return can_manage_conferences(user) and dialogue_is_deletable(dialogue)


def can_delete_question(user: User | AnonymousUser, question: DialogueQuestion) -> bool:
    return can_manage_conferences(user) and question_is_deletable(question)


def can_moderate_dialogue(user: User | AnonymousUser, dialogue: Dialogue) -> bool:
    """The moderation page, the projector and theme suggestions: in every state."""
    return can_manage_conferences(user)


def can_moderate_note(user: User | AnonymousUser, note: Note) -> bool:
    """Hide, show again and mark themes: visible and hidden notes alike."""
    return can_manage_conferences(user)


def can_unhide_note(user: User | AnonymousUser, note: Note) -> bool:
    return can_moderate_note(user, note) and note_is_hidden(note)


def can_propose_from_note(user: User | AnonymousUser, note: Note) -> bool:
    return can_manage_conferences(user) and note_may_become_proposal(note)


def can_publish_summary(user: User | AnonymousUser, dialogue: Dialogue, now: datetime) -> bool:
    return can_manage_conferences(user) and summary_is_publishable(dialogue, now)


def can_view_outcome_drafts(user: User | AnonymousUser, conference: Conference) -> bool:
    """Unpublished summaries and feedback, the notes export and the PDF with the drafts."""
    return can_manage_conferences(user)


def can_request_document(
    user: User | AnonymousUser, public_outcome: "ConferenceOutcome", *, drafts: bool
) -> bool:
    """The PDF with the drafts always; the public one once something is published
    (`public_outcome` as for `public_document_available`)."""
    if not can_manage_conferences(user):
        return False
    return drafts or public_document_available(public_outcome)

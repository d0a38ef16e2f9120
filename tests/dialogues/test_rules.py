"""dialogues.rules as a role × state matrix, and dialogues.access's loaders.

Every table below is written out by hand: what each rule allows in each state, for each of the
six roles (tests/dialogues/roles.py). Attendees have no account: the note rules take no user.
"""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dialogues import access, rules
from dialogues.models import Conference, Dialogue, Note, Theme
from dialogues.selectors.outcomes import conference_outcome
from hok.models import User
from tests.dialogues.factories import (
    ConferenceFactory,
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)
from tests.dialogues.roles import ROLES
from tests.factories import RevisionProposalFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 11, 18, 10, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)
MANAGERS = {"working_group_mfa", "admin_mfa"}
NOBODY: set[str] = set()

Person = Callable[[str], User | None]


def _user(person: User | None) -> User | AnonymousUser:
    return person if person is not None else AnonymousUser()


def _allowed(person_for: Person, rule: Callable[[User | AnonymousUser], bool]) -> set[str]:
    return {role for role in ROLES if rule(_user(person_for(role)))}


# Dialogue states --------------------------------------------------------------------------------

M = Dialogue.ManualState
# state -> (manual state, opens_at, closes_at), relative to NOW
DIALOGUE_STATES: dict[str, tuple[str, datetime.datetime | None, datetime.datetime | None]] = {
    "not_yet_open": (M.AUTO, NOW + HOUR, NOW + 2 * HOUR),
    "open_by_its_times": (M.AUTO, NOW - HOUR, NOW + HOUR),
    "open_without_closing": (M.AUTO, NOW - HOUR, None),
    "past_its_closing": (M.AUTO, NOW - 2 * HOUR, NOW - HOUR),
    "no_opening_time": (M.AUTO, None, None),
    "opened_by_hand_early": (M.OPEN, NOW + HOUR, NOW + 2 * HOUR),
    "opened_by_hand_late": (M.OPEN, NOW - 2 * HOUR, NOW - HOUR),
    "closed_by_hand_in_its_times": (M.CLOSED, NOW - HOUR, NOW + HOUR),
    "closed_by_hand_before": (M.CLOSED, NOW + HOUR, NOW + 2 * HOUR),
}

# state-only rule -> state -> its answer
DIALOGUE_STATE_TABLE: dict[str, dict[str, bool]] = {
    "dialogue_is_open": {
        "not_yet_open": False,
        "open_by_its_times": True,
        "open_without_closing": True,
        "past_its_closing": False,
        "no_opening_time": False,
        "opened_by_hand_early": True,
        "opened_by_hand_late": True,
        "closed_by_hand_in_its_times": False,
        "closed_by_hand_before": False,
    },
    "dialogue_not_yet_open": {
        "not_yet_open": True,
        "open_by_its_times": False,
        "open_without_closing": False,
        "past_its_closing": False,
        "no_opening_time": False,
        "opened_by_hand_early": False,
        "opened_by_hand_late": False,
        "closed_by_hand_in_its_times": False,
        "closed_by_hand_before": False,
    },
    "can_submit_note": {
        "not_yet_open": False,
        "open_by_its_times": True,
        "open_without_closing": True,
        "past_its_closing": False,
        "no_opening_time": False,
        "opened_by_hand_early": True,
        "opened_by_hand_late": True,
        "closed_by_hand_in_its_times": False,
        "closed_by_hand_before": False,
    },
    "summary_is_publishable": {
        "not_yet_open": True,
        "open_by_its_times": False,
        "open_without_closing": False,
        "past_its_closing": True,
        "no_opening_time": True,
        "opened_by_hand_early": False,
        "opened_by_hand_late": False,
        "closed_by_hand_in_its_times": True,
        "closed_by_hand_before": True,
    },
}

# user rule on a dialogue (with `now`) -> state -> the roles it allows
DIALOGUE_MATRIX: dict[str, dict[str, set[str]]] = {
    "can_publish_summary": {
        "not_yet_open": MANAGERS,
        "open_by_its_times": NOBODY,
        "open_without_closing": NOBODY,
        "past_its_closing": MANAGERS,
        "no_opening_time": MANAGERS,
        "opened_by_hand_early": NOBODY,
        "opened_by_hand_late": NOBODY,
        "closed_by_hand_in_its_times": MANAGERS,
        "closed_by_hand_before": MANAGERS,
    },
    "can_edit_dialogue": {
        "not_yet_open": MANAGERS,
        "open_by_its_times": MANAGERS,
        "open_without_closing": MANAGERS,
        "past_its_closing": MANAGERS,
        "no_opening_time": MANAGERS,
        "opened_by_hand_early": MANAGERS,
        "opened_by_hand_late": MANAGERS,
        "closed_by_hand_in_its_times": MANAGERS,
        "closed_by_hand_before": MANAGERS,
    },
    "can_moderate_dialogue": {
        "not_yet_open": MANAGERS,
        "open_by_its_times": MANAGERS,
        "open_without_closing": MANAGERS,
        "past_its_closing": MANAGERS,
        "no_opening_time": MANAGERS,
        "opened_by_hand_early": MANAGERS,
        "opened_by_hand_late": MANAGERS,
        "closed_by_hand_in_its_times": MANAGERS,
        "closed_by_hand_before": MANAGERS,
    },
}


def _dialogue_in(state: str) -> Dialogue:
    manual_state, opens_at, closes_at = DIALOGUE_STATES[state]
    return DialogueFactory(manual_state=manual_state, opens_at=opens_at, closes_at=closes_at)


@pytest.mark.parametrize("rule_name", sorted(DIALOGUE_STATE_TABLE))
@pytest.mark.parametrize("state", list(DIALOGUE_STATES))
def test_dialogue_states(rule_name: str, state: str) -> None:
    dialogue = _dialogue_in(state)
    assert getattr(rules, rule_name)(dialogue, NOW) is DIALOGUE_STATE_TABLE[rule_name][state]


def test_the_model_asks_the_same_rule() -> None:
    for state in DIALOGUE_STATES:
        dialogue = _dialogue_in(state)
        assert dialogue.is_open(NOW) is DIALOGUE_STATE_TABLE["dialogue_is_open"][state]


@pytest.mark.parametrize("rule_name", sorted(DIALOGUE_MATRIX))
@pytest.mark.parametrize("state", list(DIALOGUE_STATES))
def test_dialogue_matrix(rule_name: str, state: str, person_for: Person) -> None:
    dialogue = _dialogue_in(state)
    rule = getattr(rules, rule_name)
    if rule_name == "can_publish_summary":
        allowed = _allowed(person_for, lambda user: rule(user, dialogue, NOW))
    else:
        allowed = _allowed(person_for, lambda user: rule(user, dialogue))
    assert allowed == DIALOGUE_MATRIX[rule_name][state]


# Objects with or without notes, notes, proposals ------------------------------------------------


def _dialogue_with(notes: bool) -> Dialogue:
    dialogue = DialogueFactory()
    if notes:
        NoteFactory(dialogue=dialogue)
    return dialogue


def _question_with(notes: bool) -> Any:
    question = DialogueQuestionFactory()
    if notes:
        NoteFactory(dialogue=question.dialogue, question=question)
    return question


def _note(state: str) -> Note:
    hidden = state == "hidden"
    note = NoteFactory(hidden=hidden, hidden_reason="innehåller ett namn" if hidden else "")
    if state == "proposal_made":
        RevisionProposalFactory(source_note_id=note.pk)
    return note


# rule -> (how the object is made in each state) and state -> the roles it allows
OBJECT_MATRIX: dict[str, tuple[Callable[[str], Any], dict[str, set[str]]]] = {
    "can_delete_dialogue": (
        lambda state: _dialogue_with(notes=state == "with_notes"),
        {"without_notes": MANAGERS, "with_notes": NOBODY},
    ),
    "can_delete_question": (
        lambda state: _question_with(notes=state == "with_notes"),
        {"without_notes": MANAGERS, "with_notes": NOBODY},
    ),
    "can_moderate_note": (_note, {"visible": MANAGERS, "hidden": MANAGERS}),
    "can_unhide_note": (_note, {"visible": NOBODY, "hidden": MANAGERS}),
    "can_propose_from_note": (_note, {"visible": MANAGERS, "proposal_made": NOBODY}),
}

# state-only rule -> state -> its answer
OBJECT_STATE_TABLE: dict[str, tuple[Callable[[str], Any], dict[str, bool]]] = {
    "dialogue_is_deletable": (
        lambda state: _dialogue_with(notes=state == "with_notes"),
        {"without_notes": True, "with_notes": False},
    ),
    "question_is_deletable": (
        lambda state: _question_with(notes=state == "with_notes"),
        {"without_notes": True, "with_notes": False},
    ),
    "note_is_hidden": (_note, {"visible": False, "hidden": True}),
    "note_may_become_proposal": (_note, {"visible": True, "proposal_made": False}),
}


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(
    ("rule_name", "state"),
    [(name, state) for name, (_make, table) in OBJECT_MATRIX.items() for state in table],
)
def test_object_matrix(rule_name: str, state: str, person_for: Person) -> None:
    make, table = OBJECT_MATRIX[rule_name]
    obj = make(state)
    rule = getattr(rules, rule_name)
    assert _allowed(person_for, lambda user: rule(user, obj)) == table[state]


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(
    ("rule_name", "state"),
    [(name, state) for name, (_make, table) in OBJECT_STATE_TABLE.items() for state in table],
)
def test_object_states(rule_name: str, state: str) -> None:
    make, table = OBJECT_STATE_TABLE[rule_name]
    assert getattr(rules, rule_name)(make(state)) is table[state]


# Conferences: nothing or something published ----------------------------------------------------


def _conference(state: str) -> Conference:
    conference = ConferenceFactory()
    dialogue = DialogueFactory(
        conference=conference,
        manual_state=M.CLOSED,
        summary="Vi vill ses oftare." if state != "nothing_written" else "",
        summary_published=state == "summary_published",
    )
    theme = ThemeFactory(
        conference=conference,
        feedback="Vi bjuder in till träffar." if state.startswith("feedback") else "",
        feedback_published=state == "feedback_published",
    )
    NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=theme)
    return conference


CONFERENCE_STATES = [
    "nothing_written",
    "summary_draft",
    "feedback_draft",
    "summary_published",
    "feedback_published",
]

PUBLIC_DOCUMENT_AVAILABLE = {
    "nothing_written": False,
    "summary_draft": False,
    "feedback_draft": False,
    "summary_published": True,
    "feedback_published": True,
}

# rule -> state -> the roles it allows
CONFERENCE_MATRIX: dict[str, dict[str, set[str]]] = {
    "can_view_outcome_drafts": {
        "nothing_written": MANAGERS,
        "summary_draft": MANAGERS,
        "feedback_draft": MANAGERS,
        "summary_published": MANAGERS,
        "feedback_published": MANAGERS,
    },
    "can_request_document(drafts=True)": {
        "nothing_written": MANAGERS,
        "summary_draft": MANAGERS,
        "feedback_draft": MANAGERS,
        "summary_published": MANAGERS,
        "feedback_published": MANAGERS,
    },
    "can_request_document(drafts=False)": {
        "nothing_written": NOBODY,
        "summary_draft": NOBODY,
        "feedback_draft": NOBODY,
        "summary_published": MANAGERS,
        "feedback_published": MANAGERS,
    },
}

CONFERENCE_RULES: dict[str, Callable[[User | AnonymousUser, Conference], bool]] = {
    "can_view_outcome_drafts": rules.can_view_outcome_drafts,
    "can_request_document(drafts=True)": lambda user, conference: rules.can_request_document(
        user, conference_outcome(conference=conference), drafts=True
    ),
    "can_request_document(drafts=False)": lambda user, conference: rules.can_request_document(
        user, conference_outcome(conference=conference), drafts=False
    ),
}


@pytest.mark.parametrize("state", CONFERENCE_STATES)
def test_public_document_available(state: str) -> None:
    public_outcome = conference_outcome(conference=_conference(state))
    assert rules.public_document_available(public_outcome) is PUBLIC_DOCUMENT_AVAILABLE[state]


def test_public_document_available_wants_the_public_outcome() -> None:
    drafts_outcome = conference_outcome(conference=_conference("summary_published"), drafts=True)
    with pytest.raises(ValueError, match="drafts=False"):
        rules.public_document_available(drafts_outcome)


# What an outcome shows: published or not × drafts or not × empty text or not --------------------

# (published, drafts, text) -> (dialogue_outcome_is_shown, summary_is_shown, feedback_is_shown)
SHOWN_TABLE: dict[tuple[bool, bool, str], tuple[bool, bool, bool]] = {
    (True, True, "Vi vill ses oftare."): (True, True, True),
    (True, True, ""): (True, False, False),
    (True, True, "  \n "): (True, False, False),
    (True, False, "Vi vill ses oftare."): (True, True, True),
    (True, False, ""): (True, False, False),
    (True, False, "  \n "): (True, False, False),
    (False, True, "Vi vill ses oftare."): (True, True, True),
    (False, True, ""): (True, False, False),
    (False, True, "  \n "): (True, False, False),
    (False, False, "Vi vill ses oftare."): (False, False, False),
    (False, False, ""): (False, False, False),
    (False, False, "  \n "): (False, False, False),
}


@pytest.mark.parametrize(("published", "drafts", "text"), sorted(SHOWN_TABLE))
def test_what_an_outcome_shows(
    published: bool, drafts: bool, text: str, django_assert_num_queries: Any
) -> None:
    """Plain objects, not saved: the predicates read fields only (no queries)."""
    dialogue = Dialogue(summary=text, summary_published=published)
    theme = Theme(feedback=text, feedback_published=published)
    with django_assert_num_queries(0):
        answers = (
            rules.dialogue_outcome_is_shown(dialogue, drafts=drafts),
            rules.summary_is_shown(dialogue, drafts=drafts),
            rules.feedback_is_shown(theme, drafts=drafts),
        )
    assert answers == SHOWN_TABLE[(published, drafts, text)]


@pytest.mark.parametrize("rule_name", sorted(CONFERENCE_MATRIX))
@pytest.mark.parametrize("state", CONFERENCE_STATES)
def test_conference_matrix(rule_name: str, state: str, person_for: Person) -> None:
    conference = _conference(state)
    rule = CONFERENCE_RULES[rule_name]
    assert (
        _allowed(person_for, lambda user: rule(user, conference))
        == (CONFERENCE_MATRIX[rule_name][state])
    )


def test_only_the_working_group_with_two_factor_manages_conferences(person_for: Person) -> None:
    assert _allowed(person_for, rules.can_manage_conferences) == {"working_group_mfa", "admin_mfa"}


# Loaders ----------------------------------------------------------------------------------------

MISSING = 987_654


def _make_conference() -> tuple[tuple[Any, ...], Any]:
    conference = ConferenceFactory()
    return (conference.pk,), conference


def _make_dialogue() -> tuple[tuple[Any, ...], Any]:
    dialogue = DialogueFactory()
    return (dialogue.pk,), dialogue


def _make_question() -> tuple[tuple[Any, ...], Any]:
    question = DialogueQuestionFactory()
    return (question.pk,), question


def _make_note() -> tuple[tuple[Any, ...], Any]:
    note = NoteFactory()
    return (note.dialogue, note.pk), note


# loader name -> what makes its object: (the loader's arguments after the user, the object)
USER_LOADERS: dict[str, Callable[[], tuple[tuple[Any, ...], Any]]] = {
    "conference_for_manager": _make_conference,
    "conference_detail_for_manager": _make_conference,
    "dialogue_for_manager": _make_dialogue,
    "dialogue_for_moderator": _make_dialogue,
    "question_for_manager": _make_question,
    "note_for_moderator": _make_note,
}


@pytest.mark.parametrize("name", sorted(USER_LOADERS))
def test_user_loader_allows_the_working_group(name: str, person_for: Person) -> None:
    arguments, expected = USER_LOADERS[name]()
    assert getattr(access, name)(person_for("working_group_mfa"), *arguments) == expected


@pytest.mark.parametrize("name", sorted(USER_LOADERS))
@pytest.mark.parametrize("role", ["anonymous", "user", "working_group", "admin"])
def test_user_loader_refuses_everyone_else(name: str, role: str, person_for: Person) -> None:
    arguments, _expected = USER_LOADERS[name]()
    with pytest.raises(PermissionDenied):
        getattr(access, name)(_user(person_for(role)), *arguments)


@pytest.mark.parametrize("name", sorted(USER_LOADERS))
def test_user_loader_missing(name: str, person_for: Person) -> None:
    arguments, _expected = USER_LOADERS[name]()
    missing = (*arguments[:-1], MISSING)
    with pytest.raises(Http404):
        getattr(access, name)(person_for("working_group_mfa"), *missing)


def test_children_are_found_through_their_parent_only() -> None:
    note = NoteFactory()
    dialogue, conference = note.dialogue, note.dialogue.conference
    theme = ThemeFactory(conference=conference)
    link = NoteThemeFactory(note=note, theme=theme)
    assert access.dialogue_of(conference, dialogue.pk) == dialogue
    assert access.theme_of(conference, theme.pk) == theme
    assert access.note_of(dialogue, note.pk) == note
    assert access.theme_link_of(note, link.pk) == link

    other_dialogue = DialogueFactory()
    other_note = NoteFactory(dialogue=dialogue)
    for load, parent, pk in [
        (access.dialogue_of, other_dialogue.conference, dialogue.pk),
        (access.dialogue_of, conference, MISSING),
        (access.theme_of, other_dialogue.conference, theme.pk),
        (access.theme_of, conference, MISSING),
        (access.note_of, other_dialogue, note.pk),
        (access.note_of, dialogue, MISSING),
        (access.theme_link_of, other_note, link.pk),
        (access.theme_link_of, note, MISSING),
    ]:
        with pytest.raises(Http404):
            load(parent, pk)


def test_conference_public() -> None:
    conference = ConferenceFactory()
    assert access.conference_public(conference.slug) == conference
    with pytest.raises(Http404):
        access.conference_public("finns-inte")


@pytest.mark.parametrize("state", CONFERENCE_STATES)
def test_conference_with_public_document(state: str) -> None:
    conference = _conference(state)
    if PUBLIC_DOCUMENT_AVAILABLE[state]:
        assert access.conference_with_public_document(conference.slug) == conference
    else:
        with pytest.raises(Http404):
            access.conference_with_public_document(conference.slug)
    with pytest.raises(Http404):
        access.conference_with_public_document("finns-inte")


def test_no_view_fetches_an_object_itself() -> None:
    """Every object a view's address names comes from dialogues.access."""
    views = Path(access.__file__).parent / "views"
    offenders = [
        str(path.relative_to(views))
        for path in views.rglob("*.py")
        if "get_object_or_404" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []

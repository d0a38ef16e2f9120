"""Who reaches the dialogues app's objects: the permission-checked loaders, and the view
decorators built from them. Every object a view's address names is loaded here.

A loader fetches (Http404 when missing: hok.access.found) and asks dialogues.rules
(PermissionDenied when refused: hok.access.granted). The working group's pages are all behind
`managers_only` (anonymous: to the login; the working group without two-factor login: to turn
it on; anyone else: 403); under it the `loads_*` decorators (hok.access.loads) fetch the object
named by `pk` without asking the rule again (it has just been asked, and asking costs a query).
Put a `loads_*` decorator innermost, right above the view, so that the method check and the
submission key come before the 404, as they always did.
A child object is fetched through its loaded parent (`dialogue_of`, `theme_of`, `note_of`,
`theme_link_of`): one of another conference or dialogue is missing (404).
"""

from django.contrib.auth.models import AnonymousUser

from dialogues import rules
from dialogues.models import Conference, Dialogue, DialogueQuestion, Note, NoteTheme, Theme
from dialogues.selectors import conferences as conference_selectors
from dialogues.selectors import moderation as moderation_selectors
from dialogues.selectors.outcomes import conference_outcome
from dialogues.selectors.themes import theme_of_conference
from hok.access import View, found, granted, loads, permitted_by
from hok.models import User

# Only the working group and admins (two-factor login is enforced by the path).
managers_only = permitted_by(rules.can_manage_conferences)


# Fetches (404 only): the loaders' first half, and what the decorators under managers_only use.


def _conference(pk: int) -> Conference:
    return found(conference_selectors.conference_by_pk(pk=pk))


def _conference_detail(pk: int) -> Conference:
    return found(conference_selectors.conference_for_management(pk=pk))


def _dialogue_for_management(pk: int) -> Dialogue:
    return found(conference_selectors.dialogue_for_management(pk=pk))


def _dialogue_for_moderation(pk: int) -> Dialogue:
    return found(moderation_selectors.dialogue_for_moderation(pk=pk))


def _question(pk: int) -> DialogueQuestion:
    return found(conference_selectors.question_for_management(pk=pk))


# Loaders for the working group -----------------------------------------------------------------


def conference_for_manager(user: User | AnonymousUser, pk: int) -> Conference:
    conference = _conference(pk)
    granted(rules.can_manage_conferences(user))
    return conference


def conference_detail_for_manager(user: User | AnonymousUser, pk: int) -> Conference:
    """The conference with its dialogues (note counts annotated) and their questions."""
    conference = _conference_detail(pk)
    granted(rules.can_manage_conferences(user))
    return conference


def dialogue_for_manager(user: User | AnonymousUser, pk: int) -> Dialogue:
    dialogue = _dialogue_for_management(pk)
    granted(rules.can_edit_dialogue(user, dialogue))
    return dialogue


def dialogue_for_moderator(user: User | AnonymousUser, pk: int) -> Dialogue:
    dialogue = _dialogue_for_moderation(pk)
    granted(rules.can_moderate_dialogue(user, dialogue))
    return dialogue


def question_for_manager(user: User | AnonymousUser, pk: int) -> DialogueQuestion:
    question = _question(pk)
    granted(rules.can_edit_dialogue(user, question.dialogue))
    return question


def note_for_moderator(user: User | AnonymousUser, dialogue: Dialogue, pk: int) -> Note:
    note = note_of(dialogue, pk)
    granted(rules.can_moderate_note(user, note))
    return note


# Children of a loaded parent -------------------------------------------------------------------


def dialogue_of(conference: Conference, pk: int) -> Dialogue:
    return found(conference_selectors.dialogue_of_conference(conference=conference, pk=pk))


def theme_of(conference: Conference, pk: int) -> Theme:
    return found(theme_of_conference(conference=conference, pk=pk))


def note_of(dialogue: Dialogue, pk: int) -> Note:
    return found(moderation_selectors.note_of_dialogue(dialogue=dialogue, pk=pk))


def theme_link_of(note: Note, pk: int) -> NoteTheme:
    return found(moderation_selectors.theme_link_of_note(note=note, pk=pk))


# Public objects --------------------------------------------------------------------------------


def conference_public(slug: str) -> Conference:
    """Every conference has its public page (what is published of it)."""
    return found(conference_selectors.conference_by_slug(slug=slug))


def conference_with_public_document(slug: str) -> Conference:
    """A conference whose public PDF may exist: missing until something of it is published."""
    conference = conference_public(slug)
    public_outcome = conference_outcome(conference=conference)
    granted(rules.public_document_available(public_outcome), as_missing=True)
    return conference


# View decorators -------------------------------------------------------------------------------


loads_conference = loads(_conference)
loads_conference_detail = loads(_conference_detail)
loads_dialogue_for_management = loads(_dialogue_for_management)
loads_dialogue_for_moderation = loads(_dialogue_for_moderation)
loads_question = loads(_question)


def conference_managers_only(view: View) -> View:
    """As `managers_only`, and the conference named by `pk` is loaded for the view."""
    return managers_only(loads_conference(view))

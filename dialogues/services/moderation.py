"""The working group's moderation: hiding notes, marking themes, suggestions and themes.

Every function is one use case in one transaction, takes keyword arguments and the acting user,
and raises a Swedish ValidationError (with a code the views map to a field) on bad input.
Whoever may call them is decided in dialogues/rules.py; these functions check the data only.
"""

import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from dialogues import rules, suggestions
from dialogues.generations import CONFERENCES
from dialogues.models import Conference, Dialogue, Note, NoteTheme, Theme
from hok.generations import bump
from hok.models import User
from hok.text import one_line_reason

logger = logging.getLogger(__name__)

HIDDEN_REASON_MAX_LENGTH = Note._meta.get_field("hidden_reason").max_length or 300
THEME_NAME_MAX_LENGTH = Theme._meta.get_field("name").max_length or 100


# Notes: hide and unhide ---------------------------------------------------------------------


@transaction.atomic
def note_hide(*, note: Note, by: User, reason: str) -> Note:
    """Hide a note from the public pages, the projector and every count; the reason is kept."""
    bump(CONFERENCES)
    reason = one_line_reason(
        reason,
        maximum=HIDDEN_REASON_MAX_LENGTH,
        empty=_("Skriv varför anteckningen döljs, till exempel ”innehåller ett namn”."),
        code="reason",
    )
    note = Note.objects.select_for_update().get(pk=note.pk)
    note.hidden = True
    note.hidden_reason = reason
    note.hidden_by = by
    note.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    logger.info("note %s hidden by user %s", note.pk, by.pk)
    return note


@transaction.atomic
def note_unhide(*, note: Note, by: User) -> Note:
    """Show a hidden note again."""
    bump(CONFERENCES)
    note = Note.objects.select_for_update().get(pk=note.pk)
    if not rules.note_is_hidden(note):
        return note
    note.hidden = False
    note.hidden_reason = ""
    note.hidden_by = None
    note.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    logger.info("note %s shown again by user %s", note.pk, by.pk)
    return note


# Themes of one note ---------------------------------------------------------------------------


def _themes_of(*, conference_id: int, theme_ids: Iterable[int]) -> list[Theme]:
    wanted = set(theme_ids)
    themes = list(Theme.objects.filter(conference_id=conference_id, pk__in=wanted))
    if len(themes) != len(wanted):
        raise ValidationError(
            _("Ett av temana finns inte i den här konferensen. Ladda om sidan och försök igen."),
            code="themes",
        )
    return themes


@transaction.atomic
def note_theme_set(*, note: Note, theme_ids: Iterable[int], by: User) -> Note:
    """Mark the note with exactly these themes (all accepted).

    A theme that was accepted and is no longer chosen becomes rejected, so suggestions do not
    bring it back; a suggestion that is not chosen stays a suggestion to decide on.
    """
    bump(CONFERENCES)
    note = Note.objects.select_related("dialogue").select_for_update(of=("self",)).get(pk=note.pk)
    chosen = {
        theme.pk
        for theme in _themes_of(conference_id=note.dialogue.conference_id, theme_ids=theme_ids)
    }
    links = {link.theme_id: link for link in NoteTheme.objects.filter(note=note)}
    to_accept = [
        link.pk
        for theme_id, link in links.items()
        if theme_id in chosen and link.status != NoteTheme.Status.ACCEPTED
    ]
    to_reject = [
        link.pk
        for theme_id, link in links.items()
        if theme_id not in chosen and link.status == NoteTheme.Status.ACCEPTED
    ]
    if to_accept:
        NoteTheme.objects.filter(pk__in=to_accept).update(status=NoteTheme.Status.ACCEPTED)
    if to_reject:
        NoteTheme.objects.filter(pk__in=to_reject).update(status=NoteTheme.Status.REJECTED)
    NoteTheme.objects.bulk_create(
        [
            NoteTheme(note=note, theme_id=theme_id, status=NoteTheme.Status.ACCEPTED)
            for theme_id in chosen - links.keys()
        ],
        ignore_conflicts=True,
    )
    logger.info("themes of note %s set to %s by user %s", note.pk, sorted(chosen), by.pk)
    return note


def _decide(*, link: NoteTheme, status: str, by: User) -> NoteTheme:
    link = NoteTheme.objects.select_for_update().get(pk=link.pk)
    if link.status != status:
        link.status = status
        link.save(update_fields=["status"])
    logger.info("theme link %s %s by user %s", link.pk, status, by.pk)
    return link


@transaction.atomic
def note_theme_accept(*, link: NoteTheme, by: User) -> NoteTheme:
    """Accept a suggested theme for a note: from now on the note counts for the theme."""
    bump(CONFERENCES)
    return _decide(link=link, status=NoteTheme.Status.ACCEPTED, by=by)


@transaction.atomic
def note_theme_reject(*, link: NoteTheme, by: User) -> NoteTheme:
    """Reject a suggested theme for a note: it is never suggested for that note again."""
    bump(CONFERENCES)
    return _decide(link=link, status=NoteTheme.Status.REJECTED, by=by)


# Suggestions ----------------------------------------------------------------------------------


@transaction.atomic
def themes_suggest(*, dialogue: Dialogue, by: User) -> int:
    """Suggest themes for the dialogue's visible notes from each theme's keywords.

    Only a (note, theme) pair with no link at all gets a suggestion: an accepted theme stays
    accepted and a rejected one is never suggested again. Returns how many were added.
    """
    bump(CONFERENCES)
    matchers = suggestions.matchers_for(
        Theme.objects.filter(conference_id=dialogue.conference_id)
        .order_by("name", "id")
        .values_list("pk", "name", "keywords")
    )
    if not matchers:
        return 0
    existing = set(
        NoteTheme.objects.filter(note__dialogue=dialogue).values_list("note_id", "theme_id")
    )
    new_links = []
    for note_id, text in Note.objects.filter(dialogue=dialogue, hidden=False).values_list(
        "pk", "text"
    ):
        for found in suggestions.suggest(text, matchers):
            if (note_id, found.key) not in existing:
                new_links.append(
                    NoteTheme(
                        note_id=note_id, theme_id=found.key, status=NoteTheme.Status.SUGGESTED
                    )
                )
    # ignore_conflicts: a moderator who marked the same note a moment ago wins.
    NoteTheme.objects.bulk_create(new_links, ignore_conflicts=True, batch_size=500)
    logger.info(
        "%d theme suggestions for dialogue %s by user %s", len(new_links), dialogue.pk, by.pk
    )
    return len(new_links)


# Themes of a conference -----------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Skriv temats namn."), code="name")
    if len(name) > THEME_NAME_MAX_LENGTH:
        raise ValidationError(
            _("Namnet får vara högst %(max)d tecken.") % {"max": THEME_NAME_MAX_LENGTH},
            code="name",
        )
    return name


def _clean_keywords(keywords: str) -> str:
    messages = {
        "too_many": _("Skriv högst %(max)d nyckelord.") % {"max": suggestions.KEYWORDS_MAX_COUNT},
        "too_long": _("Ett nyckelord får vara högst %(max)d tecken.")
        % {"max": suggestions.KEYWORD_MAX_LENGTH},
        "no_word": _("Varje rad måste innehålla minst ett ord."),
        "short_prefix": _(
            "Ett ord som slutar med * måste ha minst %(min)d bokstäver före stjärnan."
        )
        % {"min": suggestions.PREFIX_MIN_LENGTH},
    }
    problems = suggestions.keywords_problems(keywords)
    if problems:
        raise ValidationError(
            [ValidationError(messages[problem], code="keywords") for problem in problems]
        )
    return suggestions.keywords_normalise(keywords)


def _name_taken(*, conference_id: int, name: str, exclude_pk: int | None = None) -> bool:
    same = Theme.objects.annotate(lower_name=Lower("name")).filter(
        conference_id=conference_id, lower_name=name.lower()
    )
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    return same.exists()


def _name_taken_error(name: str) -> ValidationError:
    return ValidationError(
        _("Det finns redan ett tema som heter ”%(name)s” i konferensen.") % {"name": name},
        code="name",
    )


def _save_unique(theme: Theme, update_fields: list[str] | None = None) -> None:
    try:
        with transaction.atomic():
            theme.save(update_fields=update_fields)
    except IntegrityError as error:
        raise _name_taken_error(theme.name) from error


def _clean_theme_fields(*, name: str, keywords: str) -> tuple[str, str]:
    """The cleaned name and keyword list; both fields' errors at once."""
    errors: list[ValidationError] = []
    try:
        name = _clean_name(name)
    except ValidationError as error:
        errors.append(error)
    try:
        keywords = _clean_keywords(keywords)
    except ValidationError as error:
        errors.append(error)
    if errors:
        raise ValidationError(errors)
    return name, keywords


@transaction.atomic
def theme_create(*, conference: Conference, name: str, keywords: str = "", by: User) -> Theme:
    """A new theme of the conference, with its keyword list (one keyword per line)."""
    bump(CONFERENCES)
    name, keywords = _clean_theme_fields(name=name, keywords=keywords)
    if _name_taken(conference_id=conference.pk, name=name):
        raise _name_taken_error(name)
    theme = Theme(conference=conference, name=name, keywords=keywords)
    _save_unique(theme)
    logger.info("theme %s created by user %s", theme.pk, by.pk)
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, name: str, keywords: str, by: User) -> Theme:
    """Rename a theme and/or replace its keyword list."""
    bump(CONFERENCES)
    name, keywords = _clean_theme_fields(name=name, keywords=keywords)
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    if _name_taken(conference_id=theme.conference_id, name=name, exclude_pk=theme.pk):
        raise _name_taken_error(name)
    theme.name = name
    theme.keywords = keywords
    _save_unique(theme, update_fields=["name", "keywords"])
    logger.info("theme %s updated by user %s", theme.pk, by.pk)
    return theme


@transaction.atomic
def theme_merge(*, source: Theme, target: Theme, by: User) -> Theme:
    """Merge `source` into `target` and delete `source`.

    Every note accepted for `source` becomes accepted for `target` (a note already linked to
    `target` keeps one link, now accepted); source's suggestions and rejections go with it.
    Source's name and keywords join target's keyword list, so suggestions still find its notes.
    Source's feedback is appended to target's; it stays unpublished unless both were published.
    """
    bump(CONFERENCES)
    if source.pk == target.pk:
        raise ValidationError(_("Ett tema kan inte slås ihop med sig självt."), code="target")
    themes = {
        theme.pk: theme
        for theme in Theme.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
    }
    if len(themes) != 2:
        raise ValidationError(
            _("Temat finns inte längre. Ladda om sidan och försök igen."), code="target"
        )
    source, target = themes[source.pk], themes[target.pk]
    if source.conference_id != target.conference_id:
        raise ValidationError(_("Bara teman i samma konferens kan slås ihop."), code="target")

    accepted_notes = set(
        NoteTheme.objects.filter(theme=source, status=NoteTheme.Status.ACCEPTED).values_list(
            "note_id", flat=True
        )
    )
    target_links = dict(
        NoteTheme.objects.filter(theme=target, note_id__in=accepted_notes).values_list(
            "note_id", "pk"
        )
    )
    NoteTheme.objects.filter(pk__in=target_links.values()).exclude(
        status=NoteTheme.Status.ACCEPTED
    ).update(status=NoteTheme.Status.ACCEPTED)
    NoteTheme.objects.filter(
        theme=source,
        status=NoteTheme.Status.ACCEPTED,
        note_id__in=accepted_notes - target_links.keys(),
    ).update(theme=target)

    keyword_text = "\n".join([target.keywords, source.name, source.keywords])
    target.keywords = suggestions.keywords_normalise(keyword_text)
    target.keywords = "\n".join(
        line
        for line in suggestions.keyword_lines(target.keywords)
        if line.casefold() != target.name.casefold()
    )
    fields = ["keywords"]
    if source.feedback.strip():
        target.feedback = "\n\n".join(
            part for part in (target.feedback.strip(), source.feedback.strip()) if part
        )
        target.feedback_published = target.feedback_published and source.feedback_published
        fields += ["feedback", "feedback_published"]
    target.save(update_fields=fields)
    merged_pk = source.pk
    source.delete()
    logger.info("theme %s merged into %s by user %s", merged_pk, target.pk, by.pk)
    return target

"""The working group's write use cases for conferences, dialogues and their set questions."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from agreements.generations import PROPOSALS
from dialogues import rules
from dialogues.generations import CONFERENCES
from dialogues.models import Conference, Dialogue, DialogueQuestion, new_short_code
from hok.audit import record_actor
from hok.generations import bump
from hok.models import User

NOTE_CAP_MAX = 100_000
QUESTION_MAX_LENGTH = 1000
_CODE_ATTEMPTS = 5


def _save(obj: Any, by: User, **kwargs: Any) -> None:
    """Save with the acting user on the history record (django-simple-history)."""
    record_actor(obj, by=by)
    obj.save(**kwargs)


def _field_error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _clean_text(value: str) -> str:
    return (value or "").strip()


def _require(value: str, *, field: str, message: str) -> str:
    value = _clean_text(value)
    if not value:
        raise _field_error(field, message, "required")
    return value


def _free_slug(base: str, *, exclude_pk: int | None = None) -> str:
    slug = base[:70] or "konferens"
    candidate, number = slug, 2
    others = Conference.objects.exclude(pk=exclude_pk) if exclude_pk else Conference.objects
    while others.filter(slug=candidate).exists():
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _conference_fields(
    *, name: str, slug: str, date: datetime.date | None, exclude_pk: int | None
) -> tuple[str, str, datetime.date]:
    name = _require(name, field="name", message=_("Skriv konferensens namn."))
    if date is None:
        raise _field_error("date", _("Ange konferensens datum."), "required")
    slug = slugify(_clean_text(slug))
    if not slug:
        slug = _free_slug(slugify(f"{name} {date.year}"), exclude_pk=exclude_pk)
    others = Conference.objects.exclude(pk=exclude_pk) if exclude_pk else Conference.objects
    if others.filter(slug=slug).exists():
        raise _field_error(
            "slug", _("Adressen används redan av en annan konferens. Välj en annan."), "slug_taken"
        )
    return name, slug, date


@transaction.atomic
def conference_create(
    *,
    name: str,
    date: datetime.date | None,
    slug: str = "",
    place: str = "",
    description: str = "",
    introduction: str = "",
    by: User,
) -> Conference:
    bump(CONFERENCES)
    name, slug, date = _conference_fields(name=name, slug=slug, date=date, exclude_pk=None)
    conference = Conference(
        name=name,
        slug=slug,
        date=date,
        place=_clean_text(place),
        description=_clean_text(description),
        introduction=_clean_text(introduction),
    )
    _save(conference, by)
    return conference


@transaction.atomic
def conference_update(
    *,
    conference: Conference,
    name: str,
    date: datetime.date | None,
    slug: str = "",
    place: str = "",
    description: str = "",
    introduction: str = "",
    by: User,
) -> Conference:
    # A revision proposal's page names the conference it is answered at (its name, date).
    bump(CONFERENCES, PROPOSALS)
    name, slug, date = _conference_fields(name=name, slug=slug, date=date, exclude_pk=conference.pk)
    conference.name = name
    conference.slug = slug
    conference.date = date
    conference.place = _clean_text(place)
    conference.description = _clean_text(description)
    conference.introduction = _clean_text(introduction)
    _save(
        conference,
        by,
        update_fields=["name", "slug", "date", "place", "description", "introduction"],
    )
    return conference


def _check_dialogue(
    *,
    title: str,
    opens_at: datetime.datetime | None,
    closes_at: datetime.datetime | None,
    note_cap: int | None,
) -> tuple[str, int]:
    title = _require(title, field="title", message=_("Skriv dialogens rubrik."))
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        raise _field_error(
            "closes_at", _("Dialogen måste stänga efter att den öppnat."), "closes_before_opening"
        )
    if note_cap is None or not 1 <= note_cap <= NOTE_CAP_MAX:
        raise _field_error(
            "note_cap",
            _("Ange ett tak mellan 1 och %(max)s anteckningar.")
            % {"max": f"{NOTE_CAP_MAX:,}".replace(",", "\u00a0")},
            "note_cap_out_of_range",
        )
    return title, note_cap


@transaction.atomic
def dialogue_create(
    *,
    conference: Conference,
    title: str,
    introduction: str = "",
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    note_cap: int | None = None,
    questions: list[str] | None = None,
    by: User,
) -> Dialogue:
    """A new dialogue, last in the conference, with a fresh short code and its questions."""
    bump(CONFERENCES)
    title, note_cap = _check_dialogue(
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        note_cap=Dialogue._meta.get_field("note_cap").default if note_cap is None else note_cap,
    )
    position = (conference.dialogues.aggregate(last=Max("position"))["last"] or 0) + 1
    for attempt in range(_CODE_ATTEMPTS):
        try:
            # A savepoint, so that a code taken by a concurrent request can be retried.
            with transaction.atomic():
                dialogue = Dialogue(
                    conference=conference,
                    position=position,
                    title=title,
                    introduction=_clean_text(introduction),
                    opens_at=opens_at,
                    closes_at=closes_at,
                    note_cap=note_cap,
                    short_code=new_short_code(),
                )
                _save(dialogue, by)
            break
        except IntegrityError:
            if attempt == _CODE_ATTEMPTS - 1:
                raise
    for text in questions or []:
        if _clean_text(text):
            question_add(dialogue=dialogue, text=text, by=by)
    return dialogue


@transaction.atomic
def dialogue_update(
    *,
    dialogue: Dialogue,
    title: str,
    introduction: str = "",
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    note_cap: int | None,
    by: User,
) -> Dialogue:
    bump(CONFERENCES)
    title, note_cap = _check_dialogue(
        title=title, opens_at=opens_at, closes_at=closes_at, note_cap=note_cap
    )
    dialogue.title = title
    dialogue.introduction = _clean_text(introduction)
    dialogue.opens_at = opens_at
    dialogue.closes_at = closes_at
    dialogue.note_cap = note_cap
    _save(
        dialogue, by, update_fields=["title", "introduction", "opens_at", "closes_at", "note_cap"]
    )
    return dialogue


@transaction.atomic
def dialogue_set_state(*, dialogue: Dialogue, state: str, by: User) -> Dialogue:
    """Open now, close now, or follow the opening and closing times again."""
    bump(CONFERENCES)
    if state not in Dialogue.ManualState.values:
        raise ValidationError(_("Okänt läge för dialogen."), code="unknown_state")
    dialogue.manual_state = state
    _save(dialogue, by, update_fields=["manual_state"])
    return dialogue


@transaction.atomic
def dialogue_delete(*, dialogue: Dialogue, by: User) -> None:
    """Only a dialogue nobody has written in may be deleted: notes are the attendees' words."""
    bump(CONFERENCES)
    if not rules.dialogue_is_deletable(dialogue):
        raise ValidationError(
            _("Dialogen har anteckningar och kan inte tas bort. Stäng den i stället."),
            code="has_notes",
        )
    record_actor(dialogue, by=by)
    dialogue.delete()


def _check_question(text: str) -> str:
    text = _require(text, field="text", message=_("Skriv frågan."))
    if len(text) > QUESTION_MAX_LENGTH:
        raise _field_error(
            "text",
            _("Frågan får vara högst %(max)s tecken.") % {"max": QUESTION_MAX_LENGTH},
            "too_long",
        )
    return text


@transaction.atomic
def question_add(*, dialogue: Dialogue, text: str, by: User) -> DialogueQuestion:
    bump(CONFERENCES)
    text = _check_question(text)
    position = (dialogue.questions.aggregate(last=Max("position"))["last"] or 0) + 1
    question = DialogueQuestion(dialogue=dialogue, position=position, text=text)
    _save(question, by)
    return question


@transaction.atomic
def question_update(*, question: DialogueQuestion, text: str, by: User) -> DialogueQuestion:
    bump(CONFERENCES)
    question.text = _check_question(text)
    _save(question, by, update_fields=["text"])
    return question


def _renumber(ordered: list[DialogueQuestion], by: User) -> None:
    """Positions 1, 2, 3 … in this order; the moved questions get a history record."""
    moved = []
    for position, question in enumerate(ordered, start=1):
        if question.position != position:
            question.position = position
            moved.append(question)
    if moved:
        bulk_update_with_history(moved, DialogueQuestion, ["position"], default_user=by)


@transaction.atomic
def question_move(*, question: DialogueQuestion, up: bool, by: User) -> DialogueQuestion:
    """Move a question one place up or down (at the top or bottom it stays where it is)."""
    bump(CONFERENCES)
    dialogue = Dialogue.objects.select_for_update().get(pk=question.dialogue_id)
    ordered = list(dialogue.questions.all())
    index = next(i for i, item in enumerate(ordered) if item.pk == question.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(ordered, by)
    return next(item for item in ordered if item.pk == question.pk)


@transaction.atomic
def question_delete(*, question: DialogueQuestion, by: User) -> None:
    """A question with notes keeps them: it cannot be deleted, only reworded."""
    bump(CONFERENCES)
    if not rules.question_is_deletable(question):
        raise ValidationError(
            _("Frågan har anteckningar och kan inte tas bort. Du kan ändra dess text."),
            code="has_notes",
        )
    dialogue = question.dialogue
    record_actor(question, by=by)
    question.delete()
    _renumber(list(dialogue.questions.all()), by)

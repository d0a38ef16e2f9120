"""Attendees' notes: the one write use case of the attendee side.

A phone may send the same note more than once (a dropped connection, a double tap, the outbox
retrying after the server did store it). Every note carries a client key the phone made, unique
per dialogue in the database, so a retry returns the note already stored instead of a copy.
"""

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from dialogues import rules
from dialogues.generations import CONFERENCES
from dialogues.models import (
    NOTE_MAX_LENGTH,
    TABLE_GROUP_MAX_LENGTH,
    Dialogue,
    DialogueQuestion,
    Note,
)
from dialogues.selectors.notes import note_count_and_retry, note_for_client_key
from hok.generations import bump


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def note_check_open(*, dialogue: Dialogue, now: datetime) -> None:
    """Refuse a note to a dialogue that is not open (not yet, or no longer)."""
    if rules.can_submit_note(dialogue, now):
        return
    if rules.dialogue_not_yet_open(dialogue, now):
        raise ValidationError(
            _(
                "Dialogen har inte öppnat än. Anteckningen är inte sparad – texten finns kvar "
                "nedan."
            ),
            code="not_open",
        )
    raise ValidationError(
        _(
            "Dialogen är stängd och tar inte emot fler anteckningar. Anteckningen är inte "
            "sparad – kopiera texten nedan om du vill spara den."
        ),
        code="closed",
    )


def note_submit(
    *,
    dialogue: Dialogue,
    question: DialogueQuestion | None,
    table_group: str,
    text: str,
    client_key: uuid.UUID,
    proposes_revision: bool = False,
    now: datetime | None = None,
) -> tuple[Note, bool]:
    """Store an attendee's note once; return it and whether it was stored by this call.

    A retry with a client key already stored in the dialogue returns the stored note (False),
    even after closing time or at the cap: it was accepted when it first arrived.
    """
    now = now or timezone.now()
    count, retry_of = note_count_and_retry(dialogue=dialogue, client_key=client_key)
    if retry_of is not None:
        return Note.objects.get(pk=retry_of), False
    note_check_open(dialogue=dialogue, now=now)
    text = text.strip()
    table_group = table_group.strip()
    if not text:
        raise ValidationError(_("Skriv en anteckning innan du skickar."), code="empty")
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Anteckningen är för lång: högst %(max)s tecken (den har %(count)s).")
            % {"max": _number(NOTE_MAX_LENGTH), "count": _number(len(text))},
            code="too_long",
        )
    if len(table_group) > TABLE_GROUP_MAX_LENGTH:
        raise ValidationError(
            _("Bordsgruppens namn får vara högst %(max)s tecken.")
            % {"max": TABLE_GROUP_MAX_LENGTH},
            code="table_group_too_long",
        )
    if question is not None and question.dialogue_id != dialogue.pk:
        raise ValidationError(_("Välj en av dialogens frågor."), code="question")
    if count >= dialogue.note_cap:
        raise ValidationError(
            _(
                "Dialogen har tagit emot så många anteckningar som den kan (%(cap)s). "
                "Anteckningen är inte sparad – kopiera texten och lämna den till arbetsgruppen."
            )
            % {"cap": _number(dialogue.note_cap)},
            code="cap",
        )
    note = Note(
        dialogue=dialogue,
        question=question,
        table_group=table_group,
        text=text,
        proposes_revision=proposes_revision,
        client_key=client_key,
        created_at=now,
    )
    try:
        with transaction.atomic():
            note.save(force_insert=True)
            bump(CONFERENCES)
    except IntegrityError:
        # The same note arrived twice at once: the other request stored it.
        existing = note_for_client_key(dialogue=dialogue, client_key=client_key)
        if existing is None:
            raise
        return existing, False
    return note, True

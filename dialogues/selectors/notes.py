"""Reads for the attendee side: a dialogue by its short code, and a note by its client key."""

import uuid

from django.db.models import Count, Max, Prefetch, Q

from dialogues.codes import is_well_formed, normalize_code
from dialogues.models import Dialogue, DialogueQuestion, Note


def dialogue_for_attendee(*, code: str) -> Dialogue | None:
    """The dialogue with this short code (typed in any case, with spaces), its conference and
    its set questions in order (two queries); None when no dialogue has it."""
    normalized = normalize_code(code)
    if not is_well_formed(normalized):
        return None
    return (
        Dialogue.objects.select_related("conference")
        .prefetch_related(
            Prefetch("questions", queryset=DialogueQuestion.objects.order_by("position", "id"))
        )
        .filter(short_code=normalized)
        .first()
    )


def dialogue_exists(*, code: str) -> str | None:
    """The stored short code of the dialogue the typed code names, or None (one query)."""
    normalized = normalize_code(code)
    if not is_well_formed(normalized):
        return None
    return (
        Dialogue.objects.filter(short_code=normalized).values_list("short_code", flat=True).first()
    )


def note_for_client_key(*, dialogue: Dialogue, client_key: uuid.UUID) -> Note | None:
    """The note this phone already sent with this key, if any (a retried submit)."""
    return Note.objects.filter(dialogue=dialogue, client_key=client_key).first()


def note_count_and_retry(*, dialogue: Dialogue, client_key: uuid.UUID) -> tuple[int, int | None]:
    """In one query: how many notes the dialogue has received (hidden ones too: the global cap
    counts them), and the id of the note already stored with this client key, if any."""
    facts = Note.objects.filter(dialogue=dialogue).aggregate(
        count=Count("pk"), retry_of=Max("pk", filter=Q(client_key=client_key))
    )
    return facts["count"], facts["retry_of"]

"""What the dialogues app stores about a person, for their own export.

Notes are written without an account and carry no link to a person; what is stored about a
signed-in person is which notes they hid as a moderator."""

from typing import Any

from dialogues.models import Note
from hok.models import User


def personal_data(*, user: User) -> dict[str, Any]:
    return {
        "notes_hidden": [
            {
                "dialogue": note.dialogue.title,
                "note_written_at": note.created_at.isoformat(),
                "hidden_reason": note.hidden_reason,
            }
            for note in Note.objects.filter(hidden_by=user)
            .select_related("dialogue")
            .order_by("created_at", "pk")
        ],
    }

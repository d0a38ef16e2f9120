from dialogues.models.conferences import (
    DEFAULT_NOTE_CAP,
    Conference,
    Dialogue,
    DialogueQuestion,
    new_short_code,
)
from dialogues.models.documents import DocumentRender
from dialogues.models.notes import NOTE_MAX_LENGTH, TABLE_GROUP_MAX_LENGTH, Note
from dialogues.models.themes import NoteTheme, Theme

__all__ = [
    "DEFAULT_NOTE_CAP",
    "NOTE_MAX_LENGTH",
    "TABLE_GROUP_MAX_LENGTH",
    "Conference",
    "Dialogue",
    "DialogueQuestion",
    "DocumentRender",
    "Note",
    "NoteTheme",
    "Theme",
    "new_short_code",
]

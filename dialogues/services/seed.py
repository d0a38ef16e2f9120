"""The 2021 conference "Starkare än förr", loaded from seed_data/ by `load_seed_content`."""

import datetime
import uuid
import zoneinfo
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from dialogues.generations import CONFERENCES
from dialogues.models import Conference, Dialogue, DialogueQuestion, Note, NoteTheme, Theme
from hok.generations import bump

SEED_FILE = Path(__file__).resolve().parent.parent / "seed_data" / "conference_2021.yaml"
# Notes loaded from a document get stable keys, so a reload could never store one twice.
_SEED_NAMESPACE = uuid.UUID("6f1d8c2e-6a53-4c3b-9a8e-2f0d3c1b5e71")
_SWEDEN = zoneinfo.ZoneInfo("Europe/Stockholm")


def _seed_client_key(*, slug: str, dialogue_position: int, note_position: int) -> uuid.UUID:
    return uuid.uuid5(_SEED_NAMESPACE, f"{slug}/{dialogue_position}/{note_position}")


@transaction.atomic
def conference_load_seed(*, path: Path = SEED_FILE) -> tuple[Conference, bool]:
    """Load a past conference from its data file. Returns (conference, created); idempotent.

    The dialogues are closed (they were held), their summaries published; each raw note is
    one note for the whole dialogue, and the themes the note speaks of are accepted links.
    """
    bump(CONFERENCES)
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    about = data["conference"]
    existing = Conference.objects.filter(slug=about["slug"]).first()
    if existing is not None:
        return existing, False
    conference = Conference.objects.create(
        name=about["name"],
        slug=about["slug"],
        date=about["date"],
        place=about.get("place", ""),
        description=about.get("description", "").strip(),
        introduction=about.get("introduction", "").strip(),
    )
    themes = {
        item["name"]: Theme.objects.create(
            conference=conference, name=item["name"], keywords=item.get("keywords", "").strip()
        )
        for item in data.get("themes", [])
    }
    # Notes carry the conference day (noon, Swedish time), one second apart to keep their order.
    noon = datetime.datetime.combine(about["date"], datetime.time(12), tzinfo=_SWEDEN)
    links: list[NoteTheme] = []
    for position, item in enumerate(data["dialogues"], start=1):
        dialogue = Dialogue.objects.create(
            conference=conference,
            position=position,
            title=item["title"],
            introduction=item.get("introduction", "").strip(),
            manual_state=Dialogue.ManualState.CLOSED,
            summary=item.get("summary", "").strip(),
            summary_published=bool(item.get("summary", "").strip()),
        )
        DialogueQuestion.objects.bulk_create(
            DialogueQuestion(dialogue=dialogue, position=number, text=text)
            for number, text in enumerate(item.get("questions", []), start=1)
        )
        for number, raw in enumerate(item.get("notes", []), start=1):
            note = Note.objects.create(
                dialogue=dialogue,
                text=raw["text"].strip(),
                client_key=_seed_client_key(
                    slug=conference.slug, dialogue_position=position, note_position=number
                ),
                created_at=noon + datetime.timedelta(seconds=number),
            )
            links.extend(
                NoteTheme(note=note, theme=themes[name], status=NoteTheme.Status.ACCEPTED)
                for name in raw.get("themes", [])
            )
    NoteTheme.objects.bulk_create(links)
    return conference, True

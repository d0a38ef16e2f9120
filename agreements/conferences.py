"""The conferences a revision proposal can be answered at.

Conferences belong to the dialogues app, a floor above this one, which this app may not import.
The dialogues app hands over a function that lists them (dialogues.apps, `ready`); without it
there is simply no conference to choose.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ConferenceRef:
    id: int
    name: str
    date: datetime.date
    url: str


_source: Callable[[], list[ConferenceRef]] | None = None


def register_conference_source(source: Callable[[], list[ConferenceRef]]) -> None:
    global _source  # noqa: PLW0603 - set once, at start-up
    _source = source


def conferences() -> list[ConferenceRef]:
    """Every conference, newest first."""
    return _source() if _source is not None else []


def conference_by_id(conference_id: int | None) -> ConferenceRef | None:
    if conference_id is None:
        return None
    return next((c for c in conferences() if c.id == conference_id), None)

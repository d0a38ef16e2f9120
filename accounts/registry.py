"""Each app's part of a person's data, gathered here (the top floor may import every app).

An app that stores something about a person adds one line to each list that concerns it:
`personal_data(*, user) -> dict` from its selectors to PERSONAL_DATA (its section of the
download), a function that returns `hok.personal_data.Obstacle`s to ERASURE_OBSTACLES when
something must happen before the account can go, and a function to ERASERS when more than the
database's own ON DELETE rules must happen to its rows (it runs inside the deletion's
transaction, before the account row is deleted, and may raise ValidationError to refuse).
"""

from collections.abc import Callable
from typing import Any

from agreements.selectors import personal_data as agreements_data
from agreements.services import personal_data as agreements_erasure
from dialogues.selectors import personal_data as dialogues_data
from examples import selectors as examples_data
from examples import services as examples_erasure
from hok import personal_data as account_data
from hok.models import User
from hok.personal_data import Obstacle
from newsletters import selectors as newsletters_data
from surveys.selectors import personal_data as surveys_data

PERSONAL_DATA: list[tuple[str, Callable[..., Any]]] = [
    ("account", account_data.account_personal_data),
    ("agreements", agreements_data.personal_data),
    ("surveys", surveys_data.personal_data),
    ("dialogues", dialogues_data.personal_data),
    ("newsletters", newsletters_data.personal_data),
    ("examples", examples_data.personal_data),
    ("audit_history", account_data.history_personal_data),
    ("recent_submissions", account_data.submissions_personal_data),
]

ERASURE_OBSTACLES: list[Callable[..., list[Obstacle]]] = [
    account_data.account_erasure_obstacles,
    agreements_data.erasure_obstacles,
]

ERASERS: list[Callable[..., object]] = [
    agreements_erasure.representative_forget,
    examples_erasure.contact_person_forget,
    account_data.history_forget,
    account_data.admin_log_forget,
]


def personal_data_of(user: User) -> dict[str, Any]:
    return {key: contribution(user=user) for key, contribution in PERSONAL_DATA}


def erasure_obstacles_of(user: User) -> list[Obstacle]:
    return [obstacle for check in ERASURE_OBSTACLES for obstacle in check(user=user)]

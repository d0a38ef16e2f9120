"""The notes per minute on the moderation page, so the working group sees a flood (issue 11,
section 9): the per-phone limit resets with a new cookie, and the page says so."""

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from dialogues import limits
from dialogues.selectors.moderation import RATE_MINUTES, note_rate
from dialogues.templatetags.dialogues_moderation import RATE_BAR_HEIGHT, rate_column
from hok.models import User
from tests.dialogues.factories import DialogueFactory, NoteFactory
from tests.factories import WorkingGroupUserFactory

pytestmark = pytest.mark.django_db

# A fixed moment, 40 seconds into a minute, in local time.
NOW = datetime(2030, 11, 18, 10, 25, 40, tzinfo=ZoneInfo("Europe/Stockholm"))


def _at(minutes_ago: int, second: int = 5) -> datetime:
    return NOW.replace(second=second) - timedelta(minutes=minutes_ago)


class TestNoteRate:
    def test_counts_per_minute_over_the_last_ten_with_empty_minutes_as_zero(self) -> None:
        dialogue = DialogueFactory()
        for minutes_ago, count in [(0, 3), (2, 1), (9, 6)]:
            for _ in range(count):
                NoteFactory(dialogue=dialogue, created_at=_at(minutes_ago))
        NoteFactory(dialogue=dialogue, created_at=_at(10, second=59))  # just outside
        NoteFactory(dialogue=DialogueFactory(), created_at=_at(0))  # another dialogue

        rate = note_rate(dialogue=dialogue, now=NOW)

        assert [minute.count for minute in rate.minutes] == [6, 0, 0, 0, 0, 0, 0, 1, 0, 3]
        assert len(rate.minutes) == RATE_MINUTES
        assert [minute.start.strftime("%H:%M") for minute in rate.minutes][::9] == [
            "10:16",
            "10:25",
        ]
        assert [minute.is_current for minute in rate.minutes] == [False] * 9 + [True]
        assert (rate.total, rate.peak) == (10, 6)
        # The page draws the columns from the counts (dialogues_moderation.rate_column).
        columns = [rate_column(minute.count, rate.peak) for minute in rate.minutes]
        assert columns[0].bar == RATE_BAR_HEIGHT
        assert columns[-1].bar == round(RATE_BAR_HEIGHT * 3 / 6)
        assert columns[-1].space == RATE_BAR_HEIGHT - columns[-1].bar

    def test_a_quiet_dialogue(self) -> None:
        rate = note_rate(dialogue=DialogueFactory(), now=NOW)
        assert (rate.total, rate.peak) == (0, 0)
        assert {rate_column(minute.count, rate.peak).bar for minute in rate.minutes} == {0}

    def test_one_query(self, django_assert_num_queries) -> None:
        dialogue = DialogueFactory()
        NoteFactory.create_batch(5, dialogue=dialogue, created_at=_at(1))
        with django_assert_num_queries(1):
            note_rate(dialogue=dialogue, now=NOW)


class TestRateColumn:
    """The column heights in pixels (the figure is RATE_BAR_HEIGHT = 40 high)."""

    @pytest.mark.parametrize(
        ("count", "peak", "bar", "space"),
        [(6, 6, 40, 0), (3, 6, 20, 20), (1, 6, 7, 33), (0, 6, 0, 40), (0, 0, 0, 40)],
    )
    def test_heights(self, count: int, peak: int, bar: int, space: int) -> None:
        column = rate_column(count, peak)
        assert (column.bar, column.space, column.height) == (bar, space, 40)


@pytest.fixture
def wg(give_mfa: Callable[[User], str]) -> Client:
    person = WorkingGroupUserFactory()
    give_mfa(person)
    client = Client()
    client.force_login(person)
    return client


class TestModerationPage:
    def test_a_flood_shows_in_the_figure_and_the_limits_are_explained(self, wg: Client) -> None:
        dialogue = DialogueFactory(note_cap=1500)
        NoteFactory.create_batch(45, dialogue=dialogue)  # this minute, from many "phones"
        for name in ("moderation", "moderation_notes"):
            html = wg.get(reverse(f"dialogues:{name}", args=[dialogue.pk])).content.decode()
            assert "Senaste 10 minuterna: 45 anteckningar, som mest 45 på en minut." in html
            assert f'<rect y="0" width="20" height="{RATE_BAR_HEIGHT}"></rect>' in html
            assert "<caption>Anteckningar per minut</caption>" in html
            assert (
                f"Varje telefon får skicka högst {limits.DEVICE_LIMIT} anteckningar på "
                f"{limits.DEVICE_WINDOW // 60} minuter" in html
            )
            assert "den som hämtar sidan på nytt utan kakan börjar om" in html
            assert "dialogens tak på 1500 anteckningar" in html

    def test_the_dialogue_form_says_the_cap_is_the_real_bound(self, wg: Client) -> None:
        dialogue = DialogueFactory()
        html = wg.get(reverse("dialogues:dialogue_edit", args=[dialogue.pk])).content.decode()
        assert "Taket är det som verkligen begränsar" in html
        assert "20 anteckningar på 10 minuter" in html

    @pytest.mark.parametrize("role", ["anonymous", "user", "working_group"])
    def test_nobody_else_sees_it(self, client_as: Callable[[str], Client], role: str) -> None:
        dialogue = DialogueFactory()
        NoteFactory(dialogue=dialogue)
        response = client_as(role).get(reverse("dialogues:moderation", args=[dialogue.pk]))
        assert response.status_code in (302, 403)
        assert "Anteckningar per minut" not in response.content.decode()

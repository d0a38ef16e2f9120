"""Summaries per dialogue and feedback per theme: saving, publishing, withdrawing, refusing."""

import pytest
from django.core.exceptions import ValidationError

from dialogues.models import Dialogue, Theme
from dialogues.services.outcomes import (
    TEXT_MAX_LENGTH,
    summary_publish,
    summary_save,
    summary_unpublish,
    theme_feedback_publish,
    theme_feedback_save,
    theme_feedback_unpublish,
)
from tests.dialogues.factories import ConferenceFactory, DialogueFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed() -> Dialogue:
    return DialogueFactory(manual_state=Dialogue.ManualState.CLOSED)


@pytest.fixture
def theme(closed: Dialogue) -> Theme:
    return ThemeFactory(conference=closed.conference, name="ensamhet")


def _codes(error: ValidationError) -> list[str | None]:
    return (
        [item.code for item in error.error_list]
        if not hasattr(error, "error_dict")
        else [item.code for items in error.error_dict.values() for item in items]
    )


class TestSummarySave:
    def test_saves_a_draft(self, closed: Dialogue) -> None:
        summary_save(dialogue=closed, summary="  # Rubrik\r\n\r\nText  ", by=None)
        closed.refresh_from_db()
        assert closed.summary == "# Rubrik\n\nText"
        assert closed.summary_published is False

    def test_save_and_publish(self, closed: Dialogue) -> None:
        returned = summary_save(dialogue=closed, summary="Text", publish=True, by=None)
        assert returned.summary_published is True
        closed.refresh_from_db()
        assert closed.summary_published is True

    def test_publish_empty_is_refused_and_nothing_changes(self, closed: Dialogue) -> None:
        closed.summary = "Gammal text"
        closed.save()
        with pytest.raises(ValidationError) as raised:
            summary_save(dialogue=closed, summary="   ", publish=True, by=None)
        assert _codes(raised.value) == ["empty"]
        assert "summary" in raised.value.error_dict
        closed.refresh_from_db()
        assert closed.summary == "Gammal text"
        assert closed.summary_published is False

    def test_publish_while_open_is_refused(self) -> None:
        dialogue = DialogueFactory(manual_state=Dialogue.ManualState.OPEN)
        with pytest.raises(ValidationError) as raised:
            summary_save(dialogue=dialogue, summary="Text", publish=True, by=None)
        assert _codes(raised.value) == ["dialogue_open"]
        dialogue.refresh_from_db()
        assert dialogue.summary == ""
        assert not dialogue.summary_published

    def test_draft_while_open_is_fine(self) -> None:
        dialogue = DialogueFactory(manual_state=Dialogue.ManualState.OPEN)
        summary_save(dialogue=dialogue, summary="Utkast under konferensen", by=None)
        dialogue.refresh_from_db()
        assert dialogue.summary == "Utkast under konferensen"

    def test_published_summary_cannot_be_emptied(self, closed: Dialogue) -> None:
        summary_save(dialogue=closed, summary="Text", publish=True, by=None)
        with pytest.raises(ValidationError) as raised:
            summary_save(dialogue=closed, summary="", by=None)
        assert _codes(raised.value) == ["empty"]
        closed.refresh_from_db()
        assert closed.summary == "Text" and closed.summary_published

    def test_editing_a_published_summary_of_a_reopened_dialogue(self, closed: Dialogue) -> None:
        """Reopening does not lock the working group out of correcting a typo."""
        summary_save(dialogue=closed, summary="Txet", publish=True, by=None)
        Dialogue.objects.filter(pk=closed.pk).update(manual_state=Dialogue.ManualState.OPEN)
        closed.refresh_from_db()
        summary_save(dialogue=closed, summary="Text", by=None)
        closed.refresh_from_db()
        assert closed.summary == "Text" and closed.summary_published

    def test_withdraw_keeps_the_text(self, closed: Dialogue) -> None:
        summary_save(dialogue=closed, summary="Text", publish=True, by=None)
        summary_save(dialogue=closed, summary="Ny text", publish=False, by=None)
        closed.refresh_from_db()
        assert closed.summary == "Ny text" and not closed.summary_published
        summary_save(dialogue=closed, summary="", publish=False, by=None)  # a draft may be empty
        closed.refresh_from_db()
        assert closed.summary == ""

    def test_too_long(self, closed: Dialogue) -> None:
        with pytest.raises(ValidationError) as raised:
            summary_save(dialogue=closed, summary="x" * (TEXT_MAX_LENGTH + 1), by=None)
        assert _codes(raised.value) == ["too_long"]
        summary_save(dialogue=closed, summary="x" * TEXT_MAX_LENGTH, by=None)

    def test_leaves_the_rest_of_the_dialogue_alone(self, closed: Dialogue) -> None:
        stale = Dialogue.objects.get(pk=closed.pk)
        Dialogue.objects.filter(pk=closed.pk).update(title="Ny rubrik")
        summary_save(dialogue=stale, summary="Text", by=None)
        closed.refresh_from_db()
        assert closed.title == "Ny rubrik"


class TestSummaryPublish:
    def test_publish_and_unpublish(self, closed: Dialogue) -> None:
        summary_save(dialogue=closed, summary="Text", by=None)
        summary_publish(dialogue=closed, by=None)
        closed.refresh_from_db()
        assert closed.summary_published
        summary_publish(dialogue=closed, by=None)  # twice is fine
        summary_unpublish(dialogue=closed, by=None)
        closed.refresh_from_db()
        assert not closed.summary_published
        assert closed.summary == "Text"

    def test_publish_empty(self, closed: Dialogue) -> None:
        with pytest.raises(ValidationError) as raised:
            summary_publish(dialogue=closed, by=None)
        assert _codes(raised.value) == ["empty"]

    def test_publish_open(self) -> None:
        dialogue = DialogueFactory(summary="Text")
        with pytest.raises(ValidationError) as raised:
            summary_publish(dialogue=dialogue, by=None)
        assert _codes(raised.value) == ["dialogue_open"]
        dialogue.refresh_from_db()
        assert not dialogue.summary_published


class TestThemeFeedback:
    def test_save_publish_withdraw(self, theme: Theme) -> None:
        conference = theme.conference
        theme_feedback_save(conference=conference, theme=theme, feedback="Vi bjuder in.", by=None)
        theme.refresh_from_db()
        assert theme.feedback == "Vi bjuder in." and not theme.feedback_published
        theme_feedback_save(
            conference=conference, theme=theme, feedback="Vi gör.", publish=True, by=None
        )
        theme.refresh_from_db()
        assert theme.feedback == "Vi gör." and theme.feedback_published
        theme_feedback_unpublish(conference=conference, theme=theme, by=None)
        theme.refresh_from_db()
        assert not theme.feedback_published and theme.feedback == "Vi gör."
        theme_feedback_publish(conference=conference, theme=theme, by=None)
        theme.refresh_from_db()
        assert theme.feedback_published

    def test_empty_feedback_is_not_published(self, theme: Theme) -> None:
        with pytest.raises(ValidationError) as raised:
            theme_feedback_save(
                conference=theme.conference, theme=theme, feedback=" ", publish=True, by=None
            )
        assert "feedback" in raised.value.error_dict
        with pytest.raises(ValidationError):
            theme_feedback_publish(conference=theme.conference, theme=theme, by=None)
        theme.refresh_from_db()
        assert not theme.feedback_published

    def test_published_feedback_cannot_be_emptied(self, theme: Theme) -> None:
        theme_feedback_save(
            conference=theme.conference, theme=theme, feedback="A", publish=True, by=None
        )
        with pytest.raises(ValidationError):
            theme_feedback_save(conference=theme.conference, theme=theme, feedback="", by=None)
        theme.refresh_from_db()
        assert theme.feedback == "A"

    def test_theme_of_another_conference(self, theme: Theme) -> None:
        other = ConferenceFactory()
        for call in (
            lambda: theme_feedback_save(conference=other, theme=theme, feedback="X", by=None),
            lambda: theme_feedback_publish(conference=other, theme=theme, by=None),
            lambda: theme_feedback_unpublish(conference=other, theme=theme, by=None),
        ):
            with pytest.raises(ValidationError) as raised:
                call()
            assert _codes(raised.value) == ["theme_conference"]
        theme.refresh_from_db()
        assert theme.feedback == ""

    def test_feedback_while_dialogue_open_is_allowed(self) -> None:
        """Feedback is about a theme of the whole conference, not one dialogue's closing."""
        dialogue = DialogueFactory(manual_state=Dialogue.ManualState.OPEN)
        theme = ThemeFactory(conference=dialogue.conference)
        theme_feedback_save(
            conference=dialogue.conference,
            theme=theme,
            feedback="Vi tar det vidare.",
            publish=True,
            by=None,
        )
        theme.refresh_from_db()
        assert theme.feedback_published

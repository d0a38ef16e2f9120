"""What the public may see of a conference's outcome, decided in one place, and the include
for a dialogue's public page."""

import pytest
from django.template import Context, Template

from dialogues.models import Dialogue, NoteTheme
from dialogues.selectors.outcomes import conference_outcome, dialogue_outcome, notes_for_export
from tests.dialogues.factories import (
    ConferenceFactory,
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue() -> Dialogue:
    dialogue = DialogueFactory(
        manual_state=Dialogue.ManualState.CLOSED,
        summary="Grupperna vill ses **oftare**.",
        summary_published=True,
    )
    meeting = ThemeFactory(
        conference=dialogue.conference,
        name="mötesplatser",
        feedback="Vi ordnar träffar.",
        feedback_published=True,
    )
    draft = ThemeFactory(
        conference=dialogue.conference,
        name="ensamhet",
        feedback="Inte klart",
        feedback_published=False,
    )
    ThemeFactory(
        conference=dialogue.conference, name="oanvänt", feedback="X", feedback_published=True
    )
    NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=meeting)
    NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=meeting)
    NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=draft)
    return dialogue


class TestDialogueOutcome:
    def test_published(self, dialogue: Dialogue, django_assert_num_queries) -> None:
        with django_assert_num_queries(1):
            outcome = dialogue_outcome(dialogue=dialogue)
        assert outcome is not None
        assert [(theme.name, count) for theme, count in outcome.counts] == [
            ("mötesplatser", 2),
            ("ensamhet", 1),
        ]
        # only published feedback, only of the dialogue's themes
        assert [theme.name for theme in outcome.feedback] == ["mötesplatser"]

    def test_unpublished_summary_shows_nothing(
        self, dialogue: Dialogue, django_assert_num_queries
    ) -> None:
        dialogue.summary_published = False
        with django_assert_num_queries(0):
            assert dialogue_outcome(dialogue=dialogue) is None

    def test_template_tag(self, dialogue: Dialogue) -> None:
        template = Template("{% load dialogues_outcomes %}{% dialogue_outcome dialogue %}")
        html = template.render(Context({"dialogue": dialogue}))
        assert "Vad blev det av anteckningarna?" in html
        assert "<strong>oftare</strong>" in html
        assert "Vi ordnar träffar." in html
        assert "Inte klart" not in html
        assert f"/konferenser/{dialogue.conference.slug}/sammanstallning/" in html
        dialogue.summary_published = False
        assert template.render(Context({"dialogue": dialogue})).strip() == ""


class TestConferenceOutcome:
    def test_notes_grouped_whole_dialogue_first_then_by_question(self) -> None:
        dialogue = DialogueFactory(summary="S", summary_published=True)
        first = DialogueQuestionFactory(dialogue=dialogue, position=1, text="Första")
        second = DialogueQuestionFactory(dialogue=dialogue, position=2, text="Andra")
        NoteFactory(dialogue=dialogue, question=second, text="b")
        NoteFactory(dialogue=dialogue, question=None, text="hela")
        NoteFactory(dialogue=dialogue, question=first, text="a")
        NoteFactory(dialogue=dialogue, question=first, text="dold", hidden=True)
        outcome = conference_outcome(conference=dialogue.conference, with_notes=True)
        groups = outcome.dialogues[0].note_groups
        assert [
            (g.question.text if g.question else None, [n.text for n in g.notes]) for g in groups
        ] == [
            (None, ["hela"]),
            ("Första", ["a"]),
            ("Andra", ["b"]),
        ]
        assert outcome.dialogues[0].note_total == 3

    def test_drafts_for_the_working_group(self) -> None:
        dialogue = DialogueFactory(summary="Utkast")
        theme = ThemeFactory(conference=dialogue.conference, feedback="Utkast till återkoppling")
        NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=theme)
        public = conference_outcome(conference=dialogue.conference, with_notes=True)
        assert not public.has_published
        assert public.dialogues[0].note_groups == [] and public.feedback == []
        drafts = conference_outcome(conference=dialogue.conference, drafts=True, with_notes=True)
        assert drafts.dialogues[0].summary_shown
        assert drafts.feedback == [theme]
        assert drafts.dialogues[0].note_total == 1

    def test_published_feedback_alone_makes_something_public(self) -> None:
        conference = ConferenceFactory()
        DialogueFactory(conference=conference)
        ThemeFactory(conference=conference, feedback="Klart", feedback_published=True)
        outcome = conference_outcome(conference=conference)
        assert outcome.has_published and not outcome.all_published

    def test_query_count(self, dialogue: Dialogue, django_assert_num_queries) -> None:
        DialogueFactory(conference=dialogue.conference)  # unpublished: not counted
        # conference themes, dialogues, questions, one count for the published dialogue, notes
        with django_assert_num_queries(5):
            conference_outcome(conference=dialogue.conference, with_notes=True)


def test_notes_for_export_lists_accepted_themes_only(
    dialogue: Dialogue, django_assert_num_queries
) -> None:
    note = NoteFactory(dialogue=dialogue, hidden=True, hidden_reason="namn")
    NoteThemeFactory(note=note, theme=dialogue.conference.themes.get(name="ensamhet"))
    NoteThemeFactory(
        note=note,
        theme=dialogue.conference.themes.get(name="oanvänt"),
        status=NoteTheme.Status.REJECTED,
    )
    with django_assert_num_queries(2):
        notes = list(notes_for_export(conference=dialogue.conference))
        names = {n.pk: [link.theme.name for link in n.accepted_links] for n in notes}
    assert len(notes) == 4
    assert names[note.pk] == ["ensamhet"]

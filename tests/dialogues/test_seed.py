"""The 2021 conference is loaded verbatim, completely and only once."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from dialogues.models import Conference, Dialogue, DialogueQuestion, Note, NoteTheme, Theme
from dialogues.services.seed import SEED_FILE, conference_load_seed

pytestmark = pytest.mark.django_db

SOURCE_NAME = "002_0dd5fba53aa59a58.txt"
DIALOGUES = 2
QUESTIONS = {"Psykisk hälsa": 4, "Framtidsfokus": 3}
NOTES = {"Psykisk hälsa": 25, "Framtidsfokus": 44}


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _source_text() -> str:
    source = Path(settings.BASE_DIR).parent / "shared" / "seeds" / SOURCE_NAME
    if not source.exists():
        pytest.skip(f"{source} is absent (CI checks shared/ out beside the clone)")
    return _collapse(source.read_text(encoding="utf-8"))


def _loaded_texts(conference: Conference) -> list[tuple[str, str]]:
    """Every text loaded from the document, labelled with where it comes from."""
    texts = [("introduction", conference.introduction)]
    for dialogue in conference.dialogues.all():
        texts.append((f"introduction of {dialogue}", dialogue.introduction))
        texts.extend(
            (f"summary paragraph of {dialogue}", p) for p in dialogue.summary.split("\n\n")
        )
        texts.extend((f"question of {dialogue}", q.text) for q in dialogue.questions.all())
        texts.extend((f"note of {dialogue}", n.text) for n in dialogue.notes.all())
    texts.extend(("theme", theme.name) for theme in conference.themes.all())
    return texts


def test_every_loaded_text_is_verbatim_from_the_document() -> None:
    source = _source_text()
    conference, created = conference_load_seed()
    assert created
    for where, text in _loaded_texts(conference):
        assert text.strip(), where
        assert _collapse(text) in source, f"{where} is not in the document: {text!r}"


def test_theme_keywords_are_words_of_the_document() -> None:
    source = _source_text().casefold()
    conference_load_seed()
    for theme in Theme.objects.all():
        assert theme.keyword_list(), theme
        for keyword in theme.keyword_list():
            assert keyword.casefold() in source, keyword


def test_headings_are_the_documents_in_sentence_case() -> None:
    source = _source_text().casefold()
    conference, _created = conference_load_seed()
    for heading in [conference.name, conference.description, *QUESTIONS]:
        assert _collapse(heading).casefold() in source


def test_counts_are_pinned() -> None:
    conference, _created = conference_load_seed()
    dialogues = list(conference.dialogues.order_by("position"))
    assert [d.title for d in dialogues] == list(QUESTIONS)
    assert len(dialogues) == DIALOGUES
    for dialogue in dialogues:
        assert dialogue.questions.count() == QUESTIONS[dialogue.title]
        assert dialogue.notes.count() == NOTES[dialogue.title]
    assert Note.objects.count() == sum(NOTES.values())
    assert DialogueQuestion.objects.count() == sum(QUESTIONS.values())


def test_notes_keep_their_sub_lines_and_join_wrapped_lines() -> None:
    conference_load_seed()
    with_sub_lines = Note.objects.get(text__startswith="Nackdelar strukturerad samverkan:")
    assert with_sub_lines.text == (
        "Nackdelar strukturerad samverkan:\nMissgynnar mindre aktörer\nMindre förändringar"
    )
    # The note that runs over a page break in the PDF keeps all its sub-lines.
    across_pages = Note.objects.get(text__startswith="Psykisk hälsa:\n")
    assert "”hitta sin flock”" in across_pages.text.splitlines()
    assert across_pages.text.splitlines()[-1].startswith("En del av ett sammanhang")
    wrapped = Note.objects.get(text__startswith="Vilka är det som inte")
    assert "\n" not in wrapped.text


def test_dialogues_are_closed_with_published_summaries_and_their_questions_in_order() -> None:
    conference, _created = conference_load_seed()
    first = conference.dialogues.get(position=1)
    assert first.manual_state == Dialogue.ManualState.CLOSED
    assert first.summary_published
    assert first.summary.count("\n\n") == 2
    assert first.questions.first().text == "Vilka för-/nackdelar finns med strukturerad samverkan?"
    assert first.questions.last().text == "Om inte – varför då?"
    assert str(conference.date) == "2021-11-18"
    assert all(note.question_id is None for note in Note.objects.all())


def test_themes_are_the_summarys_with_accepted_links() -> None:
    data: dict[str, Any] = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
    conference, _created = conference_load_seed()
    summary = _collapse(" ".join(d.summary for d in conference.dialogues.all()))
    for theme in Theme.objects.all():
        assert theme.name in summary
    assert NoteTheme.objects.exclude(status=NoteTheme.Status.ACCEPTED).count() == 0
    tagged = sum(len(n.get("themes", [])) for d in data["dialogues"] for n in d["notes"])
    assert NoteTheme.objects.count() == tagged
    # The summary of Framtidsfokus: psykisk hälsa most often, then utanförskap, ensamhet and
    # föreningsutveckling.
    framtidsfokus = conference.dialogues.get(title="Framtidsfokus")

    def count(name: str) -> int:
        return NoteTheme.objects.filter(note__dialogue=framtidsfokus, theme__name=name).count()

    assert count("psykisk hälsa") > count("utanförskap") >= count("ensamhet")
    assert count("ensamhet") >= count("föreningsutveckling") > 0


def test_loading_twice_changes_nothing() -> None:
    first, created = conference_load_seed()
    counts = (Conference.objects.count(), Note.objects.count(), NoteTheme.objects.count())
    again, created_again = conference_load_seed()
    assert created and not created_again
    assert again == first
    assert (Conference.objects.count(), Note.objects.count(), NoteTheme.objects.count()) == counts


def test_load_seed_content_loads_the_conference() -> None:
    call_command("load_seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Conference.objects.filter(slug="starkare-an-forr-2021").count() == 1
    assert Note.objects.count() == sum(NOTES.values())

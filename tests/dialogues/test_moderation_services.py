"""Moderation services and theme selectors: hiding, marking themes, suggestions, merging, counts."""

import pytest
from django.core.exceptions import ValidationError

from dialogues.models import Note, NoteTheme, Theme
from dialogues.selectors.themes import theme_counts, themes_with_counts
from dialogues.services import moderation as services
from dialogues.services.seed import conference_load_seed
from hok.models import User
from tests.dialogues.factories import (
    ConferenceFactory,
    DialogueFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)
from tests.factories import WorkingGroupUserFactory

pytestmark = pytest.mark.django_db

Status = NoteTheme.Status


@pytest.fixture
def moderator() -> User:
    return WorkingGroupUserFactory()


@pytest.fixture
def dialogue():
    return DialogueFactory(title="Framtidsfokus")


def status_of(note: Note, theme: Theme) -> str | None:
    link = NoteTheme.objects.filter(note=note, theme=theme).first()
    return link.status if link else None


class TestHide:
    def test_hide_keeps_reason_and_acting_user(self, dialogue, moderator) -> None:
        note = NoteFactory(dialogue=dialogue, text="Ring Anna på 070-123 45 67")
        services.note_hide(note=note, by=moderator, reason="  Innehåller   ett telefonnummer ")
        note.refresh_from_db()
        assert note.hidden
        assert note.hidden_reason == "Innehåller ett telefonnummer"
        assert note.hidden_by == moderator

    @pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
    def test_hide_requires_a_reason(self, dialogue, moderator, reason: str) -> None:
        note = NoteFactory(dialogue=dialogue)
        with pytest.raises(ValidationError) as caught:
            services.note_hide(note=note, by=moderator, reason=reason)
        assert caught.value.error_list[0].code == "reason"
        assert "Skriv varför" in caught.value.messages[0]
        note.refresh_from_db()
        assert not note.hidden

    def test_reason_too_long(self, dialogue, moderator) -> None:
        note = NoteFactory(dialogue=dialogue)
        with pytest.raises(ValidationError, match="högst 300 tecken"):
            services.note_hide(note=note, by=moderator, reason="x" * 301)
        note.refresh_from_db()
        assert not note.hidden

    def test_unhide_clears_reason_and_user(self, dialogue, moderator) -> None:
        note = NoteFactory(dialogue=dialogue)
        services.note_hide(note=note, by=moderator, reason="Namn")
        services.note_unhide(note=note, by=moderator)
        note.refresh_from_db()
        assert not note.hidden
        assert note.hidden_reason == ""
        assert note.hidden_by is None

    def test_unhide_a_visible_note_changes_nothing(self, dialogue, moderator) -> None:
        note = NoteFactory(dialogue=dialogue)
        assert not services.note_unhide(note=note, by=moderator).hidden


class TestNoteThemes:
    def test_set_accepts_chosen_and_rejects_unchosen_accepted(self, dialogue, moderator) -> None:
        conference = dialogue.conference
        psykisk, ensam, utanfor, forening = (
            ThemeFactory(conference=conference, name=name)
            for name in ["Psykisk hälsa", "Ensamhet", "Utanförskap", "Föreningsutveckling"]
        )
        note = NoteFactory(dialogue=dialogue)
        NoteThemeFactory(note=note, theme=psykisk, status=Status.SUGGESTED)
        NoteThemeFactory(note=note, theme=ensam, status=Status.ACCEPTED)
        NoteThemeFactory(note=note, theme=forening, status=Status.SUGGESTED)

        services.note_theme_set(note=note, theme_ids=[psykisk.pk, utanfor.pk], by=moderator)

        assert status_of(note, psykisk) == Status.ACCEPTED
        assert status_of(note, utanfor) == Status.ACCEPTED
        assert status_of(note, ensam) == Status.REJECTED
        # A suggestion not chosen is still waiting for a decision.
        assert status_of(note, forening) == Status.SUGGESTED

    def test_set_twice_makes_no_duplicates(self, dialogue, moderator) -> None:
        theme = ThemeFactory(conference=dialogue.conference)
        note = NoteFactory(dialogue=dialogue)
        services.note_theme_set(note=note, theme_ids=[theme.pk], by=moderator)
        services.note_theme_set(note=note, theme_ids=[theme.pk, theme.pk], by=moderator)
        assert NoteTheme.objects.filter(note=note).count() == 1

    def test_set_to_nothing_rejects_every_accepted_theme(self, dialogue, moderator) -> None:
        theme = ThemeFactory(conference=dialogue.conference)
        note = NoteFactory(dialogue=dialogue)
        services.note_theme_set(note=note, theme_ids=[theme.pk], by=moderator)
        services.note_theme_set(note=note, theme_ids=[], by=moderator)
        assert status_of(note, theme) == Status.REJECTED

    def test_theme_of_another_conference_is_refused(self, dialogue, moderator) -> None:
        own = ThemeFactory(conference=dialogue.conference)
        foreign = ThemeFactory(name="Psykisk hälsa")
        note = NoteFactory(dialogue=dialogue)
        with pytest.raises(ValidationError) as caught:
            services.note_theme_set(note=note, theme_ids=[own.pk, foreign.pk], by=moderator)
        assert "finns inte i den här konferensen" in caught.value.messages[0]
        assert not NoteTheme.objects.exists()

    def test_unknown_theme_id_is_refused(self, dialogue, moderator) -> None:
        note = NoteFactory(dialogue=dialogue)
        with pytest.raises(ValidationError):
            services.note_theme_set(note=note, theme_ids=[987654], by=moderator)

    def test_accept_and_reject_a_suggestion(self, dialogue, moderator) -> None:
        link = NoteThemeFactory(note=NoteFactory(dialogue=dialogue), status=Status.SUGGESTED)
        assert services.note_theme_accept(link=link, by=moderator).status == Status.ACCEPTED
        assert services.note_theme_reject(link=link, by=moderator).status == Status.REJECTED
        link.refresh_from_db()
        assert link.status == Status.REJECTED


KEYWORDS = {
    "Psykisk hälsa": "psykisk\nohälsa",
    "Ensamhet": "ensam*\nsocial isolering",
    "Utanförskap": "segregering",
}


class TestSuggest:
    @pytest.fixture
    def themes(self, dialogue) -> dict[str, Theme]:
        return {
            name: ThemeFactory(conference=dialogue.conference, name=name, keywords=keywords)
            for name, keywords in KEYWORDS.items()
        }

    def test_suggests_from_real_notes(self, dialogue, themes, moderator) -> None:
        ohalsa = NoteFactory(
            dialogue=dialogue, text="Har vi verkligen löst frågan om psykisk ohälsa?"
        )
        ensam = NoteFactory(
            dialogue=dialogue, text="Ofrivillig ensamhet – ett stort och kanske dolt problem"
        )
        none = NoteFactory(dialogue=dialogue, text="Matchmaking")

        added = services.themes_suggest(dialogue=dialogue, by=moderator)

        assert added == 2
        assert status_of(ohalsa, themes["Psykisk hälsa"]) == Status.SUGGESTED
        assert status_of(ensam, themes["Ensamhet"]) == Status.SUGGESTED
        assert not NoteTheme.objects.filter(note=none).exists()

    def test_never_re_suggests_a_rejected_theme(self, dialogue, themes, moderator) -> None:
        note = NoteFactory(dialogue=dialogue, text="Psykisk ohälsa")
        services.themes_suggest(dialogue=dialogue, by=moderator)
        link = NoteTheme.objects.get(note=note)
        services.note_theme_reject(link=link, by=moderator)

        assert services.themes_suggest(dialogue=dialogue, by=moderator) == 0
        assert status_of(note, themes["Psykisk hälsa"]) == Status.REJECTED

    def test_never_re_suggests_a_theme_unticked_by_hand(self, dialogue, themes, moderator) -> None:
        note = NoteFactory(dialogue=dialogue, text="Psykisk ohälsa")
        theme = themes["Psykisk hälsa"]
        services.note_theme_set(note=note, theme_ids=[theme.pk], by=moderator)
        services.note_theme_set(note=note, theme_ids=[], by=moderator)
        assert services.themes_suggest(dialogue=dialogue, by=moderator) == 0
        assert status_of(note, theme) == Status.REJECTED

    def test_accepted_themes_stay_accepted(self, dialogue, themes, moderator) -> None:
        note = NoteFactory(dialogue=dialogue, text="Psykisk ohälsa")
        theme = themes["Psykisk hälsa"]
        services.note_theme_set(note=note, theme_ids=[theme.pk], by=moderator)
        assert services.themes_suggest(dialogue=dialogue, by=moderator) == 0
        assert status_of(note, theme) == Status.ACCEPTED

    def test_running_twice_adds_nothing_more(self, dialogue, themes, moderator) -> None:
        NoteFactory(dialogue=dialogue, text="Psykisk ohälsa och ensamhet")
        assert services.themes_suggest(dialogue=dialogue, by=moderator) == 2
        assert services.themes_suggest(dialogue=dialogue, by=moderator) == 0
        assert NoteTheme.objects.count() == 2

    def test_hidden_notes_and_other_dialogues_are_left_alone(
        self, dialogue, themes, moderator
    ) -> None:
        hidden = NoteFactory(dialogue=dialogue, text="Psykisk ohälsa", hidden=True)
        other = NoteFactory(
            dialogue=DialogueFactory(conference=dialogue.conference), text="Psykisk ohälsa"
        )
        assert services.themes_suggest(dialogue=dialogue, by=moderator) == 0
        assert not NoteTheme.objects.filter(note__in=[hidden, other]).exists()

    def test_themes_of_other_conferences_are_not_used(self, dialogue, moderator) -> None:
        ThemeFactory(name="Psykisk hälsa", keywords="psykisk")
        NoteFactory(dialogue=dialogue, text="Psykisk ohälsa")
        assert services.themes_suggest(dialogue=dialogue, by=moderator) == 0

    def test_no_themes_no_suggestions(self, dialogue, moderator) -> None:
        NoteFactory(dialogue=dialogue, text="Psykisk ohälsa")
        assert services.themes_suggest(dialogue=dialogue, by=moderator) == 0


class TestThemes:
    def test_create_cleans_name_and_keywords(self, dialogue, moderator) -> None:
        theme = services.theme_create(
            conference=dialogue.conference,
            name="  Psykisk   hälsa ",
            keywords="psykisk\n\n  ohälsa \nPsykisk\n",
            by=moderator,
        )
        assert theme.name == "Psykisk hälsa"
        assert theme.keywords == "psykisk\nohälsa"

    @pytest.mark.parametrize(
        ("name", "keywords", "message"),
        [
            ("", "", "Skriv temats namn."),
            ("x" * 101, "", "högst 100 tecken"),
            ("Ensamhet", "–", "minst ett ord"),
            ("Ensamhet", "en*", "minst 3 bokstäver"),
        ],
    )
    def test_create_refuses_bad_input(self, dialogue, moderator, name, keywords, message) -> None:
        with pytest.raises(ValidationError) as caught:
            services.theme_create(
                conference=dialogue.conference, name=name, keywords=keywords, by=moderator
            )
        assert any(message in text for text in caught.value.messages)
        assert not Theme.objects.exists()

    def test_name_is_unique_per_conference_case_insensitively(self, dialogue, moderator) -> None:
        services.theme_create(conference=dialogue.conference, name="Ensamhet", by=moderator)
        with pytest.raises(ValidationError, match="finns redan ett tema"):
            services.theme_create(conference=dialogue.conference, name="ENSAMHET", by=moderator)
        # Another conference may have its own "Ensamhet".
        services.theme_create(conference=ConferenceFactory(), name="Ensamhet", by=moderator)

    def test_update_renames_and_replaces_keywords(self, dialogue, moderator) -> None:
        theme = ThemeFactory(conference=dialogue.conference, name="Psyk", keywords="psyk")
        services.theme_update(
            theme=theme, name="Psykisk hälsa", keywords="psykisk\nohälsa", by=moderator
        )
        theme.refresh_from_db()
        assert (theme.name, theme.keywords) == ("Psykisk hälsa", "psykisk\nohälsa")

    def test_update_may_change_only_the_case_of_its_own_name(self, dialogue, moderator) -> None:
        theme = ThemeFactory(conference=dialogue.conference, name="ensamhet")
        services.theme_update(theme=theme, name="Ensamhet", keywords="", by=moderator)
        theme.refresh_from_db()
        assert theme.name == "Ensamhet"

    def test_update_refuses_the_name_of_another_theme(self, dialogue, moderator) -> None:
        ThemeFactory(conference=dialogue.conference, name="Ensamhet")
        theme = ThemeFactory(conference=dialogue.conference, name="Isolering")
        with pytest.raises(ValidationError, match="finns redan"):
            services.theme_update(theme=theme, name="ensamhet", keywords="", by=moderator)
        theme.refresh_from_db()
        assert theme.name == "Isolering"


class TestMerge:
    @pytest.fixture
    def pair(self, dialogue) -> tuple[Theme, Theme]:
        source = ThemeFactory(
            conference=dialogue.conference, name="Psykisk ohälsa", keywords="ohälsa\npsykiatri"
        )
        target = ThemeFactory(
            conference=dialogue.conference, name="Psykisk hälsa", keywords="psykisk\nohälsa"
        )
        return source, target

    def test_moves_accepted_links_without_duplicates(self, dialogue, pair, moderator) -> None:
        source, target = pair
        only_source = NoteFactory(dialogue=dialogue)
        both = NoteFactory(dialogue=dialogue)
        suggested_for_target = NoteFactory(dialogue=dialogue)
        suggested_for_source = NoteFactory(dialogue=dialogue)
        NoteThemeFactory(note=only_source, theme=source, status=Status.ACCEPTED)
        NoteThemeFactory(note=both, theme=source, status=Status.ACCEPTED)
        NoteThemeFactory(note=both, theme=target, status=Status.ACCEPTED)
        NoteThemeFactory(note=suggested_for_target, theme=source, status=Status.ACCEPTED)
        NoteThemeFactory(note=suggested_for_target, theme=target, status=Status.REJECTED)
        NoteThemeFactory(note=suggested_for_source, theme=source, status=Status.SUGGESTED)

        services.theme_merge(source=source, target=target, by=moderator)

        assert not Theme.objects.filter(pk=source.pk).exists()
        assert set(
            NoteTheme.objects.filter(theme=target, status=Status.ACCEPTED).values_list(
                "note_id", flat=True
            )
        ) == {only_source.pk, both.pk, suggested_for_target.pk}
        assert NoteTheme.objects.filter(theme=target, note=both).count() == 1
        # Source's mere suggestion went with it.
        assert not NoteTheme.objects.filter(note=suggested_for_source).exists()
        assert dict(theme_counts(conference=dialogue.conference)) == {target: 3}

    def test_keywords_and_name_join_the_target(self, pair, moderator) -> None:
        source, target = pair
        merged = services.theme_merge(source=source, target=target, by=moderator)
        assert merged.keywords.splitlines() == ["psykisk", "ohälsa", "Psykisk ohälsa", "psykiatri"]

    def test_feedback_is_appended_and_unpublished_stays_unpublished(self, pair, moderator) -> None:
        source, target = pair
        source.feedback, source.feedback_published = "Vi bjuder in psykiatrin.", False
        source.save()
        target.feedback, target.feedback_published = "Vi tar fram en modell.", True
        target.save()
        merged = services.theme_merge(source=source, target=target, by=moderator)
        merged.refresh_from_db()
        assert merged.feedback == "Vi tar fram en modell.\n\nVi bjuder in psykiatrin."
        assert not merged.feedback_published

    def test_feedback_of_target_alone_keeps_its_publication(self, pair, moderator) -> None:
        source, target = pair
        target.feedback, target.feedback_published = "Vi tar fram en modell.", True
        target.save()
        merged = services.theme_merge(source=source, target=target, by=moderator)
        merged.refresh_from_db()
        assert merged.feedback_published

    def test_merging_a_theme_into_itself_is_refused(self, pair, moderator) -> None:
        source, _target = pair
        with pytest.raises(ValidationError, match="sig självt"):
            services.theme_merge(source=source, target=source, by=moderator)
        assert Theme.objects.filter(pk=source.pk).exists()

    def test_merging_across_conferences_is_refused(self, pair, moderator) -> None:
        source, _target = pair
        foreign = ThemeFactory()
        with pytest.raises(ValidationError, match="samma konferens"):
            services.theme_merge(source=source, target=foreign, by=moderator)
        assert Theme.objects.filter(pk=source.pk).exists()


class TestCounts:
    def test_counts_only_accepted_links_of_visible_notes(self, dialogue) -> None:
        conference = dialogue.conference
        psykisk = ThemeFactory(conference=conference, name="Psykisk hälsa")
        ensam = ThemeFactory(conference=conference, name="Ensamhet")
        tom = ThemeFactory(conference=conference, name="Ålderism")
        for status in [Status.ACCEPTED, Status.ACCEPTED, Status.SUGGESTED, Status.REJECTED]:
            NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=psykisk, status=status)
        NoteThemeFactory(note=NoteFactory(dialogue=dialogue, hidden=True), theme=psykisk)
        NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=ensam)

        assert theme_counts(conference=conference) == [(psykisk, 2), (ensam, 1), (tom, 0)]

    def test_counts_per_dialogue(self, dialogue) -> None:
        conference = dialogue.conference
        other = DialogueFactory(conference=conference)
        theme = ThemeFactory(conference=conference, name="Utanförskap")
        NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=theme)
        NoteThemeFactory(note=NoteFactory(dialogue=other), theme=theme)
        NoteThemeFactory(note=NoteFactory(dialogue=other), theme=theme)

        assert theme_counts(conference=conference) == [(theme, 3)]
        assert theme_counts(conference=conference, dialogue=dialogue) == [(theme, 1)]
        assert theme_counts(conference=conference, dialogue=other) == [(theme, 2)]

    def test_other_conferences_themes_are_not_listed(self, dialogue) -> None:
        ThemeFactory()
        assert theme_counts(conference=dialogue.conference) == []

    def test_ties_are_ordered_by_name(self, dialogue) -> None:
        conference = dialogue.conference
        b = ThemeFactory(conference=conference, name="Barnkonventionen")
        a = ThemeFactory(conference=conference, name="Agenda 2030")
        assert [theme for theme, _ in theme_counts(conference=conference)] == [a, b]

    def test_one_query(self, dialogue, django_assert_num_queries) -> None:
        conference = dialogue.conference
        for name in ["A", "B", "C"]:
            theme = ThemeFactory(conference=conference, name=name)
            NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=theme)
        with django_assert_num_queries(1):
            counts = theme_counts(conference=conference, dialogue=dialogue)
            names = [theme.name for theme, _ in counts]
        assert names == ["A", "B", "C"]

    def test_annotated_queryset(self, dialogue) -> None:
        theme = ThemeFactory(conference=dialogue.conference)
        NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=theme)
        assert themes_with_counts(conference=dialogue.conference).get().note_count == 1


class TestSuggestOnTheRealConference:
    """The 2021 conference from the seed: its keyword lists find every theme the working group
    marked by hand in the compilation (and a few more, which the moderator then rejects)."""

    def test_finds_every_theme_the_working_group_marked(self, moderator) -> None:
        conference, _created = conference_load_seed()
        marked = set(NoteTheme.objects.values_list("note_id", "theme_id"))
        assert len(marked) > 30
        NoteTheme.objects.all().delete()

        for dialogue in conference.dialogues.all():
            services.themes_suggest(dialogue=dialogue, by=moderator)

        suggested = set(NoteTheme.objects.values_list("note_id", "theme_id"))
        assert marked <= suggested
        assert len(suggested) <= len(marked) * 1.25
        assert set(NoteTheme.objects.values_list("status", flat=True)) == {Status.SUGGESTED}

    def test_psykisk_ohalsa_note(self, moderator) -> None:
        conference, _created = conference_load_seed()
        note = Note.objects.get(text="Har vi verkligen löst frågan om psykisk ohälsa?")
        NoteTheme.objects.filter(note=note).delete()
        services.themes_suggest(dialogue=note.dialogue, by=moderator)
        assert [link.theme.name for link in note.theme_links.all()] == ["psykisk hälsa"]

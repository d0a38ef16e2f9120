"""Comparing versions: part by part, word by word."""

import pytest

from agreements.comparison import (
    ChangeKind,
    Fragment,
    compare_documents,
    paragraph_diff,
    word_diff,
)
from agreements.models import AgreementVersion
from agreements.selectors import agreement_document
from agreements.services import version_copy
from hok.text import normalize_text
from tests.factories import PrincipleFactory, SectionFactory


def _text(fragments: list[Fragment], kind: str) -> str:
    return "".join(f.text for f in fragments if f.kind == kind)


class TestWordDiff:
    def test_equal_texts_are_one_same_fragment(self) -> None:
        assert word_diff("Dialog och samverkan", "Dialog och samverkan") == [
            Fragment("same", "Dialog och samverkan")
        ]

    def test_a_replaced_word(self) -> None:
        assert word_diff("Arbeta för ett gemensamt språk.", "Arbeta för ett tydligt språk.") == [
            Fragment("same", "Arbeta för ett "),
            Fragment("deleted", "gemensamt"),
            Fragment("inserted", "tydligt"),
            Fragment("same", " språk."),
        ]

    def test_an_inserted_word(self) -> None:
        fragments = word_diff("öka kunskapen", "öka den gemensamma kunskapen")
        assert _text(fragments, "inserted") == "den gemensamma "
        assert _text(fragments, "deleted") == ""
        assert _text(fragments, "same") == "öka kunskapen"

    def test_a_deleted_word(self) -> None:
        fragments = word_diff("stärka och utveckla", "stärka")
        assert _text(fragments, "deleted") == " och utveckla"
        assert _text(fragments, "inserted") == ""

    def test_the_fragments_rebuild_both_texts(self) -> None:
        old = "Genom dialog kan parterna\nhitta områden där de kompletterar varandra."
        new = "Genom samtal kan  parterna hitta nya områden där de stärker varandra!"
        fragments = word_diff(old, new)
        assert "".join(f.text for f in fragments if f.kind != "inserted") == old
        assert "".join(f.text for f in fragments if f.kind != "deleted") == new

    def test_empty_texts(self) -> None:
        assert word_diff("", "") == []
        assert word_diff("", "ny text") == [Fragment("inserted", "ny text")]
        assert word_diff("gammal text", "") == [Fragment("deleted", "gammal text")]


@pytest.mark.django_db
class TestCompareDocuments:
    def test_a_version_against_itself_is_all_unchanged(self, seed: AgreementVersion) -> None:
        document = agreement_document(number=1)
        changes = compare_documents(document, document)
        # 5 sections, 6 principles and the goals.
        assert len(changes) == 12
        assert {change.kind for change in changes} == {ChangeKind.UNCHANGED}
        assert all(f.kind == "same" for change in changes for f in change.fragments)

    def test_an_unchanged_copy_is_all_unchanged(self, seed: AgreementVersion) -> None:
        version_copy(source=seed)
        changes = compare_documents(agreement_document(number=1), agreement_document(number=2))
        assert [c.kind for c in changes] == [ChangeKind.UNCHANGED] * 12

    def test_an_edited_action_changes_only_its_principle(self, seed: AgreementVersion) -> None:
        draft = version_copy(source=seed)
        action = draft.principles.get(number=3).actions.get(position=3)
        assert action.text == "Hitta former för gemensamt språkbruk."
        action.text = "Hitta former för tydligt och begripligt språkbruk."
        action.save()

        changes = compare_documents(agreement_document(number=1), agreement_document(number=2))

        changed = [c for c in changes if c.kind == ChangeKind.CHANGED]
        assert [(c.key, c.heading) for c in changed] == [("principle:3", "3. Öppenhet och insyn")]
        fragments = changed[0].fragments
        assert "gemensamt" in _text(fragments, "deleted")
        assert "tydligt" in _text(fragments, "inserted")
        assert "begripligt" in _text(fragments, "inserted")
        assert "språkbruk" not in _text(fragments, "inserted")
        assert sum(c.kind == ChangeKind.UNCHANGED for c in changes) == 11

    def test_parts_in_the_new_version_order(self, seed: AgreementVersion) -> None:
        changes = compare_documents(agreement_document(number=1), agreement_document(number=1))
        assert [c.key for c in changes] == [
            "section:inledning",
            "section:regionens-ingang",
            "section:ideburen-sektor",
            "section:principerna",
            "principle:1",
            "principle:2",
            "principle:3",
            "principle:4",
            "principle:5",
            "principle:6",
            "section:genomforande",
            "goals",
        ]

    def test_a_renamed_principle_is_changed(self, seed: AgreementVersion) -> None:
        draft = version_copy(source=seed)
        draft.principles.filter(number=6).update(title="Kvalitet och uppföljning")
        changes = compare_documents(agreement_document(number=1), agreement_document(number=2))
        change = next(c for c in changes if c.key == "principle:6")
        assert change.kind == ChangeKind.CHANGED
        assert change.heading == "6. Kvalitet och uppföljning"
        assert "uppföljning" in _text(change.fragments, "inserted")

    def test_added_and_removed_parts(self, seed: AgreementVersion) -> None:
        draft = version_copy(source=seed)
        draft.sections.filter(slug="regionens-ingang").delete()
        SectionFactory(
            version=draft,
            position=9,
            slug="uppfoljning",
            heading="Uppföljning",
            body="Parterna följer upp varje år.",
        )
        PrincipleFactory(version=draft, number=7, slug="larande", title="Lärande")

        changes = {
            c.key: c
            for c in compare_documents(agreement_document(number=1), agreement_document(number=2))
        }

        removed = changes["section:regionens-ingang"]
        assert removed.kind == ChangeKind.REMOVED
        assert removed.fragments[0].kind == "deleted"
        assert "Region Hallands motiv" in removed.fragments[0].text
        added = changes["section:uppfoljning"]
        assert added.kind == ChangeKind.ADDED
        assert added.fragments == [Fragment("inserted", "Parterna följer upp varje år.")]
        assert changes["principle:7"].kind == ChangeKind.ADDED
        assert changes["principle:7"].heading == "7. Lärande"
        assert changes["principle:1"].kind == ChangeKind.UNCHANGED


class TestNormalisedText:
    def test_line_endings_spaces_and_composition(self) -> None:
        decomposed = "Sa\u0308rskilt  \r\nviktigt\r\n\r\n\r\nNytt stycke \t"
        assert normalize_text(decomposed) == "S\u00e4rskilt\nviktigt\n\nNytt stycke"

    @pytest.mark.django_db
    def test_saving_normalises_what_the_admin_typed(self, seed: AgreementVersion) -> None:
        section = seed.sections.first()
        section.body = "Första stycket.  \r\n\r\nAndra stycket.\r\n"
        section.save()
        section.refresh_from_db()
        assert section.body == "Första stycket.\n\nAndra stycket."

    def test_paragraph_diff_keeps_unchanged_paragraphs_apart(self) -> None:
        old = "Ett.\n\nTvå.\n\nTre."
        new = "Ett.\r\n\r\nTvå, ändrad.\r\n\r\nTre."
        paragraphs = paragraph_diff(old, new)
        assert [p.changed for p in paragraphs] == [False, True, False]
        assert "ändrad." in _text(paragraphs[1].fragments, "inserted")

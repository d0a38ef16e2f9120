"""The real agreement is loaded verbatim, completely and only once."""

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from agreements.models import (
    Action,
    AgreementVersion,
    Goal,
    Principle,
    Responsibility,
    Section,
)
from agreements.selectors import agreement_document
from agreements.services import SEED_FILE, agreement_load_seed

# The checksum of version 1's canonical Swedish text. Signatures will point at it: if this
# changes, the text people sign has changed, which must never happen by accident.
PINNED_SHA256 = "65ca881df1b382f178c09d69ce7f27d733865b78c68e8029cdcca624f9db6df5"
SOURCE_NAME = "001_7474d412af77d547.txt"
# The source PDF has no heading above its opening paragraphs; the portal names that part.
HEADINGS_ADDED_BY_THE_PORTAL = {"Inledning"}

PRINCIPLES = [
    (1, "dialog", "Dialog", 3),
    (2, "langsiktighet", "Långsiktighet", 5),
    (3, "oppenhet-och-insyn", "Öppenhet och insyn", 4),
    (4, "sjalvstandighet-och-oberoende", "Självständighet och oberoende", 2),
    (5, "mangfald", "Mångfald", 5),
    (6, "kvalitet", "Kvalitet", 5),
]


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _seed_data() -> dict[str, Any]:
    return yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))


def _source_text() -> str:
    source = Path(settings.BASE_DIR).parent / "shared" / "seeds" / SOURCE_NAME
    if not source.exists():
        pytest.skip(f"{source} is absent (CI checks shared/ out beside the clone)")
    return _collapse(source.read_text(encoding="utf-8").replace("\uf0b7", ""))


def _swedish_strings(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Every Swedish text of the seed file, labelled with where it comes from."""
    strings = [("title", data["title"]), ("goals heading", data["goals"]["heading"])]
    for section in data["sections"]:
        if section["heading"] not in HEADINGS_ADDED_BY_THE_PORTAL:
            strings.append((f"heading of {section['slug']}", section["heading"]))
        for paragraph in section["body"].split("\n\n"):
            strings.append((f"paragraph of {section['slug']}", paragraph))
    for principle in data["principles"]:
        label = f"principle {principle['number']}"
        strings.append((f"{label} title", f"{principle['number']}. {principle['title']}"))
        for paragraph in principle["intro"].split("\n\n"):
            strings.append((f"{label} intro", paragraph))
        strings += [(f"{label} action", a["text"]) for a in principle["actions"]]
        strings += [(f"{label} responsibility", r["text"]) for r in principle["responsibilities"]]
    strings += [("goal", goal["text"]) for goal in data["goals"]["items"]]
    return [(label, text) for label, text in strings if text.strip()]


def _english_fields(node: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every `*_en` value in the seed file, with its path."""
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_en"):
                found.append((f"{path}.{key}", value))
            found += _english_fields(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _english_fields(value, f"{path}[{index}]")
    return found


class TestSeedContent:
    def test_loads_one_version_with_every_part(self, seed: AgreementVersion) -> None:
        assert AgreementVersion.objects.count() == 1
        assert seed.number == 1
        assert seed.title == "Överenskommelse mellan idéburna sektorn i Halland och Region Halland"
        assert seed.adopted_year == 2019
        assert seed.is_current
        assert seed.is_adopted
        assert Principle.objects.count() == 6
        assert Action.objects.count() == 24
        assert Responsibility.objects.count() == 12
        assert Goal.objects.count() == 7
        assert Section.objects.count() == 5

    def test_principles_in_order_with_their_actions(self, seed: AgreementVersion) -> None:
        principles = list(seed.principles.order_by("number"))
        assert [(p.number, p.slug, p.title, p.actions.count()) for p in principles] == PRINCIPLES

    def test_actions_keep_their_order(self, seed: AgreementVersion) -> None:
        dialog = seed.principles.get(slug="dialog")
        assert [a.position for a in dialog.actions.all()] == [1, 2, 3]
        assert dialog.actions.first().text == (
            "Sammanställa information om vilka processer som pågår och hur parterna kan delta."
        )

    def test_each_principle_has_two_responsibilities_signatories_then_working_group(
        self, seed: AgreementVersion
    ) -> None:
        for principle in seed.principles.all():
            bearers = [r.bearer for r in principle.responsibilities.order_by("position")]
            assert bearers == [
                Responsibility.Bearer.ALL_SIGNATORIES,
                Responsibility.Bearer.WORKING_GROUP,
            ], principle.title

    def test_sections_placed_around_the_principles(self, seed: AgreementVersion) -> None:
        sections = list(seed.sections.order_by("position"))
        assert [(s.slug, s.placement) for s in sections] == [
            ("inledning", Section.Placement.BEFORE_PRINCIPLES),
            ("regionens-ingang", Section.Placement.BEFORE_PRINCIPLES),
            ("ideburen-sektor", Section.Placement.BEFORE_PRINCIPLES),
            ("principerna", Section.Placement.BEFORE_PRINCIPLES),
            ("genomforande", Section.Placement.AFTER_PRINCIPLES),
        ]

    def test_goals_heading_and_first_goal(self, seed: AgreementVersion) -> None:
        assert seed.goals_heading == "Målbild 2024"
        first_goal = seed.goals.order_by("position").first()
        assert first_goal.text.startswith(
            "Samverkan och samarbeten mellan de undertecknande parterna"
        )


class TestChecksum:
    def test_sha_is_the_sha256_of_the_canonical_text(self, seed: AgreementVersion) -> None:
        document = agreement_document()
        assert document is not None
        expected = hashlib.sha256(document.canonical_text().encode("utf-8")).hexdigest()
        assert seed.text_sha256 == expected

    def test_sha_is_pinned(self, seed: AgreementVersion) -> None:
        assert seed.text_sha256 == PINNED_SHA256

    def test_canonical_text_reads_in_document_order(self, seed: AgreementVersion) -> None:
        text = agreement_document().canonical_text()
        assert text.startswith(seed.title + "\n\nInledning\n\n2008 undertecknades")
        order = [
            "Regionens ingång",
            "1. Dialog",
            "Åtgärder:\n- Sammanställa information",
            "6. Kvalitet",
            "Genomförande",
            "Målbild 2024",
        ]
        positions = [text.index(marker) for marker in order]
        assert positions == sorted(positions)
        assert text.endswith("unika uppdrag.\n")


class TestLoadingTwice:
    def test_second_load_changes_nothing(self, seed: AgreementVersion) -> None:
        version, created = agreement_load_seed()
        assert created is False
        assert version.pk == seed.pk
        assert AgreementVersion.objects.count() == 1
        assert Principle.objects.count() == 6
        assert Action.objects.count() == 24
        assert Responsibility.objects.count() == 12
        assert Goal.objects.count() == 7
        assert Section.objects.count() == 5

    def test_first_load_reports_created(self, db: None) -> None:
        version, created = agreement_load_seed()
        assert created is True
        assert version.text_sha256 == PINNED_SHA256

    def test_management_command_is_idempotent(self, db: None, capsys) -> None:
        call_command("load_seed_content")
        first = capsys.readouterr().out
        call_command("load_seed_content")
        second = capsys.readouterr().out
        assert "loaded" in first and PINNED_SHA256 in first
        assert "already present" in second
        assert AgreementVersion.objects.count() == 1
        assert Action.objects.count() == 24


class TestVerbatim:
    def test_every_swedish_text_is_in_the_source_document(self) -> None:
        source = _source_text()
        strings = _swedish_strings(_seed_data())
        assert len(strings) > 70
        missing = [(label, text) for label, text in strings if _collapse(text) not in source]
        assert missing == []

    def test_the_check_catches_a_paraphrase(self) -> None:
        source = _source_text()
        assert _collapse("Genom dialog kan Region Halland och den idéburna sektorn") in source
        assert _collapse("Genom samtal kan Region Halland och den idéburna sektorn") not in source

    def test_every_english_field_is_filled_in(self) -> None:
        fields = _english_fields(_seed_data())
        # title, goals heading, 5 sections x 2, 6 principles x 2, 24 actions, 12 duties, 7 goals
        assert len(fields) == 2 + 10 + 12 + 24 + 12 + 7
        empty = [path for path, value in fields if not isinstance(value, str) or not value.strip()]
        assert empty == []

    def test_english_fields_reach_the_database(self, seed: AgreementVersion) -> None:
        assert seed.title_en.startswith("Agreement between")
        assert not Action.objects.filter(text_en="").exists()
        assert not Responsibility.objects.filter(text_en="").exists()
        assert not Goal.objects.filter(text_en="").exists()
        assert not Principle.objects.filter(title_en="").exists()
        assert not Principle.objects.filter(intro_en="").exists()
        assert not Section.objects.filter(heading_en="").exists()
        assert not Section.objects.filter(body_en="").exists()

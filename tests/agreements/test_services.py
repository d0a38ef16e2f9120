"""Versions: copying a draft, adopting it, and the rules the database keeps."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import AgreementVersion
from agreements.selectors import agreement_document
from agreements.services import version_adopt, version_copy
from tests.factories import (
    ActionFactory,
    AgreementVersionFactory,
    GoalFactory,
    PrincipleFactory,
    ResponsibilityFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def _counts(version: AgreementVersion) -> dict[str, int]:
    principles = version.principles.all()
    return {
        "sections": version.sections.count(),
        "principles": principles.count(),
        "actions": sum(p.actions.count() for p in principles),
        "responsibilities": sum(p.responsibilities.count() for p in principles),
        "goals": version.goals.count(),
    }


@pytest.fixture
def draft(seed: AgreementVersion) -> AgreementVersion:
    return version_copy(source=seed)


class TestVersionCopy:
    def test_makes_an_unadopted_draft_numbered_next(
        self, seed: AgreementVersion, draft: AgreementVersion
    ) -> None:
        assert draft.number == 2
        assert draft.text_sha256 == ""
        assert not draft.is_adopted
        assert not draft.is_current
        assert draft.adopted_on is None
        assert draft.title == seed.title
        assert draft.goals_heading == seed.goals_heading

    def test_copies_every_part(self, seed: AgreementVersion, draft: AgreementVersion) -> None:
        assert (
            _counts(draft)
            == _counts(seed)
            == {
                "sections": 5,
                "principles": 6,
                "actions": 24,
                "responsibilities": 12,
                "goals": 7,
            }
        )

    def test_copy_has_the_same_text_and_leaves_the_source_alone(
        self, seed: AgreementVersion, draft: AgreementVersion
    ) -> None:
        assert (
            agreement_document(number=2).canonical_text()
            == agreement_document(number=1).canonical_text()
        )
        seed.refresh_from_db()
        assert seed.is_current
        assert _counts(seed)["actions"] == 24
        # The copy's children are new rows, not the source's moved over.
        source_action_ids = set(seed.principles.values_list("actions__id", flat=True))
        draft_action_ids = set(draft.principles.values_list("actions__id", flat=True))
        assert source_action_ids.isdisjoint(draft_action_ids)

    def test_copy_keeps_order_and_bearers(
        self, seed: AgreementVersion, draft: AgreementVersion
    ) -> None:
        def outline(version: AgreementVersion) -> list[tuple]:
            return [
                (
                    p.number,
                    p.slug,
                    [a.text for a in p.actions.all()],
                    [(r.bearer, r.text) for r in p.responsibilities.all()],
                )
                for p in version.principles.order_by("number")
            ]

        assert outline(draft) == outline(seed)

    def test_copying_twice_numbers_on(self, seed: AgreementVersion) -> None:
        assert version_copy(source=seed).number == 2
        assert version_copy(source=seed).number == 3


class TestVersionAdopt:
    def test_adopting_the_draft_makes_it_current(
        self, seed: AgreementVersion, draft: AgreementVersion
    ) -> None:
        adopted = version_adopt(version=draft, adopted_on=datetime.date(2026, 3, 1), by=None)
        assert adopted.is_current
        assert adopted.adopted_on == datetime.date(2026, 3, 1)
        assert adopted.adopted_year == 2026
        assert adopted.text_sha256 == agreement_document(number=2).sha256()
        # An unchanged copy has the same text, so the same checksum.
        assert adopted.text_sha256 == seed.text_sha256
        seed.refresh_from_db()
        assert not seed.is_current
        assert seed.is_adopted
        assert list(AgreementVersion.objects.filter(is_current=True)) == [adopted]

    def test_an_edited_draft_gets_its_own_checksum(
        self, seed: AgreementVersion, draft: AgreementVersion
    ) -> None:
        action = draft.principles.get(number=3).actions.get(position=3)
        action.text = "Hitta former för ett gemensamt och begripligt språkbruk."
        action.save()
        adopted = version_adopt(version=draft, adopted_on=None, by=None)
        assert adopted.text_sha256 != seed.text_sha256
        assert len(adopted.text_sha256) == 64
        assert adopted.adopted_year is None

    def test_adopt_without_making_current(
        self, seed: AgreementVersion, draft: AgreementVersion
    ) -> None:
        adopted = version_adopt(version=draft, adopted_on=None, make_current=False, by=None)
        assert adopted.is_adopted
        assert not adopted.is_current
        seed.refresh_from_db()
        assert seed.is_current

    def test_adopting_an_adopted_version_is_refused(self, seed: AgreementVersion) -> None:
        with pytest.raises(ValidationError) as error:
            version_adopt(version=seed, adopted_on=datetime.date(2026, 1, 1), by=None)
        assert error.value.messages == ["Version 1 är redan antagen."]
        seed.refresh_from_db()
        assert seed.adopted_on is None
        assert seed.text_sha256

    def test_adopting_twice_is_refused(
        self, seed: AgreementVersion, draft: AgreementVersion
    ) -> None:
        version_adopt(version=draft, adopted_on=None, by=None)
        with pytest.raises(ValidationError, match="redan antagen"):
            version_adopt(version=draft, adopted_on=None, by=None)

    def test_a_version_without_principles_cannot_be_adopted(self) -> None:
        empty = AgreementVersionFactory()
        GoalFactory(version=empty)
        with pytest.raises(ValidationError) as error:
            version_adopt(version=empty, adopted_on=None, by=None)
        assert error.value.messages == ["En version utan principer kan inte antas."]
        empty.refresh_from_db()
        assert not empty.is_adopted

    def test_a_built_version_can_be_adopted(self) -> None:
        version = AgreementVersionFactory()
        SectionFactory(version=version)
        principle = PrincipleFactory(version=version, number=1)
        ActionFactory(principle=principle, text="Göra något bra.")
        ResponsibilityFactory(principle=principle)
        GoalFactory(version=version)
        adopted = version_adopt(version=version, adopted_on=None, by=None)
        assert adopted.is_current
        assert "- Göra något bra." in agreement_document().canonical_text()


class TestDatabaseConstraints:
    def test_two_current_versions_are_impossible(self, seed: AgreementVersion) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            AgreementVersionFactory(number=2, text_sha256="a" * 64, is_current=True)

    def test_two_current_versions_are_impossible_by_update(
        self, seed: AgreementVersion, draft: AgreementVersion
    ) -> None:
        version_adopt(version=draft, adopted_on=None, make_current=False, by=None)
        with pytest.raises(IntegrityError), transaction.atomic():
            AgreementVersion.objects.filter(number=2).update(is_current=True)

    def test_a_current_version_must_be_adopted(self, db: None) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            AgreementVersionFactory(is_current=True, text_sha256="")

    def test_version_numbers_are_unique(self, seed: AgreementVersion) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            AgreementVersionFactory(number=1)

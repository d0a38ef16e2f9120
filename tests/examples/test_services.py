"""The knowledge base's write use cases: the way to publication, its refusals, and the files."""

from collections.abc import Callable
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from PIL import Image

from agreements.models import ActivityArea, Municipality, Principle
from examples import services
from examples.models import Example, ExampleParty, ExampleReview
from hok.models import User
from tests.examples.conftest import World
from tests.examples.factories import ExampleFactory, PublishedExampleFactory
from tests.factories import MembershipFactory, current_version
from tests.uploads import (
    fake_pdf_upload,
    huge_png_bytes,
    pdf_upload,
    png_upload,
    text_upload,
    upload,
)

pytestmark = pytest.mark.django_db
S = Example.Status


def content(**overrides: object) -> services.ExampleContent:
    values: dict[str, object] = {
        "title": "Mötesplats för nyanlända",
        "summary": "En mötesplats på biblioteket.",
        "start_year": 2022,
        "end_year": None,
        "what_was_done": "Vi öppnade en mötesplats.",
        "outcome": "Fler hittade till föreningslivet.",
        "lessons": "Fråga dem det gäller först.",
        "municipalities": list(Municipality.objects.filter(slug="varberg")),
        "principles": list(Principle.objects.filter(version=current_version(), number=2)),
        "areas": list(ActivityArea.objects.order_by("position")[:1]),
    }
    values.update(overrides)
    return services.ExampleContent(**values)  # type: ignore[arg-type]


class TestCreate:
    def test_a_representative_writes_a_draft_with_its_parties(self, world: World) -> None:
        example = services.example_create(
            organisation=world.organisation,
            by=world.representative,
            content=content(
                party_organisations=[world.other_organisation, world.organisation],
                region_units=["Regional utveckling"],
                other_parties=["Varbergs kommun", "varbergs kommun"],
            ),
        )
        assert example.status == S.DRAFT
        assert example.created_by == world.representative
        parties = list(example.parties.order_by("position"))
        # The organisation itself is not its own party; a name typed twice is one party.
        assert [(p.organisation, p.name, p.is_region_unit) for p in parties] == [
            (world.other_organisation, "", False),
            (None, "Regional utveckling", True),
            (None, "Varbergs kommun", False),
        ]
        assert [p.number for p in example.principles.all()] == [2]

    def test_someone_else_cannot_write_for_the_organisation(self, world: World) -> None:
        with pytest.raises(ValidationError):
            services.example_create(
                organisation=world.organisation, by=world.other_member, content=content()
            )
        assert not Example.objects.exists()

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"principles": []}, "principles"),
            ({"municipalities": []}, "municipalities"),
            ({"start_year": 2099}, "start_year"),
            ({"start_year": 2022, "end_year": 2020}, "end_year"),
            ({"other_parties": ["x" * 201]}, "other_parties"),
            ({"other_parties": [f"Part {n}" for n in range(31)]}, "other_parties"),
            (
                {"contact_kind": "person", "contact_name": "Anna", "contact_email": "a@b.se"},
                "contact_consent",
            ),
            (
                {"contact_kind": "person", "contact_consent": True, "contact_email": "a@b.se"},
                "contact_name",
            ),
            ({"title": "x" * 201}, "title"),
            ({"lessons": "x" * 6001}, "lessons"),
        ],
    )
    def test_bad_content_is_refused_in_swedish(
        self, world: World, overrides: dict, field: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            services.example_create(
                organisation=world.organisation,
                by=world.representative,
                content=content(**overrides),
            )
        assert field in caught.value.message_dict
        assert not Example.objects.exists()

    def test_a_contact_person_is_kept_with_the_consent_and_who_recorded_it(
        self, world: World
    ) -> None:
        example = services.example_create(
            organisation=world.organisation,
            by=world.representative,
            content=content(
                contact_kind="person",
                contact_name="Anna Andersson",
                contact_email="anna@example.se",
                contact_consent=True,
            ),
        )
        assert example.contact_consent_at is not None
        assert example.contact_consent_by == world.representative

    def test_switching_to_the_organisation_drops_the_consent(self, world: World) -> None:
        example = services.example_create(
            organisation=world.organisation,
            by=world.representative,
            content=content(
                contact_kind="person",
                contact_name="Anna Andersson",
                contact_email="anna@example.se",
                contact_consent=True,
            ),
        )
        services.example_update(
            example=example,
            by=world.representative,
            content=content(contact_email="info@kustlaget.se"),
        )
        example.refresh_from_db()
        assert example.contact_kind == "organisation"
        assert example.contact_consent_at is None

    def test_the_consent_is_kept_for_the_same_person_and_renewed_for_another(
        self, world: World, person_as: Callable[[str], User | None]
    ) -> None:
        person = {
            "contact_kind": "person",
            "contact_name": "Anna Andersson",
            "contact_email": "anna@example.se",
            "contact_consent": True,
        }
        example = services.example_create(
            organisation=world.organisation, by=world.representative, content=content(**person)
        )
        first = example.contact_consent_at
        colleague = MembershipFactory(organisation=world.organisation).user
        services.example_update(
            example=example, by=colleague, content=content(**person, lessons="Mer.")
        )
        example.refresh_from_db()
        assert (example.contact_consent_at, example.contact_consent_by) == (
            first,
            world.representative,
        )
        services.example_update(
            example=example,
            by=colleague,
            content=content(**{**person, "contact_name": "Bo Berg"}),
        )
        example.refresh_from_db()
        assert example.contact_consent_at > first  # type: ignore[operator]
        assert example.contact_consent_by == colleague


class TestTheWayToPublication:
    def test_submit_ask_for_changes_resubmit_publish(
        self, world: World, person_as: Callable[[str], User | None]
    ) -> None:
        reviewer = person_as("working_group_mfa")
        example = ExampleFactory(organisation=world.organisation)
        services.example_submit(example=example, by=world.representative)
        with pytest.raises(ValidationError):  # a reason is required
            services.example_request_changes(example=example, by=reviewer, message="  ")
        services.example_request_changes(
            example=example, by=reviewer, message="Skriv mer om vad ni lärde er."
        )
        example.refresh_from_db()
        assert example.status == S.CHANGES_REQUESTED
        services.example_update(
            example=example, by=world.representative, content=content(lessons="Mycket.")
        )
        services.example_submit(example=example, by=world.representative)
        services.example_publish(example=example, by=reviewer)
        example.refresh_from_db()
        assert example.status == S.PUBLISHED and example.published_at is not None
        assert list(example.reviews.values_list("action", flat=True)) == [
            ExampleReview.Action.SUBMITTED,
            ExampleReview.Action.CHANGES_REQUESTED,
            ExampleReview.Action.SUBMITTED,
            ExampleReview.Action.PUBLISHED,
        ]

    def test_a_representative_cannot_publish_and_a_draft_cannot_be_published(
        self, world: World, person_as: Callable[[str], User | None]
    ) -> None:
        example = ExampleFactory(organisation=world.organisation)
        with pytest.raises(ValidationError):
            services.example_publish(example=example, by=person_as("working_group_mfa"))
        services.example_submit(example=example, by=world.representative)
        with pytest.raises(ValidationError):
            services.example_publish(example=example, by=world.representative)
        with pytest.raises(ValidationError):  # no two-factor login
            services.example_publish(example=example, by=person_as("working_group"))
        example.refresh_from_db()
        assert example.status == S.SUBMITTED

    def test_a_submitted_example_cannot_be_edited(self, world: World) -> None:
        example = ExampleFactory(organisation=world.organisation, status=S.SUBMITTED)
        with pytest.raises(ValidationError):
            services.example_update(example=example, by=world.representative, content=content())

    def test_the_working_group_takes_a_published_example_down_only_with_a_reason(
        self, world: World, person_as: Callable[[str], User | None]
    ) -> None:
        example = PublishedExampleFactory(organisation=world.organisation)
        reviewer = person_as("admin_mfa")
        with pytest.raises(ValidationError):
            services.example_withdraw(example=example, by=reviewer)
        services.example_withdraw(example=example, by=reviewer, message="Personuppgifter i texten.")
        example.refresh_from_db()
        assert example.status == S.WITHDRAWN and example.published_at is None

    def test_withdrawn_and_taken_up_again(self, world: World) -> None:
        example = PublishedExampleFactory(organisation=world.organisation)
        services.example_withdraw(example=example, by=world.representative)
        services.example_reopen(example=example, by=world.representative)
        example.refresh_from_db()
        assert example.status == S.DRAFT


def _bomb_upload() -> object:
    return upload("bomb.png", huge_png_bytes(), "image/png")


class TestFiles:
    def test_a_picture_is_reencoded_and_needs_a_description(self, world: World) -> None:
        example = ExampleFactory(organisation=world.organisation)
        with pytest.raises(ValidationError) as caught:
            services.example_image_add(
                example=example, by=world.representative, upload=png_upload(), alt="  "
            )
        assert "alt" in caught.value.message_dict
        image = services.example_image_add(
            example=example, by=world.representative, upload=png_upload(), alt="Två deltagare"
        )
        with image.image.open("rb") as stored:
            assert Image.open(BytesIO(stored.read())).format == "PNG"
        image.refresh_from_db()
        assert (image.width, image.height) == (40, 30)  # kept for the page's layout

    @pytest.mark.parametrize(
        ("make_upload", "code"),
        [(text_upload, "image_invalid"), (_bomb_upload, "image_too_many_pixels")],
    )
    def test_not_an_image_and_a_bomb_are_refused(
        self, world: World, make_upload: Callable[[], object], code: str
    ) -> None:
        example = ExampleFactory(organisation=world.organisation)
        with pytest.raises(ValidationError) as caught:
            services.example_image_add(
                example=example, by=world.representative, upload=make_upload(), alt="Bild"
            )
        assert caught.value.error_list[0].code == code
        assert not example.images.exists()

    def test_a_pdf_is_checked(self, world: World) -> None:
        example = ExampleFactory(organisation=world.organisation)
        with pytest.raises(ValidationError) as caught:
            services.example_document_add(
                example=example, by=world.representative, title="Rapport", upload=fake_pdf_upload()
            )
        assert caught.value.error_list[0].code == "not_pdf"
        document = services.example_document_add(
            example=example, by=world.representative, title="Rapport 2023", upload=pdf_upload()
        )
        assert document.size > 0 and document.file.name.endswith(".pdf")

    def test_no_files_once_submitted(self, world: World) -> None:
        example = ExampleFactory(organisation=world.organisation, status=S.SUBMITTED)
        with pytest.raises(ValidationError):
            services.example_document_add(
                example=example, by=world.representative, title="Rapport", upload=pdf_upload()
            )


def test_the_database_refuses_a_person_without_consent(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ExampleFactory(organisation=world.organisation, contact_kind="person")


def test_a_party_is_a_directory_organisation_or_a_name(world: World) -> None:
    example = ExampleFactory(organisation=world.organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExampleParty.objects.create(example=example, name="")

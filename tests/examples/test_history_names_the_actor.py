"""Every example write service names its `by` user in the example's own audit trail.

Examples keep no simple-history rows: the trail is the review steps (ExampleReview.by), the
example's author (created_by) and each file's uploader (uploaded_by). The services are called
directly, outside any request, so only the service can name the user.
"""

from collections.abc import Callable

import pytest

from examples import services
from examples.models import Example
from hok.models import User
from tests.examples.conftest import World
from tests.examples.factories import ExampleFactory
from tests.examples.test_services import content
from tests.uploads import pdf_upload, png_upload

pytestmark = pytest.mark.django_db
S = Example.Status


def _newest_review_by(example: Example) -> User | None:
    review = example.reviews.order_by("-at", "-pk").first()
    return review.by if review is not None else None


@pytest.fixture
def reviewer(person_as: Callable[[str], User | None]) -> User:
    person = person_as("working_group_mfa")
    assert person is not None
    return person


def test_create(world: World) -> None:
    example = services.example_create(
        organisation=world.organisation, by=world.representative, content=content()
    )
    assert example.created_by == world.representative


def test_submit_request_changes_publish_withdraw_reopen(world: World, reviewer: User) -> None:
    example = ExampleFactory(organisation=world.organisation, status=S.DRAFT)
    services.example_submit(example=example, by=world.representative)
    assert _newest_review_by(example) == world.representative
    services.example_request_changes(example=example, by=reviewer, message="Mer om lärdomarna.")
    assert _newest_review_by(example) == reviewer
    services.example_submit(example=example, by=world.representative)
    services.example_publish(example=example, by=reviewer)
    assert _newest_review_by(example) == reviewer
    services.example_withdraw(example=example, by=world.representative)
    assert _newest_review_by(example) == world.representative
    services.example_reopen(example=example, by=world.representative)
    assert _newest_review_by(example) == world.representative


def test_files_name_their_uploader(world: World) -> None:
    example = ExampleFactory(organisation=world.organisation, status=S.DRAFT)
    document = services.example_document_add(
        example=example, by=world.representative, title="Rapport", upload=pdf_upload()
    )
    image = services.example_image_add(
        example=example, by=world.representative, upload=png_upload(), alt="Fika i biblioteket"
    )
    assert document.uploaded_by == world.representative
    assert image.uploaded_by == world.representative

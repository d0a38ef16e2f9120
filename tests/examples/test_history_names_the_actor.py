"""Every example write service names its `by` user: on the example's newest history row
(simple-history, with a short reason), and in the app's own trail (the review steps'
ExampleReview.by, the author's created_by and each file's uploaded_by). The services are
called directly, outside any request, so only the service can name the user.
"""

from collections.abc import Callable

import pytest

from examples import services
from examples.models import Example
from hok.models import User
from tests.examples.conftest import World
from tests.examples.factories import ExampleFactory
from tests.examples.test_services import content
from tests.factories import MembershipFactory
from tests.uploads import pdf_upload, png_upload

pytestmark = pytest.mark.django_db
S = Example.Status


def _newest_history(example: Example) -> tuple[User | None, str | None]:
    row = Example.history.filter(id=example.pk).order_by("-history_date", "-history_id").first()
    assert row is not None
    return row.history_user, row.history_change_reason


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
    assert _newest_history(example) == (world.representative, "created")
    assert Example.history.filter(id=example.pk).count() == 1


def test_update(world: World) -> None:
    example = ExampleFactory(organisation=world.organisation, status=S.DRAFT)
    services.example_update(example=example, by=world.representative, content=content())
    assert _newest_history(example) == (world.representative, "edited")
    colleague = MembershipFactory(organisation=world.organisation).user
    services.example_update(example=example, by=colleague, content=content(title="Rättad"))
    assert _newest_history(example) == (colleague, "edited")


def test_submit_request_changes_publish_withdraw_reopen(world: World, reviewer: User) -> None:
    example = ExampleFactory(organisation=world.organisation, status=S.DRAFT)
    services.example_submit(example=example, by=world.representative)
    assert _newest_review_by(example) == world.representative
    assert _newest_history(example) == (world.representative, "submitted")
    services.example_request_changes(example=example, by=reviewer, message="Mer om lärdomarna.")
    assert _newest_review_by(example) == reviewer
    assert _newest_history(example) == (reviewer, "changes requested")
    services.example_submit(example=example, by=world.representative)
    services.example_publish(example=example, by=reviewer)
    assert _newest_review_by(example) == reviewer
    assert _newest_history(example) == (reviewer, "published")
    services.example_withdraw(example=example, by=world.representative)
    assert _newest_review_by(example) == world.representative
    assert _newest_history(example) == (world.representative, "withdrawn")
    services.example_reopen(example=example, by=world.representative)
    assert _newest_review_by(example) == world.representative
    assert _newest_history(example) == (world.representative, "reopened")


def test_the_working_group_takes_a_published_example_down(world: World, reviewer: User) -> None:
    example = ExampleFactory(organisation=world.organisation, status=S.SUBMITTED)
    services.example_publish(example=example, by=reviewer)
    services.example_withdraw(example=example, by=reviewer, message="Inaktuellt.")
    assert _newest_history(example) == (reviewer, "withdrawn")


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

"""The loaders of examples.access: missing → 404, not to be seen → 404 (its existence is not
told), allowed → the object; a document or an image only inside its own example."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from examples import access
from examples.models import Example, ExampleDocument, ExampleImage
from hok.models import User
from tests.examples.conftest import World
from tests.examples.factories import ExampleFactory, PublishedExampleFactory

pytestmark = pytest.mark.django_db


def test_example_for_viewer(world: World, person_as: Callable[[str], User | None]) -> None:
    draft = ExampleFactory(organisation=world.organisation, status=Example.Status.DRAFT)
    published = PublishedExampleFactory(organisation=world.organisation)
    assert access.example_for_viewer(world.representative, draft.pk) == draft
    assert access.example_for_viewer(AnonymousUser(), published.pk) == published
    outsider = person_as("outsider")
    assert outsider is not None
    with pytest.raises(Http404):
        access.example_for_viewer(outsider, draft.pk)
    with pytest.raises(Http404):
        access.example_for_viewer(world.representative, published.pk + 1000)


def test_document_and_image_of_their_own_example_only(world: World) -> None:
    example = ExampleFactory(organisation=world.organisation)
    other = ExampleFactory(organisation=world.organisation)
    document = ExampleDocument.objects.create(
        example=example, title="Rapport", file="examples/rapport.pdf", size=10
    )
    image = ExampleImage.objects.create(
        example=example, image="examples/bild.png", width=10, height=10, alt="En bild"
    )
    assert access.document_of(example, document.pk) == document
    assert access.image_of(example, image.pk) == image
    with pytest.raises(Http404):
        access.document_of(other, document.pk)
    with pytest.raises(Http404):
        access.image_of(other, image.pk)

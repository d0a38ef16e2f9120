"""Every create form of the knowledge base, sent twice with the same submission key, creates
one thing, and the repeat lands where the first went (hok/submissions.py)."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from examples.models import Example, ExampleDocument, ExampleImage
from tests.examples.conftest import World
from tests.examples.factories import ExampleFactory
from tests.examples.test_views import form_data
from tests.submissions import submit_twice
from tests.uploads import pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def test_example_create(world: World, client_in: Callable[[str], Client]) -> None:
    url = reverse("examples:create", kwargs={"slug": world.organisation.slug})
    first, _second = submit_twice(
        client_in("representative"), page=url, data=form_data(), count=Example.objects.count
    )
    assert first["Location"] == Example.objects.get().get_absolute_url()


def test_the_edit_form_carries_no_key(world: World, client_in: Callable[[str], Client]) -> None:
    example = ExampleFactory(organisation=world.organisation)
    page = client_in("representative").get(reverse("examples:edit", kwargs={"pk": example.pk}))
    assert 'name="submission_key"' not in page.content.decode()


def test_example_document_add(world: World, client_in: Callable[[str], Client]) -> None:
    example = ExampleFactory(organisation=world.organisation)
    first, _second = submit_twice(
        client_in("representative"),
        page=reverse("examples:files", kwargs={"pk": example.pk}),
        action=reverse("examples:document_add", kwargs={"pk": example.pk}),
        data=lambda: {"title": "Slutrapport", "file": pdf_upload()},
        count=ExampleDocument.objects.count,
    )
    assert first["Location"] == reverse("examples:files", kwargs={"pk": example.pk})


def test_example_image_add(world: World, client_in: Callable[[str], Client]) -> None:
    example = ExampleFactory(organisation=world.organisation)
    first, _second = submit_twice(
        client_in("representative"),
        page=reverse("examples:files", kwargs={"pk": example.pk}),
        action=reverse("examples:image_add", kwargs={"pk": example.pk}),
        data=lambda: {"image": png_upload(), "alt": "Deltagare på mötet"},
        count=ExampleImage.objects.count,
    )
    assert first["Location"] == reverse("examples:files", kwargs={"pk": example.pk})

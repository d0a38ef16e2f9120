"""Every URL of the examples app, for every role, read from the URL configuration itself: a new
URL without an entry below fails `test_every_url_is_listed`. A view that only takes POST
answers a signed-in GET with 405, after the login check.

The example is a draft (not public) unless the URL is one of the public pages."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from examples import services
from examples.urls import urlpatterns
from tests.examples.conftest import ROLES, World
from tests.examples.factories import ExampleFactory, PublishedExampleFactory
from tests.uploads import pdf_upload, png_upload

pytestmark = pytest.mark.django_db

OPEN = {"list", "open_data", "csv", "json"}
POST_ONLY = {
    "document_add",
    "document_remove",
    "image_add",
    "image_remove",
    "submit",
    "reopen",
    "decide",
}
NO_MFA = {"working_group", "admin"}
REVIEWERS = {"working_group_mfa", "admin_mfa"}


@pytest.fixture
def paths(world: World) -> dict[str, str]:
    draft = ExampleFactory(organisation=world.organisation)
    document = services.example_document_add(
        example=draft, by=world.representative, title="Rapport", upload=pdf_upload()
    )
    image = services.example_image_add(
        example=draft, by=world.representative, upload=png_upload(), alt="Deltagare"
    )
    published = PublishedExampleFactory(organisation=world.organisation)
    on_draft = {"pk": draft.pk}
    return {
        "list": reverse("examples:list"),
        "open_data": reverse("examples:open_data"),
        "csv": reverse("examples:csv"),
        "json": reverse("examples:json"),
        "new": reverse("examples:new"),
        "create": reverse("examples:create", kwargs={"slug": world.organisation.slug}),
        "mine": reverse("examples:mine"),
        "review_queue": reverse("examples:review_queue"),
        "detail": reverse("examples:detail", kwargs=on_draft),
        "published_detail": reverse("examples:detail", kwargs={"pk": published.pk}),
        "edit": reverse("examples:edit", kwargs=on_draft),
        "files": reverse("examples:files", kwargs=on_draft),
        "document_add": reverse("examples:document_add", kwargs=on_draft),
        "document_remove": reverse(
            "examples:document_remove", kwargs={**on_draft, "document": document.pk}
        ),
        "image_add": reverse("examples:image_add", kwargs=on_draft),
        "image_remove": reverse("examples:image_remove", kwargs={**on_draft, "image": image.pk}),
        "document": reverse("examples:document", kwargs={**on_draft, "document": document.pk}),
        "image": reverse("examples:image", kwargs={**on_draft, "image": image.pk}),
        "submit": reverse("examples:submit", kwargs=on_draft),
        "reopen": reverse("examples:reopen", kwargs=on_draft),
        "decide": reverse("examples:decide", kwargs=on_draft),
    }


def expected(name: str, role: str) -> int | str:
    """A status code, "login" (to the login page) or "mfa" (to two-factor set-up)."""
    if name in OPEN or name == "published_detail":
        return 200
    if name in {"detail", "document", "image"}:  # a draft: seen by its side and reviewers only
        if role in NO_MFA:
            return "mfa"
        return 200 if role in REVIEWERS | {"representative"} else 404
    if role == "anonymous":
        return "login"
    if name in POST_ONLY:
        return 405
    if name == "new":
        # One organisation they represent: straight to its form.
        return 302 if role in {"representative", "other_member"} else 200
    if name == "mine":
        return 200
    if name == "create":
        return 200 if role == "representative" else 403
    if name == "review_queue":
        return {"working_group": "mfa", "admin": "mfa"}.get(role, 200 if role in REVIEWERS else 403)
    if name in {"edit", "files"}:
        if role in NO_MFA:
            return "mfa"
        if role == "representative":
            return 200
        return 403 if role in REVIEWERS else 404
    raise AssertionError(name)


def test_every_url_is_listed(paths: dict[str, str]) -> None:
    names = {pattern.name for pattern in urlpatterns}
    assert names == set(paths) - {"published_detail"}


@pytest.mark.parametrize("role", ROLES)
def test_every_view_for_every_role(
    role: str, paths: dict[str, str], client_in: Callable[[str], Client]
) -> None:
    client = client_in(role)
    for name, path in paths.items():
        response = client.get(path)
        outcome = expected(name, role)
        if outcome == "login":
            assert response.status_code == 302, name
            assert response["Location"].startswith("/konto/login/"), name
        elif outcome == "mfa":
            assert response.status_code == 302, name
            assert "totp" in response["Location"], name
        else:
            assert response.status_code == outcome, (name, role, response.status_code)

"""The agreement's admin: adopted text is read-only, drafts are copied and adopted by actions."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory

from agreements.admin import (
    ActionInline,
    AgreementVersionAdmin,
    GoalInline,
    PrincipleAdmin,
    PrincipleInline,
)
from agreements.models import Action, AgreementVersion, Principle
from agreements.services import version_copy
from hok.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_request(admin_user: User):
    request = RequestFactory().post("/admin/agreements/agreementversion/")
    request.user = admin_user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _messages(request) -> list[str]:
    return [str(message) for message in get_messages(request)]


class TestAdoptedIsReadOnly:
    def test_adopted_version_cannot_be_changed_or_deleted(
        self, seed: AgreementVersion, admin_request
    ) -> None:
        model_admin = AgreementVersionAdmin(AgreementVersion, admin.site)
        assert not model_admin.has_change_permission(admin_request, seed)
        assert not model_admin.has_delete_permission(admin_request, seed)
        assert model_admin.has_view_permission(admin_request, seed)

    def test_draft_can_be_changed_and_deleted(self, seed, admin_request) -> None:
        draft = version_copy(source=seed)
        model_admin = AgreementVersionAdmin(AgreementVersion, admin.site)
        assert model_admin.has_change_permission(admin_request, draft)
        assert model_admin.has_delete_permission(admin_request, draft)

    def test_principles_of_an_adopted_version_are_read_only(self, seed, admin_request) -> None:
        principle = seed.principles.get(number=1)
        model_admin = PrincipleAdmin(Principle, admin.site)
        assert not model_admin.has_change_permission(admin_request, principle)
        assert not model_admin.has_delete_permission(admin_request, principle)

    def test_inlines_of_an_adopted_version_add_nothing(self, seed, admin_request) -> None:
        for inline_class in (PrincipleInline, GoalInline):
            inline = inline_class(AgreementVersion, admin.site)
            assert not inline.has_add_permission(admin_request, seed)
            assert not inline.has_change_permission(admin_request, seed)
            assert not inline.has_delete_permission(admin_request, seed)

    def test_inlines_of_a_draft_may_add(self, seed, admin_request) -> None:
        draft = version_copy(source=seed)
        inline = PrincipleInline(AgreementVersion, admin.site)
        assert inline.has_add_permission(admin_request, draft)
        assert inline.has_change_permission(admin_request, draft)

    def test_action_inline_follows_its_principles_version(self, seed, admin_request) -> None:
        # An action's inline is shown on a principle; the principle's version decides.
        adopted_principle = seed.principles.get(number=2)
        draft_principle = version_copy(source=seed).principles.get(number=2)
        inline = ActionInline(Principle, admin.site)
        assert not inline.has_change_permission(admin_request, adopted_principle)
        assert inline.has_change_permission(admin_request, draft_principle)

    def test_model_admins_answer_whether_one_may_add(self, admin_request) -> None:
        assert AgreementVersionAdmin(AgreementVersion, admin.site).has_add_permission(admin_request)
        assert PrincipleAdmin(Principle, admin.site).has_add_permission(admin_request)


class TestActions:
    def test_copy_as_new_version(self, seed: AgreementVersion, admin_request) -> None:
        model_admin = AgreementVersionAdmin(AgreementVersion, admin.site)
        model_admin.copy_as_new_version(admin_request, AgreementVersion.objects.filter(pk=seed.pk))
        draft = AgreementVersion.objects.get(number=2)
        assert not draft.is_adopted
        assert Action.objects.filter(principle__version=draft).count() == 24
        assert _messages(admin_request) == ["Version 2 skapades som utkast."]

    def test_adopt_version(self, seed: AgreementVersion, admin_request) -> None:
        draft = version_copy(source=seed)
        model_admin = AgreementVersionAdmin(AgreementVersion, admin.site)
        model_admin.adopt_version(admin_request, AgreementVersion.objects.filter(pk=draft.pk))
        draft.refresh_from_db()
        seed.refresh_from_db()
        assert draft.is_current
        assert draft.adopted_on is not None
        assert not seed.is_current
        assert _messages(admin_request) == ["Version 2 är nu gällande."]

    def test_adopting_an_adopted_version_shows_the_error(self, seed, admin_request) -> None:
        model_admin = AgreementVersionAdmin(AgreementVersion, admin.site)
        model_admin.adopt_version(admin_request, AgreementVersion.objects.filter(pk=seed.pk))
        assert _messages(admin_request) == ["Version 1 är redan antagen."]
        seed.refresh_from_db()
        assert seed.adopted_on is None

    def test_adopt_needs_exactly_one_version(self, seed, admin_request) -> None:
        version_copy(source=seed)
        model_admin = AgreementVersionAdmin(AgreementVersion, admin.site)
        model_admin.adopt_version(admin_request, AgreementVersion.objects.all())
        assert _messages(admin_request) == ["Välj exakt en version att anta."]
        assert AgreementVersion.objects.get(is_current=True).number == 1


def test_admin_pages_render(seed: AgreementVersion, admin_user: User, give_mfa) -> None:
    give_mfa(admin_user)
    client = Client()
    client.force_login(admin_user)
    assert client.get("/admin/agreements/agreementversion/").status_code == 200
    response = client.get(f"/admin/agreements/agreementversion/{seed.pk}/change/")
    assert response.status_code == 200
    assert seed.text_sha256 in response.content.decode()

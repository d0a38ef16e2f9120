"""The dialogues admin: every list and change page opens; notes cannot be added or rewritten."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from dialogues.models import Conference, Dialogue, DialogueQuestion, Note, NoteTheme, Theme
from dialogues.services.seed import conference_load_seed
from hok.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_mfa_client(admin_user: User, give_mfa) -> Client:
    give_mfa(admin_user)
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("model", [Conference, Dialogue, Note, Theme])
def test_list_and_change_pages_open(admin_mfa_client: Client, model) -> None:
    conference_load_seed()
    meta = model._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    assert admin_mfa_client.get(changelist).status_code == 200
    obj = model.objects.first()
    change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    assert admin_mfa_client.get(change).status_code == 200


def test_notes_are_hidden_never_rewritten(admin_user: User) -> None:
    conference_load_seed()
    note_admin = admin.site._registry[Note]
    assert "text" in note_admin.readonly_fields
    assert "hidden" not in note_admin.readonly_fields
    assert not note_admin.has_add_permission(request=None)


def test_every_model_is_registered_or_inlined() -> None:
    registered = set(admin.site._registry)
    assert {Conference, Dialogue, Note, Theme} <= registered
    inlined = {
        inline.model for model in registered for inline in admin.site._registry[model].inlines
    }
    assert {DialogueQuestion, NoteTheme} <= inlined


def test_a_dialogues_history_shows_in_the_admin(admin_mfa_client: Client) -> None:
    conference_load_seed()
    dialogue = Dialogue.objects.first()
    path = reverse("admin:dialogues_dialogue_history", args=[dialogue.pk])
    assert admin_mfa_client.get(path).status_code == 200

"""Odd input on every form and page of the dialogues app: never a 500, nothing odd stored.

Every field of every form gets, one at a time, a NUL byte (PostgreSQL refuses it in text with
an error, so a form must refuse it first), a very long string, unusual Unicode and markup;
every page gets odd query parameters; every view gets bad ids and wrong methods. Run it on
PostgreSQL too (DATABASE_URL), where a NUL byte that reached the database would be a 500.
"""

from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from dialogues.models import NoteTheme
from hok.models import User
from tests.dialogues.factories import (
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)
from tests.factories import WorkingGroupUserFactory

pytestmark = pytest.mark.django_db

ODD_VALUES = [
    "\x00",
    "Bord\x007",
    "x" * 100_000,
    "\u202eÅÄÖ åäö 🙂\ufeff\u200b",
    "<script>alert(1)</script>\r\n\t",
    "9" * 30,
    "-1",
]


@pytest.fixture
def manager(give_mfa: Callable[[User], str]) -> Client:
    person = WorkingGroupUserFactory()
    give_mfa(person)
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def forms() -> dict[str, tuple[str, dict[str, str]]]:
    """Each form's URL and a valid submission of it."""
    dialogue = DialogueFactory()
    conference = dialogue.conference
    question = DialogueQuestionFactory(dialogue=dialogue)
    note = NoteFactory(dialogue=dialogue, question=question)
    theme = ThemeFactory(conference=conference, name="Psykisk hälsa", keywords="psykisk")
    other_theme = ThemeFactory(conference=conference, name="Ensamhet")
    link = NoteThemeFactory(note=note, theme=other_theme, status=NoteTheme.Status.SUGGESTED)
    conference_data = {
        "name": "Konferensen",
        "date": "2031-11-18",
        "place": "Halmstad",
        "slug": "",
        "description": "Om samverkan.",
        "introduction": "Inledning.",
    }
    dialogue_data = {
        "title": "Dialog",
        "introduction": "Inledning.",
        "opens_at": "2031-11-18 09:30",
        "closes_at": "2031-11-18 11:30",
        "note_cap": "1500",
    }
    note_pk = {"pk": dialogue.pk, "note_pk": note.pk}

    def url(name: str, **kwargs: object) -> str:
        return reverse(f"dialogues:{name}", kwargs=kwargs)

    return {
        "attendee": (
            url("attendee", code=dialogue.short_code),
            {
                "question": str(question.pk),
                "table_group": "Bord 7",
                "text": "Skapa mötesplatser.",
                "client_key": "",
                "webbplats": "",
            },
        ),
        "conference_create": (url("conference_create"), conference_data),
        "conference_edit": (url("conference_edit", pk=conference.pk), conference_data),
        "dialogue_create": (
            url("dialogue_create", pk=conference.pk),
            {**dialogue_data, "questions": "Vad?\nHur?"},
        ),
        "dialogue_edit": (url("dialogue_edit", pk=dialogue.pk), dialogue_data),
        "dialogue_state": (url("dialogue_state", pk=dialogue.pk), {"state": "open"}),
        "question_add": (url("question_add", pk=dialogue.pk), {"new-text": "Varför?"}),
        "question_edit": (url("question_edit", pk=question.pk), {"text": "Vad då?"}),
        "question_move": (url("question_move", pk=question.pk), {"direction": "up"}),
        "note_hide": (url("moderation_note_hide", **note_pk), {"reason": "Ett namn"}),
        "note_themes": (url("moderation_note_themes", **note_pk), {"themes": str(theme.pk)}),
        "note_suggestion": (
            url("moderation_note_suggestion", **note_pk, link_pk=link.pk),
            {"decision": "reject"},
        ),
        "theme_create": (url("themes", pk=conference.pk), {"name": "Nytt", "keywords": "ny"}),
        "theme_edit": (
            url("theme_edit", pk=conference.pk, theme_pk=theme.pk),
            {"name": "Psykisk hälsa", "keywords": "psykisk\nohälsa"},
        ),
        "theme_merge": (
            url("theme_merge", pk=conference.pk),
            {"source": str(other_theme.pk), "target": str(theme.pk)},
        ),
        "summary_edit": (
            url("summary_edit", pk=conference.pk, dialogue_pk=dialogue.pk),
            {"summary": "Vi hörde er.", "action": "save"},
        ),
        "feedback_edit": (
            url("feedback_edit", pk=conference.pk, theme_pk=theme.pk),
            {"feedback": "Vi gör så här.", "action": "save"},
        ),
    }


def _stored_text_with_nul() -> list[str]:
    found = []
    for model in apps.get_app_config("dialogues").get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField | models.TextField):
                # Read in Python: SQLite's LIKE stops at a NUL byte and would match everything.
                values = model.objects.values_list(field.name, flat=True)
                if any("\x00" in (value or "") for value in values):
                    found.append(f"{model.__name__}.{field.name}")
    return found


@pytest.mark.parametrize(
    "form",
    [
        "attendee",
        "conference_create",
        "conference_edit",
        "dialogue_create",
        "dialogue_edit",
        "dialogue_state",
        "question_add",
        "question_edit",
        "question_move",
        "note_hide",
        "note_themes",
        "note_suggestion",
        "theme_create",
        "theme_edit",
        "theme_merge",
        "summary_edit",
        "feedback_edit",
    ],
)
def test_odd_values_in_every_field(manager: Client, forms, form: str) -> None:
    path, valid = forms[form]
    for field in valid:
        for value in ODD_VALUES:
            response = manager.post(path, {**valid, field: value})
            assert response.status_code < 500, (field, value[:20], response.status_code)
            if value.startswith(("\x00", "Bord\x00")) and response.status_code in (200, 400):
                assert "Null-tecken" in response.content.decode() or field in (
                    "client_key",
                    "webbplats",
                    "question",
                    "state",
                    "direction",
                    "decision",
                    "themes",
                    "source",
                    "target",
                    "action",
                    "date",
                    "opens_at",
                    "closes_at",
                    "note_cap",
                    "slug",
                ), (form, field)
    assert _stored_text_with_nul() == []


def test_a_nul_byte_in_a_note_is_refused_with_the_text_kept(manager: Client, forms) -> None:
    path, valid = forms["attendee"]
    response = manager.post(path, {**valid, "text": "Fler\x00 mötesplatser"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Null-tecken är inte tillåtna." in page
    assert "mötesplatser" in page


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_short_codes(client: Client, value: str) -> None:
    assert client.get(reverse("dialogues:find"), {"kod": value}).status_code in (400, 404)
    assert client.get(f"/dialog/{quote(value, safe='')}/").status_code == 404


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_query_parameters(manager: Client, forms, value: str) -> None:
    dialogue_pk = int(forms["dialogue_edit"][0].rstrip("/").split("/")[-1])
    pages = [
        reverse("dialogues:moderation", kwargs={"pk": dialogue_pk}),
        reverse("dialogues:moderation_notes", kwargs={"pk": dialogue_pk}),
        reverse("dialogues:projector_content", kwargs={"pk": dialogue_pk}),
    ]
    attendee_path = forms["attendee"][0]
    for path in pages:
        for key in ("visa", "tema", "fraga", "sida"):
            assert manager.get(path, {key: value}).status_code < 500, (path, key)
    merge_path = forms["theme_merge"][0]
    for key in ("source", "target"):
        assert manager.get(merge_path, {key: value}).status_code < 500, key
    for key in ("fraga", "bord", "sparad"):
        assert manager.get(attendee_path, {key: value}).status_code == 200


@pytest.mark.parametrize("bad_id", ["0", "999999", "99999999999999999999"])
def test_bad_ids(manager: Client, forms, bad_id: str) -> None:
    for path, data in forms.values():
        if "/dialog/" in path and "arbetsgruppen" not in path:
            continue
        parts = path.rstrip("/").split("/")
        numbers = [i for i, part in enumerate(parts) if part.isdigit()]
        for index in numbers:
            broken = "/".join(parts[:index] + [bad_id] + parts[index + 1 :]) + "/"
            assert manager.get(broken).status_code in (404, 405), broken
            assert manager.post(broken, data).status_code == 404, broken


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_wrong_methods(manager: Client, forms, method: str) -> None:
    for path, data in forms.values():
        # A form page answers as to a GET (nothing in request.POST), the others refuse.
        response = getattr(manager, method)(path, data)
        assert response.status_code in (200, 302, 400, 405), (path, response.status_code)

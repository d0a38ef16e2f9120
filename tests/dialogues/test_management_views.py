"""The working group's conference pages, for every role, with bad input and pinned queries."""

import datetime
import re
from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from dialogues.models import Conference, Dialogue, DialogueQuestion
from hok.models import User
from tests.dialogues import roles
from tests.dialogues.factories import (
    ConferenceFactory,
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konto/login/"
MFA_ACTIVATE_URL = "/konto/2fa/totp/activate/"
ROLES = roles.ROLES
MANAGERS = ["working_group_mfa", "admin_mfa"]


@pytest.fixture
def client_as(give_mfa: Callable[[User], str]) -> Callable[[str], Client]:
    return lambda role: roles.client_as(role, give_mfa)


@pytest.fixture
def manager(client_as: Callable[[str], Client]) -> Client:
    return client_as("working_group_mfa")


@pytest.fixture
def dialogue() -> Dialogue:
    dialogue = DialogueFactory(title="Framtidsfokus", conference__name="Starkare än förr")
    DialogueQuestionFactory(dialogue=dialogue, position=1, text="Vad vill ni se?")
    DialogueQuestionFactory(dialogue=dialogue, position=2, text="Vilka aktiviteter?")
    return dialogue


def _expect(response, role: str, path: str, *, ok: int = 200) -> None:
    """Anonymous → login; no powers → 403; powers without MFA → turn it on; with MFA → ok."""
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(f"{LOGIN_URL}?next=")
    elif role == "user":
        assert response.status_code == 403
    elif role in ("working_group", "admin"):
        assert response.status_code == 302
        assert response["Location"] == MFA_ACTIVATE_URL
    else:
        assert response.status_code == ok, response.content[:500]


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _pages(dialogue: Dialogue) -> list[str]:
    question = dialogue.questions.first()
    return [
        reverse("dialogues:conference_list"),
        reverse("dialogues:conference_create"),
        reverse("dialogues:conference_detail", args=[dialogue.conference_id]),
        reverse("dialogues:conference_edit", args=[dialogue.conference_id]),
        reverse("dialogues:dialogue_create", args=[dialogue.conference_id]),
        reverse("dialogues:dialogue_edit", args=[dialogue.pk]),
        reverse("dialogues:question_edit", args=[question.pk]),
        reverse("dialogues:dialogue_qr", args=[dialogue.pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_per_role(client_as, dialogue: Dialogue, role: str) -> None:
    client = client_as(role)
    for path in _pages(dialogue):
        _expect(client.get(path), role, path)


@pytest.mark.parametrize("role", ROLES)
def test_the_table_sheet_per_role(client_as, dialogue: Dialogue, role: str) -> None:
    path = reverse("dialogues:dialogue_sheet", args=[dialogue.pk])
    response = client_as(role).get(path)
    _expect(response, role, path)
    if role in MANAGERS:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("role", ROLES)
def test_every_action_per_role(client_as, dialogue: Dialogue, role: str) -> None:
    client = client_as(role)
    question = dialogue.questions.first()
    actions = [
        (reverse("dialogues:dialogue_state", args=[dialogue.pk]), {"state": "closed"}),
        (reverse("dialogues:question_add", args=[dialogue.pk]), {"new-text": "Ny fråga?"}),
        (reverse("dialogues:question_move", args=[question.pk]), {"direction": "down"}),
    ]
    for path, data in actions:
        _expect(client.post(path, data), role, path, ok=302)
    dialogue.refresh_from_db()
    changed = role in MANAGERS
    assert (dialogue.manual_state == Dialogue.ManualState.CLOSED) is changed
    assert dialogue.questions.count() == (3 if changed else 2)
    delete = reverse("dialogues:question_delete", args=[question.pk])
    _expect(client.post(delete), role, delete, ok=302)
    assert DialogueQuestion.objects.filter(pk=question.pk).exists() is not changed
    remove = reverse("dialogues:dialogue_delete", args=[dialogue.pk])
    _expect(client.post(remove), role, remove, ok=302)
    assert Dialogue.objects.filter(pk=dialogue.pk).exists() is not changed


def test_the_power_pages_are_under_the_mfa_path(dialogue: Dialogue) -> None:
    for path in _pages(dialogue):
        assert path.startswith("/arbetsgruppen/hantera/konferenser/")


def test_unknown_objects_are_404(manager: Client) -> None:
    for name in ["conference_detail", "conference_edit", "dialogue_edit", "question_edit"]:
        assert manager.get(reverse(f"dialogues:{name}", args=[999999])).status_code == 404
    assert manager.get(reverse("dialogues:dialogue_qr", args=[999999])).status_code == 404


def test_actions_only_take_post(manager: Client, dialogue: Dialogue) -> None:
    path = reverse("dialogues:dialogue_state", args=[dialogue.pk])
    assert manager.get(path).status_code == 405


class TestConferencePages:
    def test_create_and_land_on_the_overview(self, manager: Client) -> None:
        response = manager.post(
            reverse("dialogues:conference_create"),
            {"name": "Samverkanskonferensen 2026", "date": "2026-11-18", "place": "Halmstad"},
        )
        conference = Conference.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("dialogues:conference_detail", args=[conference.pk])
        assert conference.slug == "samverkanskonferensen-2026-2026"
        page = manager.get(response["Location"]).content.decode()
        assert "Samverkanskonferensen 2026" in page
        assert "Halmstad" in page

    @pytest.mark.parametrize(
        ("data", "field_message"),
        [
            ({"name": "", "date": "2026-11-18"}, "Skriv konferensens namn."),
            ({"name": "Konferens", "date": ""}, "Ange konferensens datum."),
            ({"name": "Konferens", "date": "18/11/2026"}, "Skriv datumet som 2026-11-18."),
            ({"name": "Konferens", "date": "2026-02-30"}, "Skriv datumet som 2026-11-18."),
            (
                {"name": "Konferens", "date": "2026-11-18", "slug": "Åäö mellanslag"},
                "Använd bara små bokstäver a–z, siffror och bindestreck.",
            ),
        ],
    )
    def test_bad_input_is_explained_and_kept(
        self, manager: Client, data: dict[str, str], field_message: str
    ) -> None:
        response = manager.post(reverse("dialogues:conference_create"), {**data, "place": "Laholm"})
        page = response.content.decode()
        assert response.status_code == 400
        assert field_message in page
        assert 'value="Laholm"' in page
        assert Conference.objects.count() == 0

    def test_a_taken_slug_is_explained(self, manager: Client) -> None:
        ConferenceFactory(slug="upptagen")
        response = manager.post(
            reverse("dialogues:conference_create"),
            {"name": "Konferens", "date": "2026-11-18", "slug": "upptagen"},
        )
        assert response.status_code == 400
        assert "Adressen används redan" in response.content.decode()

    def test_edit(self, manager: Client, dialogue: Dialogue) -> None:
        conference = dialogue.conference
        path = reverse("dialogues:conference_edit", args=[conference.pk])
        assert conference.name in manager.get(path).content.decode()
        response = manager.post(
            path,
            {"name": "Nytt namn", "date": "2027-01-02", "slug": conference.slug, "place": ""},
        )
        assert response.status_code == 302
        conference.refresh_from_db()
        assert (conference.name, conference.date) == ("Nytt namn", datetime.date(2027, 1, 2))

    def test_list_queries_are_pinned(self, manager: Client, django_assert_max_num_queries) -> None:
        for _ in range(5):
            NoteFactory(dialogue=DialogueFactory())
        manager.get(reverse("dialogues:conference_list"))
        with django_assert_max_num_queries(8):
            response = manager.get(reverse("dialogues:conference_list"))
        assert response.content.decode().count("<tr>") == 6

    def test_overview_queries_are_pinned(
        self, manager: Client, django_assert_max_num_queries
    ) -> None:
        conference = ConferenceFactory()
        for _ in range(4):
            dialogue = DialogueFactory(conference=conference)
            DialogueQuestionFactory.create_batch(3, dialogue=dialogue)
            NoteFactory.create_batch(2, dialogue=dialogue)
        NoteFactory(dialogue=dialogue, hidden=True)
        path = reverse("dialogues:conference_detail", args=[conference.pk])
        manager.get(path)
        with django_assert_max_num_queries(10):
            response = manager.get(path)
        page = response.content.decode()
        assert page.count('class="dlg-card"') == 4
        assert "(och 1 dold)" in page

    def test_dialogue_page_queries_are_pinned(
        self, manager: Client, dialogue: Dialogue, django_assert_max_num_queries
    ) -> None:
        DialogueQuestionFactory.create_batch(5, dialogue=dialogue)
        NoteFactory.create_batch(3, dialogue=dialogue)
        path = reverse("dialogues:dialogue_edit", args=[dialogue.pk])
        manager.get(path)
        with django_assert_max_num_queries(9):
            response = manager.get(path)
        assert response.content.decode().count('class="dlg-question"') == 7

    def test_overview_shows_code_address_state_and_links(
        self, manager: Client, dialogue: Dialogue, settings
    ) -> None:
        settings.PORTAL_BASE_URL = "https://hok.example"
        page = manager.get(
            reverse("dialogues:conference_detail", args=[dialogue.conference_id])
        ).content.decode()
        assert dialogue.short_code in page
        assert f"https://hok.example/dialog/{dialogue.short_code}/" in page
        assert re.search(r"Öppen</span>\s*för hand, oberoende av tiderna", page)
        assert reverse("dialogues:dialogue_sheet", args=[dialogue.pk]) in page
        assert reverse("dialogues:dialogue_qr", args=[dialogue.pk]) in page
        assert "Vad vill ni se?" in page


class TestDialoguePages:
    def _create(self, manager: Client, conference: Conference, **data: str):
        payload = {"title": "Framtidsfokus", "note_cap": "1500", **data}
        return manager.post(reverse("dialogues:dialogue_create", args=[conference.pk]), payload)

    def test_create_with_questions_and_times(self, manager: Client) -> None:
        conference = ConferenceFactory()
        response = self._create(
            manager,
            conference,
            questions="Vad vill ni se?\n\nVilka aktiviteter?\n",
            opens_at="2026-11-18T09:30",
            closes_at="2026-11-18T11:00",
        )
        dialogue = Dialogue.objects.get()
        assert response.status_code == 302
        assert response["Location"].endswith(f"#dialog-{dialogue.pk}")
        assert [q.text for q in dialogue.questions.all()] == [
            "Vad vill ni se?",
            "Vilka aktiviteter?",
        ]
        assert dialogue.opens_at.isoformat() == "2026-11-18T08:30:00+00:00"
        assert dialogue.short_code in " ".join(_messages(response))

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"title": ""}, "Skriv dialogens rubrik."),
            ({"title": "   "}, "Skriv dialogens rubrik."),
            (
                {"opens_at": "2026-11-18T11:00", "closes_at": "2026-11-18T09:00"},
                "Dialogen måste stänga efter att den öppnat.",
            ),
            (
                {"opens_at": "2026-11-18T11:00", "closes_at": "2026-11-18T11:00"},
                "Dialogen måste stänga efter att den öppnat.",
            ),
            ({"opens_at": "i morgon"}, "Skriv datum och tid som 2026-11-18 09:30."),
            ({"closes_at": "2026-13-40T25:00"}, "Skriv datum och tid som 2026-11-18 09:30."),
            ({"note_cap": "0"}, "Taket måste vara minst 1."),
            ({"note_cap": "många"}, "Skriv ett heltal, till exempel 1500."),
            ({"note_cap": ""}, "Ange högsta antal anteckningar."),
        ],
    )
    def test_bad_input_is_explained_and_kept(
        self, manager: Client, data: dict[str, str], message: str
    ) -> None:
        conference = ConferenceFactory()
        response = self._create(manager, conference, introduction="Behåll mig", **data)
        page = response.content.decode()
        assert response.status_code == 400
        assert message in page
        assert "Behåll mig" in page
        assert Dialogue.objects.count() == 0

    def test_edit_keeps_typed_input_on_error(self, manager: Client, dialogue: Dialogue) -> None:
        path = reverse("dialogues:dialogue_edit", args=[dialogue.pk])
        response = manager.post(
            path,
            {
                "title": "Ny rubrik",
                "note_cap": "300",
                "opens_at": "2026-11-18T11:00",
                "closes_at": "2026-11-18T10:00",
            },
        )
        page = response.content.decode()
        assert response.status_code == 400
        assert 'value="Ny rubrik"' in page and 'value="2026-11-18T10:00"' in page
        dialogue.refresh_from_db()
        assert dialogue.title == "Framtidsfokus"

    def test_edit_saves(self, manager: Client, dialogue: Dialogue) -> None:
        path = reverse("dialogues:dialogue_edit", args=[dialogue.pk])
        response = manager.post(path, {"title": "Ny rubrik", "note_cap": "300"})
        assert response.status_code == 302
        dialogue.refresh_from_db()
        assert (dialogue.title, dialogue.note_cap) == ("Ny rubrik", 300)
        page = manager.get(path).content.decode()
        assert 'value="Ny rubrik"' in page and "Vilka aktiviteter?" in page

    def test_open_close_and_follow_the_times(self, manager: Client, dialogue: Dialogue) -> None:
        path = reverse("dialogues:dialogue_state", args=[dialogue.pk])
        for state in ["closed", "auto", "open"]:
            response = manager.post(path, {"state": state})
            assert response.status_code == 302
            dialogue.refresh_from_db()
            assert dialogue.manual_state == state
        assert "är öppen" in " ".join(_messages(response))
        response = manager.post(path, {"state": "kanske"})
        assert "Okänt läge" in " ".join(_messages(response))
        dialogue.refresh_from_db()
        assert dialogue.manual_state == "open"

    def test_add_an_empty_question_is_explained(self, manager: Client, dialogue: Dialogue) -> None:
        response = manager.post(
            reverse("dialogues:question_add", args=[dialogue.pk]), {"new-text": "  "}
        )
        assert response.status_code == 400
        assert "Skriv frågan." in response.content.decode()
        assert dialogue.questions.count() == 2

    def test_edit_move_and_delete_a_question(self, manager: Client, dialogue: Dialogue) -> None:
        first, second = dialogue.questions.order_by("position")
        path = reverse("dialogues:question_edit", args=[first.pk])
        assert manager.post(path, {"text": ""}).status_code == 400
        assert manager.post(path, {"text": "Omformulerad?"}).status_code == 302
        manager.post(reverse("dialogues:question_move", args=[first.pk]), {"direction": "down"})
        assert [q.text for q in dialogue.questions.order_by("position")] == [
            "Vilka aktiviteter?",
            "Omformulerad?",
        ]
        response = manager.post(
            reverse("dialogues:question_move", args=[first.pk]), {"direction": "sidled"}
        )
        assert "Välj upp eller ned." in " ".join(_messages(response))
        NoteFactory(dialogue=dialogue, question=second)
        response = manager.post(reverse("dialogues:question_delete", args=[second.pk]))
        assert "kan inte tas bort" in " ".join(_messages(response))
        assert dialogue.questions.count() == 2

    def test_a_dialogue_with_notes_is_not_deleted(
        self, manager: Client, dialogue: Dialogue
    ) -> None:
        NoteFactory(dialogue=dialogue)
        page = manager.get(reverse("dialogues:dialogue_edit", args=[dialogue.pk])).content
        assert "Ta bort dialogen" not in page.decode()
        response = manager.post(reverse("dialogues:dialogue_delete", args=[dialogue.pk]))
        assert "kan inte tas bort" in " ".join(_messages(response))
        assert Dialogue.objects.filter(pk=dialogue.pk).exists()

    def test_english_pages_render(self, manager: Client, dialogue: Dialogue) -> None:
        for path in _pages(dialogue)[:-1]:
            response = manager.get(f"/en{path}")
            assert response.status_code == 200, path


def test_a_dialogue_closed_by_hand_says_closed_once(manager: Client, dialogue: Dialogue) -> None:
    dialogue.manual_state = Dialogue.ManualState.CLOSED
    dialogue.save(update_fields=["manual_state"])
    page = manager.get(
        reverse("dialogues:conference_detail", args=[dialogue.conference_id])
    ).content.decode()
    assert re.search(r"Stängd</span>\s*för hand, oberoende av tiderna", page)
    assert "stängd för hand" not in page.lower().replace("stängd</span>", "")

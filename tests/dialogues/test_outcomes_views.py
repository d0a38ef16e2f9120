"""After the conference, every view for every role: the working group's summary, feedback,
counts and exports; the public conference page and the compiled document (page and PDF)."""

import csv
import io
from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from dialogues.models import Conference, Dialogue, Note, NoteTheme, Theme
from dialogues.services.documents import document_render_request
from hok.models import User
from tests.dialogues import roles
from tests.dialogues.factories import (
    ConferenceFactory,
    DialogueFactory,
    DialogueQuestionFactory,
    FinishedDocumentRenderFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konto/login/"
MFA_ACTIVATE_URL = "/konto/2fa/totp/activate/"
ROLES = roles.ROLES
WITH_MFA = ["working_group_mfa", "admin_mfa"]
WITHOUT_MFA = ["working_group", "admin"]

SUMMARY = "Grupperna vill **fortsätta** med mötesplatser.\n\n- fler träffar\n- lokalt"
FEEDBACK = "Arbetsgruppen ordnar två *nätverksträffar* under 2022."
HIDDEN_TEXT = "Ring Kalle på 070-123 45 67"
DRAFT_SUMMARY = "Utkast som ingen får se ännu"
DRAFT_FEEDBACK = "Återkoppling som inte är klar"


@pytest.fixture
def client_as(give_mfa: Callable[[User], str]) -> Callable[[str], Client]:
    return lambda role: roles.client_as(role, give_mfa)


@pytest.fixture
def wg(client_as: Callable[[str], Client]) -> Client:
    return client_as("working_group_mfa")


@pytest.fixture
def conference() -> Conference:
    """Two closed dialogues: the first published with a visible and a hidden note, the second
    a draft; a theme with published feedback, one with a draft."""
    conference = ConferenceFactory(
        name="Starkare tillsammans",
        slug="starkare-tillsammans",
        introduction="Konferensen hade två dialoger.",
    )
    first = DialogueFactory(
        conference=conference,
        position=1,
        title="Mötesplatser",
        manual_state=Dialogue.ManualState.CLOSED,
        summary=SUMMARY,
        summary_published=True,
    )
    DialogueQuestionFactory(dialogue=first, position=1, text="Var vill ni mötas?")
    second = DialogueFactory(
        conference=conference,
        position=2,
        title="Framtidsfokus",
        manual_state=Dialogue.ManualState.CLOSED,
        summary=DRAFT_SUMMARY,
    )
    meeting = ThemeFactory(
        conference=conference,
        name="mötesplatser",
        feedback=FEEDBACK,
        feedback_published=True,
    )
    lonely = ThemeFactory(conference=conference, name="ensamhet", feedback=DRAFT_FEEDBACK)
    visible = NoteFactory(dialogue=first, text="Fler träffar i Varberg", table_group="Bord 4")
    hidden = NoteFactory(
        dialogue=first, text=HIDDEN_TEXT, hidden=True, hidden_reason="Personuppgifter"
    )
    NoteThemeFactory(note=visible, theme=meeting)
    NoteThemeFactory(note=hidden, theme=lonely)
    draft_note = NoteFactory(dialogue=second, text="Ofrivillig ensamhet i glesbygd")
    NoteThemeFactory(note=draft_note, theme=lonely)
    NoteThemeFactory(note=draft_note, theme=meeting, status=NoteTheme.Status.SUGGESTED)
    return conference


@pytest.fixture
def rendered(conference: Conference, django_capture_on_commit_callbacks) -> Conference:
    """Both PDFs made by the worker's task (test settings run it in process), as the working
    group's "Skapa PDF" does: the request no longer renders them itself."""
    for drafts in (False, True):
        with django_capture_on_commit_callbacks(execute=True):
            document_render_request(conference=conference, drafts=drafts, by=None)
    return conference


def html(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def outcomes_url(conference: Conference) -> str:
    return reverse("dialogues:outcomes", kwargs={"pk": conference.pk})


def summary_url(conference: Conference, dialogue: Dialogue) -> str:
    return reverse(
        "dialogues:summary_edit", kwargs={"pk": conference.pk, "dialogue_pk": dialogue.pk}
    )


def feedback_url(conference: Conference, theme: Theme) -> str:
    return reverse("dialogues:feedback_edit", kwargs={"pk": conference.pk, "theme_pk": theme.pk})


def csv_url(conference: Conference) -> str:
    return reverse("dialogues:notes_csv", kwargs={"pk": conference.pk})


def renders_url(conference: Conference) -> str:
    return reverse("dialogues:document_renders", kwargs={"pk": conference.pk})


def draft_pdf_url(conference: Conference) -> str:
    return reverse("dialogues:document_draft_pdf", kwargs={"pk": conference.pk})


def public_url(conference: Conference) -> str:
    return reverse("dialogues:conference_public", kwargs={"slug": conference.slug})


def document_url(conference: Conference) -> str:
    return reverse("dialogues:document", kwargs={"slug": conference.slug})


def pdf_url(conference: Conference) -> str:
    return reverse("dialogues:document_pdf", kwargs={"slug": conference.slug})


def dialogue_of(conference: Conference, position: int) -> Dialogue:
    return conference.dialogues.get(position=position)


def theme_of(conference: Conference, name: str) -> Theme:
    return conference.themes.get(name=name)


def expect_managers_only(response, role: str, path: str) -> None:
    """Anonymous → login; a plain user → 403; powers without MFA → turn it on; else 200."""
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN_URL}?next={path}"
    elif role == "user":
        assert response.status_code == 403
    elif role in WITHOUT_MFA:
        assert response.status_code == 302
        assert response["Location"] == MFA_ACTIVATE_URL
    else:
        assert role in WITH_MFA
        assert response.status_code == 200


# ---- the working group's pages, per role ---------------------------------------------------


MANAGER_PAGES: dict[str, Callable[[Conference], str]] = {
    "outcomes": outcomes_url,
    "summary": lambda c: summary_url(c, dialogue_of(c, 1)),
    "feedback": lambda c: feedback_url(c, theme_of(c, "mötesplatser")),
    "csv": csv_url,
    "draft_pdf": draft_pdf_url,
    "renders": renders_url,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(MANAGER_PAGES))
def test_manager_pages_per_role(client_as, conference, role: str, page: str) -> None:
    FinishedDocumentRenderFactory(conference=conference, drafts=True)
    path = MANAGER_PAGES[page](conference)
    expect_managers_only(client_as(role).get(path), role, path)


@pytest.mark.parametrize("role", ROLES)
def test_manager_posts_per_role(client_as, conference, role: str) -> None:
    second = dialogue_of(conference, 2)
    path = summary_url(conference, second)
    response = client_as(role).post(path, {"summary": "Ny text", "action": "save"})
    second.refresh_from_db()
    if role in WITH_MFA:
        assert response.status_code == 302
        assert second.summary == "Ny text"
    else:
        assert response.status_code in (302, 403)
        if role == "anonymous":
            assert response["Location"].startswith(LOGIN_URL)
        assert second.summary == DRAFT_SUMMARY


@pytest.mark.parametrize("page", list(MANAGER_PAGES))
def test_manager_pages_of_an_unknown_conference(wg, conference, page: str) -> None:
    path = MANAGER_PAGES[page](conference).replace(f"/{conference.pk}/", "/999999/", 1)
    assert wg.get(path).status_code == 404


class TestOverview:
    def test_shows_drafts_counts_and_feedback_status(self, wg, conference) -> None:
        page = html(wg.get(outcomes_url(conference)))
        assert "Dialog 1: Mötesplatser" in page
        assert "Sammanfattningen är publicerad" in page
        assert "Sammanfattningen är ett utkast" in page
        assert DRAFT_SUMMARY in page  # the working group reads its drafts
        assert "<strong>fortsätta</strong>" in page
        assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--bar"' in page
        assert 'id="teman-dialog-1"' in page and 'id="teman-konferens"' in page
        assert feedback_url(conference, theme_of(conference, "ensamhet")) in page
        # the draft PDF is made on its own page first (the worker renders it)
        assert csv_url(conference) in page and renders_url(conference) in page
        assert HIDDEN_TEXT not in page

    def test_counts_accepted_visible_only(self, wg, conference) -> None:
        response = wg.get(outcomes_url(conference))
        outcome = response.context["outcome"]
        first, second = outcome.dialogues
        assert [(t.name, n) for t, n in first.counts] == [("mötesplatser", 1)]
        # the hidden note's theme is not counted, the suggestion neither
        assert [(t.name, n) for t, n in second.counts] == [("ensamhet", 1)]
        assert sorted((t.name, n) for t, n in outcome.counts) == [
            ("ensamhet", 1),
            ("mötesplatser", 1),
        ]

    def test_query_count_is_constant_in_notes(
        self, wg, conference, django_assert_max_num_queries
    ) -> None:
        first = dialogue_of(conference, 1)
        theme = theme_of(conference, "mötesplatser")
        for number in range(40):
            note = NoteFactory(dialogue=first, text=f"Anteckning {number}")
            NoteThemeFactory(note=note, theme=theme)
        # session, user, two-factor and role checks; then as the public page plus the themes
        with django_assert_max_num_queries(13):
            response = wg.get(outcomes_url(conference))
        assert response.status_code == 200

    def test_empty_conference(self, wg) -> None:
        conference = ConferenceFactory()
        page = html(wg.get(outcomes_url(conference)))
        assert "Konferensen har inga dialoger ännu." in page
        assert "Konferensen har inga teman ännu." in page

    def test_english(self, wg, conference) -> None:
        page = html(wg.get("/en" + outcomes_url(conference)))
        assert "Compilation – " in page and "Feedback per theme" in page


class TestSummaryEdit:
    def test_form_has_the_text(self, wg, conference) -> None:
        second = dialogue_of(conference, 2)
        page = html(wg.get(summary_url(conference, second)))
        assert DRAFT_SUMMARY in page
        assert 'value="publish"' in page and 'value="preview"' in page
        assert 'value="unpublish"' not in page

    def test_preview_does_not_save(self, wg, conference) -> None:
        second = dialogue_of(conference, 2)
        text = "# Rubrik\n\n<script>alert(1)</script>**Fet**"
        response = wg.post(summary_url(conference, second), {"summary": text, "action": "preview"})
        assert response.status_code == 200
        page = html(response)
        assert "<h3>Rubrik</h3>" in page and "<strong>Fet</strong>" in page
        assert "<script>alert(1)" not in page
        assert escape(text) in page  # the textarea keeps what was typed
        second.refresh_from_db()
        assert second.summary == DRAFT_SUMMARY

    def test_save_draft(self, wg, conference) -> None:
        second = dialogue_of(conference, 2)
        response = wg.post(summary_url(conference, second), {"summary": "Ny", "action": "save"})
        assert response.status_code == 302
        assert response["Location"] == f"{outcomes_url(conference)}#dialog-{second.pk}"
        assert messages_of(response) == ["Sammanfattningen är sparad."]
        second.refresh_from_db()
        assert second.summary == "Ny" and not second.summary_published

    def test_publish(self, wg, conference) -> None:
        second = dialogue_of(conference, 2)
        response = wg.post(
            summary_url(conference, second), {"summary": "Klar", "action": "publish"}
        )
        assert messages_of(response) == ["Sammanfattningen är sparad och publicerad."]
        second.refresh_from_db()
        assert second.summary == "Klar" and second.summary_published

    def test_unpublish(self, wg, conference) -> None:
        first = dialogue_of(conference, 1)
        page = html(wg.get(summary_url(conference, first)))
        assert 'value="unpublish"' in page
        response = wg.post(
            summary_url(conference, first), {"summary": SUMMARY, "action": "unpublish"}
        )
        assert messages_of(response) == ["Sammanfattningen är avpublicerad och sparad som utkast."]
        first.refresh_from_db()
        assert not first.summary_published and first.summary == SUMMARY

    def test_publish_empty_is_refused_with_the_form_kept(self, wg, conference) -> None:
        second = dialogue_of(conference, 2)
        response = wg.post(summary_url(conference, second), {"summary": "  ", "action": "publish"})
        assert response.status_code == 400
        assert "Skriv en sammanfattning innan du publicerar den." in html(response)
        second.refresh_from_db()
        assert second.summary == DRAFT_SUMMARY and not second.summary_published

    def test_publish_open_dialogue_is_refused_with_the_text_kept(self, wg, conference) -> None:
        second = dialogue_of(conference, 2)
        Dialogue.objects.filter(pk=second.pk).update(manual_state=Dialogue.ManualState.OPEN)
        page_before = html(wg.get(summary_url(conference, second)))
        assert "Dialogen är fortfarande öppen för anteckningar." in page_before
        response = wg.post(
            summary_url(conference, second), {"summary": "Mitt långa utkast", "action": "publish"}
        )
        assert response.status_code == 400
        page = html(response)
        assert "Stäng den innan du publicerar sammanfattningen." in page
        assert "Mitt långa utkast" in page
        second.refresh_from_db()
        assert second.summary == DRAFT_SUMMARY

    def test_too_long(self, wg, conference) -> None:
        second = dialogue_of(conference, 2)
        text = "x" * 20_001
        response = wg.post(summary_url(conference, second), {"summary": text, "action": "save"})
        assert response.status_code == 400
        assert "högst 20000 tecken" in html(response)
        assert text in html(response)

    def test_unknown_action_saves(self, wg, conference) -> None:
        second = dialogue_of(conference, 2)
        response = wg.post(summary_url(conference, second), {"summary": "Ny", "action": "boom"})
        assert response.status_code == 302
        second.refresh_from_db()
        assert second.summary == "Ny" and not second.summary_published

    def test_dialogue_of_another_conference(self, wg, conference) -> None:
        other = DialogueFactory()
        assert wg.get(summary_url(conference, other)).status_code == 404
        response = wg.post(summary_url(conference, other), {"summary": "X", "action": "save"})
        assert response.status_code == 404
        other.refresh_from_db()
        assert other.summary == ""


class TestFeedbackEdit:
    def test_form(self, wg, conference) -> None:
        page = html(wg.get(feedback_url(conference, theme_of(conference, "ensamhet"))))
        assert "Återkoppling på temat ensamhet" in page
        assert DRAFT_FEEDBACK in page
        assert "1 synlig anteckning har temat." in page

    def test_save_publish_unpublish(self, wg, conference) -> None:
        theme = theme_of(conference, "ensamhet")
        url = feedback_url(conference, theme)
        response = wg.post(url, {"feedback": "Vi startar en grupp.", "action": "publish"})
        assert response.status_code == 302
        assert response["Location"] == f"{outcomes_url(conference)}#tema-{theme.pk}"
        assert messages_of(response) == ["Återkopplingen är sparad och publicerad."]
        theme.refresh_from_db()
        assert theme.feedback_published and theme.feedback == "Vi startar en grupp."
        response = wg.post(url, {"feedback": "Vi startar två.", "action": "save"})
        assert messages_of(response)[-1] == "Återkopplingen är sparad."
        response = wg.post(url, {"feedback": "Vi startar två.", "action": "unpublish"})
        assert messages_of(response)[-1] == "Återkopplingen är avpublicerad och sparad som utkast."
        theme.refresh_from_db()
        assert not theme.feedback_published and theme.feedback == "Vi startar två."

    def test_preview(self, wg, conference) -> None:
        url = feedback_url(conference, theme_of(conference, "ensamhet"))
        response = wg.post(
            url, {"feedback": '[x](javascript:alert(1)) <b onclick="y">b</b>', "action": "preview"}
        )
        assert response.status_code == 200
        preview = response.context["preview"]
        assert "javascript" not in preview and "onclick" not in preview

    def test_publish_empty(self, wg, conference) -> None:
        theme = theme_of(conference, "ensamhet")
        response = wg.post(feedback_url(conference, theme), {"feedback": "", "action": "publish"})
        assert response.status_code == 400
        assert "Skriv återkopplingen innan du publicerar den." in html(response)
        theme.refresh_from_db()
        assert theme.feedback == DRAFT_FEEDBACK

    def test_theme_of_another_conference(self, wg, conference) -> None:
        foreign = ThemeFactory(name="främmande", feedback="orörd")
        url = feedback_url(conference, foreign)
        assert wg.get(url).status_code == 404
        response = wg.post(url, {"feedback": "Kapat", "action": "publish"})
        assert response.status_code == 404
        foreign.refresh_from_db()
        assert foreign.feedback == "orörd" and not foreign.feedback_published


class TestNotesCsv:
    def rows(self, response) -> list[list[str]]:
        text = html(response)
        assert text.startswith("\ufeff")
        return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))

    def test_all_notes_with_hidden_flag_and_reason(self, wg, conference) -> None:
        response = wg.get(csv_url(conference))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == (
            'attachment; filename="anteckningar-starkare-tillsammans.csv"'
        )
        header, *rows = self.rows(response)
        assert header == [
            "dialog",
            "dialogens rubrik",
            "fråga",
            "bordsgrupp",
            "anteckning",
            "skickad",
            "dold",
            "skäl att dölja",
            "teman",
        ]
        by_text = {row[4]: row for row in rows}
        assert len(rows) == 3
        assert by_text[HIDDEN_TEXT][6:9] == ["ja", "Personuppgifter", "ensamhet"]
        visible = by_text["Fler träffar i Varberg"]
        assert visible[:4] == ["1", "Mötesplatser", "Hela dialogen", "Bord 4"]
        assert visible[6:9] == ["nej", "", "mötesplatser"]
        # only accepted themes are listed
        assert by_text["Ofrivillig ensamhet i glesbygd"][8] == "ensamhet"

    def test_formula_injection_is_defused(self, wg, conference) -> None:
        NoteFactory(
            dialogue=dialogue_of(conference, 1), text='=HYPERLINK("http://x")', table_group="+46"
        )
        rows = self.rows(wg.get(csv_url(conference)))
        row = next(row for row in rows if "HYPERLINK" in row[4])
        assert row[4].startswith("'=") and row[3] == "'+46"

    def test_query_count_does_not_grow_with_notes(
        self, wg, conference, django_assert_max_num_queries
    ) -> None:
        first = dialogue_of(conference, 1)
        theme = theme_of(conference, "mötesplatser")
        for number in range(30):
            note = NoteFactory(dialogue=first, text=f"Anteckning {number}")
            NoteThemeFactory(note=note, theme=theme)
        with django_assert_max_num_queries(12):
            response = wg.get(csv_url(conference))
            rows = self.rows(response)
        assert len(rows) == 34

    def test_no_public_csv(self, client_as, conference) -> None:
        assert (
            client_as("anonymous").get(public_url(conference) + "anteckningar.csv").status_code
            == 404
        )


class TestDraftPdf:
    def test_contains_drafts_but_no_hidden_notes(self, wg, rendered) -> None:
        response = wg.get(draft_pdf_url(rendered))
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


# ---- the public pages ----------------------------------------------------------------------


PUBLIC_PAGES: dict[str, Callable[[Conference], str]] = {
    "conference": public_url,
    "document": document_url,
    "pdf": pdf_url,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PUBLIC_PAGES))
def test_public_pages_for_every_role(client_as, conference, role: str, page: str) -> None:
    FinishedDocumentRenderFactory(conference=conference, drafts=False)
    response = client_as(role).get(PUBLIC_PAGES[page](conference))
    assert response.status_code == 200
    if page != "pdf":
        text = html(response)
        assert HIDDEN_TEXT not in text
        assert DRAFT_SUMMARY not in text and DRAFT_FEEDBACK not in text


@pytest.mark.parametrize("page", list(PUBLIC_PAGES))
def test_unknown_slug(client, db, page: str) -> None:
    response = client.get(PUBLIC_PAGES[page](ConferenceFactory.build(slug="finns-inte")))
    assert response.status_code == 404


class TestConferencePage:
    def test_published_only(self, client, conference) -> None:
        FinishedDocumentRenderFactory(conference=conference, drafts=False)
        response = client.get(public_url(conference))
        page = html(response)
        assert "<h1>Starkare tillsammans</h1>" in page
        assert "Dialog 1: Mötesplatser" in page and "Dialog 2: Framtidsfokus" in page
        assert "Var vill ni mötas?" in page
        assert "<strong>fortsätta</strong>" in page
        assert "Sammanfattningen av dialogen är inte publicerad ännu." in page
        assert "<em>nätverksträffar</em>" in page  # published feedback
        assert DRAFT_SUMMARY not in page and DRAFT_FEEDBACK not in page
        assert document_url(conference) in page and pdf_url(conference) in page
        assert outcomes_url(conference) not in page

    def test_counts_only_of_published_dialogues(self, client, conference) -> None:
        outcome = client.get(public_url(conference)).context["outcome"]
        first, second = outcome.dialogues
        assert first.shown and not second.shown
        assert second.counts == []
        # "ensamhet" is counted only in the unpublished dialogue: not public yet
        assert [(t.name, n) for t, n in outcome.counts] == [("mötesplatser", 1)]

    def test_nothing_published_yet(self, client) -> None:
        conference = ConferenceFactory()
        DialogueFactory(conference=conference, summary="Hemligt utkast")
        ThemeFactory(conference=conference, feedback="Hemlig återkoppling")
        page = html(client.get(public_url(conference)))
        assert "Arbetsgruppen går igenom anteckningarna" in page
        assert "Hemligt" not in page
        assert document_url(conference) not in page

    def test_working_group_gets_a_link_to_its_page(self, wg, conference) -> None:
        assert outcomes_url(conference) in html(wg.get(public_url(conference)))

    def test_english(self, client, conference) -> None:
        page = html(client.get("/en" + public_url(conference)))
        assert "Dialogue 1: Mötesplatser" in page

    def test_query_count_is_constant_in_notes(
        self, client, conference, django_assert_max_num_queries
    ) -> None:
        first = dialogue_of(conference, 1)
        theme = theme_of(conference, "mötesplatser")
        for number in range(40):
            note = NoteFactory(dialogue=first, text=f"Anteckning {number}")
            NoteThemeFactory(note=note, theme=theme)
        # conference, dialogues, questions, conference themes, one count per published dialogue,
        # the finished PDF, the revision proposals of the conference
        with django_assert_max_num_queries(8):
            response = client.get(public_url(conference))
        assert response.status_code == 200


class TestDocumentPage:
    def test_shape(self, client, conference) -> None:
        FinishedDocumentRenderFactory(conference=conference, drafts=False)
        page = html(client.get(document_url(conference)))
        assert "Sammanställning av dialoger under samverkanskonferensen" in page
        assert "Konferensen hade två dialoger." in page
        assert "Frågorna som ställdes under dialogen:" in page
        assert "Arbetsgruppens sammanfattning" in page
        assert "Råmaterial dialog 1 – Mötesplatser" in page
        assert "Fler träffar i Varberg" in page and "bordsgrupp Bord 4" in page
        assert page.index("Teman i dialogen") < page.index("Råmaterial dialog 1")
        assert "Råmaterial dialog 2" not in page  # not published
        assert HIDDEN_TEXT not in page
        assert pdf_url(conference) in page

    def test_nothing_published(self, client) -> None:
        conference = ConferenceFactory()
        dialogue = DialogueFactory(conference=conference, summary="Hemligt utkast")
        NoteFactory(dialogue=dialogue, text="En anteckning under moderering")
        response = client.get(document_url(conference))
        assert response.status_code == 200
        page = html(response)
        assert "Sammanställningen fylls på" in page
        assert "Hemligt" not in page and "under moderering" not in page
        assert pdf_url(conference) not in page
        assert client.get(pdf_url(conference)).status_code == 404

    def test_query_count_is_constant_in_notes(
        self, client, conference, django_assert_max_num_queries
    ) -> None:
        first = dialogue_of(conference, 1)
        theme = theme_of(conference, "mötesplatser")
        question = first.questions.get()
        for number in range(40):
            note = NoteFactory(dialogue=first, text=f"Anteckning {number}", question=question)
            NoteThemeFactory(note=note, theme=theme)
        # as the conference page, plus one for all the notes
        with django_assert_max_num_queries(8):
            response = client.get(document_url(conference))
        assert html(response).count("Anteckning ") == 40


class TestPdf:
    def test_is_a_pdf(self, client, rendered) -> None:
        response = client.get(pdf_url(rendered))
        assert response["Content-Type"] == "application/pdf"
        assert (
            'filename="sammanstallning-starkare-tillsammans.pdf"' in response["Content-Disposition"]
        )
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_hidden_note_count_sanity(conference) -> None:
    assert Note.objects.filter(dialogue__conference=conference, hidden=True).count() == 1

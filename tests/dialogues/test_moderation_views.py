"""The moderation page, its live list, the note actions and the themes pages: every role, the
filters, bad input (a Swedish message, never a 500) and pinned query counts."""

from collections.abc import Callable
from urllib.parse import parse_qs, urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogues.models import Note, NoteTheme, Theme
from hok.models import User
from tests.dialogues.factories import (
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)
from tests.dialogues.roles import ALLOWED, ROLES, assert_role_outcome, client_as
from tests.factories import WorkingGroupUserFactory

pytestmark = pytest.mark.django_db

Status = NoteTheme.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def dialogue():
    return DialogueFactory(title="Framtidsfokus")


@pytest.fixture
def question(dialogue):
    return DialogueQuestionFactory(
        dialogue=dialogue,
        text="Vilka samhällsproblem ser ni som det viktigaste att kraftsamla kring?",
    )


@pytest.fixture
def psykisk(dialogue) -> Theme:
    return ThemeFactory(
        conference=dialogue.conference, name="Psykisk hälsa", keywords="psykisk\nohälsa"
    )


@pytest.fixture
def ensam(dialogue) -> Theme:
    return ThemeFactory(conference=dialogue.conference, name="Ensamhet", keywords="ensam*")


@pytest.fixture
def note(dialogue, question) -> Note:
    return NoteFactory(
        dialogue=dialogue,
        question=question,
        table_group="Bord 7",
        text="Har vi verkligen löst frågan om psykisk ohälsa?",
    )


@pytest.fixture
def moderator(give_mfa: Callable[[User], str]) -> User:
    person = WorkingGroupUserFactory(full_name="Greta Arbetsgrupp")
    give_mfa(person)
    return person


@pytest.fixture
def wg(moderator: User) -> Client:
    client = Client()
    client.force_login(moderator)
    return client


def url(name: str, *args: object, **query: str) -> str:
    path = reverse(f"dialogues:{name}", args=args)
    return f"{path}?{urlencode(query)}" if query else path


# Every view for every role ---------------------------------------------------------------------


@pytest.fixture
def pages(dialogue, note, psykisk, ensam) -> dict[str, str]:
    conference = dialogue.conference
    return {
        "moderation": url("moderation", dialogue.pk),
        "moderation_notes": url("moderation_notes", dialogue.pk),
        "note": url("moderation_note", dialogue.pk, note.pk),
        "themes": url("themes", conference.pk),
        "theme_edit": url("theme_edit", conference.pk, psykisk.pk),
        "theme_merge": url(
            "theme_merge", conference.pk, source=str(ensam.pk), target=str(psykisk.pk)
        ),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "page", ["moderation", "moderation_notes", "note", "themes", "theme_edit", "theme_merge"]
)
def test_pages_per_role(role: str, page: str, pages, give_mfa) -> None:
    client = client_as(role, give_mfa)
    response = client.get(pages[page])
    assert_role_outcome(role, response, pages[page])
    if role in ALLOWED:
        assert response.status_code == 200


@pytest.fixture
def actions(dialogue, note, psykisk, ensam) -> dict[str, tuple[str, dict[str, str]]]:
    link = NoteThemeFactory(note=note, theme=ensam, status=Status.SUGGESTED)
    conference = dialogue.conference
    return {
        "hide": (url("moderation_note_hide", dialogue.pk, note.pk), {"reason": "Ett namn"}),
        "unhide": (url("moderation_note_unhide", dialogue.pk, note.pk), {}),
        "themes": (
            url("moderation_note_themes", dialogue.pk, note.pk),
            {"themes": str(psykisk.pk)},
        ),
        "suggestion": (
            url("moderation_note_suggestion", dialogue.pk, note.pk, link.pk),
            {"decision": "accept"},
        ),
        "suggest": (url("moderation_suggest", dialogue.pk), {}),
        "theme_create": (url("themes", conference.pk), {"name": "Utanförskap", "keywords": ""}),
        "theme_edit": (
            url("theme_edit", conference.pk, psykisk.pk),
            {"name": "Psykisk ohälsa", "keywords": ""},
        ),
        "theme_merge": (
            url("theme_merge", conference.pk),
            {"source": str(ensam.pk), "target": str(psykisk.pk), "confirm": "yes"},
        ),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action",
    [
        "hide",
        "unhide",
        "themes",
        "suggestion",
        "suggest",
        "theme_create",
        "theme_edit",
        "theme_merge",
    ],
)
def test_actions_per_role(role: str, action: str, actions, note, give_mfa) -> None:
    before = (
        list(Note.objects.values_list("hidden", flat=True)),
        sorted(NoteTheme.objects.values_list("theme_id", "status")),
        sorted(Theme.objects.values_list("name", flat=True)),
    )
    path, data = actions[action]
    response = client_as(role, give_mfa).post(path, data)
    assert_role_outcome(role, response, path)
    after = (
        list(Note.objects.values_list("hidden", flat=True)),
        sorted(NoteTheme.objects.values_list("theme_id", "status")),
        sorted(Theme.objects.values_list("name", flat=True)),
    )
    if role in ALLOWED:
        assert response.status_code == 302
        if action != "unhide":  # the note was visible already
            assert after != before
    else:
        assert after == before


def test_actions_refuse_get(wg, actions) -> None:
    for action in ["hide", "unhide", "themes", "suggestion", "suggest"]:
        assert wg.get(actions[action][0]).status_code == 405


def test_unknown_dialogue_and_note_are_404(wg, dialogue, note) -> None:
    other_note = NoteFactory()  # in another dialogue
    assert wg.get(url("moderation", 987654)).status_code == 404
    assert wg.get(url("moderation_note", dialogue.pk, other_note.pk)).status_code == 404
    response = wg.post(url("moderation_note_hide", dialogue.pk, other_note.pk), {"reason": "Namn"})
    assert response.status_code == 404
    other_note.refresh_from_db()
    assert not other_note.hidden


# The list ----------------------------------------------------------------------------------------


def test_lists_every_note_unhandled_first_newest_first(wg, dialogue, note, question) -> None:
    newer = NoteFactory(dialogue=dialogue, text="Ofrivillig ensamhet – ett stort problem")
    hidden = NoteFactory(dialogue=dialogue, text="Ring Kalle", hidden=True, hidden_reason="Namn")
    response = wg.get(url("moderation", dialogue.pk))
    html = response.content.decode()
    assert response.status_code == 200
    # The hidden note is handled: after the two still to look at, though it is the newest.
    assert html.index(newer.text) < html.index(note.text) < html.index(hidden.text)
    assert "Bordsgrupp: Bord 7" in html
    assert "Fråga: Vilka samhällsproblem" in html
    assert "Dold</strong>:\n                    Namn" in html or "Namn" in html
    assert 'hx-trigger="every 5s"' in html
    assert reverse("dialogues:moderation_notes", args=[dialogue.pk]) in html
    assert "htmx.min.js" in html


def test_polled_partial_is_the_list_only(wg, dialogue, note) -> None:
    response = wg.get(url("moderation_notes", dialogue.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert note.text in html
    assert "<html" not in html
    assert 'id="note-list"' not in html  # the region itself stays on the page
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.fixture
def mixed(dialogue, question, psykisk, ensam) -> dict[str, Note]:
    notes = {
        "tagged": NoteFactory(dialogue=dialogue, question=question, text="tagged-note"),
        "untagged": NoteFactory(dialogue=dialogue, text="untagged-note"),
        "hidden": NoteFactory(dialogue=dialogue, text="hidden-note", hidden=True),
        "suggested": NoteFactory(dialogue=dialogue, question=question, text="suggested-note"),
    }
    NoteThemeFactory(note=notes["tagged"], theme=psykisk)
    NoteThemeFactory(note=notes["suggested"], theme=ensam, status=Status.SUGGESTED)
    return notes


def shown(client: Client, dialogue, **query: str) -> set[str]:
    html = client.get(url("moderation", dialogue.pk, **query)).content.decode()
    return {
        text for text in ["tagged", "untagged", "hidden", "suggested"] if f">{text}-note<" in html
    }


def test_filters(wg, dialogue, mixed, psykisk, question) -> None:
    assert shown(wg, dialogue) == {"tagged", "untagged", "hidden", "suggested"}
    assert shown(wg, dialogue, visa="alla") == {"tagged", "untagged", "hidden", "suggested"}
    assert shown(wg, dialogue, visa="synliga") == {"tagged", "untagged", "suggested"}
    assert shown(wg, dialogue, visa="dolda") == {"hidden"}
    assert shown(wg, dialogue, visa="utan-tema") == {"untagged", "suggested"}
    assert shown(wg, dialogue, visa="forslag") == {"suggested"}
    assert shown(wg, dialogue, tema=str(psykisk.pk)) == {"tagged"}
    assert shown(wg, dialogue, fraga=str(question.pk)) == {"tagged", "suggested"}
    assert shown(wg, dialogue, fraga="hela") == {"untagged", "hidden"}
    assert shown(wg, dialogue, visa="synliga", fraga="hela") == {"untagged"}


def test_filter_keeps_to_the_polled_partial(wg, dialogue, mixed) -> None:
    html = wg.get(url("moderation", dialogue.pk, visa="dolda")).content.decode()
    assert reverse("dialogues:moderation_notes", args=[dialogue.pk]) + "?visa=dolda" in html
    partial = wg.get(url("moderation_notes", dialogue.pk, visa="dolda")).content.decode()
    assert "hidden-note" in partial and "tagged-note" not in partial


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"visa": "allt"}, "Välj vilka anteckningar som ska visas."),
        ({"tema": "987654"}, "Temat finns inte i den här konferensen."),
        ({"tema": "psykisk"}, "Temat finns inte i den här konferensen."),
        ({"fraga": "987654"}, "Frågan finns inte i den här dialogen."),
    ],
)
def test_bad_filter_shows_everything_with_a_message(wg, dialogue, mixed, query, message) -> None:
    response = wg.get(url("moderation", dialogue.pk, **query))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "untagged-note" in html and "hidden-note" in html


def test_theme_of_another_conference_as_filter(wg, dialogue, mixed) -> None:
    foreign = ThemeFactory(name="Psykisk hälsa")
    response = wg.get(url("moderation", dialogue.pk, tema=str(foreign.pk)))
    assert response.status_code == 400
    assert "Temat finns inte i den här konferensen." in response.content.decode()


def test_pages_of_ten(wg, dialogue) -> None:
    for n in range(15):
        NoteFactory(dialogue=dialogue, text=f"anteckning nummer {n:03d}")
    first = wg.get(url("moderation", dialogue.pk)).content.decode()
    assert "anteckning nummer 014" in first and "anteckning nummer 004" not in first
    assert "Sida 1 av 2" in first
    second = wg.get(url("moderation", dialogue.pk, sida="2")).content.decode()
    assert "anteckning nummer 004" in second and "anteckning nummer 014" not in second
    # A page number out of range or not a number: the nearest page, never a 404 or 500.
    assert wg.get(url("moderation", dialogue.pk, sida="99")).status_code == 200
    assert wg.get(url("moderation", dialogue.pk, sida="x")).status_code == 200


def test_empty_dialogue(wg, dialogue) -> None:
    html = wg.get(url("moderation", dialogue.pk)).content.decode()
    assert "Inga anteckningar ännu" in html


def test_action_forms_keep_an_id_until_the_note_changes(wg, dialogue, note, psykisk) -> None:
    """The live refresh keeps a half-typed form (hx-preserve by id) until the note changes."""

    def actions_id() -> str:
        html = wg.get(url("moderation_notes", dialogue.pk)).content.decode()
        start = html.index(f'id="note-{note.pk}-actions-')
        return html[start : html.index('"', start + 4)]

    first = actions_id()
    assert actions_id() == first
    NoteFactory(dialogue=dialogue)  # another note arriving changes nothing for this one
    assert actions_id() == first
    wg.post(url("moderation_note_themes", dialogue.pk, note.pk), {"themes": [psykisk.pk]})
    second = actions_id()
    assert second != first
    wg.post(url("moderation_note_hide", dialogue.pk, note.pk), {"reason": "Namn"})
    assert actions_id() not in (first, second)


# Hiding -----------------------------------------------------------------------------------------


def test_hide_without_js_redirects_back_to_the_list(wg, dialogue, note, moderator) -> None:
    back = url("moderation", dialogue.pk, visa="synliga")
    response = wg.post(
        url("moderation_note_hide", dialogue.pk, note.pk),
        {"reason": "Innehåller ett namn", "next": back},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{back}#note-{note.pk}"
    note.refresh_from_db()
    assert (note.hidden, note.hidden_reason, note.hidden_by) == (
        True,
        "Innehåller ett namn",
        moderator,
    )
    page = wg.get(back).content.decode()
    assert "Anteckningen är dold." in page


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "/konto/"])
def test_next_elsewhere_is_ignored(wg, dialogue, note, next_url: str) -> None:
    response = wg.post(
        url("moderation_note_hide", dialogue.pk, note.pk), {"reason": "Namn", "next": next_url}
    )
    assert response["Location"] == f"{url('moderation', dialogue.pk)}#note-{note.pk}"


def test_hide_without_reason_is_refused_in_swedish(wg, dialogue, note) -> None:
    response = wg.post(url("moderation_note_hide", dialogue.pk, note.pk), {"reason": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv varför anteckningen döljs" in html
    assert note.text in html
    note.refresh_from_db()
    assert not note.hidden


def test_too_long_reason_is_refused_and_kept(wg, dialogue, note) -> None:
    typed = "Innehåller namn och telefonnummer " * 10
    response = wg.post(url("moderation_note_hide", dialogue.pk, note.pk), {"reason": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert "högst 300 tecken" in html
    assert typed.strip() in html
    note.refresh_from_db()
    assert not note.hidden


def test_hide_with_htmx_returns_the_row(wg, dialogue, note) -> None:
    response = wg.post(
        url("moderation_note_hide", dialogue.pk, note.pk), {"reason": "Namn"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<li class="mod-note mod-note--hidden"')
    assert f'id="note-{note.pk}"' in html
    assert "Visa igen" in html
    assert "autofocus" in html  # the keyboard stays at the note
    # The live list never takes the focus.
    assert "autofocus" not in wg.get(url("moderation_notes", dialogue.pk)).content.decode()


def test_hide_error_with_htmx_is_shown_in_the_row(wg, dialogue, note) -> None:
    response = wg.post(url("moderation_note_hide", dialogue.pk, note.pk), {"reason": ""}, **HTMX)
    assert response.status_code == 200  # htmx swaps only successful responses
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Skriv varför anteckningen döljs" in html
    assert "-error" in html  # not preserved: the error replaces the form


def test_unhide(wg, dialogue, note, moderator) -> None:
    note.hidden, note.hidden_reason, note.hidden_by = True, "Namn", moderator
    note.save()
    response = wg.post(url("moderation_note_unhide", dialogue.pk, note.pk))
    assert response.status_code == 302
    note.refresh_from_db()
    assert not note.hidden and note.hidden_reason == ""


# Themes of a note -------------------------------------------------------------------------------


def test_mark_several_themes(wg, dialogue, note, psykisk, ensam) -> None:
    response = wg.post(
        url("moderation_note_themes", dialogue.pk, note.pk), {"themes": [psykisk.pk, ensam.pk]}
    )
    assert response.status_code == 302
    assert set(
        NoteTheme.objects.filter(note=note, status=Status.ACCEPTED).values_list(
            "theme_id", flat=True
        )
    ) == {psykisk.pk, ensam.pk}
    html = wg.get(url("moderation", dialogue.pk)).content.decode()
    assert f'id="note-{note.pk}-theme-{psykisk.pk}"\n' in html or "checked" in html


@pytest.mark.parametrize("value", ["987654", "tema", ""])
def test_unknown_theme_id_is_refused(wg, dialogue, note, psykisk, value: str) -> None:
    response = wg.post(
        url("moderation_note_themes", dialogue.pk, note.pk), {"themes": [psykisk.pk, value]}
    )
    assert response.status_code == 400
    assert "Ett av temana finns inte i den här konferensen" in response.content.decode()
    assert not NoteTheme.objects.exists()


def test_theme_of_another_conference_is_refused(wg, dialogue, note) -> None:
    foreign = ThemeFactory(name="Psykisk hälsa")
    response = wg.post(
        url("moderation_note_themes", dialogue.pk, note.pk), {"themes": [foreign.pk]}
    )
    assert response.status_code == 400
    assert "Ett av temana finns inte i den här konferensen" in response.content.decode()
    assert not NoteTheme.objects.exists()


def test_theme_error_with_htmx(wg, dialogue, note) -> None:
    response = wg.post(
        url("moderation_note_themes", dialogue.pk, note.pk), {"themes": ["987654"]}, **HTMX
    )
    assert response.status_code == 200
    assert "Ett av temana finns inte" in response.content.decode()


def test_accept_and_reject_suggestions(wg, dialogue, note, psykisk, ensam) -> None:
    accept = NoteThemeFactory(note=note, theme=psykisk, status=Status.SUGGESTED)
    reject = NoteThemeFactory(note=note, theme=ensam, status=Status.SUGGESTED)
    page = wg.get(url("moderation", dialogue.pk)).content.decode()
    assert "Förslag: Psykisk hälsa" in page and "Förslag: Ensamhet" in page

    wg.post(
        url("moderation_note_suggestion", dialogue.pk, note.pk, accept.pk), {"decision": "accept"}
    )
    response = wg.post(
        url("moderation_note_suggestion", dialogue.pk, note.pk, reject.pk),
        {"decision": "reject"},
        **HTMX,
    )
    assert response.status_code == 200
    accept.refresh_from_db()
    reject.refresh_from_db()
    assert (accept.status, reject.status) == (Status.ACCEPTED, Status.REJECTED)
    assert "Förslag:" not in response.content.decode()


def test_bad_suggestion_decision(wg, dialogue, note, psykisk) -> None:
    link = NoteThemeFactory(note=note, theme=psykisk, status=Status.SUGGESTED)
    response = wg.post(
        url("moderation_note_suggestion", dialogue.pk, note.pk, link.pk), {"decision": "kanske"}
    )
    assert response.status_code == 400
    assert "Välj om förslaget ska godkännas eller avvisas." in response.content.decode()
    link.refresh_from_db()
    assert link.status == Status.SUGGESTED


def test_suggestion_of_another_note_is_404(wg, dialogue, note, psykisk) -> None:
    other = NoteThemeFactory(
        note=NoteFactory(dialogue=dialogue), theme=psykisk, status=Status.SUGGESTED
    )
    response = wg.post(
        url("moderation_note_suggestion", dialogue.pk, note.pk, other.pk), {"decision": "accept"}
    )
    assert response.status_code == 404


def test_run_suggestions(wg, dialogue, note, psykisk) -> None:
    response = wg.post(url("moderation_suggest", dialogue.pk))
    assert response.status_code == 302
    assert response["Location"] == url("moderation", dialogue.pk, visa="forslag")
    assert NoteTheme.objects.get(note=note).status == Status.SUGGESTED
    page = wg.get(response["Location"]).content.decode()
    assert "1 nytt förslag på tema" in page
    assert "Förslag: Psykisk hälsa" in page

    again = wg.post(url("moderation_suggest", dialogue.pk), follow=True)
    assert "Inga nya förslag" in again.content.decode()


# Themes pages -----------------------------------------------------------------------------------


def test_themes_page_lists_counts(wg, dialogue, note, psykisk, ensam) -> None:
    NoteThemeFactory(note=note, theme=psykisk)
    NoteThemeFactory(note=NoteFactory(dialogue=dialogue, hidden=True), theme=psykisk)
    html = wg.get(url("themes", dialogue.conference.pk)).content.decode()
    row = html[html.index("Psykisk hälsa</a>") :]
    assert '<td class="numeric">1</td>' in row[: row.index("</tr>")]
    assert "ohälsa" in html  # keywords shown
    assert url("moderation", dialogue.pk) in html


def test_create_theme(wg, dialogue) -> None:
    response = wg.post(
        url("themes", dialogue.conference.pk),
        {"name": "Utanförskap", "keywords": "utanförskap\nsegregering\n\n"},
    )
    assert response.status_code == 302
    theme = Theme.objects.get(name="Utanförskap")
    assert theme.keywords == "utanförskap\nsegregering"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "keywords": "ensam"}, "Skriv temats namn."),
        ({"name": "ENSAMHET", "keywords": "ensam"}, "Det finns redan ett tema som heter"),
        ({"name": "Isolering", "keywords": "is*"}, "minst 3 bokstäver"),
        ({"name": "Isolering", "keywords": "–"}, "minst ett ord"),
    ],
)
def test_create_theme_bad_input_keeps_what_was_typed(wg, dialogue, ensam, data, message) -> None:
    response = wg.post(url("themes", dialogue.conference.pk), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert data["keywords"] in html
    assert Theme.objects.count() == 1


def test_edit_theme(wg, dialogue, psykisk) -> None:
    page = wg.get(url("theme_edit", dialogue.conference.pk, psykisk.pk)).content.decode()
    assert "psykisk\nohälsa" in page
    response = wg.post(
        url("theme_edit", dialogue.conference.pk, psykisk.pk),
        {"name": "Psykisk ohälsa", "keywords": "psykisk*\npsykiatri"},
    )
    assert response.status_code == 302
    psykisk.refresh_from_db()
    assert (psykisk.name, psykisk.keywords) == ("Psykisk ohälsa", "psykisk*\npsykiatri")


def test_edit_theme_to_a_taken_name(wg, dialogue, psykisk, ensam) -> None:
    response = wg.post(
        url("theme_edit", dialogue.conference.pk, psykisk.pk),
        {"name": "ensamhet", "keywords": "ny lista"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Det finns redan ett tema som heter" in html
    assert "ny lista" in html


def test_theme_of_another_conference_is_404(wg, dialogue) -> None:
    foreign = ThemeFactory()
    assert wg.get(url("theme_edit", dialogue.conference.pk, foreign.pk)).status_code == 404
    response = wg.post(
        url("theme_edit", dialogue.conference.pk, foreign.pk), {"name": "Nytt", "keywords": ""}
    )
    assert response.status_code == 404
    assert wg.get(url("themes", 987654)).status_code == 404


def test_merge_asks_first_then_merges(wg, dialogue, note, psykisk, ensam) -> None:
    NoteThemeFactory(note=note, theme=ensam)
    conference = dialogue.conference
    confirm = wg.get(
        url("theme_merge", conference.pk, source=str(ensam.pk), target=str(psykisk.pk))
    )
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Temat ”Ensamhet” slås ihop med ”Psykisk hälsa”." in html
    assert "1 anteckning med temat" in html
    assert "Återkopplingen för" not in html  # Ensamhet has no feedback to move
    assert Theme.objects.filter(pk=ensam.pk).exists()

    # Posting without the confirm button only shows the question again.
    assert (
        wg.post(
            url("theme_merge", conference.pk), {"source": ensam.pk, "target": psykisk.pk}
        ).status_code
        == 200
    )
    assert Theme.objects.filter(pk=ensam.pk).exists()

    response = wg.post(
        url("theme_merge", conference.pk),
        {"source": ensam.pk, "target": psykisk.pk, "confirm": "yes"},
    )
    assert response.status_code == 302
    assert not Theme.objects.filter(pk=ensam.pk).exists()
    assert NoteTheme.objects.get(note=note).theme == psykisk
    assert (
        "Temat Ensamhet är sammanslaget med Psykisk hälsa."
        in wg.get(response["Location"]).content.decode()
    )


@pytest.mark.parametrize(
    ("which", "message"),
    [
        ("same", "Ett tema kan inte slås ihop med sig självt."),
        ("unknown", "Temat finns inte i den här konferensen."),
        ("foreign", "Temat finns inte i den här konferensen."),
        ("missing", "Välj temat som ska finnas kvar."),
    ],
)
def test_merge_bad_input(wg, dialogue, psykisk, ensam, which: str, message: str) -> None:
    target = {
        "same": str(psykisk.pk),
        "unknown": "987654",
        "foreign": str(ThemeFactory().pk),
        "missing": "",
    }[which]
    for send in (wg.get, wg.post):
        response = send(
            url("theme_merge", dialogue.conference.pk),
            {"source": psykisk.pk, "target": target, "confirm": "yes"},
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    assert Theme.objects.filter(pk=psykisk.pk).exists()


# Query counts -----------------------------------------------------------------------------------


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def _add_notes(dialogue, question, themes, count: int) -> None:
    for n in range(count):
        note = NoteFactory(dialogue=dialogue, question=question if n % 2 else None)
        NoteThemeFactory(note=note, theme=themes[n % 2])
        NoteThemeFactory(note=note, theme=themes[(n + 1) % 2], status=Status.SUGGESTED)
        if n % 5 == 0:
            note.hidden, note.hidden_reason = True, "Namn"
            note.save()


# Session, user, two role checks, two-factor check; the dialogue, themes, questions, the page's
# count, notes, their theme links, the figures, the notes per minute; the full page also asks
# the role for the menu.
@pytest.mark.parametrize(("name", "budget"), [("moderation", 14), ("moderation_notes", 13)])
def test_query_count_is_constant_in_the_number_of_notes(
    wg, dialogue, question, psykisk, ensam, name: str, budget: int, django_assert_max_num_queries
) -> None:
    path = url(name, dialogue.pk)
    _add_notes(dialogue, question, [psykisk, ensam], 3)
    few = _queries(wg, path)
    _add_notes(dialogue, question, [psykisk, ensam], 40)
    many = _queries(wg, path)
    assert few == many
    with django_assert_max_num_queries(budget):
        wg.get(path)
    with django_assert_max_num_queries(budget):
        wg.get(url(name, dialogue.pk, visa="utan-tema", tema=str(psykisk.pk), fraga="hela"))


def test_in_english(wg, dialogue, note, psykisk, ensam) -> None:
    moderation_path, themes_path = (
        url("moderation", dialogue.pk),
        url("themes", dialogue.conference.pk),
    )
    html = wg.get("/en" + moderation_path).content.decode()
    assert "Moderate the dialogue" in html and "Set themes" in html and "Hide the note" in html
    themes = wg.get("/en" + themes_path).content.decode()
    assert "Themes and keywords" in themes and "Merge two themes" in themes


def test_live_refresh_after_the_session_ended_sends_the_page_to_the_login(dialogue) -> None:
    page = url("moderation", dialogue.pk, visa="dolda")
    response = Client().get(
        url("moderation_notes", dialogue.pk),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{page}",
    )
    assert response.status_code == 204
    login, query = response["HX-Redirect"].split("?", 1)
    assert login == "/konto/login/"
    assert parse_qs(query) == {"next": [page]}


def test_merge_question_mentions_feedback_that_moves(wg, dialogue, psykisk, ensam) -> None:
    ensam.feedback = "Vi startar en grupp mot ofrivillig ensamhet."
    ensam.save()
    path = url("theme_merge", dialogue.conference.pk, source=str(ensam.pk), target=str(psykisk.pk))
    html = wg.get(path).content.decode()
    assert (
        "Återkopplingen för ”Ensamhet” läggs till sist i återkopplingen för ”Psykisk hälsa”" in html
    )


def test_default_filters_are_no_filter(wg, dialogue, mixed) -> None:
    response = wg.get(url("moderation", dialogue.pk, visa="alla", tema="", fraga=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "matchar filtret" not in html and "Visa alla" not in html
    assert f'hx-get="{url("moderation_notes", dialogue.pk)}"' in html


@pytest.mark.parametrize(
    "name", ["moderation", "moderation_notes", "projector", "projector_content"]
)
def test_refreshing_pages_are_sent_compressed(wg, dialogue, note, name: str) -> None:
    response = wg.get(url(name, dialogue.pk), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


def test_themes_page_query_count_is_constant(wg, dialogue, django_assert_max_num_queries) -> None:
    conference = dialogue.conference
    path = url("themes", conference.pk)
    ThemeFactory(conference=conference)
    few = _queries(wg, path)
    for _n in range(10):
        theme = ThemeFactory(conference=conference, keywords="psykisk\nohälsa")
        NoteThemeFactory(note=NoteFactory(dialogue=dialogue), theme=theme)
    assert _queries(wg, path) == few
    with django_assert_max_num_queries(9):
        wg.get(path)

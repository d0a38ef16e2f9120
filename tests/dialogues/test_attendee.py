"""The attendee side, without JavaScript and with the outbox's JSON: the short code, the page,
submitting notes, every refusal with a Swedish message and the text kept, never a 500."""

import datetime
import re
import uuid

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from dialogues import limits
from dialogues.models import Dialogue, Note
from tests.conftest import ROLES
from tests.dialogues.factories import (
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
    TimedDialogueFactory,
)

pytestmark = pytest.mark.django_db

CODE = "K7MQ2P"
TEXT = "Skapa mötesplatser där föreningar och regionen möts oftare."
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def local_cache(settings):
    """The device counters in an in-process cache, as fast as Redis, so the query counts are
    the database's own (the database cache of a machine without Redis would add its queries)."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    if isinstance(caches["default"], DatabaseCache):
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"attendee-{uuid.uuid4()}",
            }
        }
    caches["default"].clear()


@pytest.fixture
def dialogue() -> Dialogue:
    dialogue = DialogueFactory(
        short_code=CODE,
        title="Strukturerad samverkan för psykisk hälsa",
        introduction="Samtala vid borden och skriv ner det viktigaste.",
    )
    DialogueQuestionFactory(dialogue=dialogue, position=1, text="Vilka roller behöver vara med?")
    DialogueQuestionFactory(dialogue=dialogue, position=2, text="Vad hindrar samverkan i dag?")
    return dialogue


def page_url(code: str = CODE) -> str:
    return reverse("dialogues:attendee", kwargs={"code": code})


def phone(client: Client | None = None, code: str = CODE) -> Client:
    """A client that has opened the page: it has its device cookie and a CSRF cookie."""
    client = client or Client()
    response = client.get(page_url(code))
    assert response.status_code == 200
    assert limits.DEVICE_COOKIE in client.cookies
    return client


def note_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "question": "hela",
        "table_group": "Bord 7",
        "text": TEXT,
        "client_key": str(uuid.uuid4()),
        "webbplats": "",
    }
    data.update(overrides)
    return data


def signed_device_cookie(device_id: str, salt: str = limits.DEVICE_SALT) -> str:
    response = HttpResponse()
    response.set_signed_cookie(limits.DEVICE_COOKIE, device_id, salt=salt)
    return response.cookies[limits.DEVICE_COOKIE].value


def body(response) -> str:
    return response.content.decode()


# --- finding the dialogue ------------------------------------------------------------------


class TestShortCode:
    def test_the_front_page_has_the_short_code_form(self, client, seed):
        response = client.get(reverse("home"))
        html = body(response)
        assert "Har du en dialogkod?" in html
        assert f'action="{reverse("dialogues:find")}"' in html
        assert 'name="kod"' in html

    @pytest.mark.parametrize("typed", ["K7MQ2P", "k7mq2p", " k7m q2p ", "K7M-Q2P"])
    def test_typed_code_leads_to_the_dialogue(self, client, dialogue, typed):
        response = client.get(reverse("dialogues:find"), {"kod": typed})
        assert response.status_code == 302
        assert response["Location"] == page_url()

    def test_unknown_code_is_explained_and_kept(self, client, dialogue):
        response = client.get(reverse("dialogues:find"), {"kod": "zzz 999"})
        assert response.status_code == 404
        html = body(response)
        assert "Vi hittar ingen dialog med koden ”zzz 999”" in html
        assert 'value="zzz 999"' in html

    def test_empty_code_asks_for_one(self, client, db):
        response = client.get(reverse("dialogues:find"), {"kod": "  "})
        assert response.status_code == 400
        assert "Skriv dialogkoden från bordet." in body(response)

    def test_the_find_page_without_a_code_is_the_form(self, client, db):
        response = client.get(reverse("dialogues:find"))
        assert response.status_code == 200
        assert "Öppna dialogen" in body(response)

    def test_unknown_code_in_the_address(self, client, db):
        response = client.get(page_url("ZZZ999"))
        assert response.status_code == 404
        assert "Vi hittar ingen dialog med koden ”ZZZ999”" in body(response)

    def test_lower_case_address_redirects_to_the_real_one(self, client, dialogue):
        response = client.get(page_url("k7mq2p"))
        assert response.status_code == 302
        assert response["Location"] == page_url()

    def test_english(self, client, dialogue):
        response = client.get("/en" + reverse("dialogues:find"), {"kod": "nothing"})
        assert response.status_code == 404
        assert "We cannot find a dialogue with the code" in body(response)


# --- the page -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_page_is_public_for_every_role(request, role, dialogue):
    client = request.getfixturevalue(f"{role}_client")
    response = client.get(page_url())
    assert response.status_code == 200
    html = body(response)
    assert "Strukturerad samverkan för psykisk hälsa" in html
    assert "Samtala vid borden" in html
    assert "Vilka roller behöver vara med?" in html
    assert "Vad hindrar samverkan i dag?" in html
    assert "Hela dialogen (ingen särskild fråga)" in html
    response = client.post(page_url(), note_data(text=f"{TEXT} ({role})"))
    assert response.status_code == 302
    assert Note.objects.filter(text=f"{TEXT} ({role})").exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_short_code_works_for_every_role(request, role, dialogue):
    client = request.getfixturevalue(f"{role}_client")
    assert client.get(reverse("dialogues:find")).status_code == 200
    response = client.get(reverse("dialogues:find"), {"kod": "k7m q2p"})
    assert response.status_code == 302
    assert response["Location"] == page_url()


def test_working_group_with_mfa_can_write_too(working_group_user, give_mfa, dialogue):
    give_mfa(working_group_user)
    client = Client()
    client.force_login(working_group_user)
    assert client.get(page_url()).status_code == 200


def test_the_page_says_what_is_stored_and_warns_about_names(client, dialogue):
    html = body(client.get(page_url()))
    assert "Inga personuppgifter sparas med en anteckning: inte din IP-adress" in html
    assert "Skriv inga namn på personer" in html
    assert reverse("privacy") in html


def test_the_page_sets_a_signed_httponly_device_cookie(client, dialogue):
    response = client.get(page_url())
    cookie = response.cookies[limits.DEVICE_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 300 * 24 * 3600
    request = RequestFactory().get("/")
    request.COOKIES[limits.DEVICE_COOKIE] = cookie.value
    assert re.fullmatch(r"[0-9a-f]{32}", limits.device_id_from(request))
    # A second visit keeps the device id.
    assert limits.DEVICE_COOKIE not in client.get(page_url()).cookies


def test_the_page_is_never_cached(client, dialogue):
    response = client.get(page_url())
    assert "no-store" in response["Cache-Control"]


def test_the_page_has_a_fresh_client_key_each_time(client, dialogue):
    keys = [
        re.search(r'name="client_key" value="([0-9a-f-]+)"', body(client.get(page_url()))).group(1)
        for _ in range(2)
    ]
    assert keys[0] != keys[1]


def test_the_outbox_script_is_loaded_and_texts_are_translated(client, dialogue):
    html = body(client.get(page_url()))
    assert "js/note-outbox.js" in html
    assert "data-note-outbox" in html
    assert "Ingen anslutning – anteckningen ligger kvar i telefonen" in html
    english = body(client.get("/en" + page_url()))
    assert "No connection" in english


def test_page_query_budget(client, dialogue, django_assert_max_num_queries):
    phone(client)
    with django_assert_max_num_queries(4):
        response = client.get(page_url())
    assert response.status_code == 200


def test_a_dialogue_without_questions_asks_for_none(client):
    DialogueFactory(short_code=CODE)
    html = body(client.get(page_url()))
    assert "Anteckningen gäller" not in html
    assert '<input type="hidden" name="question" value="hela">' in html
    assert phone(client).post(page_url(), note_data()).status_code == 302
    assert Note.objects.get().question is None


def test_a_dialogue_not_yet_open(client):
    TimedDialogueFactory(
        short_code=CODE,
        opens_at=timezone.now() + datetime.timedelta(hours=1),
        closes_at=timezone.now() + datetime.timedelta(hours=3),
    )
    response = client.get(page_url())
    assert response.status_code == 200
    html = body(response)
    assert "Dialogen har inte öppnat än" in html
    assert 'name="text"' not in html


def test_a_closed_dialogue_says_so(client):
    DialogueFactory(short_code=CODE, manual_state=Dialogue.ManualState.CLOSED)
    response = client.get(page_url())
    assert response.status_code == 200
    html = body(response)
    assert "Dialogen är stängd" in html
    assert 'name="text"' not in html
    conference = Dialogue.objects.get(short_code=CODE).conference
    assert reverse("dialogues:conference_public", kwargs={"slug": conference.slug}) in html


# --- submitting without JavaScript ----------------------------------------------------------


class TestSubmitWithoutJavaScript:
    def test_stored_then_thanks_and_an_empty_form_with_the_table_group(self, dialogue):
        client = phone()
        question = dialogue.questions.get(position=2)
        response = client.post(page_url(), note_data(question=str(question.pk)))
        assert response.status_code == 302
        note = Note.objects.get()
        assert (note.dialogue, note.question, note.table_group, note.text) == (
            dialogue,
            question,
            "Bord 7",
            TEXT,
        )
        assert response["Location"].startswith(page_url() + "?")
        assert response["Location"].endswith("#anteckning")
        page = client.get(response["Location"])
        html = body(page)
        assert "Tack! Anteckningen är sparad." in html
        assert 'value="Bord 7"' in html
        assert TEXT not in html
        assert f'value="{question.pk}" checked' in html or re.search(
            rf'value="{question.pk}"[^>]*checked', html
        )

    def test_as_many_notes_as_they_like(self, dialogue):
        client = phone()
        for n in range(5):
            assert client.post(page_url(), note_data(text=f"Anteckning {n}")).status_code == 302
        assert Note.objects.filter(dialogue=dialogue).count() == 5

    def test_double_click_stores_once(self, dialogue):
        client = phone()
        data = note_data()
        assert client.post(page_url(), data).status_code == 302
        assert client.post(page_url(), data).status_code == 302
        assert Note.objects.count() == 1

    def test_no_personal_data_is_stored(self, dialogue):
        client = phone()
        client.post(
            page_url(), note_data(), REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Gammal telefon"
        )
        note = Note.objects.get()
        stored = " ".join(str(getattr(note, field.attname)) for field in Note._meta.fields)
        assert "203.0.113.9" not in stored
        assert "Gammal telefon" not in stored

    def test_empty_note(self, dialogue):
        client = phone()
        response = client.post(page_url(), note_data(text="   \n "))
        assert response.status_code == 400
        assert "Skriv en anteckning innan du skickar." in body(response)
        assert 'value="Bord 7"' in body(response)
        assert not Note.objects.exists()

    def test_twenty_thousand_characters_are_refused_and_kept(self, dialogue):
        client = phone()
        long_text = ("Mycket att säga om samverkan. " * 700)[:20_000]
        response = client.post(page_url(), note_data(text=long_text))
        assert response.status_code == 400
        html = body(response)
        assert "Anteckningen är för lång: 20\xa0000 tecken, men högst 2\xa0000 får plats." in html
        assert long_text.strip() in html
        assert "maxlength" not in re.search(r"<textarea[^>]*>", html).group(0)
        assert not Note.objects.exists()

    def test_exactly_two_thousand_characters_are_fine(self, dialogue):
        client = phone()
        assert client.post(page_url(), note_data(text="å" * 2000)).status_code == 302
        assert len(Note.objects.get().text) == 2000

    def test_table_group_too_long(self, dialogue):
        client = phone()
        response = client.post(page_url(), note_data(table_group="B" * 101))
        assert response.status_code == 400
        assert "Bordsgruppens namn får vara högst 100 tecken." in body(response)
        assert TEXT in body(response)

    def test_a_question_of_another_dialogue(self, dialogue):
        other = DialogueQuestionFactory()
        client = phone()
        response = client.post(page_url(), note_data(question=str(other.pk)))
        assert response.status_code == 400
        assert "Frågan finns inte längre i dialogen." in body(response)
        assert TEXT in body(response)

    def test_no_question_chosen_means_the_whole_dialogue(self, dialogue):
        client = phone()
        data = note_data()
        del data["question"]
        assert client.post(page_url(), data).status_code == 302
        assert Note.objects.get().question is None

    def test_garbled_client_key_still_stores_the_note(self, dialogue):
        client = phone()
        assert client.post(page_url(), note_data(client_key="inte-en-nyckel")).status_code == 302
        assert Note.objects.count() == 1

    def test_closed_dialogue_keeps_the_text_to_copy(self):
        dialogue = TimedDialogueFactory(short_code=CODE)
        client = phone()
        dialogue.closes_at = timezone.now() - datetime.timedelta(minutes=1)
        dialogue.opens_at = dialogue.closes_at - datetime.timedelta(hours=1)
        dialogue.save()
        response = client.post(page_url(), note_data())
        assert response.status_code == 409
        html = body(response)
        assert "Dialogen är stängd och tar inte emot fler anteckningar." in html
        assert re.search(rf"<textarea[^>]*readonly[^>]*>\s*{re.escape(TEXT)}", html)
        assert not Note.objects.exists()

    def test_not_yet_open_keeps_the_text(self):
        dialogue = TimedDialogueFactory(short_code=CODE)
        client = phone()
        Dialogue.objects.filter(pk=dialogue.pk).update(
            opens_at=timezone.now() + datetime.timedelta(hours=1),
            closes_at=timezone.now() + datetime.timedelta(hours=2),
        )
        response = client.post(page_url(), note_data())
        assert response.status_code == 409
        html = body(response)
        assert "Dialogen har inte öppnat än. Anteckningen är inte sparad" in html
        assert re.search(rf"<textarea[^>]*readonly[^>]*>\s*{re.escape(TEXT)}", html)
        assert not Note.objects.exists()

    def test_a_note_stored_before_closing_is_confirmed_after(self, dialogue):
        client = phone()
        data = note_data()
        client.post(page_url(), data)
        Dialogue.objects.filter(pk=dialogue.pk).update(manual_state=Dialogue.ManualState.CLOSED)
        response = client.post(page_url(), data, **JSON)
        assert response.status_code == 200
        assert response.json()["status"] == "already_stored"
        assert Note.objects.count() == 1

    def test_unknown_code_on_post(self, db):
        response = Client().post(page_url("ZZZ999"), note_data())
        assert response.status_code == 404
        assert re.search(rf"<textarea[^>]*readonly[^>]*>\s*{re.escape(TEXT)}", body(response))
        response = Client().post(page_url("ZZZ999"), note_data(), **JSON)
        assert response.status_code == 404
        assert "Dialogen finns inte längre" in response.json()["message"]

    def test_honeypot_is_refused_with_the_text_kept_and_the_trap_emptied(self, dialogue):
        client = phone()
        response = client.post(page_url(), note_data(webbplats="https://spam.example"))
        assert response.status_code == 400
        html = body(response)
        assert "ett fält som ska vara tomt var ifyllt" in html
        assert TEXT in html
        assert "spam.example" not in html
        assert not Note.objects.exists()

    def test_the_honeypot_is_hidden_from_people(self, client, dialogue):
        html = body(client.get(page_url()))
        trap = re.search(r'<div class="note-form__trap" aria-hidden="true">(.*?)</div>', html, re.S)
        assert trap and 'name="webbplats"' in trap.group(1)
        assert 'tabindex="-1"' in trap.group(1)


class TestDeviceCookie:
    def test_missing_cookie_is_refused_kept_and_given(self, dialogue):
        client = Client()
        response = client.post(page_url(), note_data())
        assert response.status_code == 403
        html = body(response)
        assert "Telefonen kändes inte igen" in html
        assert TEXT in html
        assert limits.DEVICE_COOKIE in response.cookies
        assert not Note.objects.exists()
        # The next submit goes through.
        assert client.post(page_url(), note_data()).status_code == 302
        assert Note.objects.count() == 1

    def test_forged_cookie_is_refused_and_replaced(self, dialogue):
        client = Client()
        client.cookies[limits.DEVICE_COOKIE] = "0" * 32
        response = client.post(page_url(), note_data(), **JSON)
        assert response.status_code == 403
        assert response.json()["code"] == "device"
        new_cookie = response.cookies[limits.DEVICE_COOKIE].value
        assert new_cookie != "0" * 32
        assert client.post(page_url(), note_data(), **JSON).status_code == 201

    def test_a_cookie_signed_for_something_else_is_forged(self, dialogue):
        client = Client()
        client.cookies[limits.DEVICE_COOKIE] = signed_device_cookie("a" * 32, salt="annat")
        response = client.post(page_url(), note_data())
        assert response.status_code == 403
        assert "Telefonen kändes inte igen" in body(response)
        assert TEXT in body(response)
        assert not Note.objects.exists()


class TestLimits:
    def test_device_limit(self, dialogue):
        client = phone()
        for n in range(limits.DEVICE_LIMIT):
            assert client.post(page_url(), note_data(text=f"Nr {n}")).status_code == 302
        response = client.post(page_url(), note_data(text="En för mycket"))
        assert response.status_code == 429
        html = body(response)
        assert "Den här telefonen har skickat många anteckningar på kort tid." in html
        assert "En för mycket" in html
        assert Note.objects.count() == limits.DEVICE_LIMIT
        # Another phone behind the same address is not affected.
        other = phone()
        assert other.post(page_url(), note_data(text="Annan telefon")).status_code == 302

    def test_three_hundred_phones_behind_one_address(self, dialogue):
        # Each phone with its own device cookie, as the page gives it; all from one address.
        client = Client()
        for n in range(300):
            client.cookies[limits.DEVICE_COOKIE] = signed_device_cookie(limits.new_device_id())
            for k in range(2):
                response = client.post(
                    page_url(),
                    note_data(text=f"Telefon {n}, anteckning {k}"),
                    REMOTE_ADDR="198.51.100.7",
                    **JSON,
                )
                assert response.status_code == 201, response.content
        assert Note.objects.count() == 600

    def test_global_cap(self, dialogue):
        dialogue.note_cap = 3
        dialogue.save()
        NoteFactory.create_batch(3, dialogue=dialogue)
        client = phone()
        response = client.post(page_url(), note_data())
        assert response.status_code == 409
        html = body(response)
        assert "Dialogen har tagit emot så många anteckningar som den kan (3)." in html
        assert TEXT in html
        assert Note.objects.count() == 3

    def test_hidden_notes_count_towards_the_cap(self, dialogue):
        dialogue.note_cap = 1
        dialogue.save()
        NoteFactory(dialogue=dialogue, hidden=True)
        assert phone().post(page_url(), note_data(), **JSON).status_code == 409


class TestCsrf:
    def test_missing_token_gives_a_swedish_page_with_the_text_and_a_new_token(self, dialogue):
        client = Client(enforce_csrf_checks=True)
        phone(client)
        response = client.post(page_url(), note_data())
        assert response.status_code == 403
        html = body(response)
        assert "Sidan hade hunnit bli för gammal" in html
        assert TEXT in html
        assert 'name="csrfmiddlewaretoken"' in html
        assert not Note.objects.exists()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        response = client.post(page_url(), note_data(csrfmiddlewaretoken=token))
        assert response.status_code == 302
        assert Note.objects.count() == 1

    def test_no_csrf_cookie_at_all(self, dialogue):
        client = Client(enforce_csrf_checks=True)
        response = client.post(page_url(), note_data(csrfmiddlewaretoken="x" * 64))
        assert response.status_code == 403
        assert TEXT in body(response)
        assert "csrftoken" in response.cookies

    def test_a_closed_dialogue_still_shows_the_text(self):
        DialogueFactory(short_code=CODE, manual_state=Dialogue.ManualState.CLOSED)
        client = Client(enforce_csrf_checks=True)
        response = client.post(page_url(), note_data())
        assert response.status_code == 403
        assert re.search(rf"<textarea[^>]*readonly[^>]*>\s*{re.escape(TEXT)}", body(response))

    def test_json_gets_a_fresh_token_to_retry_with(self, dialogue):
        client = Client(enforce_csrf_checks=True)
        phone(client)
        response = client.post(page_url(), note_data(), **JSON)
        assert response.status_code == 403
        payload = response.json()
        assert payload["code"] == "csrf"
        response = client.post(
            page_url(), note_data(csrfmiddlewaretoken=payload["csrf_token"]), **JSON
        )
        assert response.status_code == 201

    def test_a_valid_token_passes(self, dialogue):
        client = Client(enforce_csrf_checks=True)
        html = body(phone(client).get(page_url()))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert client.post(page_url(), note_data(csrfmiddlewaretoken=token)).status_code == 302

    def test_a_cross_site_origin_is_refused(self, dialogue):
        client = Client(enforce_csrf_checks=True)
        html = body(phone(client).get(page_url()))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        response = client.post(
            page_url(), note_data(csrfmiddlewaretoken=token), HTTP_ORIGIN="https://evil.example"
        )
        assert response.status_code == 403
        assert not Note.objects.exists()


# --- submitting with the outbox (JSON) -------------------------------------------------------


class TestSubmitJson:
    def test_stored_is_201(self, dialogue):
        client = phone()
        key = str(uuid.uuid4())
        response = client.post(page_url(), note_data(client_key=key), **JSON)
        assert response.status_code == 201
        assert response.json() == {
            "status": "stored",
            "message": "Tack! Anteckningen är sparad.",
            "client_key": key,
        }

    def test_a_retry_with_the_same_key_is_stored_once(self, dialogue):
        client = phone()
        data = note_data()
        assert client.post(page_url(), data, **JSON).status_code == 201
        second = client.post(page_url(), data, **JSON)
        assert second.status_code == 200
        assert second.json()["status"] == "already_stored"
        assert Note.objects.count() == 1

    def test_the_same_key_in_another_dialogue_is_another_note(self, dialogue):
        other = DialogueFactory(short_code="ABCDEF")
        client = phone()
        phone(client, code="ABCDEF")
        data = note_data()
        assert client.post(page_url(), data, **JSON).status_code == 201
        assert client.post(page_url("ABCDEF"), data, **JSON).status_code == 201
        assert Note.objects.filter(dialogue=other).count() == 1

    @pytest.mark.parametrize(
        ("data", "status", "code"),
        [
            ({"text": ""}, 400, "invalid"),
            ({"text": "x" * 20_000}, 400, "invalid"),
            ({"text": "Fler\x00 mötesplatser"}, 400, "invalid"),
            ({"table_group": "Bord\x007"}, 400, "invalid"),
            ({"webbplats": "spam"}, 400, "honeypot"),
        ],
    )
    def test_refusals_are_json_with_a_message(self, dialogue, data, status, code):
        client = phone()
        response = client.post(page_url(), note_data(**data), **JSON)
        assert response.status_code == status
        payload = response.json()
        assert payload["status"] == "refused"
        assert payload["code"] == code
        assert payload["message"]

    def test_device_limit_is_429(self, dialogue):
        client = phone()
        for n in range(limits.DEVICE_LIMIT):
            client.post(page_url(), note_data(text=f"Nr {n}"), **JSON)
        response = client.post(page_url(), note_data(), **JSON)
        assert response.status_code == 429
        assert response.json()["code"] == "rate"
        assert "Vänta några minuter" in response.json()["message"]

    def test_cap_is_409(self, dialogue):
        dialogue.note_cap = 1
        dialogue.save()
        NoteFactory(dialogue=dialogue)
        response = phone().post(page_url(), note_data(), **JSON)
        assert response.status_code == 409
        assert response.json()["code"] == "cap"

    def test_field_errors_are_named(self, dialogue):
        response = phone().post(page_url(), note_data(text="x" * 20_000), **JSON)
        assert "text" in response.json()["errors"]
        assert "20\xa0000 tecken" in response.json()["errors"]["text"][0]

    def test_closed_is_409(self):
        DialogueFactory(short_code=CODE, manual_state=Dialogue.ManualState.CLOSED)
        client = phone()
        response = client.post(page_url(), note_data(), **JSON)
        assert response.status_code == 409
        assert response.json()["code"] == "closed"

    def test_submit_query_budget(self, dialogue, django_assert_max_num_queries):
        client = phone()
        question = dialogue.questions.first()
        with django_assert_max_num_queries(6):
            response = client.post(page_url(), note_data(question=str(question.pk)), **JSON)
        assert response.status_code == 201

    def test_submit_without_javascript_query_budget(self, dialogue, django_assert_max_num_queries):
        client = phone()
        with django_assert_max_num_queries(6):
            response = client.post(page_url(), note_data())
        assert response.status_code == 302


@pytest.mark.django_db
def test_a_closed_dialogue_shows_what_became_of_the_notes_once_published(
    client, django_assert_max_num_queries
) -> None:
    dialogue = DialogueFactory(
        manual_state=Dialogue.ManualState.CLOSED,
        summary="Grupperna vill **fortsätta** arbetet.",
        summary_published=True,
    )
    with django_assert_max_num_queries(4):
        body = client.get(f"/dialog/{dialogue.short_code}/").content.decode()
    assert "Vad blev det av anteckningarna?" in body
    assert "<strong>fortsätta</strong>" in body

    dialogue.summary_published = False
    dialogue.save(update_fields=["summary_published"])
    body = client.get(f"/dialog/{dialogue.short_code}/").content.decode()
    assert "fortsätta" not in body

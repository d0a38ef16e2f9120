# ruff: noqa: F811 - pytest fixtures imported from test_results_data
"""Odd input on every working-group form: NUL bytes, very long and unusual text, bad ids and
wrong methods. Never a 500 (PostgreSQL refuses NUL bytes in text, so a form that let one
through would fail there); a NUL byte is refused with a Swedish message and stored nowhere.

Run these on PostgreSQL too: DATABASE_URL=postgres://… uv run pytest tests/surveys/test_odd_input.py
"""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, Invitation, Option, Question, ReminderRound, Survey
from tests.surveys.factories import InvitationFactory, OptionFactory, QuestionFactory
from tests.surveys.test_results_data import (  # noqa: F401 - fixtures
    SECRET_TEXT,
    Built,
    build_2020,
    survey_2020,
)

pytestmark = pytest.mark.django_db

NUL = "nämnd\x00sekreterare"
LONG = "Å" * 20_000
UNICODE = "Ärende 🏥 – “citat” ‮omvänd‬ ǅ ﷽ \u200b"
REFUSED_NUL = "Null-tecken är inte tillåtna."  # Django's Swedish message
# A form with errors is shown again with 400 (hok.utils.form_status).
FORM_ERROR = 400


@pytest.fixture
def group(client_as) -> Client:
    return client_as("working_group_mfa")


@pytest.fixture
def open_survey(db: None) -> Survey:
    today = timezone.localdate()
    built = build_2020()
    built.survey.opens_on = today + datetime.timedelta(days=10)
    built.survey.closes_on = today + datetime.timedelta(days=40)
    built.survey.save()
    built.survey.responses.all().delete()
    return built.survey


def _body(response) -> str:
    return response.content.decode()


def survey_post(**overrides: str) -> dict[str, str]:
    today = timezone.localdate()
    data = {
        "title": "Uppföljning 2027",
        "introduction": "Välkommen.",
        "opens_on": (today + datetime.timedelta(days=1)).isoformat(),
        "closes_on": (today + datetime.timedelta(days=30)).isoformat(),
        "min_group_size": "5",
    }
    data.update(overrides)
    return data


def question_post(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "multiple",
        "text": "Vilka hinder finns?",
        "help_text": "",
        "required": "on",
        "allow_other": "on",
        "other_label": "Annat",
        "new_options": "Tid\nEkonomi",
        "scale_max": "5",
        "scale_min_label": "",
        "scale_max_label": "",
    }
    data.update(overrides)
    return data


def _no_nul_stored() -> None:
    texts = [
        *Survey.objects.values_list("title", "introduction"),
        *Question.objects.values_list(
            "text", "help_text", "other_label", "scale_min_label", "scale_max_label"
        ),
        *Option.objects.values_list("text"),
        *Answer.objects.values_list("hidden_reason"),
        *Invitation.objects.values_list("email"),
    ]
    assert not [row for row in texts if any("\x00" in value for value in row)]


# --- the builder ---------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "introduction"])
def test_survey_settings_refuse_a_nul_byte(group: Client, open_survey: Survey, field: str):
    for url in (
        reverse("surveys:survey_create"),
        reverse("surveys:survey_edit", args=[open_survey.pk]),
    ):
        response = group.post(url, survey_post(**{field: NUL}))
        assert response.status_code == FORM_ERROR, url
        assert REFUSED_NUL in _body(response)
        assert "sekreterare" in _body(response)  # what was typed is kept
    _no_nul_stored()


@pytest.mark.parametrize("value", [LONG, UNICODE, " "])
def test_survey_settings_take_or_refuse_odd_text(group: Client, value: str):
    response = group.post(reverse("surveys:survey_create"), survey_post(title=value))
    assert response.status_code in (FORM_ERROR, 302)
    if response.status_code == FORM_ERROR:
        assert 'class="errorlist' in _body(response) or "error" in _body(response)


@pytest.mark.parametrize(
    "field",
    ["text", "help_text", "other_label", "new_options", "scale_min_label", "scale_max_label"],
)
def test_question_fields_refuse_a_nul_byte(group: Client, open_survey: Survey, field: str):
    kind = "scale" if field.startswith("scale") else "multiple"
    url = reverse("surveys:question_create", args=[open_survey.pk])
    response = group.post(url, question_post(kind=kind, **{field: NUL}))
    assert response.status_code == FORM_ERROR
    assert REFUSED_NUL in _body(response)
    _no_nul_stored()


def test_an_option_row_refuses_a_nul_byte(group: Client, open_survey: Survey):
    question = QuestionFactory(survey=open_survey, kind="single", position=50)
    options = [OptionFactory(question=question, position=n, text=f"Val {n}") for n in (1, 2)]
    data = {
        **question_post(kind="single", new_options="", allow_other=""),
        "options-TOTAL_FORMS": "2",
        "options-INITIAL_FORMS": "2",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for index, option in enumerate(options):
        data[f"options-{index}-option_id"] = str(option.pk)
        data[f"options-{index}-text"] = NUL if index == 0 else option.text
        data[f"options-{index}-position"] = str(option.position)
    url = reverse("surveys:question_edit", args=[open_survey.pk, question.pk])
    response = group.post(url, data)
    assert response.status_code == FORM_ERROR
    assert REFUSED_NUL in _body(response)
    _no_nul_stored()


@pytest.mark.parametrize("value", ["\x00", "x" * 5000, "1' OR 1=1", "-1", "999999999999999999"])
def test_builder_ids_and_choices(group: Client, open_survey: Survey, value: str):
    question = open_survey.questions.first()
    move = reverse("surveys:question_move", args=[open_survey.pk, question.pk])
    assert group.post(move, {"direction": value}).status_code in (302, 400)
    create = reverse("surveys:question_create", args=[open_survey.pk])
    assert group.get(create, {"kind": value}).status_code in (200, 400)
    assert group.post(create, question_post(kind=value)).status_code in (200, 400)
    edit = reverse("surveys:question_edit", args=[open_survey.pk, question.pk])
    data = {
        **question_post(kind="single", new_options=""),
        "options-TOTAL_FORMS": "1",
        "options-INITIAL_FORMS": "1",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
        "options-0-option_id": value,
        "options-0-text": "Ja",
        "options-0-position": value,
    }
    assert group.post(edit, data).status_code in (200, 400)
    assert (
        group.post(create, question_post(scale_max=value, kind="scale")).status_code == FORM_ERROR
    )
    settings = survey_post(min_group_size=value, opens_on=value)
    assert group.post(reverse("surveys:survey_create"), settings).status_code == FORM_ERROR
    _no_nul_stored()


# --- invitations ---------------------------------------------------------------------------------


def _invitations(survey: Survey, name: str, *args: object) -> str:
    return reverse(f"surveys:{name}", args=[survey.pk, *args])


def test_pasted_addresses_refuse_a_nul_byte(group: Client, open_survey: Survey):
    url = _invitations(open_survey, "invitations_paste")
    response = group.post(url, {"addresses": "anna@example.se\nbo\x00@example.se"})
    assert response.status_code == FORM_ERROR
    assert REFUSED_NUL in _body(response)
    assert "anna@example.se" in _body(response)  # kept
    assert not open_survey.invitations.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"e-post\nanna@example.se\nbo\x00@example.se\n",
        b"e-post\x00\nanna@example.se\n",
        b"e-post\n\xff\xfeanna@example.se\n",
        ("e-post;namn\n" + "a" * 300 + "@example.se;" + LONG + "\n").encode(),
        ("e-post\n" + UNICODE + "\nanna@exämple.se\n").encode(),
    ],
)
def test_csv_with_odd_content(group: Client, open_survey: Survey, content: bytes):
    upload = io.BytesIO(content)
    upload.name = "adresser.csv"
    url = _invitations(open_survey, "invitations_csv")
    response = group.post(url, {"file": upload}, follow=True)
    assert response.status_code in (200, FORM_ERROR)
    _no_nul_stored()


@pytest.mark.parametrize("name", ["invitations_paste", "invitations_csv"])
def test_an_address_longer_than_the_column_is_not_an_address(
    group: Client, open_survey: Survey, name: str
):
    too_long = "a" * 250 + "@example.se"  # 261 characters; the column holds 254
    if name == "invitations_paste":
        data: dict[str, object] = {"addresses": f"anna@example.se\n{too_long}"}
    else:
        upload = io.BytesIO(f"e-post\nanna@example.se\n{too_long}\n".encode())
        upload.name = "adresser.csv"
        data = {"file": upload}
    response = group.post(_invitations(open_survey, name), data, follow=True)
    assert response.status_code == 200
    assert "inte en e-postadress och lades inte till" in _body(response)
    assert list(open_survey.invitations.values_list("email", flat=True)) == ["anna@example.se"]


@pytest.mark.parametrize("value", ["\x00", "abc", "-1", "999999999", "1" * 40])
def test_invitation_ids(group: Client, open_survey: Survey, value: str):
    InvitationFactory(survey=open_survey, status="uncertain")
    again = _invitations(open_survey, "invitations_send_again")
    assert group.post(again, {"invitation": value, "status": value}).status_code in (302, 400)
    contacts = _invitations(open_survey, "invitations_contacts")
    assert group.post(contacts, {"organisations": [value]}).status_code == FORM_ERROR
    reminder = _invitations(open_survey, "reminder_add")
    assert group.post(reminder, {"send_on": value}).status_code == FORM_ERROR
    assert not ReminderRound.objects.exists()


@pytest.mark.parametrize("name", ["invitation_remove", "reminder_delete"])
def test_unknown_ids_to_remove(group: Client, open_survey: Survey, name: str):
    assert group.post(_invitations(open_survey, name, 999999)).status_code == 404
    assert group.get(_invitations(open_survey, name, 999999)).status_code == 405


# --- results -------------------------------------------------------------------------------------


def test_a_hiding_reason_refuses_a_nul_byte(group: Client, survey_2020: Built):
    secret = Answer.objects.get(text=SECRET_TEXT)
    url = reverse("surveys:answer_hide", args=[survey_2020.survey.pk, secret.pk])
    response = group.post(url, {"reason": NUL})
    assert response.status_code == 400
    assert REFUSED_NUL in _body(response)
    assert "sekreterare" in _body(response)  # the reason typed is kept
    secret.refresh_from_db()
    assert not secret.hidden
    _no_nul_stored()


@pytest.mark.parametrize("value", [LONG, UNICODE])
def test_a_hiding_reason_that_is_long_or_unusual(group: Client, survey_2020: Built, value: str):
    secret = Answer.objects.get(text=SECRET_TEXT)
    url = reverse("surveys:answer_hide", args=[survey_2020.survey.pk, secret.pk])
    response = group.post(url, {"reason": value})
    assert response.status_code in (302, 400)


@pytest.mark.parametrize(
    "back", ["\x00", "/enkater/\x00/", "https://elak.example/", "//elak.example/", LONG]
)
def test_the_way_back_after_hiding_stays_on_the_site(group: Client, survey_2020: Built, back: str):
    secret = Answer.objects.get(text=SECRET_TEXT)
    url = reverse("surveys:answer_hide", args=[survey_2020.survey.pk, secret.pk])
    response = group.post(url, {"reason": "Namn", "tillbaka": back})
    assert response.status_code == 302
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith("//")
    assert "\x00" not in response["Location"]


@pytest.mark.parametrize("value", ["\x00", "abc", "-1", "9" * 30, LONG])
def test_results_parameters(group: Client, survey_2020: Built, value: str):
    pk = survey_2020.survey.pk
    question = survey_2020.questions["wish"].pk
    pages = [
        (reverse("surveys:results", args=[pk]), {"uppdelning": value}),
        (reverse("surveys:results_texts", args=[pk, question]), {"sida": value}),
        (reverse("surveys:results_csv", args=[pk]), {"uppdelning": value}),
    ]
    for url, query in pages:
        assert group.get(url, query).status_code in (200, 400), url


# --- the respondent's links ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["\x00", "kod\x00", "x" * 5000, UNICODE])
def test_odd_links_are_not_found_or_refused(client_as, open_survey: Survey, value: str):
    client = client_as("anonymous")
    for url in (
        reverse("surveys:answer", kwargs={"token": value}),
        reverse("surveys:answer_open", kwargs={"key": value}),
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert client.post(url, {"step": "answers"}).status_code in (200, 400, 404), url


def test_answers_with_nul_bytes_are_refused_and_kept(client_as, db: None):
    """The answering form (its fields are forms.CharField) refuses a NUL byte in free text and
    in "annat", and in a choice, with a message; nothing is stored."""
    today = timezone.localdate()
    built = build_2020()
    survey = built.survey
    survey.opens_on, survey.closes_on = today, today + datetime.timedelta(days=5)
    survey.save()
    survey.responses.all().delete()
    invitation_token = "kod-med-nul"
    InvitationFactory(survey=survey, token=invitation_token)
    obstacles = built.questions["obstacles"]
    data = {
        "step": "answers",
        f"q{built.questions['know'].pk}": "\x00",
        f"q{obstacles.pk}": [str(built.options["obstacles"]["Tid"].pk)],
        f"q{obstacles.pk}_other": NUL,
        f"q{built.questions['wish'].pk}": NUL,
        f"q{built.questions['scale'].pk}": "3\x00",
    }
    url = reverse("surveys:answer", kwargs={"token": invitation_token})
    response = client_as("anonymous").post(url, data)
    assert response.status_code == 400
    assert REFUSED_NUL in _body(response)
    assert "sekreterare" in _body(response)
    assert not survey.responses.exists()

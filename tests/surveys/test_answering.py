"""Answering a survey: invitation link, open link, units, preview; every role and bad input."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from hok.models import User
from surveys.models import Answer, Invitation, Option, Question, Response, SealedSubmission, Survey
from surveys.services.submission_pool import submissions_flush
from tests.conftest import service_or_skip
from tests.factories import WorkingGroupUserFactory
from tests.surveys.factories import (
    InvitationFactory,
    OptionFactory,
    QuestionFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konto/login/"
MFA_ACTIVATE_URL = "/konto/2fa/totp/activate/"
ROLES = ["anonymous", "user", "working_group", "working_group_mfa", "admin", "admin_mfa"]


@dataclass
class Built:
    """A small survey shaped like the 2020 one, with handles on its questions and options."""

    survey: Survey
    units: Question | None
    background: Question
    known: Question
    areas: Question
    scale: Question
    text: Question

    def option(self, question: Question, text: str) -> Option:
        return question.options.get(text=text)


def build_survey(*, with_units: bool = False, **survey_fields: object) -> Built:
    """Background (required), single with "annat" (required), multiple with "annat", a 1-5
    scale (required) and free text; optionally the units question first."""
    today = timezone.localdate()
    fields: dict[str, object] = {
        "opens_on": today - datetime.timedelta(days=10),
        "closes_on": today + datetime.timedelta(days=10),
        "year": today.year,
        "introduction": "Välkommen till årets uppföljning.\n\nDet tar fem minuter.",
    }
    fields.update(survey_fields)
    survey = SurveyFactory(**fields)

    def question(kind: str, text: str, options: list[str] = (), **extra: object) -> Question:
        made = QuestionFactory(survey=survey, kind=kind, text=text, **extra)
        for position, option in enumerate(options):
            OptionFactory(question=made, text=option, position=position)
        return made

    units = None
    if with_units:
        units = question(
            Question.Kind.UNITS,
            "Jag svarar för",
            ["Regionstyrelsen", "Hälso- och sjukvårdsnämnden", "Regionala utvecklingsnämnden"],
            required=True,
        )
    background = question(
        Question.Kind.BACKGROUND,
        "Inom vilken del av regionen arbetar du?",
        ["Hälso- och sjukvård", "Regional utveckling"],
        required=True,
    )
    known = question(
        Question.Kind.SINGLE,
        "Känner du till HÖK?",
        ["Ja", "Vagt", "Nej"],
        required=True,
        allow_other=True,
        help_text="HÖK är Halländska Överenskommelsen.",
    )
    areas = question(
        Question.Kind.MULTIPLE,
        "Inom vilka områden ser du behov av samverkan?",
        ["Folkhälsa", "Kultur", "Integration"],
        allow_other=True,
    )
    scale = question(
        Question.Kind.SCALE,
        "Hur nöjd är du med samverkan?",
        required=True,
        scale_max=5,
        scale_min_label="Mycket missnöjd",
        scale_max_label="Mycket nöjd",
    )
    text = question(Question.Kind.TEXT, "Övriga synpunkter")
    return Built(survey, units, background, known, areas, scale, text)


def valid_answers(built: Built, prefix: str = "") -> dict[str, object]:
    p = f"{prefix}-" if prefix else ""
    return {
        f"{p}q{built.background.pk}": str(built.option(built.background, "Regional utveckling").pk),
        f"{p}q{built.known.pk}": str(built.option(built.known, "Vagt").pk),
        f"{p}q{built.areas.pk}": [
            str(built.option(built.areas, "Kultur").pk),
            "other",
        ],
        f"{p}q{built.areas.pk}_other": "Idrott",
        f"{p}q{built.scale.pk}": "4",
        f"{p}q{built.text.pk}": "Mer dialog, tack.",
    }


def count_waiting(survey: Survey) -> None:
    """Count what waits in the sealed pool, as the survey's closing does. A submission is sealed
    first and written as responses in a shuffled batch later (surveys.services.submission_pool),
    so tests that look at the stored responses of one answer count the pool first."""
    submissions_flush(survey_id=survey.pk, closing=True)


def nothing_stored() -> bool:
    """No response and nothing waiting in the pool: "nothing stored" since the pool exists."""
    return not Response.objects.exists() and not SealedSubmission.objects.exists()


def answer_url(token: str) -> str:
    return reverse("surveys:answer", kwargs={"token": token})


def preview_url(survey: Survey) -> str:
    return reverse("surveys:preview", kwargs={"pk": survey.pk})


def html(response) -> str:
    return response.content.decode()


def words(response) -> str:
    """The page's text with tags removed and whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html(response)).split())


def checked_values(response, name: str) -> list[str]:
    tags = re.findall(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html(response))
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in tags if " checked" in tag]  # type: ignore[union-attr]


def input_value(response, name: str) -> str | None:
    tag = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html(response))
    assert tag, f"no input {name}"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else None


def textarea_value(response, name: str) -> str:
    match = re.search(
        rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>(.*?)</textarea>', html(response), re.S
    )
    assert match, f"no textarea {name}"
    return match.group(1)


@pytest.fixture
def built() -> Built:
    return build_survey()


@pytest.fixture
def invitation(built: Built) -> Invitation:
    return InvitationFactory(survey=built.survey, token="hemlig-kod-1")


# ---------------------------------------------------------------------------- every role


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_answer_through_an_invitation(
    role: str, built: Built, client_as: Callable[[str], Client]
) -> None:
    InvitationFactory(survey=built.survey, token=f"kod-{role}")
    client = client_as(role)
    page = client.get(answer_url(f"kod-{role}"))
    assert page.status_code == 200
    assert "Ditt svar är anonymt" in html(page)
    sent = client.post(answer_url(f"kod-{role}"), {"step": "answers", **valid_answers(built)})
    assert sent.status_code == 302
    assert sent["Location"] == reverse("surveys:answer_thanks", kwargs={"pk": built.survey.pk})
    thanks = client.get(sent["Location"])
    assert thanks.status_code == 200
    assert "Tack för ditt svar!" in html(thanks)
    count_waiting(built.survey)
    assert Response.objects.filter(survey=built.survey).count() == 1
    assert Invitation.objects.get(survey=built.survey).used


@pytest.mark.parametrize("role", ROLES)
def test_preview_is_for_the_working_group_with_two_factor_login(
    role: str, built: Built, client_as: Callable[[str], Client]
) -> None:
    url = preview_url(built.survey)
    client = client_as(role)
    response = client.get(url)
    sent = client.post(url, {"step": "answers", **valid_answers(built)})
    assert nothing_stored()
    if role in ("working_group_mfa", "admin_mfa"):
        assert sent.status_code == 200
        assert "I förhandsgranskningen sparas ingenting." in html(sent)
    else:
        assert (sent.status_code, sent.get("Location")) == (
            response.status_code,
            response.get("Location"),
        )
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN_URL}?next={url}"
    elif role == "user":
        assert response.status_code == 403
    elif role in ("working_group", "admin"):
        assert response.status_code == 302
        assert response["Location"] == MFA_ACTIVATE_URL
    else:
        assert response.status_code == 200
        assert "Förhandsgranskning." in html(response)
        assert built.known.text in html(response)


@pytest.mark.parametrize("role", ROLES)
def test_open_link_works_for_every_role_when_enabled(
    role: str, client_as: Callable[[str], Client]
) -> None:
    built = build_survey(open_link_enabled=True)
    client = client_as(role)
    url = reverse("surveys:answer_open", kwargs={"key": built.survey.open_link_key})
    page = client.get(url)
    assert page.status_code == 200
    # No invitation: the page does not talk about one.
    assert "Din personliga inbjudan" not in html(page)
    assert client.post(url, {"step": "answers", **valid_answers(built)}).status_code == 302
    assert client.post(url, {"step": "answers", **valid_answers(built)}).status_code == 302
    count_waiting(built.survey)
    assert Response.objects.filter(survey=built.survey).count() == 2


def test_open_link_is_refused_when_not_enabled(client: Client, built: Built) -> None:
    url = reverse("surveys:answer_open", kwargs={"key": built.survey.open_link_key})
    response = client.get(url)
    assert response.status_code == 404
    assert "Länken fungerar inte" in html(response)
    assert client.post(url, valid_answers(built)).status_code == 404
    assert nothing_stored()


# ------------------------------------------------------------------- what is stored


def test_answers_are_stored_as_the_respondent_gave_them(
    client: Client, built: Built, invitation: Invitation
) -> None:
    response = client.post(answer_url("hemlig-kod-1"), valid_answers(built))
    assert response.status_code == 302
    count_waiting(built.survey)
    stored = Response.objects.get()
    assert stored.survey == built.survey
    assert stored.submitted_on == timezone.localdate()
    assert stored.unit is None
    rows = {
        (a.question_id, a.option_id, a.scale_value, a.text, a.is_other)
        for a in Answer.objects.filter(response=stored)
    }
    assert rows == {
        (
            built.background.pk,
            built.option(built.background, "Regional utveckling").pk,
            None,
            "",
            False,
        ),
        (built.known.pk, built.option(built.known, "Vagt").pk, None, "", False),
        (built.areas.pk, built.option(built.areas, "Kultur").pk, None, "", False),
        (built.areas.pk, None, None, "Idrott", True),
        (built.scale.pk, None, 4, "", False),
        (built.text.pk, None, None, "Mer dialog, tack.", False),
    }
    invitation.refresh_from_db()
    assert invitation.used


def test_skippable_questions_may_be_left_empty(client: Client, built: Built, invitation) -> None:
    answers = valid_answers(built)
    for key in (f"q{built.areas.pk}", f"q{built.areas.pk}_other", f"q{built.text.pk}"):
        del answers[key]
    assert client.post(answer_url("hemlig-kod-1"), answers).status_code == 302
    count_waiting(built.survey)
    assert set(Answer.objects.values_list("question_id", flat=True)) == {
        built.background.pk,
        built.known.pk,
        built.scale.pk,
    }


def test_an_empty_answer_to_an_all_optional_survey_is_refused(
    client: Client, built: Built, invitation
) -> None:
    """A response that answers nothing would count as one more skip in every answer rate."""
    built.survey.questions.update(required=False)
    response = client.post(answer_url("hemlig-kod-1"), {})
    assert response.status_code == 400
    assert "Svara på minst en fråga innan du skickar." in words(response)
    assert nothing_stored()
    invitation.refresh_from_db()
    assert not invitation.used
    answers = {f"q{built.text.pk}": "Bara en synpunkt."}
    assert client.post(answer_url("hemlig-kod-1"), answers).status_code == 302
    count_waiting(built.survey)
    assert Response.objects.count() == 1


def test_single_choice_other_is_stored_as_its_text(
    client: Client, built: Built, invitation
) -> None:
    answers = valid_answers(built)
    answers[f"q{built.known.pk}"] = "other"
    answers[f"q{built.known.pk}_other"] = "  Har hört talas om den  "
    assert client.post(answer_url("hemlig-kod-1"), answers).status_code == 302
    count_waiting(built.survey)
    other = Answer.objects.get(question=built.known)
    assert (other.option_id, other.text, other.is_other) == (None, "Har hört talas om den", True)


# ------------------------------------------------------------------------ bad input


def _assert_kept(response, built: Built, answers: dict[str, object], *, skip: str = "") -> None:
    """Everything typed is on the page again (except the field `skip` that was tampered)."""
    for name, value in answers.items():
        if name == skip or name == "step":
            continue
        if name == f"q{built.text.pk}":
            assert textarea_value(response, name) == escape(value)
        elif name.endswith("_other"):
            assert input_value(response, name) == value
        else:
            expected = value if isinstance(value, list) else [value]
            assert checked_values(response, name) == expected, name


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ("missing_required", "known", "Svara på frågan. Den måste besvaras."),
        ("missing_scale", "scale", "Svara på frågan. Den måste besvaras."),
        ("option_of_another_question", "known", "Välj ett av den här frågans svarsalternativ."),
        (
            "option_of_another_question_multiple",
            "areas",
            "Välj ett av den här frågans svarsalternativ.",
        ),
        ("scale_out_of_range", "scale", "Välj ett värde från 1 till 5."),
        ("scale_not_a_number", "scale", "Välj ett värde från 1 till 5."),
        ("other_without_text", "areas", "Du valde ”Annat”: skriv vad du menar i textfältet."),
        (
            "text_without_other",
            "known",
            "Du skrev ett eget svar men valde inte ”Annat”. Välj ”Annat” eller töm textfältet.",
        ),
        ("too_long_text", "text", "Svaret får vara högst 2000 tecken långt (nu 2001)."),
        ("too_long_other", "areas", "Texten får vara högst 500 tecken lång (nu 501)."),
    ],
)
def test_bad_input_gets_a_swedish_message_and_keeps_every_answer(
    client: Client, built: Built, invitation: Invitation, change: str, field: str, message: str
) -> None:
    answers = valid_answers(built)
    tampered = ""
    match change:
        case "missing_required":
            del answers[f"q{built.known.pk}"]
        case "missing_scale":
            del answers[f"q{built.scale.pk}"]
        case "option_of_another_question":
            tampered = f"q{built.known.pk}"
            answers[tampered] = str(built.option(built.background, "Hälso- och sjukvård").pk)
        case "option_of_another_question_multiple":
            tampered = f"q{built.areas.pk}"
            answers[tampered] = [str(built.option(built.known, "Ja").pk)]
        case "scale_out_of_range":
            tampered = f"q{built.scale.pk}"
            answers[tampered] = "9"
        case "scale_not_a_number":
            tampered = f"q{built.scale.pk}"
            answers[tampered] = "fem"
        case "other_without_text":
            answers[f"q{built.areas.pk}_other"] = "   "
        case "text_without_other":
            answers[f"q{built.known.pk}_other"] = "Lite grann"
        case "too_long_text":
            answers[f"q{built.text.pk}"] = "å" * 2001
        case "too_long_other":
            answers[f"q{built.areas.pk}_other"] = "x" * 501
    response = client.post(answer_url("hemlig-kod-1"), answers)
    assert response.status_code == 400
    page = html(response)
    assert escape(message) in page
    assert "Något behöver rättas" in page
    question = getattr(built, field)
    # The message sits in the question's own fieldset, linked with aria-describedby.
    group = re.search(
        rf'<(fieldset|div) class="question[^"]*question--error"\s+'
        rf'id="id_q{question.pk}-group"(.*?)</\1>',
        page,
        re.S,
    )
    assert group, "the question is not marked as having an error"
    assert escape(message) in group.group(2)
    assert f'id="id_q{question.pk}-error"' in group.group(2)
    assert f"id_q{question.pk}-error" in re.search(
        r'aria-describedby="([^"]*)"', group.group(0)
    ).group(1)
    # The summary at the top links to the question; the introduction is not repeated above it.
    assert f'href="#id_q{question.pk}-group"' in page
    number = ["background", "known", "areas", "scale", "text"].index(field) + 1
    assert escape(f"Fråga {number}: {message}") in page
    assert "Ditt svar är anonymt" not in page
    _assert_kept(response, built, answers, skip=tampered)
    assert nothing_stored()
    invitation.refresh_from_db()
    assert not invitation.used


def test_help_text_is_linked_to_its_question(client: Client, built: Built, invitation) -> None:
    page = html(client.get(answer_url("hemlig-kod-1")))
    fieldset = re.search(rf'<fieldset[^>]*id="id_q{built.known.pk}-group"[^>]*>', page).group(0)
    assert f'aria-describedby="id_q{built.known.pk}-help"' in fieldset
    assert (
        f'<p class="question__help" id="id_q{built.known.pk}-help">'
        "HÖK är Halländska Överenskommelsen.</p>" in page
    )
    assert "<legend" in page and "(obligatorisk)" in page


def test_scale_is_a_row_of_radios_with_labelled_ends(
    client: Client, built: Built, invitation
) -> None:
    page = html(client.get(answer_url("hemlig-kod-1")))
    values = re.findall(rf'name="q{built.scale.pk}"\s+id="[^"]+"\s+value="(\d+)"', page)
    assert values == ["1", "2", "3", "4", "5"]
    assert "1 = Mycket missnöjd" in page and "5 = Mycket nöjd" in page
    assert '<span class="visually-hidden">(Mycket missnöjd)</span>' in page


# ------------------------------------------------------------- refused invitations


def test_unknown_token_gets_a_swedish_page(client: Client, built: Built) -> None:
    for method in (client.get, client.post):
        response = method(answer_url("finns-inte"))
        assert response.status_code == 404
        assert "Länken fungerar inte" in html(response)
        assert "hela länken" in html(response)


def test_absurdly_long_token_is_unknown(client: Client, built: Built) -> None:
    response = client.get(answer_url("x" * 5000))
    assert response.status_code == 404
    assert "Länken fungerar inte" in html(response)


def test_used_token_gets_a_swedish_page_and_nothing_more_is_stored(
    client: Client, built: Built, invitation: Invitation
) -> None:
    assert client.post(answer_url("hemlig-kod-1"), valid_answers(built)).status_code == 302
    for method in (client.get, client.post):
        response = method(answer_url("hemlig-kod-1"), valid_answers(built))
        assert response.status_code == 410
        assert "Inbjudan är redan använd" in html(response)
        assert escape(built.survey.title) in html(response)
    count_waiting(built.survey)
    assert Response.objects.count() == 1


def test_invitation_used_while_the_page_was_open_is_refused(
    client: Client, built: Built, invitation: Invitation
) -> None:
    """Two tabs: the page was loaded, then the other tab answered; this submit stores nothing."""
    assert client.get(answer_url("hemlig-kod-1")).status_code == 200
    Invitation.objects.filter(pk=invitation.pk).update(used=True)
    response = client.post(answer_url("hemlig-kod-1"), valid_answers(built))
    assert response.status_code == 410
    assert nothing_stored()


@pytest.mark.parametrize(
    ("shift", "status", "title"),
    [(-20, 410, "Enkäten är stängd"), (20, 403, "Enkäten har inte öppnat än")],
)
def test_closed_or_not_yet_open_survey_gets_a_swedish_page(
    client: Client, shift: int, status: int, title: str
) -> None:
    today = timezone.localdate()
    built = build_survey(
        opens_on=today + datetime.timedelta(days=shift - 5),
        closes_on=today + datetime.timedelta(days=shift + 5),
        open_link_enabled=True,
    )
    InvitationFactory(survey=built.survey, token="sent-kod")
    open_url = reverse("surveys:answer_open", kwargs={"key": built.survey.open_link_key})
    for url in (answer_url("sent-kod"), open_url):
        for method in (client.get, client.post):
            response = method(url, valid_answers(built))
            assert response.status_code == status
            assert title in html(response)
    assert nothing_stored()
    assert not Invitation.objects.get().used


def test_survey_open_on_its_first_and_last_day(client: Client) -> None:
    today = timezone.localdate()
    for opens, closes in (
        (today, today + datetime.timedelta(days=3)),
        (today - datetime.timedelta(days=3), today),
    ):
        built = build_survey(opens_on=opens, closes_on=closes)
        token = f"kod-{opens}-{closes}"
        InvitationFactory(survey=built.survey, token=token)
        assert client.post(answer_url(token), valid_answers(built)).status_code == 302


def test_a_token_only_answers_its_own_survey(client: Client, built: Built, invitation) -> None:
    """Questions of another survey posted through this invitation are simply not this survey's
    answers: the required ones are missing, so nothing is stored."""
    other = build_survey(year=built.survey.year - 1)
    response = client.post(answer_url("hemlig-kod-1"), valid_answers(other))
    assert response.status_code == 400
    assert nothing_stored()


# ---------------------------------------------------------------------------- units


@pytest.fixture
def with_units() -> Built:
    built = build_survey(with_units=True)
    InvitationFactory(survey=built.survey, token="sekreterare")
    return built


def _unit_ids(built: Built, *names: str) -> list[str]:
    return [str(built.option(built.units, name).pk) for name in names]


def test_units_step_comes_first(client: Client, with_units: Built) -> None:
    page = client.get(answer_url("sekreterare"))
    assert page.status_code == 200
    content = html(page)
    assert "Jag svarar för" in content and "Regionstyrelsen" in content
    assert "Hur vill du svara för enheterna?" in content
    assert "Fortsätt till frågorna" in content
    assert with_units.known.text not in content


def test_units_step_requires_a_unit_and_a_mode_for_several(
    client: Client, with_units: Built
) -> None:
    url = answer_url("sekreterare")
    none = client.post(url, {"step": "units"})
    assert none.status_code == 400
    assert "Välj minst en enhet som du svarar för." in html(none)
    several = client.post(
        url,
        {
            "step": "units",
            f"q{with_units.units.pk}": _unit_ids(
                with_units, "Regionstyrelsen", "Kultur" if False else "Regionala utvecklingsnämnden"
            ),
        },
    )
    assert several.status_code == 400
    assert escape(
        "Du har valt flera enheter: välj om du svarar en gång för alla eller separat."
    ) in html(several)
    assert checked_values(several, f"q{with_units.units.pk}") == _unit_ids(
        with_units, "Regionstyrelsen", "Regionala utvecklingsnämnden"
    )
    foreign = client.post(
        url,
        {
            "step": "units",
            f"q{with_units.units.pk}": [str(with_units.option(with_units.known, "Ja").pk)],
        },
    )
    assert foreign.status_code == 400
    assert "Välj ett av den här frågans svarsalternativ." in html(foreign)


def test_answering_once_for_several_units_stores_one_response_per_unit(
    client: Client, with_units: Built
) -> None:
    url = answer_url("sekreterare")
    units = {
        f"q{with_units.units.pk}": _unit_ids(
            with_units, "Regionstyrelsen", "Hälso- och sjukvårdsnämnden"
        ),
        "mode": "together",
    }
    step2 = client.post(url, {"step": "units", **units})
    assert step2.status_code == 200
    content = html(step2)
    assert "Ditt svar gäller: Regionstyrelsen, Hälso- och sjukvårdsnämnden ." in words(step2)
    assert with_units.known.text in content
    assert (
        client.post(url, {"step": "answers", **units, **valid_answers(with_units)}).status_code
        == 302
    )
    count_waiting(with_units.survey)
    responses = Response.objects.filter(survey=with_units.survey)
    assert {r.unit.text for r in responses} == {"Regionstyrelsen", "Hälso- och sjukvårdsnämnden"}
    for response in responses:
        assert response.answers.count() == 6


def test_answering_separately_per_unit(client: Client, with_units: Built) -> None:
    url = answer_url("sekreterare")
    ids = _unit_ids(with_units, "Regionstyrelsen", "Regionala utvecklingsnämnden")
    units = {f"q{with_units.units.pk}": ids, "mode": "separately"}
    step2 = client.post(url, {"step": "units", **units})
    content = words(step2)
    assert "Du svarar separat för: Regionstyrelsen, Regionala utvecklingsnämnden" in content
    assert "Svar för Regionstyrelsen (1 av 2)" in content
    assert "Svar för Regionala utvecklingsnämnden (2 av 2)" in content
    first = valid_answers(with_units, prefix=f"u{ids[0]}")
    second = valid_answers(with_units, prefix=f"u{ids[1]}")
    second[f"u{ids[1]}-q{with_units.scale.pk}"] = "2"
    # The second unit's required question is missing: both units' answers stay on the page.
    del second[f"u{ids[1]}-q{with_units.known.pk}"]
    failed = client.post(url, {"step": "answers", **units, **first, **second})
    assert failed.status_code == 400
    assert escape(
        "Regionala utvecklingsnämnden, fråga 2: Svara på frågan. Den måste besvaras."
    ) in html(failed)
    assert checked_values(failed, f"u{ids[0]}-q{with_units.scale.pk}") == ["4"]
    assert checked_values(failed, f"u{ids[1]}-q{with_units.scale.pk}") == ["2"]
    assert nothing_stored()
    second[f"u{ids[1]}-q{with_units.known.pk}"] = str(with_units.option(with_units.known, "Nej").pk)
    assert client.post(url, {"step": "answers", **units, **first, **second}).status_code == 302
    count_waiting(with_units.survey)
    by_unit = {
        r.unit.text: r.answers.get(question=with_units.scale).scale_value
        for r in Response.objects.select_related("unit")
    }
    assert by_unit == {"Regionstyrelsen": 4, "Regionala utvecklingsnämnden": 2}


def test_tampered_units_on_the_answers_step_go_back_to_the_units_step(
    client: Client, with_units: Built
) -> None:
    url = answer_url("sekreterare")
    foreign = [str(with_units.option(with_units.known, "Ja").pk)]
    response = client.post(
        url, {"step": "answers", f"q{with_units.units.pk}": foreign, **valid_answers(with_units)}
    )
    assert response.status_code == 400
    assert "Fortsätt till frågorna" in html(response)
    assert nothing_stored()


# -------------------------------------------------------------------------- preview


@pytest.fixture
def manager_client(give_mfa: Callable[[User], str]) -> Client:
    person = WorkingGroupUserFactory()
    give_mfa(person)
    client = Client()
    client.force_login(person)
    return client


def test_preview_checks_answers_and_saves_nothing(manager_client: Client) -> None:
    today = timezone.localdate()
    # Not open yet: the working group previews before sending.
    built = build_survey(
        opens_on=today + datetime.timedelta(days=30), closes_on=today + datetime.timedelta(days=60)
    )
    url = preview_url(built.survey)
    bad = manager_client.post(
        url, {"step": "answers", **{**valid_answers(built), f"q{built.scale.pk}": "7"}}
    )
    assert bad.status_code == 400
    assert "Välj ett värde från 1 till 5." in html(bad)
    good = manager_client.post(url, {"step": "answers", **valid_answers(built)})
    assert good.status_code == 200
    assert "I förhandsgranskningen sparas ingenting." in html(good)
    assert nothing_stored()


def test_preview_shows_the_same_questions_as_the_respondent(
    manager_client: Client, built: Built, invitation
) -> None:
    def form_of(response) -> str:
        found = re.search(r'<form class="answer-form".*?</form>', html(response), re.S)
        assert found
        return re.sub(
            r'name="(csrfmiddlewaretoken|submission_key)" value="[^"]*"', "", found.group(0)
        )

    respondent = Client().get(answer_url("hemlig-kod-1"))
    previewed = manager_client.get(preview_url(built.survey))
    assert form_of(previewed).replace(
        "Kontrollera svaren (sparas inte)", "Skicka svaret"
    ) == form_of(respondent)


def test_preview_of_units_survey_walks_both_steps(
    manager_client: Client, with_units: Built
) -> None:
    url = preview_url(with_units.survey)
    ids = _unit_ids(with_units, "Regionstyrelsen", "Regionala utvecklingsnämnden")
    units = {f"q{with_units.units.pk}": ids, "mode": "separately"}
    assert "Fortsätt till frågorna" in html(manager_client.get(url))
    assert "(2 av 2)" in html(manager_client.post(url, {"step": "units", **units}))
    answers = {**valid_answers(with_units, f"u{ids[0]}"), **valid_answers(with_units, f"u{ids[1]}")}
    done = manager_client.post(url, {"step": "answers", **units, **answers})
    assert "skulle ha sparats som 2 svar" in html(done)
    assert nothing_stored()


def test_preview_of_unknown_survey_is_404(manager_client: Client) -> None:
    assert (
        manager_client.get("/arbetsgruppen/hantera/enkater/999999/forhandsgranska/").status_code
        == 404
    )


def test_preview_of_survey_without_questions_says_so(manager_client: Client) -> None:
    survey = SurveyFactory()
    response = manager_client.get(preview_url(survey))
    assert response.status_code == 200
    assert "Enkäten har inga frågor än." in html(response)


# ---------------------------------------------------------------------- query count


def test_answer_page_query_count(
    client: Client, django_assert_max_num_queries, built: Built, invitation
) -> None:
    with django_assert_max_num_queries(4):
        assert client.get(answer_url("hemlig-kod-1")).status_code == 200
    with django_assert_max_num_queries(4):
        assert (
            client.post(answer_url("hemlig-kod-1"), {f"q{built.scale.pk}": "3"}).status_code == 400
        )
    # Look up, questions, options; then the service: questions, mark used, one sealed row (plus
    # the transaction's savepoint and release); then how many wait in the pool.
    answers = valid_answers(built)
    with django_assert_max_num_queries(9):
        assert client.post(answer_url("hemlig-kod-1"), answers).status_code == 302


def test_answer_page_query_count_does_not_grow_with_units(
    client: Client, django_assert_max_num_queries, with_units: Built
) -> None:
    url = answer_url("sekreterare")
    ids = _unit_ids(
        with_units, "Regionstyrelsen", "Hälso- och sjukvårdsnämnden", "Regionala utvecklingsnämnden"
    )
    units = {f"q{with_units.units.pk}": ids, "mode": "separately"}
    answers = {}
    for unit in ids:
        answers.update(valid_answers(with_units, f"u{unit}"))
    with django_assert_max_num_queries(4):
        assert client.post(url, {"step": "units", **units}).status_code == 200
    # One sealed row for all three units (responses are written later, in a batch), so the
    # same queries as for one response.
    with django_assert_max_num_queries(9):
        assert client.post(url, {"step": "answers", **units, **answers}).status_code == 302
    count_waiting(with_units.survey)
    assert Response.objects.count() == 3


def test_answer_page_in_english(client: Client, settings, built: Built, invitation) -> None:
    catalogue = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    service_or_skip("The compiled English catalogue", catalogue.exists(), "run `make messages`")
    url = "/en" + answer_url("hemlig-kod-1")
    page = client.get(url)
    assert page.status_code == 200
    content = html(page)
    assert "Your answer is anonymous" in content
    assert "(required)" in content
    assert "Send the answer" in content
    bad = client.post(url, {f"q{built.scale.pk}": "9"})
    assert "Choose a value from 1 to 5." in html(bad)
    assert "Something needs correcting" in html(bad)


def test_thanks_page_of_unknown_survey_is_404(client: Client) -> None:
    assert client.get(reverse("surveys:answer_thanks", kwargs={"pk": 999999})).status_code == 404


def test_other_methods_are_not_allowed(client: Client, built: Built, invitation) -> None:
    assert client.put(answer_url("hemlig-kod-1")).status_code == 405
    assert client.delete(answer_url("hemlig-kod-1")).status_code == 405
    assert not Invitation.objects.get(pk=invitation.pk).used


def test_answer_pages_are_not_cached(client: Client, built: Built, invitation) -> None:
    """A shared computer's back button must not show someone's answers from the cache."""
    response = client.get(answer_url("hemlig-kod-1"))
    assert "no-store" in response["Cache-Control"]


def test_a_skippable_units_question_may_be_left_empty(client: Client, with_units: Built) -> None:
    Question.objects.filter(pk=with_units.units.pk).update(required=False)
    url = answer_url("sekreterare")
    step2 = client.post(url, {"step": "units"})
    assert step2.status_code == 200
    assert with_units.known.text in html(step2)
    assert client.post(url, {"step": "answers", **valid_answers(with_units)}).status_code == 302
    count_waiting(with_units.survey)
    assert Response.objects.get().unit is None


def test_one_unit_needs_no_choice_of_how(client: Client, with_units: Built) -> None:
    url = answer_url("sekreterare")
    units = {f"q{with_units.units.pk}": _unit_ids(with_units, "Regionstyrelsen")}
    assert client.post(url, {"step": "units", **units}).status_code == 200
    sent = client.post(url, {"step": "answers", **units, **valid_answers(with_units)})
    assert sent.status_code == 302
    count_waiting(with_units.survey)
    assert Response.objects.get().unit.text == "Regionstyrelsen"

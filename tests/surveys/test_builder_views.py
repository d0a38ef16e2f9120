"""The builder's pages: every view for every role, bad input, the lock, query budgets."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Option, Question, Survey
from tests.factories import (
    TotpAuthenticatorFactory,
    WorkingGroupUserFactory,
)
from tests.surveys.factories import (
    OptionFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "user", "working_group", "working_group_mfa", "admin", "admin_mfa"]


@pytest.fixture
def builder(client_as) -> Client:
    """A working-group member with two-factor login."""
    return client_as("working_group_mfa")


@pytest.fixture
def survey() -> Survey:
    survey = SurveyFactory(title="Uppföljning 2026", year=2026)
    single = QuestionFactory(survey=survey, position=1, text="Känner du till HÖK?")
    for position, text in enumerate(["Ja", "Nej", "Vagt"], start=1):
        OptionFactory(question=single, position=position, text=text)
    QuestionFactory(
        survey=survey,
        position=2,
        kind=Question.Kind.SCALE,
        text="Hur fungerar samverkan?",
        scale_min_label="Dåligt, ger inget!",
        scale_max_label="Utmärkt, berikande!",
    )
    QuestionFactory(survey=survey, position=3, kind=Question.Kind.TEXT, text="Vad önskar du?")
    return survey


def question(survey: Survey, position: int) -> Question:
    return survey.questions.get(position=position)


def settings_post(**changes) -> dict[str, str]:
    data = {
        "title": "Uppföljning 2027",
        "introduction": "Tack!",
        "opens_on": "2027-03-01",
        "closes_on": "2027-03-31",
        "min_group_size": "5",
    }
    data.update(changes)
    return data


def question_post(**changes) -> dict[str, str]:
    data = {"kind": "single", "text": "Känner du till HÖK?", "new_options": "Ja\nNej"}
    data.update(changes)
    return data


def option_rows(q: Question, **overrides: dict[str, str]) -> dict[str, str]:
    """The option formset as the edit page posts it; overrides keyed by option text."""
    options = list(q.options.order_by("position"))
    data = {
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": str(len(options)),
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for index, option in enumerate(options):
        row = {"option_id": str(option.pk), "text": option.text, "position": str(option.position)}
        row.update(overrides.get(option.text, {}))
        for name, value in row.items():
            if value is not None:
                data[f"options-{index}-{name}"] = value
    return data


# Every page, every role


def pages(survey: Survey) -> list[tuple[str, str, dict[str, str]]]:
    """(method, url, data) for every builder view."""
    q = question(survey, 1)
    return [
        ("get", reverse("surveys:survey_list"), {}),
        ("get", reverse("surveys:survey_create"), {}),
        ("post", reverse("surveys:survey_create"), settings_post()),
        ("get", reverse("surveys:survey_detail", args=[survey.pk]), {}),
        ("get", reverse("surveys:survey_edit", args=[survey.pk]), {}),
        ("post", reverse("surveys:survey_edit", args=[survey.pk]), settings_post()),
        ("get", reverse("surveys:question_create", args=[survey.pk]), {}),
        ("get", reverse("surveys:question_create", args=[survey.pk]) + "?kind=scale", {}),
        ("post", reverse("surveys:question_create", args=[survey.pk]), question_post()),
        ("get", reverse("surveys:question_edit", args=[survey.pk, q.pk]), {}),
        (
            "post",
            reverse("surveys:question_edit", args=[survey.pk, q.pk]),
            {**question_post(text="Rättad?", new_options=""), **option_rows(q)},
        ),
        ("post", reverse("surveys:question_move", args=[survey.pk, q.pk]), {"direction": "down"}),
        ("get", reverse("surveys:question_delete", args=[survey.pk, q.pk]), {}),
        ("post", reverse("surveys:survey_copy", args=[survey.pk]), {}),
        ("get", reverse("surveys:survey_delete", args=[survey.pk]), {}),
        ("post", reverse("surveys:question_delete", args=[survey.pk, q.pk]), {}),
        ("post", reverse("surveys:survey_delete", args=[survey.pk]), {}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_per_role(client_as, survey, role):
    client = client_as(role)
    for method, url, data in pages(survey):
        response = getattr(client, method)(url, data)
        where = f"{method.upper()} {url}"
        match role:
            case "anonymous":
                assert response.status_code == 302, where
                assert response.url.startswith(reverse("account_login")), where
            case "user":
                assert response.status_code == 403, where
            case "working_group" | "admin":
                assert response.status_code == 302, where
                assert response.url == reverse("mfa_activate_totp"), where
            case _:
                assert response.status_code in (200, 302), where
                if response.status_code == 302:
                    assert not response.url.startswith(reverse("account_login")), where
    if role.endswith("_mfa"):
        assert not Survey.objects.filter(pk=survey.pk).exists()  # deleted at the end
        assert Survey.objects.count() == 2  # the one created and the copy
    else:
        assert Survey.objects.filter(pk=survey.pk, title="Uppföljning 2026").exists()
        assert survey.questions.count() == 3


# List and detail


def test_list_shows_surveys_with_counts(builder, survey, django_assert_max_num_queries):
    ResponseFactory(survey=survey)
    SurveyFactory(title="Uppföljning 2025", year=2025)
    for n in range(5):
        SurveyFactory(year=2020 + n)
    with django_assert_max_num_queries(7):
        response = builder.get(reverse("surveys:survey_list"))
    body = response.content.decode()
    assert body.index("Uppföljning 2026") < body.index("Uppföljning 2025")
    assert response.context["surveys"][0].question_count == 3
    assert response.context["surveys"][0].response_count == 1


def test_detail_shows_questions_options_and_links(builder, survey, django_assert_max_num_queries):
    for n in range(10):
        q = QuestionFactory(survey=survey, position=10 + n)
        OptionFactory.create_batch(3, question=q)
    with django_assert_max_num_queries(10):
        response = builder.get(reverse("surveys:survey_detail", args=[survey.pk]))
    body = response.content.decode()
    assert "Känner du till HÖK?" in body
    assert "Vagt" in body
    assert "Dåligt, ger inget!" in body
    assert reverse("surveys:survey_edit", args=[survey.pk]) in body
    assert reverse("surveys:question_edit", args=[survey.pk, question(survey, 1).pk]) in body
    assert reverse("surveys:question_delete", args=[survey.pk, question(survey, 1).pk]) in body
    assert reverse("surveys:survey_delete", args=[survey.pk]) in body
    assert "Kopiera till 2027" in body


def test_detail_of_an_answered_survey_explains_the_lock(builder, survey):
    ResponseFactory(survey=survey)
    response = builder.get(reverse("surveys:survey_detail", args=[survey.pk]))
    body = response.content.decode()
    assert "Enkäten har svar." in body
    assert reverse("surveys:question_delete", args=[survey.pk, question(survey, 1).pk]) not in body
    assert reverse("surveys:survey_delete", args=[survey.pk]) not in body


def test_detail_shows_the_open_link_when_enabled(builder, survey):
    survey.open_link_enabled = True
    survey.save()
    body = builder.get(reverse("surveys:survey_detail", args=[survey.pk])).content.decode()
    assert survey.open_link_key in body


def test_unknown_survey_or_question_is_404(builder, survey):
    other = QuestionFactory()
    assert builder.get(reverse("surveys:survey_detail", args=[999999])).status_code == 404
    url = reverse("surveys:question_edit", args=[survey.pk, other.pk])
    assert builder.get(url).status_code == 404
    url = reverse("surveys:question_move", args=[survey.pk, other.pk])
    assert builder.post(url, {"direction": "up"}).status_code == 404


# Settings


def test_create_survey_then_lands_on_its_page(builder):
    response = builder.post(reverse("surveys:survey_create"), settings_post(open_link_enabled="on"))
    survey = Survey.objects.get()
    assert response.url == reverse("surveys:survey_detail", args=[survey.pk])
    assert (survey.year, survey.open_link_enabled) == (2027, True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closes_on": "2027-02-01"}, "Enkäten kan inte stänga innan den öppnar."),
        ({"opens_on": "1 mars"}, "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ({"title": ""}, "Ge enkäten en titel."),
        ({"min_group_size": "0"}, "Minsta gruppstorlek måste vara minst 1."),
        ({"min_group_size": "fem"}, "Skriv ett heltal"),
    ],
)
def test_bad_settings_keep_what_was_typed(builder, changes, message):
    data = settings_post(**changes)
    response = builder.post(reverse("surveys:survey_create"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'value="Tack!"' not in body  # a textarea keeps its text as content
    assert "Tack!" in body
    assert not Survey.objects.exists()


def test_edit_settings_refuses_a_year_the_series_has(builder, survey):
    SurveyFactory(series=survey.series, year=2027)
    response = builder.post(reverse("surveys:survey_edit", args=[survey.pk]), settings_post())
    assert response.status_code == 400
    assert "Serien har redan en enkät för 2027" in response.content.decode()


def test_edit_settings_shows_current_values(builder, survey):
    body = builder.get(reverse("surveys:survey_edit", args=[survey.pk])).content.decode()
    assert 'value="2026-01-01"' in body
    assert 'value="Uppföljning 2026"' in body


# Questions


def test_add_question_starts_with_the_kind(builder, survey):
    response = builder.get(reverse("surveys:question_create", args=[survey.pk]))
    body = response.content.decode()
    for value in Question.Kind.values:
        assert f"?kind={value}" in body


def test_add_question_form_has_only_its_kinds_fields(builder, survey):
    url = reverse("surveys:question_create", args=[survey.pk])
    scale = builder.get(url + "?kind=scale").content.decode()
    assert 'name="scale_max"' in scale
    assert 'name="new_options"' not in scale
    single = builder.get(url + "?kind=single").content.decode()
    assert 'name="new_options"' in single
    assert 'name="allow_other"' in single
    assert 'name="scale_max"' not in single
    background = builder.get(url + "?kind=background").content.decode()
    assert 'name="allow_other"' not in background


def test_add_choice_question(builder, survey):
    response = builder.post(
        reverse("surveys:question_create", args=[survey.pk]),
        question_post(
            kind="multiple",
            text="Vilka hinder finns?",
            new_options="Tid\r\nEkonomi\r\n\r\nPolitiskt intresse",
            allow_other="on",
            other_label="Annat hinder",
            required="on",
        ),
    )
    assert response.status_code == 302
    q = survey.questions.get(text="Vilka hinder finns?")
    assert q.position == 4
    assert (q.kind, q.allow_other, q.other_label, q.required) == (
        "multiple",
        True,
        "Annat hinder",
        True,
    )
    assert list(q.options.values_list("text", flat=True)) == [
        "Tid",
        "Ekonomi",
        "Politiskt intresse",
    ]


def test_add_scale_question_with_default_max(builder, survey):
    builder.post(
        reverse("surveys:question_create", args=[survey.pk]),
        {"kind": "scale", "text": "Hur nöjd?", "scale_min_label": "Inte alls"},
    )
    q = survey.questions.get(text="Hur nöjd?")
    assert (q.scale_max, q.scale_min_label) == (5, "Inte alls")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "scale", "scale_max": "11"}, "Skalan kan gå till högst 10."),
        ({"kind": "scale", "scale_max": "1"}, "Skalan måste gå till minst 2."),
        ({"kind": "single", "new_options": ""}, "Frågan behöver minst två svarsalternativ"),
        ({"kind": "units", "new_options": "Bara en"}, "Frågan behöver minst två svarsalternativ"),
        ({"kind": "single", "new_options": "Ja\nja"}, "finns två gånger"),
        ({"kind": "single", "text": ""}, "Skriv frågan."),
    ],
)
def test_add_question_bad_input(builder, survey, data, message):
    response = builder.post(
        reverse("surveys:question_create", args=[survey.pk]),
        question_post(help_text="Min hjälptext", **data),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Min hjälptext" in body
    assert survey.questions.count() == 3


def test_second_units_question_is_refused(builder, survey):
    QuestionFactory(survey=survey, kind=Question.Kind.UNITS, position=9)
    response = builder.post(
        reverse("surveys:question_create", args=[survey.pk]),
        question_post(kind="units", new_options="A\nB"),
    )
    assert response.status_code == 400
    assert "redan en fråga om vilka enheter" in response.content.decode()


def test_edit_question_shows_option_rows(builder, survey):
    q = question(survey, 1)
    body = builder.get(reverse("surveys:question_edit", args=[survey.pk, q.pk])).content.decode()
    assert 'name="options-0-text"' in body
    assert 'value="Vagt"' in body
    assert 'name="options-2-delete"' in body
    assert "Lägg till svarsalternativ, ett per rad" in body


def test_edit_question_text_and_options(builder, survey):
    q = question(survey, 1)
    data = {
        **question_post(text="Känner du till överenskommelsen?", new_options="Inte alls"),
        **option_rows(q, Ja={"text": "Ja, väl", "position": "3"}, Nej={"delete": "on"}),
    }
    response = builder.post(reverse("surveys:question_edit", args=[survey.pk, q.pk]), data)
    assert response.status_code == 302
    assert response.url.endswith(f"#question-{q.pk}")
    q.refresh_from_db()
    assert q.text == "Känner du till överenskommelsen?"
    assert list(q.options.values_list("text", flat=True)) == ["Vagt", "Ja, väl", "Inte alls"]


def test_edit_question_bad_option_rows_keep_input(builder, survey):
    q = question(survey, 1)
    data = {
        **question_post(text="Ny text?", new_options="Kanske"),
        **option_rows(q, Ja={"text": ""}, Nej={"position": "x"}),
    }
    response = builder.post(reverse("surveys:question_edit", args=[survey.pk, q.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Skriv en text eller kryssa i ”Ta bort”." in body
    assert "Skriv platsen som ett heltal." in body
    assert "Ny text?" in body
    assert "Kanske" in body
    q.refresh_from_db()
    assert q.text == "Känner du till HÖK?"


def test_edit_question_refuses_an_option_of_another_question(builder, survey):
    q = question(survey, 1)
    stranger = OptionFactory(text="Främmande")
    data = {**question_post(new_options=""), **option_rows(q)}
    data["options-0-option_id"] = str(stranger.pk)
    response = builder.post(reverse("surveys:question_edit", args=[survey.pk, q.pk]), data)
    assert response.status_code == 400
    assert "hör inte till frågan" in response.content.decode()
    assert Option.objects.get(pk=stranger.pk).text == "Främmande"


def test_changing_kind_to_choice_asks_for_options(builder, survey):
    q = question(survey, 3)  # free text
    url = reverse("surveys:question_edit", args=[survey.pk, q.pk])
    response = builder.post(url, {"kind": "single", "text": q.text})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Frågan behöver minst två svarsalternativ" in body
    assert 'name="new_options"' in body
    response = builder.post(url, {"kind": "single", "text": q.text, "new_options": "A\nB"})
    assert response.status_code == 302
    q.refresh_from_db()
    assert q.kind == "single"


def test_changing_kind_to_scale(builder, survey):
    q = question(survey, 1)
    url = reverse("surveys:question_edit", args=[survey.pk, q.pk])
    response = builder.post(url, {"kind": "scale", "text": q.text, **option_rows(q)})
    assert response.status_code == 302
    q.refresh_from_db()
    assert (q.kind, q.scale_max, q.options.count()) == ("scale", 5, 0)


# The lock once answered


@pytest.fixture
def answered(survey: Survey) -> Survey:
    ResponseFactory(survey=survey)
    return survey


def test_answered_question_typo_fix_is_allowed(builder, answered):
    q = question(answered, 1)
    data = {
        **question_post(text="Känner du till Halländska Överenskommelsen?", new_options=""),
        **option_rows(q, Vagt={"text": "Vagt, lite"}),
    }
    response = builder.post(reverse("surveys:question_edit", args=[answered.pk, q.pk]), data)
    assert response.status_code == 302
    q.refresh_from_db()
    assert q.text == "Känner du till Halländska Överenskommelsen?"
    assert q.options.filter(text="Vagt, lite").exists()


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "multiple"},
        {"delete_option": "Nej"},
    ],
)
def test_answered_question_breaking_edit_is_refused_with_reason(builder, answered, change):
    q = question(answered, 1)
    overrides = {}
    if "delete_option" in change:
        overrides = {change["delete_option"]: {"delete": "on"}}
    data = {
        **question_post(kind=change.get("kind", "single"), new_options=""),
        **option_rows(q, **overrides),
    }
    response = builder.post(reverse("surveys:question_edit", args=[answered.pk, q.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enkäten har redan svar. Därför går det inte" in body
    q.refresh_from_db()
    assert q.kind == "single"
    assert q.options.count() == 3


def test_answered_scale_change_is_refused(builder, answered):
    q = question(answered, 2)
    url = reverse("surveys:question_edit", args=[answered.pk, q.pk])
    response = builder.post(url, {"kind": "scale", "text": q.text, "scale_max": "7"})
    assert response.status_code == 400
    assert "ändra skalan" in response.content.decode()
    q.refresh_from_db()
    assert q.scale_max == 5


def test_answered_question_delete_is_refused(builder, answered):
    q = question(answered, 1)
    url = reverse("surveys:question_delete", args=[answered.pk, q.pk])
    assert "kan inte tas bort" in builder.get(url).content.decode()
    response = builder.post(url, follow=True)
    assert "Enkäten har redan svar" in response.content.decode()
    assert Question.objects.filter(pk=q.pk).exists()


def test_answered_survey_delete_is_refused(builder, answered):
    url = reverse("surveys:survey_delete", args=[answered.pk])
    assert "kan inte tas bort" in builder.get(url).content.decode()
    response = builder.post(url, follow=True)
    assert "Enkäten har svar och kan inte tas bort" in response.content.decode()
    assert Survey.objects.filter(pk=answered.pk).exists()


def test_answered_survey_can_be_copied(builder, answered):
    response = builder.post(reverse("surveys:survey_copy", args=[answered.pk]), follow=True)
    copy = Survey.objects.get(year=2027)
    assert response.redirect_chain[-1][0] == reverse("surveys:survey_detail", args=[copy.pk])
    assert "Enkäten är kopierad till 2027" in response.content.decode()
    assert copy.questions.count() == 3


def test_copy_twice_says_why(builder, survey):
    builder.post(reverse("surveys:survey_copy", args=[survey.pk]))
    response = builder.post(reverse("surveys:survey_copy", args=[survey.pk]), follow=True)
    assert "Det finns redan en enkät för 2027 i samma serie." in response.content.decode()


def test_copy_needs_post(builder, survey):
    assert builder.get(reverse("surveys:survey_copy", args=[survey.pk])).status_code == 405


# Moving and deleting


def test_move_question_up_and_down(builder, survey):
    first, second = question(survey, 1), question(survey, 2)
    url = reverse("surveys:question_move", args=[survey.pk, second.pk])
    response = builder.post(url, {"direction": "up"})
    assert response.url.endswith(f"#question-{second.pk}")
    assert list(survey.questions.values_list("pk", flat=True))[:2] == [second.pk, first.pk]
    response = builder.post(url, {"direction": "sideways"}, follow=True)
    assert "Välj om frågan ska flyttas upp eller ner." in response.content.decode()


def test_delete_question_and_survey(builder, survey):
    q = question(survey, 1)
    builder.post(reverse("surveys:question_delete", args=[survey.pk, q.pk]))
    assert list(survey.questions.values_list("position", flat=True)) == [1, 2]
    response = builder.post(reverse("surveys:survey_delete", args=[survey.pk]))
    assert response.url == reverse("surveys:survey_list")
    assert not Survey.objects.exists()


def test_seeded_survey_renders(builder):
    from surveys.services.seed import survey_load_seed

    seeded, _ = survey_load_seed()
    body = builder.get(reverse("surveys:survey_detail", args=[seeded.pk])).content.decode()
    assert "Jag svarar för: (svaren i enkäten anonymiseras)" in body
    assert "Social trygghet" in body
    assert seeded.closes_on < datetime.date(2021, 1, 1)


def test_edits_are_recorded_with_who_made_them(client_as, survey):
    member = WorkingGroupUserFactory(full_name="Greta Arbetsgrupp")
    TotpAuthenticatorFactory(user=member)
    client = Client()
    client.force_login(member)
    q = question(survey, 1)
    data = {**question_post(text="Rättad fråga?", new_options=""), **option_rows(q)}
    client.post(reverse("surveys:question_edit", args=[survey.pk, q.pk]), data)
    client.post(reverse("surveys:survey_edit", args=[survey.pk]), settings_post())
    latest = q.history.latest()
    assert (latest.text, latest.history_user) == ("Rättad fråga?", member)
    assert survey.history.latest().history_user == member


def test_new_question_shows_its_chosen_kind(builder, survey):
    url = reverse("surveys:question_create", args=[survey.pk])
    body = builder.get(url + "?kind=background").content.decode()
    assert '<input type="hidden" name="kind" value="background"' in body
    assert "Bakgrundsfråga (för uppdelning av resultat)" in body
    assert "välj en annan frågetyp" in body


@pytest.mark.parametrize(
    ("opens", "closes", "detail", "listed"),
    [
        (5, 30, "Inte öppnad ännu: öppen för svar", "inte öppnad ännu"),
        (-5, 30, "Öppen för svar nu,", "öppen nu"),
        (-30, -5, "Stängd: var öppen för svar", "stängd"),
    ],
)
def test_list_and_detail_say_whether_the_survey_is_open(builder, opens, closes, detail, listed):
    today = timezone.localdate()
    survey = SurveyFactory(
        opens_on=today + datetime.timedelta(days=opens),
        closes_on=today + datetime.timedelta(days=closes),
    )
    page = builder.get(reverse("surveys:survey_detail", args=[survey.pk])).content.decode()
    assert detail in page
    listing = builder.get(reverse("surveys:survey_list")).content.decode()
    assert re.search(rf'class="meta builder-phase">\s*{listed}\s*<', listing)


@pytest.mark.parametrize("page", ["survey_delete", "question_delete"])
def test_answers_waiting_in_the_pool_lock_the_delete_pages(builder, survey, page):
    """A submission not yet counted locks the survey as much as a counted one: the page does
    not offer the delete the service would refuse."""
    survey.sealed_submissions.create(sealed=b"x")
    args = [survey.pk] if page == "survey_delete" else [survey.pk, question(survey, 1).pk]
    body = builder.get(reverse(f"surveys:{page}", args=args)).content.decode()
    assert "kan inte tas bort" in body
    assert 'method="post"' not in body.split("<main", 1)[-1]

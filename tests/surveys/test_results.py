# ruff: noqa: F811 - pytest fixtures imported from test_results_data
"""Survey results: figures exact on part of the real 2020 survey, breakdowns with small groups
suppressed, year on year, hidden free texts, publishing, every view per role, bad input."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from hok.generations import bump_now
from surveys.generations import SURVEYS, survey_generation
from surveys.models import Answer, Question
from surveys.selectors import results as selectors
from surveys.services import results as services
from surveys.services.seed import survey_load_seed
from surveys.templatetags.survey_figures import format_mean, format_percent
from tests.factories import WorkingGroupUserFactory
from tests.surveys.factories import SurveyFactory
from tests.surveys.test_results_data import (  # noqa: F401 - fixtures
    BRANCH,
    HS,
    NO_POWERS,
    POWERS_WITHOUT_MFA,
    ROLES,
    RU,
    SECRET_TEXT,
    WITH_POWERS,
    Built,
    add_question,
    build_2020,
    respond,
    survey_2020,
)

Kind = Question.Kind


def results_url(built: Built, *, language: str = "") -> str:
    url = reverse("surveys:results", args=[built.survey.pk])
    return f"/{language}{url}" if language else url


def public_url(built: Built) -> str:
    return reverse("surveys:public_results", args=[built.survey.pk])


def results_of(built: Built, **kwargs) -> selectors.Results:
    survey = selectors.survey_for_results(survey_id=built.survey.pk)
    assert survey is not None
    return selectors.survey_results(survey=survey, public=kwargs.pop("public", False), **kwargs)


def by_text(results: selectors.Results, text: str) -> selectors.QuestionResult:
    return next(result for result in results.questions if result.question.text == text)


def publish(built: Built) -> None:
    built.survey.results_published_at = timezone.now()
    built.survey.save(update_fields=["results_published_at"])
    # What the publishing service does once its transaction commits: cached pages are renewed.
    bump_now(SURVEYS, survey_generation(built.survey.pk))


def body(response) -> str:
    return response.content.decode()


# --- figures ------------------------------------------------------------------------------------


class TestFigures:
    def test_the_2020_figures(self, survey_2020: Built) -> None:
        results = results_of(survey_2020)

        assert results.response_count == 13
        know = by_text(results, "Känner du till den Halländska Överenskommelsen?")
        assert know.answered == 13
        assert know.answer_rate == Decimal(100)
        assert [(row.label, row.count, row.percent) for row in know.rows] == [
            ("Ja", 9, Decimal(69)),
            ("Nej", 0, Decimal(0)),
            ("Vagt", 4, Decimal(31)),
        ]
        scale = by_text(results, "Hur tycker du att samverkan fungerar idag?")
        assert scale.answered == 8
        assert scale.mean == Decimal("2.75")
        assert scale.answer_rate == Decimal(62)
        assert [row.count for row in scale.rows] == [1, 1, 5, 1, 0]
        assert scale.rows[0].label == "1: dåligt, ger inget!"
        assert scale.rows[-1].label == "5: utmärkt, berikande!"
        level = by_text(results, "Vilken nivå av samverkan använder ni er av?")
        assert level.answer_rate == Decimal(77)  # 10 of 13, the report's "(77 %)"

    def test_multiple_choice_with_annat(self, survey_2020: Built) -> None:
        obstacles = by_text(
            results_of(survey_2020), "Vilka hinder finns för att etablera en bättre samverkan?"
        )
        assert obstacles.answered == 11
        assert obstacles.answer_rate == Decimal(85)
        counts = {row.label: (row.count, row.percent) for row in obstacles.rows}
        assert counts["Tid"] == (11, Decimal(100))
        assert counts["Ekonomi"] == (6, Decimal(55))
        assert counts["Annat"] == (1, Decimal(9))
        assert [text.text for text in obstacles.texts] == ["Finns inga hinder"]

    def test_free_text_answers(self, survey_2020: Built) -> None:
        wish = by_text(
            results_of(survey_2020),
            "Hur skulle du vilja att samverkan mellan Region Halland och idéburna aktörer "
            "fungerade?",
        )
        assert wish.answered == 6
        assert wish.answer_rate == Decimal(46)
        assert wish.rows == []
        assert len(wish.texts) == 6

    def test_units_count_one_response_each(self, db: None) -> None:
        built = Built(survey=SurveyFactory())
        add_question(
            built, "units", kind=Kind.UNITS, text="Jag svarar för", options=["RS", "RF", "HSN"]
        )
        add_question(built, "know", kind=Kind.SINGLE, text="Känner du till?", options=["Ja", "Nej"])
        respond(built, {"know": "Ja"}, unit="RS")
        respond(built, {"know": "Ja"}, unit="RF")
        respond(built, {"know": "Nej"}, unit="HSN")

        results = results_of(built)
        units = by_text(results, "Jag svarar för")
        assert [(row.label, row.count) for row in units.rows] == [("RS", 1), ("RF", 1), ("HSN", 1)]
        assert units.answered == 3
        know = by_text(results, "Känner du till?")
        assert [(row.count, row.percent) for row in know.rows] == [
            (2, Decimal(67)),
            (1, Decimal(33)),
        ]

    def test_no_responses(self, db: None) -> None:
        built = Built(survey=SurveyFactory())
        add_question(built, "know", kind=Kind.SINGLE, text="Känner du till?", options=["Ja"])
        add_question(built, "scale", kind=Kind.SCALE, text="Hur?")
        results = results_of(built)
        assert results.response_count == 0
        assert results.questions[0].answer_rate is None
        assert results.questions[0].rows[0].percent is None
        assert results.questions[1].mean is None

    @pytest.mark.parametrize(
        ("part", "whole", "expected"),
        [(9, 13, 69), (4, 13, 31), (10, 13, 77), (1, 8, 13), (1, 2, 50), (1, 200, 1), (0, 5, 0)],
    )
    def test_percent_rounds_half_up(self, part: int, whole: int, expected: int) -> None:
        assert selectors.percent(part, whole) == Decimal(expected)

    def test_swedish_and_english_numbers(self) -> None:
        with translation.override("sv"):
            assert format_percent(Decimal(69)) == "69\xa0%"
            assert format_mean(Decimal("2.75")) == "2,75"
        with translation.override("en"):
            assert format_mean(Decimal("2.75")) == "2.75"


# --- the page -----------------------------------------------------------------------------------


class TestPage:
    def test_swedish_figures_on_the_page(self, survey_2020: Built, client_as) -> None:
        response = client_as("working_group_mfa").get(results_url(survey_2020))

        assert response.status_code == 200
        html = body(response)
        assert "(100\xa0%)" in html
        assert "(77\xa0%)" in html
        assert "69\xa0%" in html
        assert "31\xa0%" in html
        assert "<strong>2,75</strong>" in html
        assert "13 svar" in html

    def test_english_page(self, survey_2020: Built, client_as) -> None:
        response = client_as("working_group_mfa").get(results_url(survey_2020, language="en"))

        assert response.status_code == 200
        html = body(response)
        assert "<strong>2.75</strong>" in html
        assert "2,75" not in html
        assert "Results:" in html

    def test_chart_with_the_numbers_of_its_table(self, survey_2020: Built, client_as) -> None:
        html = body(client_as("working_group_mfa").get(results_url(survey_2020)))

        assert 'aria-labelledby="fraga-1-diagram-title fraga-1-diagram-desc"' in html
        desc = re.search(r'<desc id="fraga-1-diagram-desc">(.*?)</desc>', html).group(1)
        assert "Ja: 69\xa0%; Nej: 0\xa0%; Vagt: 31\xa0%." in desc
        assert "style=" not in re.search(r"<svg.*?</svg>", html, re.S).group(0)

    def test_query_count_is_pinned(
        self, db: None, client_as, django_assert_max_num_queries
    ) -> None:
        """At most 12 queries for many questions and responses, with a breakdown."""
        built = Built(survey=SurveyFactory(min_group_size=2))
        add_question(built, "bg", kind=Kind.BACKGROUND, text="Gren", options=["A", "B", "C"])
        for number in range(12):
            add_question(
                built, f"s{number}", kind=Kind.SINGLE, text=f"Fråga {number}", options=["x", "y"]
            )
            add_question(
                built,
                f"m{number}",
                kind=Kind.MULTIPLE,
                text=f"Flera {number}",
                options=["p", "q", "r"],
                allow_other=True,
            )
            add_question(built, f"k{number}", kind=Kind.SCALE, text=f"Skala {number}")
        add_question(built, "t", kind=Kind.TEXT, text="Fritt")
        for index in range(40):
            answers: dict[str, object] = {"bg": "ABC"[index % 3], "t": f"Text {index}"}
            for number in range(12):
                answers[f"s{number}"] = "xy"[index % 2]
                answers[f"m{number}"] = ["p", "q", ("annat", f"Eget {index}")]
                answers[f"k{number}"] = 1 + index % 5
            respond(built, answers)
        # Last year's survey in the same series, with the same questions (year on year).
        last = Built(survey=SurveyFactory(series=built.survey.series, year=2025))
        for name, question in built.questions.items():
            add_question(
                last,
                name,
                kind=question.kind,
                text=question.text,
                options=list(built.options[name]),
                allow_other=question.allow_other,
                identity=question.identity,
                option_identities={
                    label: option.identity for label, option in built.options[name].items()
                },
            )
        for index in range(10):
            respond(last, {"bg": "ABC"[index % 3], "s0": "x", "k0": 3, "m0": ["p"]})
        client = client_as("working_group_mfa")
        url = f"{results_url(built)}?uppdelning={built.questions['bg'].pk}"

        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200
        assert "result__too-few" not in body(response)
        with django_assert_max_num_queries(12):
            response = client.get(results_url(built))
        assert response.status_code == 200
        assert "Andel 2025" in body(response)
        built.survey.results_published_at = timezone.now()
        built.survey.save(update_fields=["results_published_at"])
        with django_assert_max_num_queries(12):
            assert (
                client_as("anonymous")
                .get(f"{public_url(built)}?uppdelning={built.questions['bg'].pk}")
                .status_code
                == 200
            )

    def test_unknown_survey(self, db: None, client_as) -> None:
        client = client_as("working_group_mfa")
        assert client.get(reverse("surveys:results", args=[999999])).status_code == 404
        assert client.get(reverse("surveys:public_results", args=[999999])).status_code == 404


# --- breakdown ------------------------------------------------------------------------------------


def build_regions(min_group_size: int = 5) -> Built:
    """20 responses: Norr 8, Söder 9, Öster 3. Öster is under the minimum; Norr is then the
    smallest other group and is suppressed too, so Öster cannot be worked out."""
    built = Built(survey=SurveyFactory(min_group_size=min_group_size))
    add_question(
        built, "region", kind=Kind.BACKGROUND, text="Var?", options=["Norr", "Söder", "Öster"]
    )
    add_question(built, "scale", kind=Kind.SCALE, text="Hur nöjd?")
    add_question(built, "pick", kind=Kind.SINGLE, text="Vilket?", options=["Vanligt", "Sällsynt"])
    for _index in range(8):
        respond(built, {"region": "Norr", "scale": 5, "pick": "Vanligt"})
    for _index in range(9):
        respond(built, {"region": "Söder", "scale": 3, "pick": "Vanligt"})
    for value in (1, 1, 2):
        respond(built, {"region": "Öster", "scale": value, "pick": "Sällsynt"})
    return built


class TestBreakdown:
    def test_groups_side_by_side(self, survey_2020: Built) -> None:
        results = results_of(survey_2020, breakdown_question_id=survey_2020.questions["branch"].pk)
        assert [(group.label, group.size) for group in results.breakdown.groups] == [
            (HS, 6),
            (RU, 7),
        ]
        know = by_text(results, "Känner du till den Halländska Överenskommelsen?")
        ja = know.rows[0]
        assert [(cell.count, cell.percent) for cell in ja.cells] == [
            (6, Decimal(100)),
            (3, Decimal(43)),
        ]
        scale = by_text(results, "Hur tycker du att samverkan fungerar idag?")
        assert [figures.mean for figures in scale.groups] == [Decimal("2.50"), Decimal("3.50")]

    def test_small_group_and_the_one_that_would_reveal_it_are_suppressed(self, db: None) -> None:
        built = build_regions()
        results = results_of(built, breakdown_question_id=built.questions["region"].pk)

        groups = {group.label: group for group in results.breakdown.groups}
        assert groups["Öster"].suppressed and groups["Öster"].size is None
        assert groups["Norr"].suppressed and groups["Norr"].size is None
        assert not groups["Söder"].suppressed and groups["Söder"].size == 9
        scale = by_text(results, "Hur nöjd?")
        assert scale.groups[0] is None and scale.groups[2] is None
        assert scale.groups[1].mean == Decimal("3.00")
        assert all(row.cells[0] is None and row.cells[2] is None for row in scale.rows)

    def test_suppressed_figures_never_reach_the_browser(self, db: None, client_as) -> None:
        built = build_regions()
        response = client_as("working_group_mfa").get(
            f"{results_url(built)}?uppdelning={built.questions['region'].pk}"
        )

        assert response.status_code == 200
        html = body(response)
        assert "för få svar" in html
        assert "1,33" not in html  # Öster's mean
        assert "5,00" not in html  # Norr's mean
        assert "3,00" in html  # Söder's mean
        assert "3,55" in html  # everyone's mean (71 / 20)
        assert "(8 svar)" not in html and "(3 svar)" not in html
        assert "(9 svar)" in html
        # The chart has a series for Söder only.
        for svg in re.findall(r"<svg.*?</svg>", html, re.S):
            assert "Öster" not in svg and "Norr" not in svg

    def test_a_group_at_the_minimum_is_shown(self, db: None) -> None:
        built = build_regions(min_group_size=3)
        results = results_of(built, breakdown_question_id=built.questions["region"].pk)
        assert not any(group.suppressed for group in results.breakdown.groups)
        scale = by_text(results, "Hur nöjd?")
        assert scale.groups[2].mean == Decimal("1.33")

    def test_responses_without_a_background_answer_form_a_group(self, db: None) -> None:
        built = build_regions(min_group_size=2)
        for _index in range(2):
            respond(built, {"scale": 4})
        results = results_of(built, breakdown_question_id=built.questions["region"].pk)
        last = results.breakdown.groups[-1]
        assert last.key == selectors.NO_ANSWER and last.size == 2

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("abc", "Välj en bakgrundsfråga i listan"),
            ("999999", "Frågan att dela upp efter finns inte i den här enkäten."),
            ("scale", "Resultaten kan bara delas upp efter en bakgrundsfråga"),
        ],
    )
    def test_bad_breakdown(self, db: None, client_as, value: str, message: str) -> None:
        built = build_regions()
        if value == "scale":
            value = str(built.questions["scale"].pk)
        response = client_as("working_group_mfa").get(f"{results_url(built)}?uppdelning={value}")

        assert response.status_code == 400
        html = body(response)
        assert message in html
        assert "Hur nöjd?" in html  # the results are still there, without a breakdown

    def test_a_question_of_another_survey(self, survey_2020: Built, client_as) -> None:
        other = build_regions()
        response = client_as("working_group_mfa").get(
            f"{results_url(survey_2020)}?uppdelning={other.questions['region'].pk}"
        )
        assert response.status_code == 400
        assert "finns inte i den här enkäten" in body(response)

    def test_public_breakdown_too(self, db: None, client_as) -> None:
        built = build_regions()
        publish(built)
        response = client_as("anonymous").get(
            f"{public_url(built)}?uppdelning={built.questions['region'].pk}"
        )
        assert response.status_code == 200
        assert "1,33" not in body(response)


# --- year on year ---------------------------------------------------------------------------------


class TestYearOnYear:
    def test_last_years_figures_beside_this_years(self, db: None, client_as) -> None:
        last = build_2020()
        this = Built(
            survey=SurveyFactory(
                series=last.survey.series,
                year=2021,
                opens_on=datetime.date(2021, 9, 1),
                closes_on=datetime.date(2021, 10, 1),
            )
        )
        know = last.questions["know"]
        add_question(
            this,
            "know",
            kind=Kind.SINGLE,
            text=know.text,
            options=["Ja", "Nej", "Vagt", "Ny"],
            identity=know.identity,
            option_identities={
                label: option.identity for label, option in last.options["know"].items()
            },
        )
        add_question(
            this, "scale", kind=Kind.SCALE, text="Skala", identity=last.questions["scale"].identity
        )
        add_question(this, "new", kind=Kind.SINGLE, text="Helt ny fråga", options=["A"])
        for index in range(5):
            respond(this, {"know": "Ja" if index < 4 else "Ny", "scale": 4, "new": "A"})

        results = results_of(this)
        assert results.previous_year == 2020
        know_result = by_text(results, know.text)
        assert know_result.has_previous
        assert know_result.previous_answer_rate == Decimal(100)
        assert [
            (row.label, row.percent, row.has_previous, row.previous_percent)
            for row in know_result.rows
        ] == [
            ("Ja", Decimal(80), True, Decimal(69)),
            ("Nej", Decimal(0), True, Decimal(0)),
            ("Vagt", Decimal(0), True, Decimal(31)),
            ("Ny", Decimal(20), False, None),
        ]
        scale = by_text(results, "Skala")
        assert scale.mean == Decimal("4.00")
        assert scale.previous_mean == Decimal("2.75")
        assert not by_text(results, "Helt ny fråga").has_previous

        html = body(client_as("working_group_mfa").get(results_url(this)))
        assert "Andel 2020" in html
        # "Ny" did not exist in 2020, so the chart shows this year only (the table says "ny").
        desc = re.search(r'<desc id="fraga-1-diagram-desc">(.*?)</desc>', html).group(1)
        assert "2020" not in desc
        assert 'class="chart chart--bar" id="fraga-1-diagram"' in html
        # The scale existed whole in 2020: both years side by side.
        assert 'class="chart chart--grouped" id="fraga-2-diagram"' in html
        assert "2020: 2,75." in html
        assert "Frågor som också fanns med 2020" in html

    def test_first_survey_of_a_series_has_no_comparison(self, survey_2020: Built) -> None:
        results = results_of(survey_2020)
        assert results.previous_year is None
        assert not results.has_previous


# --- hidden free texts ----------------------------------------------------------------------------


class TestHiding:
    def secret(self) -> Answer:
        return Answer.objects.get(text=SECRET_TEXT)

    def test_hide_and_unhide(self, survey_2020: Built) -> None:
        person = WorkingGroupUserFactory()
        answer = services.answer_hide(answer=self.secret(), reason=" Namnger en person ", by=person)
        assert answer.hidden and answer.hidden_reason == "Namnger en person"
        answer = services.answer_unhide(answer=answer, by=person)
        assert not answer.hidden and answer.hidden_reason == ""

    def test_hiding_needs_a_reason(self, survey_2020: Built) -> None:
        with pytest.raises(ValidationError, match="Skriv varför svaret döljs"):
            services.answer_hide(answer=self.secret(), reason="  ", by=WorkingGroupUserFactory())
        with pytest.raises(ValidationError, match="högst 300 tecken"):
            services.answer_hide(
                answer=self.secret(), reason="x" * 301, by=WorkingGroupUserFactory()
            )

    def test_only_text_can_be_hidden(self, survey_2020: Built) -> None:
        choice = Answer.objects.filter(option__isnull=False).first()
        with pytest.raises(ValidationError, match="Bara fritextsvar"):
            services.answer_hide(answer=choice, reason="x", by=WorkingGroupUserFactory())

    def test_unhiding_a_shown_answer(self, survey_2020: Built) -> None:
        with pytest.raises(ValidationError, match="inte dolt"):
            services.answer_unhide(answer=self.secret(), by=WorkingGroupUserFactory())

    def test_hidden_answer_is_never_public(self, survey_2020: Built, client_as) -> None:
        client = client_as("working_group_mfa")
        response = client.post(
            reverse("surveys:answer_hide", args=[survey_2020.survey.pk, self.secret().pk]),
            {"reason": "Namnger en person"},
        )
        assert response.status_code == 302
        assert self.secret().hidden

        working_group_page = body(client.get(results_url(survey_2020)))
        assert SECRET_TEXT in working_group_page
        assert "Namnger en person" in working_group_page
        publish(survey_2020)
        public_page = body(client_as("anonymous").get(public_url(survey_2020)))
        assert SECRET_TEXT not in public_page
        assert "Namnger en person" not in public_page
        assert "Arbeta vidare med det som finns 1" in public_page
        selector = results_of(survey_2020, public=True)
        assert all(not text.hidden for result in selector.questions for text in result.texts)

    def test_hide_without_reason_keeps_the_page(self, survey_2020: Built, client_as) -> None:
        response = client_as("working_group_mfa").post(
            reverse("surveys:answer_hide", args=[survey_2020.survey.pk, self.secret().pk]),
            {"reason": ""},
        )
        assert response.status_code == 400
        html = body(response)
        assert "Skriv varför svaret döljs" in html
        assert "69\xa0%" in html
        assert not self.secret().hidden

    def test_unhide_view(self, survey_2020: Built, client_as) -> None:
        secret = self.secret()
        services.answer_hide(answer=secret, reason="Namn", by=WorkingGroupUserFactory())
        response = client_as("working_group_mfa").post(
            reverse("surveys:answer_unhide", args=[survey_2020.survey.pk, secret.pk])
        )
        assert response.status_code == 302
        assert not self.secret().hidden

    def test_answer_of_another_survey(self, survey_2020: Built, client_as) -> None:
        other = build_regions()
        response = client_as("working_group_mfa").post(
            reverse("surveys:answer_hide", args=[other.survey.pk, self.secret().pk]),
            {"reason": "x"},
        )
        assert response.status_code == 404


# --- publishing -----------------------------------------------------------------------------------


class TestPublishing:
    def test_publish_and_unpublish(self, survey_2020: Built) -> None:
        person = WorkingGroupUserFactory()
        survey = services.results_publish(survey=survey_2020.survey, by=person)
        assert survey.results_published_at is not None
        with pytest.raises(ValidationError, match="redan publicerade"):
            services.results_publish(survey=survey, by=person)
        survey = services.results_unpublish(survey=survey, by=person)
        assert survey.results_published_at is None
        with pytest.raises(ValidationError, match="inte publicerade"):
            services.results_unpublish(survey=survey, by=person)

    def test_an_open_survey_cannot_be_published(self, db: None, client_as) -> None:
        today = timezone.localdate()
        survey = SurveyFactory(
            year=today.year, opens_on=today - datetime.timedelta(days=1), closes_on=today
        )
        with pytest.raises(ValidationError, match="först när enkäten har stängt"):
            services.results_publish(survey=survey, by=WorkingGroupUserFactory())
        html = body(
            client_as("working_group_mfa").get(reverse("surveys:results", args=[survey.pk]))
        )
        assert "Resultaten kan publiceras när den har stängt." in html
        assert "Publicera resultaten</button>" not in html

    def test_too_few_responses_cannot_be_published(self, db: None) -> None:
        built = build_2020(min_group_size=20)
        with pytest.raises(ValidationError, match="färre än minsta gruppstorlek"):
            services.results_publish(survey=built.survey, by=WorkingGroupUserFactory())

    def test_views(self, survey_2020: Built, client_as, django_capture_on_commit_callbacks) -> None:
        client = client_as("working_group_mfa")
        publish_url = reverse("surveys:results_publish", args=[survey_2020.survey.pk])
        unpublish_url = reverse("surveys:results_unpublish", args=[survey_2020.survey.pk])
        anonymous = client_as("anonymous")
        assert anonymous.get(public_url(survey_2020)).status_code == 404

        with django_capture_on_commit_callbacks(execute=True):  # committed, as in production
            response = client.post(publish_url, follow=True)
        assert "Resultaten är publicerade" in body(response)
        assert anonymous.get(public_url(survey_2020)).status_code == 200
        assert "Kartläggning 2020" in body(anonymous.get(reverse("surveys:public_list")))

        response = client.post(publish_url, follow=True)
        assert "redan publicerade" in body(response)

        with django_capture_on_commit_callbacks(execute=True):
            client.post(unpublish_url)
        assert anonymous.get(public_url(survey_2020)).status_code == 404
        assert "Kartläggning 2020" not in body(anonymous.get(reverse("surveys:public_list")))
        response = client.post(unpublish_url, follow=True)
        assert "inte publicerade" in body(response)

    def test_publishing_needs_post(self, survey_2020: Built, client_as) -> None:
        response = client_as("working_group_mfa").get(
            reverse("surveys:results_publish", args=[survey_2020.survey.pk])
        )
        assert response.status_code == 405


# --- roles --------------------------------------------------------------------------------------


class TestRoles:
    @pytest.mark.parametrize("role", ROLES)
    def test_working_group_results_page(self, survey_2020: Built, client_as, role: str) -> None:
        response = client_as(role).get(results_url(survey_2020))

        if role in WITH_POWERS:
            assert response.status_code == 200
            assert "Publicera resultaten" in body(response)
        elif role in POWERS_WITHOUT_MFA:
            assert response.status_code == 302
            assert response["Location"] == reverse("mfa_activate_totp")
        elif role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
        else:
            assert response.status_code == 403

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize("name", ["results_publish", "results_unpublish"])
    def test_publishing_per_role(self, survey_2020: Built, client_as, role: str, name: str) -> None:
        response = client_as(role).post(reverse(f"surveys:{name}", args=[survey_2020.survey.pk]))
        survey_2020.survey.refresh_from_db()
        if role in WITH_POWERS:
            assert response.status_code == 302
        else:
            assert response.status_code in (302, 403)
            assert survey_2020.survey.results_published_at is None
            if response.status_code == 302:
                assert not response["Location"].endswith(results_url(survey_2020))

    @pytest.mark.parametrize("role", ROLES)
    def test_hiding_per_role(self, survey_2020: Built, client_as, role: str) -> None:
        secret = Answer.objects.get(text=SECRET_TEXT)
        response = client_as(role).post(
            reverse("surveys:answer_hide", args=[survey_2020.survey.pk, secret.pk]),
            {"reason": "Namn"},
        )
        secret.refresh_from_db()
        assert secret.hidden is (role in WITH_POWERS)
        if role in NO_POWERS[1:]:
            assert response.status_code == 403

    @pytest.mark.parametrize("role", ROLES)
    def test_public_page_only_when_published(
        self, survey_2020: Built, client_as, role: str
    ) -> None:
        client = client_as(role)
        assert client.get(public_url(survey_2020)).status_code == 404
        assert "Kartläggning 2020" not in body(client.get(reverse("surveys:public_list")))
        publish(survey_2020)
        response = client.get(public_url(survey_2020))
        assert response.status_code == 200
        html = body(response)
        assert "69\xa0%" in html
        assert "Publicera resultaten" not in html
        assert "Dölj svaret" not in html
        assert reverse("surveys:responses_csv", args=[survey_2020.survey.pk]) not in html
        assert "Kartläggning 2020" in body(client.get(reverse("surveys:public_list")))

    def test_public_list_query_count(
        self, db: None, client_as, django_assert_max_num_queries
    ) -> None:
        for year in range(2015, 2025):
            built = build_regions()
            built.survey.year = year
            built.survey.save(update_fields=["year"])
            publish(built)
        with django_assert_max_num_queries(3):
            response = client_as("anonymous").get(reverse("surveys:public_list"))
        assert response.status_code == 200

    def test_empty_public_list(self, db: None, client_as) -> None:
        response = client_as("anonymous").get(reverse("surveys:public_list"))
        assert response.status_code == 200
        assert "Inga resultat är publicerade ännu." in body(response)
        assert "publiceras resultaten här" in body(response)


# --- a question's free texts ----------------------------------------------------------------------


def build_many_texts(count: int = 25) -> Built:
    built = Built(survey=SurveyFactory())
    add_question(built, "wish", kind=Kind.TEXT, text="Vad önskar du?")
    add_question(built, "know", kind=Kind.SINGLE, text="Känner du till?", options=["Ja"])
    for index in range(count):
        respond(built, {"wish": f"Önskan nummer {index:03d}", "know": "Ja"})
    return built


def texts_url(built: Built, name: str = "results_texts") -> str:
    return reverse(f"surveys:{name}", args=[built.survey.pk, built.questions["wish"].pk])


class TestTexts:
    def test_the_results_page_shows_the_first_texts_and_links_to_all(
        self, db: None, client_as
    ) -> None:
        built = build_many_texts(selectors.TEXTS_SHOWN + 5)
        result = by_text(results_of(built), "Vad önskar du?")
        assert len(result.texts) == selectors.TEXTS_SHOWN
        assert result.text_count == selectors.TEXTS_SHOWN + 5
        html = body(client_as("working_group_mfa").get(results_url(built)))
        assert "Önskan nummer 019" in html
        assert "Önskan nummer 020" not in html
        assert f"Alla {selectors.TEXTS_SHOWN + 5} svar på frågan" in html
        assert texts_url(built) in html

    def test_the_texts_page_lists_them_all(
        self, db: None, client_as, django_assert_max_num_queries
    ) -> None:
        built = build_many_texts(120)
        client = client_as("working_group_mfa")
        with django_assert_max_num_queries(10):
            response = client.get(texts_url(built))
        assert response.status_code == 200
        html = body(response)
        assert "Önskan nummer 000" in html and "Önskan nummer 099" in html
        assert "Önskan nummer 100" not in html
        html = body(client.get(f"{texts_url(built)}?sida=2"))
        assert "Önskan nummer 119" in html
        assert body(client.get(f"{texts_url(built)}?sida=x")).count("Önskan nummer") == 100

    def test_hiding_from_the_texts_page_goes_back_there(self, db: None, client_as) -> None:
        built = build_many_texts(3)
        answer = Answer.objects.get(text="Önskan nummer 001")
        client = client_as("working_group_mfa")
        hide = reverse("surveys:answer_hide", args=[built.survey.pk, answer.pk])
        response = client.post(
            hide, {"reason": "Namn", "tillbaka": texts_url(built), "vy": "texter"}
        )
        assert response.status_code == 302
        assert response["Location"] == f"{texts_url(built)}#svar-{answer.pk}"
        answer.refresh_from_db()
        assert answer.hidden

        response = client.post(
            reverse("surveys:answer_unhide", args=[built.survey.pk, answer.pk]),
            {"tillbaka": "https://evil.example/"},
        )
        assert response["Location"] == f"{results_url(built)}#svar-{answer.pk}"

    def test_hide_error_on_the_texts_page(self, db: None, client_as) -> None:
        built = build_many_texts(3)
        answer = Answer.objects.get(text="Önskan nummer 001")
        response = client_as("working_group_mfa").post(
            reverse("surveys:answer_hide", args=[built.survey.pk, answer.pk]),
            {"reason": " ", "vy": "texter"},
        )
        assert response.status_code == 400
        html = body(response)
        assert "Skriv varför svaret döljs" in html
        assert "<h1>Vad önskar du?</h1>" in html

    def test_public_texts_page_without_hidden_ones(self, db: None, client_as) -> None:
        built = build_many_texts(3)
        answer = Answer.objects.get(text="Önskan nummer 001")
        services.answer_hide(answer=answer, reason="Namn", by=WorkingGroupUserFactory())
        public = texts_url(built, "public_results_texts")
        anonymous = client_as("anonymous")
        assert anonymous.get(public).status_code == 404
        publish(built)
        html = body(anonymous.get(public))
        assert "Önskan nummer 000" in html
        assert "Önskan nummer 001" not in html
        assert "Dölj svaret" not in html

    def test_a_question_without_texts(self, db: None, client_as) -> None:
        built = build_many_texts(3)
        url = reverse("surveys:results_texts", args=[built.survey.pk, built.questions["know"].pk])
        assert client_as("working_group_mfa").get(url).status_code == 404
        other = build_regions()
        url = reverse("surveys:results_texts", args=[other.survey.pk, built.questions["wish"].pk])
        assert client_as("working_group_mfa").get(url).status_code == 404

    @pytest.mark.parametrize("role", ROLES)
    def test_roles(self, db: None, client_as, role: str) -> None:
        built = build_many_texts(3)
        response = client_as(role).get(texts_url(built))
        if role in WITH_POWERS:
            assert response.status_code == 200
        elif role in POWERS_WITHOUT_MFA or role == "anonymous":
            assert response.status_code == 302
        else:
            assert response.status_code == 403


# --- the grouped bar chart (hok/charts.py) ------------------------------------------------


class TestGroupedChart:
    def test_markup(self) -> None:
        from hok.charts import grouped_bar_chart

        svg = grouped_bar_chart(
            chart_id="t",
            title="Rubrik",
            description="Beskrivning.",
            labels=["Ja", "<b>Nej</b>"],
            series=[("2021", [80, 20]), ("2020", [69, 0])],
            value_format=format_percent,
        )
        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        assert 'role="img" aria-labelledby="t-title t-desc"' in svg
        assert (
            '<desc id="t-desc">Beskrivning. Ja: 2021 80\xa0%, 2020 69\xa0%; '
            "&lt;b&gt;Nej&lt;/b&gt;: 2021 20\xa0%, 2020 0\xa0%.</desc>"
        ) in svg
        assert "<b>" not in svg and "style=" not in svg
        assert svg.count("chart__bar chart__series-0") == 2
        assert svg.count("chart__bar chart__series-1") == 2
        assert svg.count('class="chart__legend"') == 2

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"series": []},
            {"series": [("A", [1, 2])]},
            {"series": [("A", [-1])]},
            {"series": [(str(n), [1]) for n in range(7)]},
            {"series": [("A", [1])], "chart_id": "1 bad"},
        ],
    )
    def test_bad_arguments(self, kwargs: dict) -> None:
        from hok.charts import grouped_bar_chart

        arguments = {"chart_id": "t", "title": "T", "description": "D.", "labels": ["x"]}
        with pytest.raises(ValueError):
            grouped_bar_chart(**{**arguments, **kwargs})


def test_a_closed_survey_without_answers_offers_no_publishing(client_as) -> None:
    """The 2020 example survey is loaded without answers: publishing would be refused, so it is
    not offered; the page says why."""
    survey, _created = survey_load_seed()
    response = client_as("working_group_mfa").get(reverse("surveys:results", args=[survey.pk]))
    html = body(response)
    assert response.status_code == 200
    assert "Publicera resultaten</button>" not in html
    assert "Enkäten har 0 svar, färre än minsta gruppstorlek" in html

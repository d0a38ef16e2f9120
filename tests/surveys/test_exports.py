# ruff: noqa: F811 - pytest fixtures imported from test_results_data
"""Exports of a survey: results as CSV and XLSX, anonymised responses as CSV and XLSX.
Headers, content, hidden texts left out, small groups suppressed, formulas defused, roles."""

import csv
import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, Question
from surveys.services import results as services
from tests.factories import WorkingGroupUserFactory
from tests.surveys.factories import SurveyFactory
from tests.surveys.test_results_data import (  # noqa: F401 - fixtures
    HS,
    NO_POWERS,
    POWERS_WITHOUT_MFA,
    ROLES,
    RU,
    SECRET_TEXT,
    WITH_POWERS,
    Built,
    add_question,
    respond,
    survey_2020,
)

Kind = Question.Kind


def url(name: str, built: Built) -> str:
    return reverse(f"surveys:{name}", args=[built.survey.pk])


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    data = content(response)
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark"
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def xlsx_text(response) -> str:
    """Every string and number in the workbook (shared strings and the sheet's cells)."""
    data = content(response)
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        names = workbook.namelist()
        assert "xl/worksheets/sheet1.xml" in names
        parts = [workbook.read("xl/worksheets/sheet1.xml").decode()]
        if "xl/sharedStrings.xml" in names:
            parts.append(workbook.read("xl/sharedStrings.xml").decode())
    return "\n".join(parts)


def publish(built: Built) -> None:
    built.survey.results_published_at = timezone.now()
    built.survey.save(update_fields=["results_published_at"])


@pytest.fixture
def group(client_as):
    return client_as("working_group_mfa")


class TestResultsCsv:
    def test_headers_and_figures(self, survey_2020: Built, group) -> None:
        response = group.get(url("results_csv", survey_2020))

        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == (
            f'attachment; filename="enkat-{survey_2020.survey.pk}-2020-resultat.csv"'
        )
        rows = csv_rows(response)
        assert rows[0][:7] == [
            "fråga_nr",
            "fråga",
            "frågetyp",
            "rad",
            "antal",
            "andel_procent",
            "medelvärde",
        ]
        by_label = {(row[0], row[3]): row for row in rows[1:]}
        assert by_label[("1", "Ja")][4:6] == ["9", "69"]
        assert by_label[("1", "Vagt")][4:6] == ["4", "31"]
        assert by_label[("2", "besvarad av (andel av alla svar)")][4:7] == ["8", "62", "2,75"]
        assert by_label[("5", "besvarad av (andel av alla svar)")][4:6] == ["10", "77"]
        assert ("3", "Finns inga hinder") in by_label

    def test_hidden_text_is_never_exported(self, survey_2020: Built, group) -> None:
        secret = Answer.objects.get(text=SECRET_TEXT)
        services.answer_hide(answer=secret, reason="Namn", by=WorkingGroupUserFactory())
        text = content(group.get(url("results_csv", survey_2020))).decode("utf-8-sig")
        assert SECRET_TEXT not in text
        assert "Arbeta vidare med det som finns 1" in text
        assert SECRET_TEXT not in xlsx_text(group.get(url("results_xlsx", survey_2020)))

    def test_formulas_are_defused(self, survey_2020: Built, group) -> None:
        respond(survey_2020, {"wish": '=HYPERLINK("http://example.invalid")'})
        rows = csv_rows(group.get(url("results_csv", survey_2020)))
        assert any(row[3] == '\'=HYPERLINK("http://example.invalid")' for row in rows)

    def test_breakdown_columns_with_small_groups_suppressed(self, db: None, group) -> None:
        built = Built(survey=SurveyFactory(min_group_size=5))
        add_question(built, "branch", kind=Kind.BACKGROUND, text="Gren", options=[HS, RU, "Övrigt"])
        add_question(built, "scale", kind=Kind.SCALE, text="Hur?")
        for _index in range(6):
            respond(built, {"branch": HS, "scale": 2})
        for _index in range(7):
            respond(built, {"branch": RU, "scale": 4})
        respond(built, {"branch": "Övrigt", "scale": 1})
        question_id = built.questions["branch"].pk

        rows = csv_rows(group.get(f"{url('results_csv', built)}?uppdelning={question_id}"))
        header = rows[0]
        assert f"{RU}: antal" in header and f"{HS}: antal" in header and "Övrigt: antal" in header
        answered = next(row for row in rows if row[0] == "2" and row[3].startswith("besvarad"))
        ru = header.index(f"{RU}: antal")
        hs = header.index(f"{HS}: antal")
        other = header.index("Övrigt: antal")
        assert answered[ru] == "7"
        # Övrigt (1) is under the minimum, and HS (6) would give it away: both suppressed.
        assert answered[other] == "för få svar" and answered[hs] == "för få svar"
        ones = next(row for row in rows if row[0] == "2" and row[3] == "1")
        assert ones[other] == "för få svar"

    def test_bad_breakdown(self, survey_2020: Built, group) -> None:
        response = group.get(f"{url('results_csv', survey_2020)}?uppdelning=x")
        assert response.status_code == 400
        assert "Välj en bakgrundsfråga" in response.content.decode()
        scale = survey_2020.questions["scale"].pk
        response = group.get(f"{url('results_xlsx', survey_2020)}?uppdelning={scale}")
        assert response.status_code == 400
        assert "bakgrundsfråga" in response.content.decode()


class TestResultsXlsx:
    def test_workbook(self, survey_2020: Built, group) -> None:
        response = group.get(url("results_xlsx", survey_2020))

        assert response.status_code == 200
        assert response["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        assert response["Content-Disposition"] == (
            f'attachment; filename="enkat-{survey_2020.survey.pk}-2020-resultat.xlsx"'
        )
        text = xlsx_text(response)
        assert "Känner du till den Halländska Överenskommelsen?" in text
        assert "<v>69</v>" in text
        assert "<v>2.75</v>" in text  # a real number in the workbook

    def test_formula_text_stays_text(self, survey_2020: Built, group) -> None:
        respond(survey_2020, {"wish": "=1+1"})
        text = xlsx_text(group.get(url("results_xlsx", survey_2020)))
        assert "<f>" not in text
        assert "=1+1" in text


class TestResponses:
    def test_one_row_per_response_one_column_per_question(self, survey_2020: Built, group) -> None:
        response = group.get(url("responses_csv", survey_2020))

        assert response.status_code == 200
        assert response["Content-Disposition"] == (
            f'attachment; filename="enkat-{survey_2020.survey.pk}-2020-svar.csv"'
        )
        rows = csv_rows(response)
        header = rows[0]
        assert header[0] == "svar"
        # The free-text question is left out; the other five are columns.
        assert len(header) == 6
        assert not any("Hur skulle du vilja" in name for name in header)
        assert len(rows) == 1 + 13
        know = [row[1] for row in rows[1:]]
        assert know.count("Ja") == 9 and know.count("Vagt") == 4
        scale = sorted(row[2] for row in rows[1:] if row[2])
        assert scale == ["1", "2", "3", "3", "3", "3", "3", "4"]
        obstacles = [row[3] for row in rows[1:]]
        assert "Tid|Ekonomi|Annat" in obstacles  # "annat" without its text
        text = content(group.get(url("responses_csv", survey_2020))).decode("utf-8-sig")
        assert "Finns inga hinder" not in text
        assert SECRET_TEXT not in text

    def test_small_background_groups_are_not_in_the_rows(self, db: None, group) -> None:
        built = Built(survey=SurveyFactory(min_group_size=3))
        add_question(built, "units", kind=Kind.UNITS, text="Jag svarar för", options=["RS", "RF"])
        add_question(built, "branch", kind=Kind.BACKGROUND, text="Gren", options=[HS, RU])
        for _index in range(4):
            respond(built, {"branch": RU}, unit="RS")
        respond(built, {"branch": HS}, unit="RF")

        rows = csv_rows(group.get(url("responses_csv", built)))
        assert rows[0] == ["svar", "F1. Jag svarar för", "F2. Gren"]
        # One small group alone would be given away by the rest (the other option): both go.
        assert [row[1:] for row in rows[1:]] == [["för få svar", "för få svar"]] * 5
        text = content(group.get(url("responses_csv", built))).decode("utf-8-sig")
        assert "RF" not in text and "RS" not in text and HS not in text and RU not in text

    def test_a_small_group_is_hidden_with_the_next_smallest_as_on_the_results_page(
        self, db: None, group
    ) -> None:
        built = Built(survey=SurveyFactory(min_group_size=3))
        add_question(built, "region", kind=Kind.BACKGROUND, text="Region", options=["N", "S", "V"])
        for region, count in (("N", 1), ("S", 4), ("V", 6)):
            for _index in range(count):
                respond(built, {"region": region})

        rows = csv_rows(group.get(url("responses_csv", built)))
        # N (1) is under the minimum; S (4), the next smallest, goes too, or N could be counted.
        assert sorted(row[1] for row in rows[1:]) == ["V"] * 6 + ["för få svar"] * 5

    def test_a_single_small_group_of_no_answers_is_not_given_away(self, db: None, group) -> None:
        built = Built(survey=SurveyFactory(min_group_size=3))
        add_question(built, "region", kind=Kind.BACKGROUND, text="Region", options=["N", "S"])
        for region, count in (("N", 4), ("S", 6)):
            for _index in range(count):
                respond(built, {"region": region})
        respond(built, {})  # the one response without an answer

        rows = csv_rows(group.get(url("responses_csv", built)))
        assert sorted(row[1] for row in rows[1:]) == ["S"] * 6 + ["för få svar"] * 5

    def test_xlsx(self, survey_2020: Built, group) -> None:
        response = group.get(url("responses_xlsx", survey_2020))
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('-2020-svar.xlsx"')
        text = xlsx_text(response)
        assert "Vagt" in text
        assert len(re.findall(r'<row r="', text)) == 14

    def test_empty_survey(self, db: None, group) -> None:
        built = Built(survey=SurveyFactory())
        add_question(built, "know", kind=Kind.SINGLE, text="Känner du till?", options=["Ja"])
        rows = csv_rows(group.get(url("responses_csv", built)))
        assert rows == [["svar", "F1. Känner du till?"]]


class TestRoles:
    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(
        "name", ["results_csv", "results_xlsx", "responses_csv", "responses_xlsx"]
    )
    def test_working_group_exports(
        self, survey_2020: Built, client_as, role: str, name: str
    ) -> None:
        response = client_as(role).get(url(name, survey_2020))
        if role in WITH_POWERS:
            assert response.status_code == 200
            assert response["Content-Disposition"].startswith("attachment;")
        elif role in POWERS_WITHOUT_MFA:
            assert response.status_code == 302
            assert response["Location"] == reverse("mfa_activate_totp")
        elif role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
        else:
            assert response.status_code == 403

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize("name", ["public_results_csv", "public_results_xlsx"])
    def test_public_exports_only_when_published(
        self, survey_2020: Built, client_as, role: str, name: str
    ) -> None:
        client = client_as(role)
        assert client.get(url(name, survey_2020)).status_code == 404
        publish(survey_2020)
        response = client.get(url(name, survey_2020))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")

    def test_unknown_survey(self, db: None, client_as) -> None:
        client = client_as("working_group_mfa")
        for name in ["results_csv", "results_xlsx", "responses_csv", "responses_xlsx"]:
            assert client.get(reverse(f"surveys:{name}", args=[999999])).status_code == 404
        assert client.get(reverse("surveys:public_results_csv", args=[999999])).status_code == 404


def test_roles_cover_everyone() -> None:
    assert set(ROLES) == set(WITH_POWERS) | set(POWERS_WITHOUT_MFA) | set(NO_POWERS)

"""The public side of signatories: the directory, its chart and open data, organisation pages
and the commitments on each principle's page."""

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import (
    AgreementVersion,
    Organisation,
    OrganisationDocument,
    ProgressReport,
    Signature,
)
from agreements.views.directory import COLUMN_NAMES
from hok.charts import horizontal_bar_chart
from hok.models import User
from tests.factories import (
    AgreementVersionFactory,
    CommitmentFactory,
    MembershipFactory,
    OrganisationDocumentFactory,
    ProgressReportFactory,
    PublicOrganisationFactory,
    SignatureFactory,
    UserFactory,
    principle_number,
)

pytestmark = pytest.mark.django_db

DIRECTORY = "/undertecknare/"
CSV_URL = "/undertecknare.csv"
JSON_URL = "/undertecknare.json"
OPEN_DATA = "/undertecknare/oppna-data/"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=STOCKHOLM)


def _html(response) -> str:
    return response.content.decode()


def names(response) -> list[str]:
    """The organisations listed on a directory page, in order."""
    return re.findall(
        r'<h3 class="directory-list__name">\s*<a href="[^"]+">([^<]+)</a>', _html(response)
    )


def csv_rows(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def table_counts(response) -> dict[str, int]:
    """The municipality table beside the chart: {label: count}."""
    html = _html(response)
    section = re.search(r'<section class="per-municipality".*?</section>', html, re.S)
    assert section, "no per-municipality section"
    rows = re.findall(
        r'<th scope="row">([^<]+)</th>\s*<td class="numeric">([^<]+)</td>', section.group(0)
    )
    return {label: int(count.replace("\xa0", "").replace(" ", "")) for label, count in rows}


def chart_counts(response) -> dict[str, int]:
    """The numbers in the chart's <desc>, which repeats every bar: {label: count}."""
    desc = re.search(r'<desc id="undertecknare-per-kommun-desc">([^<]+)</desc>', _html(response))
    assert desc, "no chart"
    data = desc.group(1).split(". ", 1)[1].rstrip(".")
    pairs = [part.rsplit(": ", 1) for part in data.split("; ")]
    return {label: int(count.replace("\xa0", "")) for label, count in pairs}


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def public(seed: AgreementVersion) -> Organisation:
    return PublicOrganisationFactory(
        name="Kustens Ungdomsförening",
        slug="kustens-ungdomsforening",
        municipalities=["halmstad", "laholm"],
        areas=["barn-och-unga", "idrott"],
        signature__decided_at=at(2024, 3, 5),
    )


# --- who is listed ----------------------------------------------------------------------


class TestWhoIsListed:
    def test_only_organisations_with_an_approved_signature(
        self, anonymous_client: Client, seed: AgreementVersion
    ) -> None:
        PublicOrganisationFactory(name="Godkänd förening")
        for status in ("pending", "rejected", "withdrawn"):
            organisation = PublicOrganisationFactory(name=f"Status {status}", approved=False)
            SignatureFactory(organisation=organisation, status=status)
        PublicOrganisationFactory(name="Aldrig undertecknad", approved=False)

        response = anonymous_client.get(DIRECTORY)

        assert response.status_code == 200
        assert names(response) == ["Godkänd förening"]

    def test_a_newer_pending_signature_does_not_hide_an_approved_one(
        self, anonymous_client: Client, seed: AgreementVersion
    ) -> None:
        organisation = PublicOrganisationFactory(name="Två versioner")
        newer = AgreementVersionFactory(number=2)
        SignatureFactory(organisation=organisation, version=newer, status="pending")

        assert names(anonymous_client.get(DIRECTORY)) == ["Två versioner"]

    def test_withdrawing_the_approved_signature_removes_the_organisation(
        self, anonymous_client: Client, public: Organisation
    ) -> None:
        public.signatures.update(status=Signature.Status.WITHDRAWN)

        assert names(anonymous_client.get(DIRECTORY)) == []
        assert anonymous_client.get(public.get_absolute_url()).status_code == 404

    def test_listed_once_with_several_approved_versions(
        self, anonymous_client: Client, public: Organisation
    ) -> None:
        newer = AgreementVersionFactory(number=2, text_sha256="b" * 64)
        SignatureFactory(
            organisation=public, version=newer, approved=True, decided_at=at(2025, 2, 1)
        )

        response = anonymous_client.get(DIRECTORY)

        assert names(response) == ["Kustens Ungdomsförening"]
        # Signed since the first approval, which is still in force.
        assert "Undertecknare sedan 5 mars 2024" in _html(response)

    def test_empty_directory(self, anonymous_client: Client, seed: AgreementVersion) -> None:
        response = anonymous_client.get(DIRECTORY)

        assert response.status_code == 200
        html = _html(response)
        assert "Ingen organisation har undertecknat överenskommelsen ännu." in html
        # The empty state invites the next step and names the other party.
        assert 'href="/organisationer/registrera/"' in html
        assert "Registrera din organisation och underteckna" in html
        assert "Region Halland – den andra parten" in html
        assert 'href="/overenskommelsen/#regionens-ingang"' in html

    def test_no_match_for_the_filters_is_not_an_empty_portal(
        self, anonymous_client: Client, public: Organisation
    ) -> None:
        html = _html(anonymous_client.get(DIRECTORY, {"q": "finns inte"}))
        assert "Ingen undertecknare matchar de val du har gjort." in html
        assert "Ingen organisation har undertecknat" not in html

    def test_the_other_party_is_shown_beside_the_signatories(
        self, anonymous_client: Client, public: Organisation
    ) -> None:
        html = _html(anonymous_client.get(DIRECTORY))
        assert "Region Halland – den andra parten" in html
        assert "Registrera din organisation och underteckna" not in html

    def test_the_main_menu_links_to_the_directory(
        self, anonymous_client: Client, seed: AgreementVersion
    ) -> None:
        response = anonymous_client.get(DIRECTORY)

        assert re.search(
            rf'<a href="{DIRECTORY}"\s+aria-current="page">Undertecknare</a>', _html(response)
        )

    def test_english(self, anonymous_client: Client, public: Organisation) -> None:
        response = anonymous_client.get("/en" + DIRECTORY)

        assert response.status_code == 200
        assert '<html lang="en">' in _html(response)
        assert names(response) == [public.name]


# --- filters, search, sort, pages -------------------------------------------------------


@pytest.fixture
def directory_data(seed: AgreementVersion) -> None:
    PublicOrganisationFactory(
        name="Alfa idrott",
        municipalities=["halmstad"],
        areas=["idrott"],
        signature__decided_at=at(2022, 5, 1),
    )
    PublicOrganisationFactory(
        name="Beta kulturstiftelse",
        form=Organisation.Form.STIFTELSE,
        municipalities=["varberg", "hela-halland"],
        areas=["kultur"],
        signature__decided_at=at(2024, 1, 5),
        # Signed in 2023, approved in 2024: the year of signing is the approval's.
        signature__signed_at=at(2023, 12, 28),
    )
    PublicOrganisationFactory(
        name="Gamma kooperativ",
        form=Organisation.Form.KOOPERATIV,
        municipalities=["halmstad", "varberg"],
        areas=["kultur", "idrott"],
        signature__decided_at=at(2023, 9, 9),
    )
    PublicOrganisationFactory(
        name="Region Halland",
        party_side=Organisation.PartySide.REGION,
        form="",
        municipalities=["hela-halland"],
        areas=[],
        signature__decided_at=at(2021, 2, 2),
    )


@pytest.mark.usefixtures("directory_data")
class TestFilters:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("", ["Alfa idrott", "Beta kulturstiftelse", "Gamma kooperativ", "Region Halland"]),
            ("kommun=halmstad", ["Alfa idrott", "Gamma kooperativ"]),
            (
                "kommun=laholm&kommun=hela-halland",
                ["Beta kulturstiftelse", "Region Halland"],
            ),
            ("omrade=kultur", ["Beta kulturstiftelse", "Gamma kooperativ"]),
            (
                "omrade=kultur&omrade=idrott",
                ["Alfa idrott", "Beta kulturstiftelse", "Gamma kooperativ"],
            ),
            ("organisationsform=stiftelse", ["Beta kulturstiftelse"]),
            ("part=region", ["Region Halland"]),
            (
                "part=civil_society",
                ["Alfa idrott", "Beta kulturstiftelse", "Gamma kooperativ"],
            ),
            ("ar=2024", ["Beta kulturstiftelse"]),
            ("ar=2023", ["Gamma kooperativ"]),
            ("q=KOOP", ["Gamma kooperativ"]),
            ("q=a+k", ["Beta kulturstiftelse", "Gamma kooperativ"]),
            ("kommun=halmstad&omrade=kultur", ["Gamma kooperativ"]),
            ("kommun=varberg&omrade=kultur&ar=2024&q=beta", ["Beta kulturstiftelse"]),
            ("kommun=kungsbacka", []),
        ],
    )
    def test_filter(self, anonymous_client: Client, query: str, expected: list[str]) -> None:
        response = anonymous_client.get(f"{DIRECTORY}?{query}")

        assert response.status_code == 200
        assert names(response) == expected

    def test_the_form_shows_what_was_chosen(self, anonymous_client: Client) -> None:
        response = anonymous_client.get(
            f"{DIRECTORY}?kommun=varberg&omrade=kultur&ar=2024&q=beta&sortering=nyast"
        )
        html = _html(response)

        assert re.search(r'value="varberg"[^>]*checked', html)
        assert not re.search(r'value="halmstad"[^>]*checked', html)
        assert re.search(r'value="kultur"[^>]*checked', html)
        assert '<option value="2024" selected>' in html
        assert '<option value="nyast" selected>' in html
        assert 'value="beta"' in html
        # Areas are folded away unless one is chosen.
        assert '<details class="filters__more"\n             open>' in html or re.search(
            r'<details class="filters__more"\s+open>', html
        )

    def test_every_field_has_a_label_and_groups_a_legend(self, anonymous_client: Client) -> None:
        html = _html(anonymous_client.get(DIRECTORY))

        for name in ("q", "organisationsform", "part", "ar", "sortering"):
            assert f'<label for="id_{name}">' in html
        assert html.count("<fieldset") == 2
        assert "<legend>Kommun</legend>" in html
        assert "<legend>Verksamhetsområde</legend>" in html
        assert 'method="get"' in html
        assert "style=" not in html
        assert "<script" not in html


@pytest.mark.usefixtures("directory_data")
class TestSorting:
    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            ("namn", ["Alfa idrott", "Beta kulturstiftelse", "Gamma kooperativ", "Region Halland"]),
            (
                "nyast",
                ["Beta kulturstiftelse", "Gamma kooperativ", "Alfa idrott", "Region Halland"],
            ),
            (
                "aldst",
                ["Region Halland", "Alfa idrott", "Gamma kooperativ", "Beta kulturstiftelse"],
            ),
        ],
    )
    def test_sort(self, anonymous_client: Client, sort: str, expected: list[str]) -> None:
        assert names(anonymous_client.get(f"{DIRECTORY}?sortering={sort}")) == expected


@pytest.fixture
def thirty(seed: AgreementVersion) -> list[Organisation]:
    """30 public signatories, each in two municipalities and three areas, with commitments."""
    organisations = []
    for n in range(30):
        organisation = PublicOrganisationFactory(
            name=f"Förening {n:02d}",
            municipalities=["halmstad", "hela-halland"] if n % 2 else ["varberg", "laholm"],
            areas=["kultur", "idrott", "miljo"],
        )
        CommitmentFactory(organisation=organisation)
        organisations.append(organisation)
    return organisations


class TestPagination:
    def test_twenty_five_a_page(self, anonymous_client: Client, thirty: list) -> None:
        first = anonymous_client.get(DIRECTORY)
        second = anonymous_client.get(f"{DIRECTORY}?sida=2")

        assert names(first) == [f"Förening {n:02d}" for n in range(25)]
        assert names(second) == [f"Förening {n:02d}" for n in range(25, 30)]
        assert "30 organisationer" in _html(first)
        assert "Visar 1–25 (sida 1 av 2)." in _html(first)
        assert 'href="?sida=2" rel="next"' in _html(first)
        assert 'aria-current="page"' in _html(second)

    def test_the_page_links_keep_the_filters(self, anonymous_client: Client, thirty: list) -> None:
        response = anonymous_client.get(f"{DIRECTORY}?omrade=kultur&q=F%C3%B6rening")

        assert 'href="?omrade=kultur&amp;q=F%C3%B6rening&amp;sida=2"' in _html(response)

    @pytest.mark.parametrize("page", ["abc", "0", "-1", "999", ""])
    def test_a_page_that_does_not_exist_shows_a_real_one(
        self, anonymous_client: Client, thirty: list, page: str
    ) -> None:
        response = anonymous_client.get(f"{DIRECTORY}?sida={page}")

        assert response.status_code == 200
        assert len(names(response)) in {25, 5}


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.usefixtures("directory_data")
class TestBadInput:
    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("kommun=atlantis", "”atlantis” finns inte bland alternativen"),
            ("omrade=%3Cscript%3E", "”&lt;script&gt;” finns inte bland alternativen"),
            ("organisationsform=aktiebolag", "”aktiebolag” finns inte bland alternativen"),
            ("part=kommunen", "”kommunen” finns inte bland alternativen"),
            ("ar=abc", "”abc” finns inte bland alternativen"),
            ("ar=1999", "”1999” finns inte bland alternativen"),
            ("sortering=pris", "”pris” finns inte bland alternativen"),
            ("q=" + "x" * 101, "Skriv högst 100 tecken i sökrutan."),
        ],
    )
    def test_a_clear_swedish_message_and_never_500(
        self, anonymous_client: Client, query: str, message: str
    ) -> None:
        response = anonymous_client.get(f"{DIRECTORY}?{query}")

        assert response.status_code == 400
        html = _html(response)
        assert "Några val kunde inte användas." in html
        assert message in html
        assert 'role="alert"' in html
        assert 'aria-invalid="true"' in html
        # The list is still there, without the bad filter.
        assert len(names(response)) == 4

    def test_the_good_choices_are_kept_and_applied(self, anonymous_client: Client) -> None:
        response = anonymous_client.get(f"{DIRECTORY}?kommun=halmstad&kommun=atlantis&ar=abc")

        assert response.status_code == 400
        assert names(response) == ["Alfa idrott", "Gamma kooperativ"]
        assert re.search(r'value="halmstad"[^>]*checked', _html(response))

    def test_a_long_search_is_kept_in_the_field(self, anonymous_client: Client) -> None:
        text = "y" * 120
        response = anonymous_client.get(f"{DIRECTORY}?q={text}")

        assert f'value="{text}"' in _html(response)

    def test_the_error_links_to_its_field(self, anonymous_client: Client) -> None:
        response = anonymous_client.get(f"{DIRECTORY}?ar=abc")

        assert '<a href="#id_ar">Undertecknare sedan år</a>' in _html(response)
        assert 'aria-describedby="id_ar_helptext id_ar_error"' in _html(response)


# --- query budget -------------------------------------------------------------------------


class TestQueryBudget:
    @pytest.mark.parametrize(
        "query",
        ["", "kommun=halmstad&omrade=kultur&q=F%C3%B6r&ar=2026&sortering=nyast", "sida=2"],
    )
    def test_directory_at_most_eight_queries(
        self, anonymous_client: Client, thirty: list, django_assert_max_num_queries, query: str
    ) -> None:
        with django_assert_max_num_queries(5):
            response = anonymous_client.get(f"{DIRECTORY}?{query}")
        assert response.status_code == 200

    def test_signed_in_directory_at_most_eight_queries(
        self, user_client: Client, thirty: list, django_assert_max_num_queries
    ) -> None:
        # Five of the page's own, plus the session, the user and the menu's role check.
        with django_assert_max_num_queries(8):
            response = user_client.get(DIRECTORY)
        assert len(names(response)) == 25

    def test_organisation_page_at_most_nine_queries(
        self,
        anonymous_client: Client,
        user_client: Client,
        public: Organisation,
        media_root: Path,
        django_assert_max_num_queries,
    ) -> None:
        for number in range(1, 7):
            for n in range(4):
                commitment = CommitmentFactory(
                    organisation=public, principle=principle_number(number), title=f"Å {number}{n}"
                )
                ProgressReportFactory(commitment=commitment, year=2023)
                ProgressReportFactory(commitment=commitment, year=2024)
        OrganisationDocumentFactory.create_batch(3, organisation=public)

        # One of them lists the organisation's examples (examples.templatetags).
        with django_assert_max_num_queries(6):
            response = anonymous_client.get(public.get_absolute_url())
        assert response.status_code == 200
        assert _html(response).count('class="commitment"') == 24
        with django_assert_max_num_queries(9):
            assert user_client.get(public.get_absolute_url()).status_code == 200


# --- chart and table ----------------------------------------------------------------------


@pytest.mark.usefixtures("directory_data")
class TestChart:
    def test_svg_chart_with_the_same_numbers_as_its_table(self, anonymous_client: Client) -> None:
        response = anonymous_client.get(DIRECTORY)
        html = _html(response)

        assert re.search(
            r'<svg [^>]*role="img" aria-labelledby="undertecknare-per-kommun-title '
            r'undertecknare-per-kommun-desc"',
            html,
        )
        assert '<title id="undertecknare-per-kommun-title">Undertecknare per kommun</title>' in html
        expected = {
            "Halmstad": 2,
            "Laholm": 0,
            "Hylte": 0,
            "Falkenberg": 0,
            "Varberg": 2,
            "Kungsbacka": 0,
            "Hela Halland": 2,
        }
        assert table_counts(response) == expected
        assert chart_counts(response) == expected
        assert html.count('class="chart__bar"') == 7

    def test_the_numbers_follow_the_filter(self, anonymous_client: Client) -> None:
        response = anonymous_client.get(f"{DIRECTORY}?omrade=kultur")

        assert table_counts(response)["Varberg"] == 2
        assert table_counts(response)["Halmstad"] == 1
        assert chart_counts(response) == table_counts(response)


class TestChartHelper:
    def test_markup(self) -> None:
        svg = horizontal_bar_chart(
            chart_id="test",
            title="Rubrik",
            description="Beskrivning.",
            labels=["<b>Ett</b>", "Två"],
            values=[3, 0],
        )

        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        assert 'role="img" aria-labelledby="test-title test-desc"' in svg
        assert '<title id="test-title">Rubrik</title>' in svg
        assert '<desc id="test-desc">Beskrivning. &lt;b&gt;Ett&lt;/b&gt;: 3; Två: 0.</desc>' in svg
        assert "<b>" not in svg
        assert "style=" not in svg
        assert svg.count('class="chart__bar"') == 2

    def test_swedish_numbers(self) -> None:
        svg = horizontal_bar_chart(
            chart_id="t", title="T", description="D.", labels=["A"], values=[2000]
        )
        assert "2\xa0000" in svg

    def test_empty(self) -> None:
        svg = horizontal_bar_chart(chart_id="t", title="T", description="D.", labels=[], values=[])
        assert '<desc id="t-desc">D.</desc>' in svg

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"labels": ["A"], "values": [1, 2]},
            {"labels": ["A"], "values": [-1]},
            {"labels": ["A"], "values": [1], "chart_id": "1 bad"},
        ],
    )
    def test_bad_arguments(self, kwargs: dict) -> None:
        arguments = {"chart_id": "t", "title": "T", "description": "D.", **kwargs}
        with pytest.raises(ValueError):
            horizontal_bar_chart(**arguments)


# --- open data ----------------------------------------------------------------------------


@pytest.mark.usefixtures("directory_data")
class TestOpenData:
    def test_csv(self, anonymous_client: Client) -> None:
        response = anonymous_client.get(CSV_URL)

        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="undertecknare.csv"' in response["Content-Disposition"]
        rows = csv_rows(response)
        assert list(rows[0]) == COLUMN_NAMES
        assert [row["name"] for row in rows] == [
            "Alfa idrott",
            "Beta kulturstiftelse",
            "Gamma kooperativ",
            "Region Halland",
        ]
        beta = rows[1]
        assert beta["municipalities"] == "Varberg|Hela Halland"
        assert beta["areas"] == "Kultur"
        assert beta["form"] == "stiftelse"
        assert beta["form_name"] == "Stiftelse"
        assert beta["party_side"] == "civil_society"
        assert beta["party_side_name"] == "Idéburen sektor"
        assert beta["signed_since"] == "2024-01-05"
        assert beta["signed_version"] == "1"
        assert beta["latest_signed_version"] == "1"
        assert beta["commitments"] == "0"
        assert beta["url"].startswith("http://testserver/organisationer/")
        assert rows[3]["form"] == ""

    def test_csv_honours_the_filters(self, anonymous_client: Client) -> None:
        response = anonymous_client.get(f"{CSV_URL}?kommun=halmstad&sortering=nyast")

        assert [row["name"] for row in csv_rows(response)] == ["Gamma kooperativ", "Alfa idrott"]

    def test_csv_defuses_formulas(self, anonymous_client: Client) -> None:
        PublicOrganisationFactory(name="=HYPERLINK(1)", municipalities=["hylte"])

        rows = csv_rows(anonymous_client.get(f"{CSV_URL}?kommun=hylte"))

        assert rows[0]["name"] == "'=HYPERLINK(1)"

    def test_json(self, anonymous_client: Client) -> None:
        response = anonymous_client.get(JSON_URL)

        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Access-Control-Allow-Origin"] == "*"
        data = json.loads(response.content)
        assert {"generated_at", "count", "organisations"} <= set(data)
        assert data["count"] == 4
        assert data["licence"] == "CC0-1.0"
        gamma = data["organisations"][2]
        assert list(gamma) == COLUMN_NAMES
        assert gamma["name"] == "Gamma kooperativ"
        assert gamma["municipalities"] == ["Halmstad", "Varberg"]
        assert gamma["areas"] == ["Kultur", "Idrott"]
        assert gamma["signed_since"] == "2023-09-09"
        assert gamma["signed_version"] == 1

    def test_json_honours_the_filters(self, anonymous_client: Client) -> None:
        data = json.loads(anonymous_client.get(f"{JSON_URL}?part=region").content)

        assert data["count"] == 1
        assert data["organisations"][0]["name"] == "Region Halland"

    def test_json_is_swedish_whatever_the_address(self, anonymous_client: Client) -> None:
        data = json.loads(anonymous_client.get(f"/en{JSON_URL}?part=region").content)

        assert data["organisations"][0]["municipalities"] == ["Hela Halland"]
        assert data["organisations"][0]["party_side_name"] == "Region Halland"
        assert "/en/" not in data["organisations"][0]["url"]

    def test_bad_filters(self, anonymous_client: Client) -> None:
        json_response = anonymous_client.get(f"{JSON_URL}?kommun=atlantis")
        csv_response = anonymous_client.get(f"{CSV_URL}?ar=abc")

        assert json_response.status_code == 400
        assert "atlantis" in json.loads(json_response.content)["fields"]["kommun"][0]
        assert csv_response.status_code == 400
        assert "”abc” finns inte bland alternativen" in csv_response.content.decode()

    def test_nothing_private(self, anonymous_client: Client) -> None:
        hidden = PublicOrganisationFactory(name="Väntande förening", approved=False)
        SignatureFactory(organisation=hidden, status="pending")
        member = MembershipFactory(organisation=Organisation.objects.get(name="Alfa idrott"))

        text = anonymous_client.get(JSON_URL).content.decode()

        assert "Väntande förening" not in text
        assert member.user.email not in text
        assert "Siv Undertecknare" not in text
        assert "org_number" not in text

    def test_documentation_names_every_column(self, anonymous_client: Client) -> None:
        response = anonymous_client.get(OPEN_DATA)

        assert response.status_code == 200
        html = _html(response)
        for name in COLUMN_NAMES:
            assert f"<code>{name}</code>" in html
        assert "CC0" in html
        assert "semikolon" in html

    def test_documentation_in_english(self, anonymous_client: Client) -> None:
        response = anonymous_client.get("/en" + OPEN_DATA)

        assert response.status_code == 200
        assert '<html lang="en">' in _html(response)


# --- an organisation's page -------------------------------------------------------------


@pytest.fixture
def full_profile(public: Organisation, media_root: Path) -> Organisation:
    dialogue = CommitmentFactory(
        organisation=public,
        principle=principle_number(1),
        title="Dialogträffar med regionen",
        start_year=2023,
    )
    ProgressReportFactory(commitment=dialogue, year=2023, text="Planering.", status="not_started")
    ProgressReportFactory(
        commitment=dialogue,
        year=2024,
        status=ProgressReport.Status.DONE,
        text="Tre träffar genomförda.",
        link="https://forening.example.se/rapport",
    )
    CommitmentFactory(
        organisation=public, principle=principle_number(3), title="Öppen ekonomi", start_year=2024
    )
    OrganisationDocumentFactory(
        organisation=public,
        kind=OrganisationDocument.Kind.ANNUAL_REPORT,
        title="Årsredovisning 2024",
        year=2024,
        size=2_400_000,
    )
    newer = AgreementVersionFactory(number=2)
    SignatureFactory(organisation=public, version=newer, status="pending", signer_name="Hemlig")
    return public


class TestOrganisationPage:
    def test_what_it_shows(self, anonymous_client: Client, full_profile: Organisation) -> None:
        response = anonymous_client.get("/organisationer/kustens-ungdomsforening/")

        assert response.status_code == 200
        html = _html(response)
        for text in (
            "Kustens Ungdomsförening",
            "Vi ordnar träffar för unga i hela kommunen.",
            "Förening",
            "Idéburen sektor",
            "Halmstad, Laholm",
            "Barn och ungdomsverksamhet, Idrott",
            'href="https://forening.example.se"',
            "mailto:info@forening.example.se",
            'Undertecknare sedan <time datetime="2024-03-05">5 mars 2024</time> '
            "(version 1 av överenskommelsen)",
            "PDF, 2,3\xa0MB",
            "1. Dialog",
            "3. Öppenhet och insyn",
            "Dialogträffar med regionen",
            "Lägesrapport 2024:",
            "Klart",
            "Tre träffar genomförda.",
            'href="https://forening.example.se/rapport"',
            "Öppen ekonomi",
            "Ingen lägesrapport ännu.",
            "Årsredovisning 2024",
        ):
            assert text in html, text
        assert "Planering." not in html  # only the latest report
        document = full_profile.documents.get()
        assert f'href="{document.file.url}"' in html
        assert "Sidan är inte publik ännu." not in html

    def test_nothing_private(self, anonymous_client: Client, full_profile: Organisation) -> None:
        member = MembershipFactory(organisation=full_profile)

        html = _html(anonymous_client.get(full_profile.get_absolute_url()))

        assert member.user.email not in html
        assert full_profile.org_number not in html
        assert "Siv Undertecknare" not in html
        assert "Hemlig" not in html
        assert "version 2" not in html
        assert "Väntar" not in html

    def test_a_later_approved_version(self, anonymous_client: Client, public: Organisation) -> None:
        newer = AgreementVersionFactory(number=2, text_sha256="b" * 64)
        SignatureFactory(
            organisation=public, version=newer, approved=True, decided_at=at(2025, 2, 1)
        )

        html = _html(anonymous_client.get(public.get_absolute_url()))

        assert '<time datetime="2024-03-05">5 mars 2024</time> (version 1' in html
        assert "Har även undertecknat version 2." in html

    def test_text_is_escaped(self, anonymous_client: Client, public: Organisation) -> None:
        public.description = '<script>alert("x")</script>\nRad två'
        public.save()

        html = _html(anonymous_client.get(public.get_absolute_url()))

        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Rad två" in html

    def test_unknown_slug(self, anonymous_client: Client, seed: AgreementVersion) -> None:
        assert anonymous_client.get("/organisationer/finns-inte/").status_code == 404

    def test_a_public_page_for_every_role(self, role_client: Client, public: Organisation) -> None:
        response = role_client.get(public.get_absolute_url())

        assert response.status_code == 200
        assert "Sidan är inte publik ännu." not in _html(response)


@pytest.fixture(params=["pending", "rejected", "withdrawn", "unsigned"])
def hidden(request: pytest.FixtureRequest, seed: AgreementVersion) -> Organisation:
    organisation = PublicOrganisationFactory(name="Dold förening", approved=False)
    if request.param != "unsigned":
        SignatureFactory(organisation=organisation, status=request.param)
    return organisation


def _signed_in(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


class TestHiddenOrganisationPage:
    """Before approval (or after withdrawal) only its own people and the working group see it."""

    @pytest.mark.parametrize("role", ["anonymous", "user"])
    def test_the_public_gets_404(
        self, request: pytest.FixtureRequest, hidden: Organisation, role: str
    ) -> None:
        client = request.getfixturevalue(f"{role}_client")

        assert client.get(hidden.get_absolute_url()).status_code == 404

    def test_a_member_of_another_organisation_gets_404(
        self, hidden: Organisation, public: Organisation
    ) -> None:
        client = _signed_in(MembershipFactory(organisation=public).user)

        assert client.get(hidden.get_absolute_url()).status_code == 404

    @pytest.mark.parametrize("role", ["representative", "working_group_mfa", "admin_mfa"])
    def test_its_own_people_see_it_with_a_notice(
        self, client_as: Callable[[str], Client], hidden: Organisation, role: str
    ) -> None:
        if role == "representative":
            client = _signed_in(MembershipFactory(organisation=hidden, user=UserFactory()).user)
        else:
            client = client_as(role)

        response = client.get(hidden.get_absolute_url())

        assert response.status_code == 200
        assert "Sidan är inte publik ännu." in _html(response)
        assert response["X-Robots-Tag"] == "noindex"
        assert "private" in response["Cache-Control"]
        assert "Undertecknare sedan" not in _html(response)

    @pytest.mark.parametrize("role", ["working_group", "admin"])
    def test_powers_without_two_factor_are_sent_to_set_it_up(
        self, client_as: Callable[[str], Client], hidden: Organisation, role: str
    ) -> None:
        CommitmentFactory(organisation=hidden, title="Utkast till åtagande")
        client = client_as(role)

        response = client.get(hidden.get_absolute_url())

        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
        followed = _html(client.get(hidden.get_absolute_url(), follow=True))
        assert "Utkast till åtagande" not in followed
        assert "Dold förening" not in followed
        assert "Du behöver aktivera tvåstegsverifiering" in followed

    def test_not_in_the_directory(self, anonymous_client: Client, hidden: Organisation) -> None:
        assert names(anonymous_client.get(DIRECTORY)) == []


# --- a principle's page -------------------------------------------------------------------


class TestPrinciplePage:
    def test_lists_the_commitments_of_public_signatories(
        self, anonymous_client: Client, public: Organisation
    ) -> None:
        older = CommitmentFactory(organisation=public, title="Äldre åtagande")
        newer = CommitmentFactory(organisation=public, title="Nyare åtagande")
        ProgressReportFactory(commitment=newer, year=2024, status=ProgressReport.Status.ONGOING)
        CommitmentFactory(organisation=public, principle=principle_number(2), title="Annan princip")
        hidden = PublicOrganisationFactory(name="Dold förening", approved=False)
        CommitmentFactory(organisation=hidden, title="Dolt åtagande")
        assert older.created_at <= newer.created_at

        response = anonymous_client.get("/overenskommelsen/principer/dialog/")

        html = _html(response)
        assert response.status_code == 200
        assert "Undertecknarnas åtaganden" in html
        assert html.index("Nyare åtagande") < html.index("Äldre åtagande")
        assert f'<a href="{public.get_absolute_url()}">Kustens Ungdomsförening</a>' in html
        assert "Lägesrapport 2024: Pågår" in html
        assert "2 åtaganden som undertecknarna har gjort" in html
        assert "Annan princip" not in html
        assert "Dolt åtagande" not in html

    def test_at_most_fifty_with_the_count(
        self, anonymous_client: Client, public: Organisation, django_assert_max_num_queries
    ) -> None:
        CommitmentFactory.create_batch(52, organisation=public)

        with django_assert_max_num_queries(8):
            response = anonymous_client.get("/overenskommelsen/principer/dialog/")

        html = _html(response)
        assert html.count('class="commitment"') == 50
        assert "De 50 senaste av 52 åtaganden" in html

    def test_none_yet(self, anonymous_client: Client, seed: AgreementVersion) -> None:
        response = anonymous_client.get("/overenskommelsen/principer/dialog/")

        assert "Ingen undertecknare har gjort något åtagande under den här principen ännu." in (
            _html(response)
        )

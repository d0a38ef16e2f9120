"""Commitments and progress reports as open data: only what the organisation pages show,
documented column by column, with the directory files' format and guard."""

import csv
import io
import json

import pytest
from django.test import Client

from agreements.models import AgreementVersion, Signature
from agreements.views.open_data import COMMITMENT_COLUMNS, PROGRESS_COLUMNS
from tests.factories import (
    CommitmentFactory,
    ProgressReportFactory,
    PublicOrganisationFactory,
    SignatureFactory,
    principle_number,
)

pytestmark = pytest.mark.django_db

COMMITMENT_NAMES = [column.name for column in COMMITMENT_COLUMNS]
PROGRESS_NAMES = [column.name for column in PROGRESS_COLUMNS]


def _csv_rows(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


@pytest.fixture
def data(seed: AgreementVersion) -> dict:
    public = PublicOrganisationFactory(name="Kustens förening", slug="kustens-forening")
    shown = CommitmentFactory(
        organisation=public,
        principle=principle_number(3),
        title="Öppna årsmöten",
        description='=HYPERLINK("http://example.com")',
        start_year=2024,
    )
    ProgressReportFactory(commitment=shown, year=2024, status="done", text="Klart i maj.")
    ProgressReportFactory(commitment=shown, year=2025, status="ongoing", text="Fortsätter.")
    pending = PublicOrganisationFactory(name="Väntande förening", approved=False)
    SignatureFactory(organisation=pending, status=Signature.Status.PENDING)
    draft = CommitmentFactory(organisation=pending, title="Utkast som inte är publikt")
    ProgressReportFactory(commitment=draft, text="Hemlig rapport")
    return {"public": public, "shown": shown, "draft": draft}


class TestCommitments:
    def test_csv_lists_only_public_signatories_commitments(
        self, anonymous_client: Client, data: dict, django_assert_max_num_queries
    ) -> None:
        with django_assert_max_num_queries(3):
            response = anonymous_client.get("/ataganden.csv")
            rows = _csv_rows(response)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert 'rel="license"' in response["Link"]
        assert [row["title"] for row in rows] == ["Öppna årsmöten"]
        row = rows[0]
        assert list(row) == COMMITMENT_NAMES
        assert row["id"] == str(data["shown"].pk)
        assert row["organisation_slug"] == "kustens-forening"
        assert row["principle"] == "3"
        assert row["principle_name"] == "Öppenhet och insyn"
        assert row["start_year"] == "2024"
        assert row["url"].endswith("/organisationer/kustens-forening/")
        # A cell a spreadsheet would run as a formula is defused.
        assert row["description"].startswith("'=HYPERLINK")

    def test_json_has_the_same_records(self, anonymous_client: Client, data: dict) -> None:
        payload = json.loads(anonymous_client.get("/ataganden.json").content)
        assert payload["count"] == 1
        assert payload["licence"] == "CC0-1.0"
        assert payload["documentation"].endswith("/undertecknare/oppna-data/")
        (record,) = payload["commitments"]
        assert list(record) == COMMITMENT_NAMES
        assert record["principle"] == 3
        assert record["description"] == '=HYPERLINK("http://example.com")'

    def test_withdrawn_signatory_disappears(self, anonymous_client: Client, data: dict) -> None:
        data["public"].signatures.update(status=Signature.Status.WITHDRAWN)
        assert _csv_rows(anonymous_client.get("/ataganden.csv")) == []
        assert json.loads(anonymous_client.get("/lagesrapporter.json").content)["count"] == 0


class TestProgressReports:
    def test_csv(self, anonymous_client: Client, data: dict, django_assert_max_num_queries) -> None:
        with django_assert_max_num_queries(3):
            rows = _csv_rows(anonymous_client.get("/lagesrapporter.csv"))
        assert [(row["year"], row["status"], row["status_name"]) for row in rows] == [
            ("2024", "done", "Klart"),
            ("2025", "ongoing", "Pågår"),
        ]
        assert {row["commitment_id"] for row in rows} == {str(data["shown"].pk)}
        assert "Hemlig rapport" not in str(rows)
        assert list(rows[0]) == PROGRESS_NAMES

    def test_json_values_stay_swedish_on_the_english_address(
        self, anonymous_client: Client, data: dict
    ) -> None:
        payload = json.loads(anonymous_client.get("/en/lagesrapporter.json").content)
        assert [r["status_name"] for r in payload["progress_reports"]] == ["Klart", "Pågår"]


def test_the_documentation_names_every_column(anonymous_client: Client) -> None:
    html = anonymous_client.get("/undertecknare/oppna-data/").content.decode()
    for name in COMMITMENT_NAMES + PROGRESS_NAMES:
        assert f"<code>{name}</code>" in html
    for path in (
        "/ataganden.csv",
        "/ataganden.json",
        "/lagesrapporter.csv",
        "/lagesrapporter.json",
    ):
        assert f'href="{path}"' in html


@pytest.mark.parametrize(
    "path", ["/ataganden.csv", "/ataganden.json", "/lagesrapporter.csv", "/lagesrapporter.json"]
)
def test_every_role_gets_the_same_public_files(role_client: Client, data: dict, path: str) -> None:
    response = role_client.get(path)
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    assert "Utkast som inte är publikt" not in content
    assert "Hemlig rapport" not in content


def test_odd_query_parameters_change_nothing(anonymous_client: Client, data: dict) -> None:
    response = anonymous_client.get("/ataganden.json", {"kommun": "\x00'; --", "sida": "x" * 5000})
    assert response.status_code == 200
    assert json.loads(response.content)["count"] == 1

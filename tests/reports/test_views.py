"""Every view of the reports app for every role, and what the pages show and refuse."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Report, ReportVersion
from reports.urls import urlpatterns
from tests.reports.conftest import ALLOWED, FAKE_PDF, ROLES

pytestmark = pytest.mark.django_db

MANAGEMENT_GET = {
    "report_list": {},
    "report_edit": {"year": "Y"},
    "report_preview": {"year": "Y"},
    "report_job": {"year": "Y"},
    "version_pdf": {"year": "Y", "number": 2},
}
MANAGEMENT_POST = {
    "report_create": {},
    "pdf_create": {"year": "Y"},
    "version_retry": {"year": "Y", "number": 2},
    "version_publish": {"year": "Y", "number": 2},
    "version_unpublish": {"year": "Y", "number": 1},
}
PUBLIC = {
    "public_list",
    "public_latest",
    "public_report",
    "public_pdf",
    "public_csv",
    "public_json",
}


def _url(name: str, kwargs: dict, year: int) -> str:
    return reverse(
        f"reports:{name}", kwargs={k: (year if v == "Y" else v) for k, v in kwargs.items()}
    )


def test_every_url_is_listed():
    names = {pattern.name for pattern in urlpatterns}
    assert names == set(MANAGEMENT_GET) | set(MANAGEMENT_POST) | PUBLIC


def _expect(role: str, response, url: str) -> None:
    match role:
        case "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/konto/login/")
        case "user" | "representative":
            assert response.status_code == 403, url
        case "working_group" | "admin":
            assert response.status_code == 302, url
            assert "totp" in response["Location"]
        case _:
            assert response.status_code in (200, 302), (url, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_management_pages_per_role(role, client_in_role, report):
    client = client_in_role(role)
    for name, kwargs in MANAGEMENT_GET.items():
        url = _url(name, kwargs, report.year)
        response = client.get(url)
        _expect(role, response, url)
        if role in ALLOWED:
            # Without htmx the job's address sends the browser to the page with the job.
            assert response.status_code == (302 if name == "report_job" else 200), url
    for name, kwargs in MANAGEMENT_POST.items():
        url = _url(name, kwargs, report.year)
        if role in ALLOWED:
            assert client.get(url).status_code == 405, url  # only after the access check
        else:
            _expect(role, client.get(url), url)
            _expect(role, client.post(url, {"year": report.year - 1}), url)
    if role not in ALLOWED:
        # Nothing changed: no new version, the published one still published.
        assert report.versions.count() == 2
        assert report.versions.get(published_at__isnull=False).number == 1


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_report_is_seen_by_the_working_group_only(
    role, client_in_role, unpublished_report
):
    client = client_in_role(role)
    year = unpublished_report.year
    for name in ("public_report", "public_pdf", "public_csv", "public_json"):
        assert client.get(reverse(f"reports:{name}", args=[year])).status_code == 404
    response = client.get(reverse("reports:public_list"))
    assert response.status_code == 200
    assert str(year) not in response.content.decode()
    pdf = client.get(reverse("reports:version_pdf", args=[year, 1]))
    if role in ALLOWED:
        assert pdf.status_code == 200
        assert b"".join(pdf.streaming_content) == FAKE_PDF
    else:
        assert pdf.status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
def test_published_report_is_public(role, client_in_role, report, year):
    client = client_in_role(role)
    page = client.get(reverse("reports:public_report", args=[report.year]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Uppföljning av Halländska Överenskommelsen" in html
    assert "69\xa0%" in html and "(77\xa0%)" in html
    assert "psykisk hälsa" in html
    assert "Årets <strong>sammanfattning</strong>." in html
    pdf = client.get(reverse("reports:public_pdf", args=[report.year]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == FAKE_PDF
    listing = client.get(reverse("reports:public_list")).content.decode()
    assert reverse("reports:public_report", args=[report.year]) in listing


def test_open_data_equal_the_snapshot(client, report):
    published = report.versions.get(number=1)
    data = client.get(reverse("reports:public_json", args=[report.year])).json()
    assert data["figures"] == published.snapshot
    csv = b"".join(
        client.get(reverse("reports:public_csv", args=[report.year])).streaming_content
    ).decode("utf-8-sig")
    assert "undertecknare;summa;vid årets slut;antal;3" in csv
    assert "Ja;andel (%);69" in csv


def test_front_page_and_menu_link_the_latest_report(client, report, unpublished_report):
    html = client.get("/").content.decode()
    latest = reverse("reports:public_latest")
    assert html.count(f'href="{latest}"') == 2  # the menu and the front page
    response = client.get(latest)
    assert response["Location"] == reverse("reports:public_report", args=[report.year])


def test_latest_without_a_published_report_goes_to_the_list(client, unpublished_report):
    response = client.get(reverse("reports:public_latest"))
    assert response["Location"] == reverse("reports:public_list")


# --- the working group's actions --------------------------------------------------------------


@pytest.fixture
def manager(client_in_role):
    return client_in_role("working_group_mfa")


def test_create_a_report(manager, year):
    response = manager.post(reverse("reports:report_create"), {"year": year.year})
    assert response.status_code == 302
    assert Report.objects.filter(year=year.year).exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Skriv vilket år rapporten gäller."),
        ("tjugo", "Skriv året med fyra siffror"),
        ("2018", "Överenskommelsen finns sedan 2019"),
        ("2101", "Välj ett år som har varit."),
        ("2099", "Välj ett år mellan 2019 och"),
        ("2020", "Det finns inget att rapportera för 2020"),
    ],
)
def test_create_refuses_bad_years(manager, year, value, message):
    response = manager.post(reverse("reports:report_create"), {"year": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'value="{value}"' in html or not value
    assert not Report.objects.exists()


def _form(report, **changes):
    data = {
        "introduction": "Inledningen.",
        "summary": "",
        "analysis": "",
        "include_free_texts": "on",
    }
    data.update(changes)
    return data


def test_edit_saves_texts_and_choices(manager, report, year):
    response = manager.post(
        reverse("reports:report_edit", args=[report.year]),
        _form(
            report,
            surveys=[year.survey.pk],
            conferences=[year.conference.pk],
            goal_1_status="achieved",
            goal_1_comment="Klart.",
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.introduction == "Inledningen."
    assert report.survey_ids == [year.survey.pk]
    assert report.assessments.get(goal_position=1).status == "achieved"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"surveys": ["999999"]}, "Välj ett giltigt alternativ"),
        ({"conferences": ["x"]}, "Välj ett giltigt alternativ"),
        ({"quotes": ["424242"]}, "Välj ett giltigt alternativ"),
        ({"summary": "a" * 20_001}, "Texten får vara högst 20000 tecken"),
        ({"goal_1_status": "perfekt"}, "Välj ett giltigt alternativ"),
        ({"goal_2_comment": "Utan bedömning"}, "Välj en bedömning till kommentaren."),
    ],
)
def test_edit_refuses_bad_input_and_keeps_the_text(manager, report, changes, message):
    response = manager.post(
        reverse("reports:report_edit", args=[report.year]),
        _form(report, introduction="Det jag skrev", **changes),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html.replace("\xa0", "")
    assert "Det jag skrev" in html
    report.refresh_from_db()
    assert report.introduction == ""


def test_edit_neutralises_script_in_markdown(manager, report):
    manager.post(
        reverse("reports:report_edit", args=[report.year]),
        _form(report, summary="<script>alert('x')</script>Hej **du**"),
    )
    html = manager.get(reverse("reports:report_preview", args=[report.year])).content.decode()
    assert "<script>alert" not in html
    assert "Hej <strong>du</strong>" in html


@pytest.mark.parametrize(
    "url",
    [
        "/arbetsgruppen/hantera/rapporter/1999/",
        "/arbetsgruppen/hantera/rapporter/2024/",
        "/arbetsgruppen/hantera/rapporter/{year}/versioner/77/rapport.pdf",
        "/uppfoljning/3000/",
        "/uppfoljning/{year}/versioner/",
    ],
)
def test_tampered_addresses_are_not_found(manager, report, url):
    assert manager.get(url.format(year=report.year)).status_code == 404


def test_tampered_version_actions_are_not_found(manager, report):
    for name in ("version_retry", "version_publish", "version_unpublish"):
        url = reverse(f"reports:{name}", args=[report.year, 99])
        assert manager.post(url).status_code == 404


def test_two_presses_make_one_job(manager, report):
    url = reverse("reports:pdf_create", args=[report.year])
    first = manager.post(url)
    second = manager.post(url, follow=True)
    assert first.status_code == 302
    assert report.versions.filter(status__in=ReportVersion.RUNNING).count() == 1
    assert report.versions.count() == 3
    assert "håller redan på att skapas" in second.content.decode()


def test_job_region_polls_while_running_and_has_a_reload_link(manager, report):
    ReportVersion.objects.create(
        report=report, number=3, status=ReportVersion.Status.CHARTS, queued_at=timezone.now()
    )
    region = manager.get(
        reverse("reports:report_job", args=[report.year]), headers={"HX-Request": "true"}
    ).content.decode()
    assert 'hx-trigger="every 2s"' in region
    assert 'aria-current="step"' in region and "Ritar diagram" in region
    page = manager.get(reverse("reports:report_edit", args=[report.year])).content.decode()
    assert "ladda om sidan" in page
    assert reverse("reports:pdf_create", args=[report.year]) not in page  # nothing to press


def test_interrupted_job_shows_retry(manager, report):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    version = ReportVersion.objects.create(
        report=report,
        number=3,
        status=ReportVersion.Status.WRITING,
        queued_at=long_ago,
        started_at=long_ago,
    )
    page = manager.get(reverse("reports:report_edit", args=[report.year])).content.decode()
    assert "avbröts" in page and "Försök igen" in page
    assert 'hx-trigger="every 2s"' not in page
    response = manager.post(reverse("reports:version_retry", args=[report.year, 3]))
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == ReportVersion.Status.QUEUED and version.attempt == 2


def test_failed_job_shows_its_reason(manager, report):
    ReportVersion.objects.create(
        report=report,
        number=3,
        status=ReportVersion.Status.FAILED,
        error="OSError: disken är full",
        queued_at=timezone.now(),
    )
    page = manager.get(reverse("reports:report_edit", args=[report.year])).content.decode()
    assert "disken är full" in page and "Försök igen" in page


def test_publish_switches_the_public_version(manager, report, client):
    response = manager.post(reverse("reports:version_publish", args=[report.year, 2]))
    assert response.status_code == 302
    assert report.versions.get(published_at__isnull=False).number == 2
    manager.post(reverse("reports:version_unpublish", args=[report.year, 2]))
    assert client.get(reverse("reports:public_report", args=[report.year])).status_code == 404


def test_publishing_an_unfinished_version_is_refused(manager, report):
    ReportVersion.objects.create(
        report=report, number=3, status=ReportVersion.Status.FAILED, queued_at=timezone.now()
    )
    response = manager.post(reverse("reports:version_publish", args=[report.year, 3]), follow=True)
    assert "Bara en färdig version med PDF kan publiceras." in response.content.decode()
    assert report.versions.get(published_at__isnull=False).number == 1


def test_public_pages_cost_a_fixed_number_of_queries(client, report, django_assert_max_num_queries):
    # The published version with its snapshot.
    with django_assert_max_num_queries(1):
        assert client.get(reverse("reports:public_report", args=[report.year])).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(reverse("reports:public_list")).status_code == 200


def test_admin_lists_reports_read_only(client_in_role, report):
    admin = client_in_role("admin_mfa")
    assert admin.get("/admin/reports/reportversion/").status_code == 200
    assert admin.get("/admin/reports/report/add/").status_code == 403

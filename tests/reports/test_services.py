"""The report's services: creating a year, editing, the job's states and the snapshot."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader

from reports import rules, services
from reports.document import report_html
from reports.models import GoalAssessment, Report, ReportVersion
from reports.snapshot import take_snapshot
from tests.factories import WorkingGroupUserFactory
from tests.reports.data import build_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(seed):
    return build_year()


@pytest.fixture
def member():
    return WorkingGroupUserFactory()


@pytest.fixture
def request_pdf(django_capture_on_commit_callbacks, settings, tmp_path):
    """pdf_request with its on-commit task run (in process, as the test settings say)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path

    def request(report: Report, by) -> ReportVersion:
        with django_capture_on_commit_callbacks(execute=True):
            version = services.pdf_request(report=report, by=by)
        version.refresh_from_db()
        return version

    return request


def _choices(report: Report, **changes) -> services.ReportChoices:
    values = {
        "introduction": "",
        "summary": "",
        "analysis": "",
        "survey_ids": [],
        "conference_ids": [],
        "breakdowns": {},
        "quote_ids": [],
        "include_free_texts": True,
        "assessments": {},
    }
    values.update(changes)
    return services.ReportChoices(**values)


def test_create_refuses_a_year_out_of_range(year, member):
    with pytest.raises(ValidationError) as error:
        services.report_create(year=2018, by=member)
    assert "mellan 2019 och" in str(error.value)
    with pytest.raises(ValidationError):
        services.report_create(year=timezone.localdate().year + 1, by=member)
    assert not Report.objects.exists()


def test_create_refuses_a_year_with_nothing_to_report(year, member):
    with pytest.raises(ValidationError) as error:
        services.report_create(year=2019, by=member)
    assert "inget att rapportera för 2019" in str(error.value)


def test_create_refuses_a_second_report_for_the_year(year, member):
    services.report_create(year=year.year, by=member)
    with pytest.raises(ValidationError) as error:
        services.report_create(year=year.year, by=member)
    assert "finns redan" in str(error.value)


def test_snapshot_holds_the_years_figures(year, member):
    report = services.report_create(year=year.year, by=member)
    snapshot = take_snapshot(report=report)
    signatories = snapshot["signatories"]
    assert (signatories["total"], signatories["new"], signatories["withdrawn"]) == (3, 3, 1)
    assert dict(map(tuple, signatories["by_municipality"]))["Halmstad"] == 2
    principle_one = snapshot["commitments"]["principles"][0]
    assert (principle_one["commitments"], principle_one["reported"]) == (3, 2)
    (survey,) = snapshot["surveys"]
    know, scale = survey["questions"]
    assert [row["percent"] for row in know["rows"]] == [69, 31]
    assert scale["answer_rate"] == 77
    assert scale["mean"] == "2.30"  # (1+2+3+4)*2 + 1 + 2 = 23 over 10
    (conference,) = snapshot["conferences"]
    assert conference["counts"] == [["psykisk hälsa", 5], ["ensamhet", 2]]
    assert len(snapshot["goals"]) == 7


def test_update_saves_texts_choices_and_assessments(year, member):
    report = services.report_create(year=year.year, by=member)
    services.report_update(
        report=report,
        choices=_choices(
            report,
            introduction="# Inledning\n\nHej",
            survey_ids=[year.survey.pk],
            assessments={1: ("on_the_way", "Bra fart."), 2: ("", "")},
        ),
        by=member,
    )
    report.refresh_from_db()
    assert report.introduction == "# Inledning\n\nHej"
    assert report.survey_ids == [year.survey.pk]
    assert report.conference_ids == []
    assert GoalAssessment.objects.get(report=report, goal_position=1).comment == "Bra fart."
    assert not GoalAssessment.objects.filter(report=report, goal_position=2).exists()


def test_update_refuses_enormous_text(year, member):
    report = services.report_create(year=year.year, by=member)
    with pytest.raises(ValidationError) as error:
        services.report_update(
            report=report, choices=_choices(report, summary="x" * 20_001), by=member
        )
    assert "högst 20000 tecken" in str(error.value).replace("\xa0", "")


def test_markdown_with_script_is_sanitised_in_the_report(year, member):
    report = services.report_create(year=year.year, by=member)
    services.report_update(
        report=report,
        choices=_choices(report, summary="Hej <script>alert(1)</script> [x](javascript:alert(2))"),
        by=member,
    )
    html = report_html(take_snapshot(report=Report.objects.get(pk=report.pk)), for_pdf=True)
    assert "<script" not in html
    assert "javascript:" not in html
    assert "Hej" in html


def test_a_second_running_job_is_refused_by_the_database(year, member):
    report = services.report_create(year=year.year, by=member)
    services.pdf_request(report=report, by=member)  # queued; its task runs on commit
    with pytest.raises(services.JobRunning):
        services.pdf_request(report=report, by=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportVersion.objects.create(report=report, number=9, queued_at=timezone.now())
    assert report.versions.count() == 1


def test_render_makes_a_pdf_with_the_snapshot(year, member, request_pdf, tmp_path):
    report = services.report_create(year=year.year, by=member)
    version = request_pdf(report, member)
    assert version.status == ReportVersion.Status.DONE, version.error
    assert version.page_count >= 8
    assert version.size == len(version.pdf.read())
    assert version.snapshot["year"] == year.year
    assert not list(tmp_path.rglob("*.part"))
    version.pdf.seek(0)
    reader = PdfReader(version.pdf)
    assert reader.metadata.title == f"Uppföljning av Halländska Överenskommelsen {year.year}"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert bookmarks[:3] == ["Innehåll", "Sammanfattning", "Undertecknare"]
    assert bookmarks[-1] == "Bilaga: Undertecknare"
    contents = reader.pages[1].extract_text()
    assert "Undertecknare" in contents and "Bilaga: Undertecknare" in contents
    assert f"Sida 2 av {version.page_count}" in contents
    # Run again: the task is idempotent and leaves the finished version alone.
    assert services.version_render(version_id=version.pk, attempt=version.attempt) == "skipped"


def test_snapshot_is_frozen(year, member, request_pdf):
    report = services.report_create(year=year.year, by=member)
    version = request_pdf(report, member)
    before = report_html(version.snapshot, for_pdf=True)
    year.signatories[0].name = "Föreningen Nytt Namn"
    year.signatories[0].save()
    year.survey.title = "Ett annat namn"
    year.survey.save()
    version.refresh_from_db()
    after = report_html(version.snapshot, for_pdf=True)
    assert after == before
    assert "Föreningen Nytt Namn" not in after
    assert "Föreningen Nytt Namn" in report_html(take_snapshot(report=report), for_pdf=True)


def test_interrupted_job_can_be_retried(
    year, member, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    report = services.report_create(year=year.year, by=member)
    version = ReportVersion.objects.create(
        report=report,
        number=1,
        status=ReportVersion.Status.WRITING,
        queued_at=timezone.now() - datetime.timedelta(hours=2),
        started_at=timezone.now() - datetime.timedelta(hours=2),
    )
    assert rules.version_is_interrupted(version)
    # A late copy of the old task does nothing.
    assert services.version_render(version_id=version.pk, attempt=1) == "skipped"
    with django_capture_on_commit_callbacks(execute=True):
        services.version_retry(version=version, by=member)
    version.refresh_from_db()
    assert version.status == ReportVersion.Status.DONE
    assert version.attempt == 2


def test_retry_refuses_a_job_that_is_still_running(year, member):
    report = services.report_create(year=year.year, by=member)
    version = ReportVersion.objects.create(
        report=report, number=1, status=ReportVersion.Status.WRITING, queued_at=timezone.now()
    )
    with pytest.raises(ValidationError):
        services.version_retry(version=version, by=member)


def test_publish_keeps_one_version_per_year(year, member, request_pdf):
    report = services.report_create(year=year.year, by=member)
    first = request_pdf(report, member)
    second = request_pdf(report, member)
    services.version_publish(version=first, by=member)
    services.version_publish(version=second, by=member)
    assert list(report.versions.filter(published_at__isnull=False)) == [second]


def test_publish_refuses_an_unfinished_version(year, member):
    report = services.report_create(year=year.year, by=member)
    version = ReportVersion.objects.create(
        report=report, number=1, status=ReportVersion.Status.FAILED, queued_at=timezone.now()
    )
    with pytest.raises(ValidationError):
        services.version_publish(version=version, by=member)


def test_pdf_html_links_the_open_data_absolutely(year, member, settings):
    settings.PORTAL_BASE_URL = "https://hok.example"
    report = services.report_create(year=year.year, by=member)
    html = report_html(take_snapshot(report=report), for_pdf=True)
    assert f"https://hok.example/uppfoljning/{year.year}/siffror.csv" in html
    assert f"https://hok.example/uppfoljning/{year.year}/siffror.json" in html


def test_snapshot_lists_the_years_proposals_and_their_answers(year, member):
    from tests.factories import RevisionProposalFactory

    report = services.report_create(year=year.year, by=member)
    rejected = RevisionProposalFactory(
        part_label="Princip 4, åtgärd 2", answer="reject", answer_reason="Står redan i texten."
    )
    RevisionProposalFactory(status="pending")  # not checked: not in the report
    last_year = RevisionProposalFactory()
    last_year.created_at = timezone.now().replace(year=year.year - 1)
    last_year.save(update_fields=["created_at"])
    in_year = timezone.now().replace(year=year.year)
    type(rejected).objects.filter(pk=rejected.pk).update(created_at=in_year)
    snapshot = take_snapshot(report=report)
    (proposal,) = snapshot["proposals"]
    assert proposal["part"] == "Princip 4, åtgärd 2"
    assert proposal["answer_display"] == "Avslås"
    assert proposal["answer_reason"] == "Står redan i texten."
    html = report_html(snapshot, for_pdf=True)
    assert "Förslag till revidering" in html and "Står redan i texten." in html
    # A report taken before proposals were part of it still renders.
    del snapshot["proposals"]
    assert "Inga förslag till revidering publicerades" in report_html(snapshot, for_pdf=False)

"""Every report write service names its `by` user on the newest history row.

The services are called directly, outside any request, so simple-history's request
middleware cannot supply the user: only the service can.
"""

import pytest
from django.utils import timezone

from hok.models import User
from reports import services
from reports.models import GoalAssessment, Report, ReportVersion
from tests.factories import WorkingGroupUserFactory
from tests.reports.conftest import finished_version

pytestmark = pytest.mark.django_db


def _newest_user(history_manager) -> User | None:
    return history_manager.order_by("-history_date", "-history_id").first().history_user


def _choices(**changes) -> services.ReportChoices:
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


@pytest.fixture
def member() -> User:
    return WorkingGroupUserFactory()


@pytest.fixture
def draft(year, member) -> Report:
    return services.report_create(year=year.year, by=member)


def test_create(draft: Report, member: User) -> None:
    assert _newest_user(draft.history) == member


def test_update_names_the_editor_on_the_report_and_its_assessments(draft: Report) -> None:
    editor = WorkingGroupUserFactory()
    services.report_update(
        report=draft, choices=_choices(assessments={1: ("on_the_way", "Bra fart.")}), by=editor
    )
    assert _newest_user(draft.history) == editor
    assessment = GoalAssessment.objects.get(report=draft, goal_position=1)
    assert _newest_user(assessment.history) == editor
    remover = WorkingGroupUserFactory()
    services.report_update(report=draft, choices=_choices(assessments={1: ("", "")}), by=remover)
    assert _newest_user(GoalAssessment.history.filter(id=assessment.pk)) == remover


def test_pdf_request(draft: Report, member: User) -> None:
    version = services.pdf_request(report=draft, by=member)  # its task would run on commit
    assert _newest_user(version.history) == member


def test_retry(draft: Report) -> None:
    version = ReportVersion.objects.create(
        report=draft, number=1, status=ReportVersion.Status.FAILED, queued_at=timezone.now()
    )
    retrier = WorkingGroupUserFactory()
    services.version_retry(version=version, by=retrier)
    assert _newest_user(version.history) == retrier


def test_publish_and_unpublish(year, private_media) -> None:
    report = Report.objects.create(year=year.year)
    first = finished_version(report, 1, published=True)
    second = finished_version(report, 2, published=False)
    publisher = WorkingGroupUserFactory()
    services.version_publish(version=second, by=publisher)
    assert _newest_user(second.history) == publisher
    assert _newest_user(first.history) == publisher  # the one it replaced
    withdrawer = WorkingGroupUserFactory()
    services.version_unpublish(version=second, by=withdrawer)
    assert _newest_user(second.history) == withdrawer

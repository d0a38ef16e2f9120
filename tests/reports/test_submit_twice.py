"""The reports' create forms, sent twice with the same submission key, create one thing, and
the repeat lands where the first went (hok/submissions.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import Report, ReportVersion
from tests.submissions import submit_twice

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client_in_role) -> Client:
    return client_in_role("working_group_mfa")


def test_report(manager: Client, year) -> None:
    url = reverse("reports:report_create")
    submit_twice(
        manager,
        page=reverse("reports:report_list"),
        action=url,
        data={"year": year.year},
        count=Report.objects.count,
    )


def test_report_pdf(manager: Client, report: Report, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        submit_twice(
            manager,
            page=reverse("reports:report_edit", args=[report.year]),
            action=reverse("reports:pdf_create", args=[report.year]),
            data={},
            count=ReportVersion.objects.count,
        )

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from hok.models import User
from hok.storage import private_storage
from reports.models import Report, ReportVersion
from reports.snapshot import take_snapshot
from tests.conftest import client_for, person_in_role
from tests.factories import MembershipFactory, UserFactory
from tests.reports.data import Year, build_year

ROLES = [
    "anonymous",
    "user",
    "representative",
    "working_group",
    "working_group_mfa",
    "admin",
    "admin_mfa",
]
ALLOWED = {"working_group_mfa", "admin_mfa"}
FAKE_PDF = b"%PDF-1.7\n% a stand-in for the rendered report\n%%EOF\n"


def person(role: str, give_mfa: Callable[[User], str]) -> User | None:
    if role == "representative":
        representative = UserFactory()
        MembershipFactory(user=representative)
        return representative
    return person_in_role(role, give_mfa)


@pytest.fixture
def client_in_role(give_mfa) -> Callable[[str], Client]:
    return lambda role: client_for(person(role, give_mfa))


@pytest.fixture
def year(seed) -> Year:
    return build_year()


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def finished_version(report: Report, number: int, *, published: bool) -> ReportVersion:
    """A finished version with a real snapshot and a small stored file (no WeasyPrint)."""
    name = private_storage().save(f"reports/{report.year}/v{number}.pdf", _content())
    snapshot = take_snapshot(report=report)
    return ReportVersion.objects.create(
        report=report,
        number=number,
        status=ReportVersion.Status.DONE,
        snapshot=snapshot,
        snapshot_at=datetime.datetime.fromisoformat(snapshot["taken_at"]),
        queued_at=timezone.now(),
        finished_at=timezone.now(),
        pdf=name,
        pdf_sha256="0" * 64,
        page_count=12,
        size=len(FAKE_PDF),
        published_at=timezone.now() if published else None,
    )


def _content():
    from django.core.files.base import ContentFile

    return ContentFile(FAKE_PDF)


@pytest.fixture
def report(year: Year, private_media) -> Report:
    """The year's report with version 1 published and version 2 finished but not published."""
    report = Report.objects.create(year=year.year, summary="Årets **sammanfattning**.")
    finished_version(report, 1, published=True)
    finished_version(report, 2, published=False)
    return report


@pytest.fixture
def unpublished_report(year: Year, private_media) -> Report:
    """Last year's report, with one finished version that is not published."""
    report = Report.objects.create(year=year.year - 1)
    finished_version(report, 1, published=False)
    return report

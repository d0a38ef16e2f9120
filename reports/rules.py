"""Who may do what with the yearly reports, in one place (role × state). Views ask only here;
the services check the state transitions again through the state predicates below.

A manager is a member of the working group, or an admin, with two-factor login (the
middleware also demands it on every path under /arbetsgruppen/hantera/).

A report (one per year) is a draft until one of its versions is published, and published
while one is; a manager writes its texts and choices and asks for a new PDF in either state
(a published version keeps its own frozen snapshot). The database lets one PDF job run per
report at a time and one version be published.

| a version's state                   | a manager                              | everyone else |
|-------------------------------------|----------------------------------------|---------------|
| running (queued, collecting,        | follow it                              | -             |
|  charts, writing)                   |                                        |               |
| running past its time limit         | retry it (the worker died)             | -             |
| failed                              | retry it                               | -             |
| done, not published                 | read its PDF, publish it               | -             |
| done and published                  | read its PDF, publish it again,        | read its page,|
|                                     | unpublish it                           | PDF and data  |
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from hok.models import User
from hok.roles import uses_powers
from reports.models import Report, ReportVersion

Status = ReportVersion.Status

RUNNING = frozenset(ReportVersion.RUNNING)
RETRYABLE = frozenset({Status.FAILED})  # and a running job past its time limit
PUBLISHABLE = frozenset({Status.DONE})
WITH_PDF = frozenset({Status.DONE})


# --- roles -----------------------------------------------------------------------------------


def can_manage_reports(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, write, render and publish
    reports."""
    return uses_powers(user)


# --- states (the services ask these) ---------------------------------------------------------


def render_time_limit() -> int:
    """Seconds a rendering may take (the pdf queue's hard limit, shared by every PDF the
    portal renders); a job running longer is shown as interrupted."""
    return int(settings.PDF_RENDER_TIME_LIMIT)


def version_is_interrupted(version: ReportVersion, *, now: datetime.datetime | None = None) -> bool:
    """A job still marked as running long after its time limit: its worker died."""
    if version.status not in RUNNING:
        return False
    started = version.started_at or version.queued_at
    limit = datetime.timedelta(seconds=render_time_limit() + 30)
    return (now or timezone.now()) - started > limit


def version_is_retryable(version: ReportVersion, *, now: datetime.datetime | None = None) -> bool:
    return version.status in RETRYABLE or version_is_interrupted(version, now=now)


def version_is_publishable(version: ReportVersion) -> bool:
    """Only a finished version, with its PDF, is published."""
    return version.status in PUBLISHABLE


def version_is_published(version: ReportVersion) -> bool:
    return version.published_at is not None


def version_has_pdf(version: ReportVersion) -> bool:
    return version.status in WITH_PDF and bool(version.pdf)


def version_is_public(version: ReportVersion) -> bool:
    """The year's public report: published, with its frozen figures."""
    return version_is_published(version) and version.snapshot is not None


# --- role × state ----------------------------------------------------------------------------


def can_edit_report(user: User | AnonymousUser, report: Report) -> bool:
    """Its texts, choices and goal assessments, draft or published alike."""
    return can_manage_reports(user)


def can_render_pdf(user: User | AnonymousUser, report: Report) -> bool:
    """Ask for a new version; while another job runs, the database starts none."""
    return can_manage_reports(user)


def can_retry_version(
    user: User | AnonymousUser, version: ReportVersion, *, now: datetime.datetime | None = None
) -> bool:
    return version_is_retryable(version, now=now) and can_manage_reports(user)


def can_publish_version(user: User | AnonymousUser, version: ReportVersion) -> bool:
    return version_is_publishable(version) and can_manage_reports(user)


def can_unpublish_version(user: User | AnonymousUser, version: ReportVersion) -> bool:
    return version_is_published(version) and can_manage_reports(user)


def can_view_version_pdf(user: User | AnonymousUser, version: ReportVersion) -> bool:
    """A finished version's PDF: managers read every one, everyone the public one."""
    if not version_has_pdf(version):
        return False
    return version_is_public(version) or can_manage_reports(user)

"""Permission-checked loaders of the yearly reports, and the view decorator of the working
group's pages.

A loader fetches what a URL names (404 when it is missing) and asks reports.rules
(PermissionDenied when the rule refuses; a version nobody outside the working group may see
is missing to the public).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from hok.access import permitted_by
from hok.models import User
from reports import rules, selectors
from reports.models import Report, ReportVersion

# Anonymous: to the login; a manager without two-factor login: to turn it on; else 403.
managers_only = permitted_by(rules.can_manage_reports)


def report_for_manager(user: User, year: int) -> Report:
    """The year's report with its versions and goal assessments."""
    report = selectors.report_for_management(year=year)
    if report is None:
        raise Http404
    if not rules.can_edit_report(user, report):
        raise PermissionDenied
    return report


def version_for_manager(user: User, year: int, number: int) -> ReportVersion:
    """Any version of the year's report, published or not."""
    version = selectors.version_of(year=year, number=number)
    if version is None:
        raise Http404
    if not rules.can_manage_reports(user):
        raise PermissionDenied
    return version


def published_version(year: int) -> ReportVersion:
    """The year's public version, with its snapshot: any other is missing (404)."""
    version = selectors.published_version(year=year)
    if version is None or not rules.version_is_public(version):
        raise Http404
    return version

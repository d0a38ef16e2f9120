"""Permission-checked loaders of the yearly reports, and the view decorator of the working
group's pages.

A loader fetches what a URL names (404 when it is missing) and asks reports.rules
(PermissionDenied when the rule refuses; a version nobody outside the working group may see
is missing to the public).
"""

from hok.access import found, granted, permitted_by
from hok.models import User
from reports import rules, selectors
from reports.models import Report, ReportVersion

# Anonymous: to the login; a manager without two-factor login: to turn it on; else 403.
managers_only = permitted_by(rules.can_manage_reports)


def report_for_manager(user: User, year: int) -> Report:
    """The year's report with its versions and goal assessments."""
    report = found(selectors.report_for_management(year=year))
    granted(rules.can_edit_report(user, report))
    return report


def version_for_manager(user: User, year: int, number: int) -> ReportVersion:
    """Any version of the year's report, published or not."""
    version = found(selectors.version_of(year=year, number=number))
    granted(rules.can_manage_reports(user))
    return version


def published_version(year: int) -> ReportVersion:
    """The year's public version, with its snapshot: any other is missing (404)."""
    version = found(selectors.published_version(year=year))
    granted(rules.version_is_public(version), as_missing=True)
    return version

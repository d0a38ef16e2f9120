"""reports.rules as a role × state matrix: who may do what with a report and its versions in
each state; and the loaders of reports.access."""

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from hok.models import User
from reports import access, rules
from reports.models import Report, ReportVersion
from tests.conftest import person_in_role

pytestmark = pytest.mark.django_db

S = ReportVersion.Status
ROLES = ["anonymous", "outsider", "working_group", "working_group_mfa", "admin", "admin_mfa"]
EVERYONE = set(ROLES)
MANAGERS = {"working_group_mfa", "admin_mfa"}
NOBODY: set[str] = set()

# A version's states: its job's status, plus "interrupted" (still running long past the time
# limit) and "published" (done, and the year's public report).
STATES = [
    "queued",
    "collecting",
    "charts",
    "writing",
    "interrupted",
    "failed",
    "done",
    "published",
]

# rule -> version state -> the roles it allows
VERSION_MATRIX: dict[str, dict[str, set[str]]] = {
    "can_retry_version": {
        "queued": NOBODY,
        "collecting": NOBODY,
        "charts": NOBODY,
        "writing": NOBODY,
        "interrupted": MANAGERS,
        "failed": MANAGERS,
        "done": NOBODY,
        "published": NOBODY,
    },
    "can_publish_version": {
        "queued": NOBODY,
        "collecting": NOBODY,
        "charts": NOBODY,
        "writing": NOBODY,
        "interrupted": NOBODY,
        "failed": NOBODY,
        "done": MANAGERS,
        "published": MANAGERS,
    },
    "can_unpublish_version": {
        "queued": NOBODY,
        "collecting": NOBODY,
        "charts": NOBODY,
        "writing": NOBODY,
        "interrupted": NOBODY,
        "failed": NOBODY,
        "done": NOBODY,
        "published": MANAGERS,
    },
    "can_view_version_pdf": {
        "queued": NOBODY,
        "collecting": NOBODY,
        "charts": NOBODY,
        "writing": NOBODY,
        "interrupted": NOBODY,
        "failed": NOBODY,
        "done": MANAGERS,
        "published": EVERYONE,
    },
}

# state-only predicate -> version state -> its answer
VERSION_STATES: dict[str, dict[str, bool]] = {
    "version_is_interrupted": {
        "queued": False,
        "collecting": False,
        "charts": False,
        "writing": False,
        "interrupted": True,
        "failed": False,
        "done": False,
        "published": False,
    },
    "version_is_public": {
        "queued": False,
        "collecting": False,
        "charts": False,
        "writing": False,
        "interrupted": False,
        "failed": False,
        "done": False,
        "published": True,
    },
}

# rule -> report state -> the roles it allows
REPORT_MATRIX: dict[str, dict[str, set[str]]] = {
    "can_edit_report": {"draft": MANAGERS, "published": MANAGERS},
    "can_render_pdf": {"draft": MANAGERS, "published": MANAGERS},
}


@pytest.fixture
def people(give_mfa: Callable[[User], str]) -> dict[str, User | AnonymousUser]:
    def person(role: str) -> User | AnonymousUser:
        found = person_in_role("user" if role == "outsider" else role, give_mfa)
        return found if found is not None else AnonymousUser()

    return {role: person(role) for role in ROLES}


def _version(report: Report, state: str, number: int = 1) -> ReportVersion:
    now = timezone.now()
    long_ago = now - datetime.timedelta(seconds=rules.render_time_limit() + 3600)
    finished = state in {"done", "published"}
    return ReportVersion.objects.create(
        report=report,
        number=number,
        status="writing" if state == "interrupted" else "done" if finished else state,
        queued_at=long_ago if state == "interrupted" else now,
        started_at=long_ago if state == "interrupted" else None,
        snapshot={"taken_at": now.isoformat()} if finished else None,
        pdf=f"reports/{report.year}/v{number}.pdf" if finished else "",
        published_at=now if state == "published" else None,
    )


def test_the_manager_role(people: dict[str, User | AnonymousUser]) -> None:
    assert {role for role, p in people.items() if rules.can_manage_reports(p)} == MANAGERS


@pytest.mark.parametrize("state", STATES)
def test_version_matrix(state: str, people: dict[str, User | AnonymousUser]) -> None:
    version = _version(Report.objects.create(year=2024), state)
    for rule_name, by_state in VERSION_MATRIX.items():
        rule = getattr(rules, rule_name)
        allowed = {role for role, person in people.items() if rule(person, version)}
        assert allowed == by_state[state], rule_name
    for predicate_name, answers in VERSION_STATES.items():
        assert getattr(rules, predicate_name)(version) is answers[state], predicate_name


@pytest.mark.parametrize("state", ["draft", "published"])
def test_report_matrix(state: str, people: dict[str, User | AnonymousUser]) -> None:
    report = Report.objects.create(year=2024)
    if state == "published":
        _version(report, "published")
    for rule_name, by_state in REPORT_MATRIX.items():
        rule = getattr(rules, rule_name)
        allowed = {role for role, person in people.items() if rule(person, report)}
        assert allowed == by_state[state], rule_name


def test_a_finished_version_without_its_file_has_no_pdf_to_show() -> None:
    version = _version(Report.objects.create(year=2024), "published")
    version.pdf = ""
    assert not rules.version_has_pdf(version)
    assert not rules.can_view_version_pdf(AnonymousUser(), version)


# --- loaders -------------------------------------------------------------------------------


def test_report_for_manager(people: dict[str, User | AnonymousUser]) -> None:
    report = Report.objects.create(year=2024)
    manager, outsider = people["working_group_mfa"], people["outsider"]
    assert isinstance(manager, User) and isinstance(outsider, User)
    assert access.report_for_manager(manager, 2024) == report
    with pytest.raises(PermissionDenied):
        access.report_for_manager(outsider, 2024)
    with pytest.raises(Http404):
        access.report_for_manager(manager, 2023)


def test_version_for_manager(people: dict[str, User | AnonymousUser]) -> None:
    version = _version(Report.objects.create(year=2024), "failed")
    manager, group = people["admin_mfa"], people["working_group"]
    assert isinstance(manager, User) and isinstance(group, User)
    assert access.version_for_manager(manager, 2024, 1) == version
    with pytest.raises(PermissionDenied):
        access.version_for_manager(group, 2024, 1)  # no two-factor login
    with pytest.raises(Http404):
        access.version_for_manager(manager, 2024, 2)


def test_published_version() -> None:
    report = Report.objects.create(year=2024)
    _version(report, "done", number=1)
    with pytest.raises(Http404):
        access.published_version(2024)
    published = _version(report, "published", number=2)
    assert access.published_version(2024) == published
    with pytest.raises(Http404):
        access.published_version(2023)

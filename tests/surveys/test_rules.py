"""surveys.rules as a role × state matrix: who may do what to a survey in each of its states.

The expected tables are written out by hand, never computed with the rules' own logic. Only
the working group and admins with two-factor login manage surveys; the states decide what they
may do. Answering needs a link, not a role, so its table is link × state.
"""

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from hok.models import User
from surveys import rules
from surveys.models import Invitation, Survey
from surveys.models.invitations import ReminderRound
from surveys.rules import can_manage_surveys
from tests.factories import AdminUserFactory, UserFactory, WorkingGroupUserFactory
from tests.surveys.factories import (
    AnswerFactory,
    InvitationFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)

ROLES = ("anonymous", "user", "working_group", "working_group_mfa", "admin", "admin_mfa")
MANAGER = {"working_group_mfa", "admin_mfa"}
EVERYONE = set(ROLES)
NOBODY: set[str] = set()

STATES = (
    "not_yet_open",
    "open",
    "open_answered",
    "closed",
    "closed_answered",
    "closed_too_few",
    "published",
)


@pytest.mark.parametrize(
    ("make", "two_factor", "allowed"),
    [
        (AnonymousUser, False, False),
        (UserFactory, False, False),
        (UserFactory, True, False),
        (WorkingGroupUserFactory, False, False),
        (WorkingGroupUserFactory, True, True),
        (AdminUserFactory, False, False),
        (AdminUserFactory, True, True),
    ],
)
def test_can_manage_surveys(make, two_factor, allowed, give_mfa):
    person = make()
    if two_factor:
        give_mfa(person)
    assert can_manage_surveys(person) is allowed


def test_inactive_staff_cannot(give_mfa):
    person = AdminUserFactory(is_active=False, is_superuser=False)
    give_mfa(person)
    assert not can_manage_surveys(person)


# --- the survey in each state -------------------------------------------------------------


def survey_in(state: str) -> Survey:
    """A survey in `state` on TODAY: its period, its responses, its publication."""
    period = {
        "not_yet_open": (datetime.date(2026, 7, 1), datetime.date(2026, 7, 31)),
        "open": (datetime.date(2026, 6, 1), datetime.date(2026, 6, 30)),
        "open_answered": (datetime.date(2026, 6, 1), datetime.date(2026, 6, 30)),
    }.get(state, (datetime.date(2026, 5, 1), datetime.date(2026, 5, 31)))
    survey = SurveyFactory(
        opens_on=period[0],
        closes_on=period[1],
        # One response is enough to publish, except in "closed_too_few".
        min_group_size=5 if state == "closed_too_few" else 1,
        results_published_at=timezone.now() if state == "published" else None,
    )
    if state in ("open_answered", "closed_answered", "closed_too_few", "published"):
        ResponseFactory(survey=survey)
    return survey


def _as_user(person: User | None) -> User | AnonymousUser:
    return person if person is not None else AnonymousUser()


# rule -> state -> the roles it allows. Rules taking (user, survey) or (user, survey, today).
MATRIX: dict[str, dict[str, set[str]]] = {
    "can_view_survey": {
        "not_yet_open": MANAGER,
        "open": MANAGER,
        "open_answered": MANAGER,
        "closed": MANAGER,
        "closed_answered": MANAGER,
        "closed_too_few": MANAGER,
        "published": MANAGER,
    },
    "can_edit_survey": {
        "not_yet_open": MANAGER,
        "open": MANAGER,
        "open_answered": MANAGER,
        "closed": MANAGER,
        "closed_answered": MANAGER,
        "closed_too_few": MANAGER,
        "published": MANAGER,
    },
    "can_restructure_questions": {
        "not_yet_open": MANAGER,
        "open": MANAGER,
        "open_answered": NOBODY,
        "closed": MANAGER,
        "closed_answered": NOBODY,
        "closed_too_few": NOBODY,
        "published": NOBODY,
    },
    "can_delete_survey": {
        "not_yet_open": MANAGER,
        "open": MANAGER,
        "open_answered": NOBODY,
        "closed": MANAGER,
        "closed_answered": NOBODY,
        "closed_too_few": NOBODY,
        "published": NOBODY,
    },
    "can_copy_survey": {
        "not_yet_open": MANAGER,
        "open": MANAGER,
        "open_answered": MANAGER,
        "closed": MANAGER,
        "closed_answered": MANAGER,
        "closed_too_few": MANAGER,
        "published": MANAGER,
    },
    "can_view_results": {
        "not_yet_open": MANAGER,
        "open": MANAGER,
        "open_answered": MANAGER,
        "closed": MANAGER,
        "closed_answered": MANAGER,
        "closed_too_few": MANAGER,
        "published": MANAGER,
    },
    "can_view_public_results": {
        "not_yet_open": NOBODY,
        "open": NOBODY,
        "open_answered": NOBODY,
        "closed": NOBODY,
        "closed_answered": NOBODY,
        "closed_too_few": NOBODY,
        "published": EVERYONE,
    },
    "can_publish_results": {
        "not_yet_open": NOBODY,
        "open": NOBODY,
        "open_answered": NOBODY,
        "closed": NOBODY,
        "closed_answered": MANAGER,
        "closed_too_few": NOBODY,
        "published": NOBODY,
    },
    "can_unpublish_results": {
        "not_yet_open": NOBODY,
        "open": NOBODY,
        "open_answered": NOBODY,
        "closed": NOBODY,
        "closed_answered": NOBODY,
        "closed_too_few": NOBODY,
        "published": MANAGER,
    },
    "can_export_responses": {
        "not_yet_open": MANAGER,
        "open": MANAGER,
        "open_answered": MANAGER,
        "closed": MANAGER,
        "closed_answered": MANAGER,
        "closed_too_few": MANAGER,
        "published": MANAGER,
    },
    "can_add_invitations": {
        "not_yet_open": MANAGER,
        "open": MANAGER,
        "open_answered": MANAGER,
        "closed": NOBODY,
        "closed_answered": NOBODY,
        "closed_too_few": NOBODY,
        "published": NOBODY,
    },
    "can_send_invitations": {
        "not_yet_open": NOBODY,
        "open": MANAGER,
        "open_answered": MANAGER,
        "closed": NOBODY,
        "closed_answered": NOBODY,
        "closed_too_few": NOBODY,
        "published": NOBODY,
    },
    "can_schedule_reminder": {
        "not_yet_open": MANAGER,
        "open": MANAGER,
        "open_answered": MANAGER,
        "closed": NOBODY,
        "closed_answered": NOBODY,
        "closed_too_few": NOBODY,
        "published": NOBODY,
    },
}

TAKES_TODAY = {"can_add_invitations", "can_send_invitations", "can_schedule_reminder"}


@pytest.mark.parametrize("rule_name", sorted(MATRIX))
@pytest.mark.parametrize("state", STATES)
def test_matrix(rule_name: str, state: str, person_for: Callable[[str], User | None]) -> None:
    survey = survey_in(state)
    rule = getattr(rules, rule_name)
    allowed = set()
    for role in ROLES:
        user = _as_user(person_for(role))
        if rule_name in TAKES_TODAY:
            verdict = rule(user, survey, TODAY)
        elif rule_name == "can_publish_results":
            verdict = rule(user, survey, TODAY, survey.responses.count())
        else:
            verdict = rule(user, survey)
        if verdict:
            allowed.add(role)
    assert allowed == MATRIX[rule_name][state]


# --- the survey's own state -----------------------------------------------------------------

# state -> (open, closed, not yet open, locked, published, accepts invitations)
STATE_TABLE = {
    "not_yet_open": (False, False, True, False, False, True),
    "open": (True, False, False, False, False, True),
    "open_answered": (True, False, False, True, False, True),
    "closed": (False, True, False, False, False, False),
    "closed_answered": (False, True, False, True, False, False),
    "closed_too_few": (False, True, False, True, False, False),
    "published": (False, True, False, True, True, False),
}


@pytest.mark.parametrize("state", STATES)
def test_state_predicates(state: str) -> None:
    survey = survey_in(state)
    assert (
        rules.survey_is_open(survey, TODAY),
        rules.survey_is_closed(survey, TODAY),
        rules.survey_is_not_yet_open(survey, TODAY),
        rules.survey_is_locked(survey),
        rules.results_are_published(survey),
        rules.survey_accepts_invitations(survey, TODAY),
    ) == STATE_TABLE[state]


@pytest.mark.parametrize(
    ("today", "is_open", "refusal"),
    [
        (datetime.date(2026, 2, 28), False, "not_yet_open"),
        (datetime.date(2026, 3, 1), True, None),
        (datetime.date(2026, 3, 31), True, None),
        (datetime.date(2026, 4, 1), False, "closed"),
    ],
)
def test_the_opening_and_closing_days_are_open(
    today: datetime.date, is_open: bool, refusal: str | None
) -> None:
    survey = SurveyFactory.build(
        opens_on=datetime.date(2026, 3, 1), closes_on=datetime.date(2026, 3, 31)
    )
    assert rules.survey_is_open(survey, today) is is_open
    assert rules.invitations_can_be_sent(survey, today) is is_open
    assert rules.answer_refusal(survey=survey, today=today) == refusal


def test_sealed_submissions_lock_the_survey_too() -> None:
    survey = survey_in("open")
    assert not rules.survey_is_locked(survey)
    survey.sealed_submissions.create(sealed=b"x")
    assert rules.survey_is_locked(survey)


# --- answering: link × state ----------------------------------------------------------------

LINKS = ("invitation", "used_invitation", "other_survey_invitation", "open_link", "link_off")

# link -> state -> whether the survey accepts an answer through it
ANSWERS = {
    "invitation": {
        "not_yet_open": False,
        "open": True,
        "open_answered": True,
        "closed": False,
        "closed_answered": False,
        "closed_too_few": False,
        "published": False,
    },
    "used_invitation": dict.fromkeys(STATES, False),
    "other_survey_invitation": dict.fromkeys(STATES, False),
    "open_link": {
        "not_yet_open": False,
        "open": True,
        "open_answered": True,
        "closed": False,
        "closed_answered": False,
        "closed_too_few": False,
        "published": False,
    },
    "link_off": dict.fromkeys(STATES, False),
}


@pytest.mark.parametrize("link", LINKS)
@pytest.mark.parametrize("state", STATES)
def test_survey_accepts_answers(link: str, state: str) -> None:
    survey = survey_in(state)
    invitation: Invitation | None = None
    match link:
        case "invitation":
            invitation = InvitationFactory(survey=survey)
        case "used_invitation":
            invitation = InvitationFactory(survey=survey, used=True)
        case "other_survey_invitation":
            invitation = InvitationFactory(survey=survey_in("open"))
        case "open_link":
            survey.open_link_enabled = True
    assert rules.survey_accepts_answers(survey, TODAY, invitation) is ANSWERS[link][state]


# --- the children: invitations, reminder rounds, answers ------------------------------------

# invitation status -> the roles that may remove it
REMOVE_INVITATION = {
    Invitation.Status.PENDING: MANAGER,
    Invitation.Status.SENDING: NOBODY,
    Invitation.Status.SENT: NOBODY,
    Invitation.Status.FAILED: MANAGER,
    Invitation.Status.UNCERTAIN: NOBODY,
}


@pytest.mark.parametrize("status", list(Invitation.Status))
def test_can_remove_invitation(status: str, person_for: Callable[[str], User | None]) -> None:
    invitation = InvitationFactory(status=status)
    allowed = {
        role
        for role in ROLES
        if rules.can_remove_invitation(_as_user(person_for(role)), invitation)
    }
    assert allowed == REMOVE_INVITATION[status]


# (status, used) -> whether it may be sent again
RESENDABLE = {
    (Invitation.Status.PENDING, False): False,
    (Invitation.Status.SENDING, False): False,
    (Invitation.Status.SENT, False): False,
    (Invitation.Status.FAILED, False): True,
    (Invitation.Status.FAILED, True): False,
    (Invitation.Status.UNCERTAIN, False): True,
    (Invitation.Status.UNCERTAIN, True): False,
}


@pytest.mark.parametrize(("status", "used"), sorted(RESENDABLE))
def test_invitation_is_resendable(status: str, used: bool) -> None:
    invitation = InvitationFactory.build(status=status, used=used)
    assert rules.invitation_is_resendable(invitation) is RESENDABLE[(status, used)]


# reminder round state -> the roles that may delete it
DELETE_REMINDER = {"planned": MANAGER, "sending": NOBODY, "sent": NOBODY}


@pytest.mark.parametrize("state", sorted(DELETE_REMINDER))
def test_can_delete_reminder(state: str, person_for: Callable[[str], User | None]) -> None:
    now = timezone.now()
    reminder_round = ReminderRound.objects.create(
        survey=survey_in("open"),
        send_on=datetime.date(2026, 6, 20),
        started_at=None if state == "planned" else now,
        finished_at=now if state == "sent" else None,
    )
    allowed = {
        role
        for role in ROLES
        if rules.can_delete_reminder(_as_user(person_for(role)), reminder_round)
    }
    assert allowed == DELETE_REMINDER[state]


@pytest.mark.parametrize(
    ("send_on", "past", "within"),
    [
        (datetime.date(2026, 5, 31), True, False),
        (datetime.date(2026, 6, 1), True, True),
        (datetime.date(2026, 6, 15), False, True),
        (datetime.date(2026, 6, 30), False, True),
        (datetime.date(2026, 7, 1), False, False),
    ],
)
def test_reminder_days(send_on: datetime.date, past: bool, within: bool) -> None:
    survey = SurveyFactory.build(
        opens_on=datetime.date(2026, 6, 1), closes_on=datetime.date(2026, 6, 30)
    )
    assert rules.reminder_day_is_past(send_on, TODAY) is past
    assert rules.reminder_day_is_within_survey(survey, send_on) is within


# answer -> (roles that may hide it, roles that may show it again)
ANSWER_TABLE = {
    "choice": (NOBODY, NOBODY),
    "text": (MANAGER, NOBODY),
    "hidden_text": (MANAGER, MANAGER),
}


@pytest.mark.parametrize("kind", sorted(ANSWER_TABLE))
def test_can_hide_and_unhide_answer(kind: str, person_for: Callable[[str], User | None]) -> None:
    if kind == "choice":
        answer = AnswerFactory()
    else:
        answer = AnswerFactory(
            option=None,
            question=QuestionFactory(kind="text"),
            text="Fritext",
            hidden=kind == "hidden_text",
        )
    people = {role: _as_user(person_for(role)) for role in ROLES}
    hide = {role for role, person in people.items() if rules.can_hide_answer(person, answer)}
    unhide = {role for role, person in people.items() if rules.can_unhide_answer(person, answer)}
    assert (hide, unhide) == ANSWER_TABLE[kind]


# (old kind, old scale, old "annat") × change -> breaks the stored answers?
@pytest.mark.parametrize(
    ("change", "breaks"),
    [
        ({"kind": "single", "scale_max": 5, "allow_other": True, "deletes_options": False}, False),
        ({"kind": "multiple", "scale_max": 5, "allow_other": True, "deletes_options": False}, True),
        ({"kind": "single", "scale_max": 7, "allow_other": True, "deletes_options": False}, False),
        ({"kind": "single", "scale_max": 5, "allow_other": False, "deletes_options": False}, True),
        ({"kind": "single", "scale_max": 5, "allow_other": True, "deletes_options": True}, True),
    ],
)
def test_question_change_breaks_answers_of_a_choice(change: dict, breaks: bool) -> None:
    question = QuestionFactory.build(kind="single", allow_other=True, scale_max=5)
    assert rules.question_change_breaks_answers(question, **change) is breaks


@pytest.mark.parametrize(("scale_max", "breaks"), [(5, False), (7, True), (3, True)])
def test_question_change_breaks_answers_of_a_scale(scale_max: int, breaks: bool) -> None:
    question = QuestionFactory.build(kind="scale", scale_max=5)
    change = {"kind": "scale", "allow_other": False, "deletes_options": False}
    assert rules.question_change_breaks_answers(question, scale_max=scale_max, **change) is breaks


@pytest.mark.parametrize(
    ("responses", "waiting", "locked"),
    [(0, 0, False), (1, 0, True), (0, 1, True), (3, 2, True)],
)
def test_counted_or_waiting_answers_lock_the_survey(responses, waiting, locked) -> None:
    assert rules.answers_lock_survey(responses=responses, waiting=waiting) is locked

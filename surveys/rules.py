"""Who may do what with surveys, in which state, in one place (role × state). Views ask here;
the services check the same state predicates again before they write.

A survey's state is its answering period on a given day (not yet open, open, closed: by its
opening and closing dates, both included), whether it has responses (counted or sealed in the
pool) and whether its results are published. Only the working group (and admins) with
two-factor login manage surveys; nobody else sees any of the pages below except the public
results, and the answering pages, which need a link instead of a login.

| state                | the working group (2FA) may                                        |
|----------------------|--------------------------------------------------------------------|
| not yet open         | edit settings and questions, delete it, add invitees, plan        |
|                      | reminders (from today, within the period), remove unsent invitees |
| open, no responses   | as above, and send invitations (and send failed ones again)       |
| open, with responses | edit settings and question texts/order only (no deleting,         |
|                      | no change of kind or scale, no taking away "annat"); no delete;   |
|                      | invite, send, plan reminders as above                              |
| closed               | edit as the response state allows; no invitations or reminders;   |
|                      | publish the results when responses ≥ the minimum group size       |
| results published    | unpublish them; the public reads them                              |

In every state the working group reads the results, previews the survey, hides and shows free
texts again, copies it to next year and exports it; a reminder round that has not started can
be removed, an invitation can be removed while it is pending or failed.

Answering (anyone with a link, no login): a personal invitation link works once, an open link
only while the working group has it turned on, and either only while the survey is open.
"""

import datetime

from django.contrib.auth.models import AnonymousUser

from hok.models import User
from hok.roles import uses_powers
from surveys.models import Answer, Invitation, Question, Survey
from surveys.models.invitations import ReminderRound

InvitationStatus = Invitation.Status

# Invitations that never left: they may be removed from the survey.
REMOVABLE_INVITATIONS = frozenset({InvitationStatus.PENDING, InvitationStatus.FAILED})
# Invitations that may have gone wrong: the working group may send them again (unless used).
RESENDABLE_INVITATIONS = frozenset({InvitationStatus.FAILED, InvitationStatus.UNCERTAIN})

# Why a survey cannot be answered through a link (codes of the refusal page and the errors).
UNKNOWN = "unknown"
USED = "used"
NOT_YET_OPEN = "not_yet_open"
CLOSED = "closed"


# --- the survey's state ---------------------------------------------------------------------


def survey_is_open(survey: Survey, today: datetime.date) -> bool:
    """Open for answers on `today` (the opening and closing days included)."""
    return survey.opens_on <= today <= survey.closes_on


def survey_is_closed(survey: Survey, today: datetime.date) -> bool:
    return today > survey.closes_on


def survey_is_not_yet_open(survey: Survey, today: datetime.date) -> bool:
    return today < survey.opens_on


def survey_is_locked(survey: Survey) -> bool:
    """Once anybody has answered, nothing that would change the meaning of the answers may
    change: no question or option is deleted, no kind or scale changes, no "annat" goes."""
    return survey.has_responses


def answers_lock_survey(*, responses: int, waiting: int) -> bool:
    """`survey_is_locked` for a page that has counted both already (the builder's selector):
    counted responses or submissions still waiting in the pool."""
    return responses + waiting > 0


def question_change_breaks_answers(
    question: Question, *, kind: str, scale_max: int, allow_other: bool, deletes_options: bool
) -> bool:
    """Whether changing `question` like this would change the meaning of stored answers."""
    return (
        kind != question.kind
        or (kind == Question.Kind.SCALE and scale_max != question.scale_max)
        or (question.allow_other and not allow_other)
        or deletes_options
    )


def results_are_published(survey: Survey) -> bool:
    return survey.results_published_at is not None


def has_enough_responses(survey: Survey, responses: int) -> bool:
    """Results of fewer responses than the minimum group size would show a group that small."""
    return responses >= survey.min_group_size


def results_can_be_published(survey: Survey, today: datetime.date, responses: int) -> bool:
    return (
        not results_are_published(survey)
        and survey_is_closed(survey, today)
        and has_enough_responses(survey, responses)
    )


def survey_accepts_invitations(survey: Survey, today: datetime.date) -> bool:
    """Invitees may be added (and reminders planned) until the survey has closed."""
    return not survey_is_closed(survey, today)


def invitations_can_be_sent(survey: Survey, today: datetime.date) -> bool:
    """Invitations go out only while the survey is open, so that the link works on arrival."""
    return survey_is_open(survey, today)


def invitation_is_removable(invitation: Invitation) -> bool:
    return invitation.status in REMOVABLE_INVITATIONS


def invitation_is_resendable(invitation: Invitation) -> bool:
    """Failed or uncertain, and its link not used (a used one evidently arrived)."""
    return invitation.status in RESENDABLE_INVITATIONS and not invitation.used


def reminder_day_is_past(send_on: datetime.date, today: datetime.date) -> bool:
    return send_on < today


def reminder_day_is_within_survey(survey: Survey, send_on: datetime.date) -> bool:
    return survey.opens_on <= send_on <= survey.closes_on


def reminder_round_is_deletable(reminder_round: ReminderRound) -> bool:
    """A round that has started sending stays (some have been reminded)."""
    return reminder_round.started_at is None


def answer_is_hideable(answer: Answer) -> bool:
    """Only free texts (and "annat" texts) can point at a person, so only they are hidden."""
    return bool(answer.text)


def answer_refusal(
    *, survey: Survey, invitation: Invitation | None = None, today: datetime.date
) -> str | None:
    """Why this survey cannot be answered now (a code above), or None when it can."""
    if invitation is not None and invitation.used:
        return USED
    if survey_is_not_yet_open(survey, today):
        return NOT_YET_OPEN
    if survey_is_closed(survey, today):
        return CLOSED
    return None


def link_reaches_survey(survey: Survey, invitation: Invitation | None) -> bool:
    """An invitation of this survey, or (without one) the survey's open link turned on."""
    if invitation is None:
        return survey.open_link_enabled
    return invitation.survey_id == survey.pk


def survey_accepts_answers(
    survey: Survey, today: datetime.date, invitation: Invitation | None = None
) -> bool:
    """Open, and answered either through an unused invitation of this survey or through the
    open link while it is turned on."""
    return (
        link_reaches_survey(survey, invitation)
        and answer_refusal(survey=survey, invitation=invitation, today=today) is None
    )


# --- who -----------------------------------------------------------------------------------


def can_manage_surveys(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, build, send and read surveys."""
    return uses_powers(user)


def can_view_survey(user: User | AnonymousUser, survey: Survey) -> bool:
    """The builder's pages, the preview, the invitations page: in every state."""
    return can_manage_surveys(user)


def can_edit_survey(user: User | AnonymousUser, survey: Survey) -> bool:
    """Settings, new questions, texts and order: in every state (responses only limit what a
    question change may do, see `can_restructure_questions`)."""
    return can_manage_surveys(user)


def can_restructure_questions(user: User | AnonymousUser, survey: Survey) -> bool:
    """Delete questions or options, change a kind or a scale, take "annat" away."""
    return can_manage_surveys(user) and not survey_is_locked(survey)


def can_delete_survey(user: User | AnonymousUser, survey: Survey) -> bool:
    return can_manage_surveys(user) and not survey_is_locked(survey)


def can_copy_survey(user: User | AnonymousUser, survey: Survey) -> bool:
    return can_manage_surveys(user)


def can_view_results(user: User | AnonymousUser, survey: Survey) -> bool:
    """The working group's results page (hidden texts included): published or not."""
    return can_manage_surveys(user)


def can_view_public_results(user: User | AnonymousUser, survey: Survey) -> bool:
    """Everyone, once the results are published (before that the page does not exist)."""
    return results_are_published(survey)


def can_publish_results(
    user: User | AnonymousUser, survey: Survey, today: datetime.date, responses: int
) -> bool:
    return can_manage_surveys(user) and results_can_be_published(survey, today, responses)


def can_unpublish_results(user: User | AnonymousUser, survey: Survey) -> bool:
    return can_manage_surveys(user) and results_are_published(survey)


def can_hide_answer(user: User | AnonymousUser, answer: Answer) -> bool:
    return can_manage_surveys(user) and answer_is_hideable(answer)


def can_unhide_answer(user: User | AnonymousUser, answer: Answer) -> bool:
    return can_manage_surveys(user) and answer.hidden


def can_export_responses(user: User | AnonymousUser, survey: Survey) -> bool:
    return can_manage_surveys(user)


def can_add_invitations(user: User | AnonymousUser, survey: Survey, today: datetime.date) -> bool:
    return can_manage_surveys(user) and survey_accepts_invitations(survey, today)


def can_send_invitations(user: User | AnonymousUser, survey: Survey, today: datetime.date) -> bool:
    """Send the pending invitations, or failed and uncertain ones again."""
    return can_manage_surveys(user) and invitations_can_be_sent(survey, today)


def can_remove_invitation(user: User | AnonymousUser, invitation: Invitation) -> bool:
    return can_manage_surveys(user) and invitation_is_removable(invitation)


def can_schedule_reminder(user: User | AnonymousUser, survey: Survey, today: datetime.date) -> bool:
    return can_manage_surveys(user) and survey_accepts_invitations(survey, today)


def can_delete_reminder(user: User | AnonymousUser, reminder_round: ReminderRound) -> bool:
    return can_manage_surveys(user) and reminder_round_is_deletable(reminder_round)

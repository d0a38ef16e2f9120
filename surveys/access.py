"""The only way the survey pages fetch what their address names: loaders that ask
surveys.rules, and the view decorators built from them.

The working group's pages are under /arbetsgruppen/hantera/, where the middleware also demands
two-factor login; `survey_managers_only` adds the role check (the working group or an admin):
an anonymous visitor goes to the login, anyone else is refused (hok.access.refuse). A loader
(`survey_for_manager(user, pk)` ...) raises Http404 when the object is missing (or must not be
told to exist: hok.access.found) and PermissionDenied when the rule refuses (hok.access.granted).
Under `survey_managers_only` the views take their survey through `hok.access.loads(fetch)`
instead: the rule has just been asked, and asking again costs a query the pages' pinned query
counts do not allow. Every survey rule a
page needs is role-only today (surveys.rules: the states limit the writes, which the services
refuse with a message, never the pages). A child is loaded through its already loaded parent
(`question_of`, `invitation_of` ...): one of another survey is missing.

The answering pages need no login: their loaders say why a link cannot be answered instead
(`AnswerLink.refusal`), and the page shows that with its own status.
"""

import datetime
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from hok.access import View, found, granted, loads, permitted_by
from hok.models import User
from surveys import rules
from surveys.models import Answer, Invitation, Question, Survey
from surveys.models.invitations import ReminderRound
from surveys.selectors import answering as answering_selectors
from surveys.selectors import results as results_selectors
from surveys.selectors import surveys as survey_selectors

if TYPE_CHECKING:
    from surveys.selectors.results import ResultSurvey

Person = User | AnonymousUser

survey_managers_only = permitted_by(rules.can_manage_surveys)


# --- fetches (404 only): the loaders' first half, and what `loads` uses under the role check


def survey_by_pk(pk: int) -> Survey:
    return found(Survey.objects.filter(pk=pk).first())


def survey_with_questions(pk: int) -> Survey:
    """The survey with its questions and options and its response counts (the builder's
    pages: surveys.selectors.surveys.survey_for_builder)."""
    return found(survey_selectors.survey_for_builder(pk=pk))


def survey_with_results(pk: int) -> "ResultSurvey":
    """The survey with its counts for the results pages (surveys.selectors.results)."""
    return found(results_selectors.survey_for_results(survey_id=pk, published_only=False))


# --- the working group's loaders --------------------------------------------------------------


def survey_for_manager(user: Person, pk: int) -> Survey:
    """The survey, for the working group's pages."""
    survey = survey_by_pk(pk)
    granted(rules.can_view_survey(user, survey))
    return survey


def survey_with_questions_for_manager(user: Person, pk: int) -> Survey:
    survey = survey_with_questions(pk)
    granted(rules.can_view_survey(user, survey))
    return survey


def results_for_manager(user: Person, pk: int) -> "ResultSurvey":
    """The working group's results of a survey, published or not."""
    survey = survey_with_results(pk)
    granted(rules.can_view_results(user, survey))
    return survey


def question_of(survey: Survey, pk: int) -> Question:
    """One question of the survey (from its prefetched questions where they are)."""
    for question in survey.questions.all():
        if question.pk == pk:
            return question
    raise Http404


def text_question_of(survey: Survey, pk: int) -> Question:
    """One question of the survey that has free texts (a text question, or one with "annat")."""
    question = found(Question.objects.filter(pk=pk, survey_id=survey.pk).first())
    granted(question.kind == Question.Kind.TEXT or question.allow_other, as_missing=True)
    return question


def answer_of(survey_pk: int, answer_id: uuid.UUID) -> Answer:
    """One answer of the survey, with its response."""
    return found(
        Answer.objects.filter(pk=answer_id, response__survey_id=survey_pk)
        .select_related("response")
        .first()
    )


def invitation_of(survey: Survey, pk: int) -> Invitation:
    return found(Invitation.objects.filter(survey=survey, pk=pk).first())


def reminder_round_of(survey: Survey, pk: int) -> ReminderRound:
    return found(ReminderRound.objects.filter(survey=survey, pk=pk).first())


def with_survey_for_manager(view: View) -> View:
    """For the working group (or an admin) only; the view gets the survey named by `pk`
    (the role is checked first, so a refused person never learns whether it exists)."""
    return survey_managers_only(loads(survey_by_pk)(view))


# --- the public's loaders -------------------------------------------------------------------


def published_results(pk: int) -> "ResultSurvey":
    """A survey whose results are published; any other is missing (404), also to the working
    group, whose page for it is another one."""
    survey = found(results_selectors.survey_for_results(survey_id=pk, published_only=True))
    granted(rules.results_are_published(survey), as_missing=True)
    return survey


def survey_for_respondent(pk: int) -> Survey:
    """The survey a respondent has just answered (the thank-you page knows nothing more)."""
    return survey_by_pk(pk)


@dataclass(frozen=True)
class AnswerLink:
    """What a link to answer leads to: the survey (None when unknown), the invitation of a
    personal link, and why it cannot be answered now (a code of surveys.rules, or None)."""

    survey: Survey | None
    invitation: Invitation | None = None
    refusal: str | None = None


def answer_link_for_token(token: str, today: datetime.date) -> AnswerLink:
    """A personal invitation link: unknown, used, or for a survey not open are refused."""
    invitation = answering_selectors.invitation_for_token(token)
    if invitation is None:
        return AnswerLink(survey=None, refusal=rules.UNKNOWN)
    survey = invitation.survey
    refusal = rules.answer_refusal(survey=survey, invitation=invitation, today=today)
    return AnswerLink(survey=survey, invitation=invitation, refusal=refusal)


def answer_link_for_open_key(key: str, today: datetime.date) -> AnswerLink:
    """A survey's open link: unknown (or turned off), or for a survey not open are refused."""
    survey = answering_selectors.survey_for_open_key(key=key)
    if survey is None or not rules.link_reaches_survey(survey, None):
        return AnswerLink(survey=None, refusal=rules.UNKNOWN)
    return AnswerLink(survey=survey, refusal=rules.answer_refusal(survey=survey, today=today))

"""Answering a survey anonymously: find the invitation of a token, store the response(s).

A submission is not written as responses directly: it is sealed into the pool
(`surveys.services.submission_pool`, whose docstring holds the threat model), in the same
transaction that marks the invitation used, and counted later in a shuffled batch. So nothing
stored, not even PostgreSQL's transaction ids or the order of rows, links a response to its
invitation. The invitation only gets `used=True`, written with a conditional UPDATE of that one
column, so no history row and no timestamp is written anywhere.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys import rules
from surveys.models import Invitation, Option, Question, SealedSubmission, Survey
from surveys.rules import CLOSED, NOT_YET_OPEN, UNKNOWN, USED
from surveys.services.submission_pool import (
    SealedAnswer,
    SealedResponse,
    flush_after_submit,
    seal,
)

TEXT_MAX_LENGTH = 2000
OTHER_MAX_LENGTH = 500


@dataclass(frozen=True)
class AnswerInput:
    """One stored answer row: an option, a scale value, or a text (free text or "annat")."""

    question: Question
    option: Option | None = None
    scale_value: int | None = None
    text: str = ""
    is_other: bool = False


@dataclass(frozen=True)
class ResponseInput:
    """The answers of one response, for one unit (None where the survey has no units)."""

    unit: Option | None
    answers: Sequence[AnswerInput]


def _refusal_error(code: str) -> ValidationError:
    messages = {
        USED: _("Den här inbjudan har redan använts för ett svar."),
        NOT_YET_OPEN: _("Enkäten har inte öppnat än."),
        CLOSED: _("Enkäten är stängd."),
        UNKNOWN: _("Länken till enkäten känns inte igen."),
    }
    return ValidationError(messages[code], code=code)


def _answers_validate(*, questions: dict[int, Question], answers: Sequence[AnswerInput]) -> None:
    """The answers fit the survey's questions: right survey, own options, scale in range."""
    answered: set[int] = set()
    for answer in answers:
        question = questions.get(answer.question.pk)
        if question is None or question.kind == Question.Kind.UNITS:
            raise ValidationError(_("Ett svar hör inte till den här enkätens frågor."))
        answered.add(question.pk)
        if answer.option is not None and answer.option.question_id != question.pk:
            raise ValidationError(
                _("Svaret på ”%(question)s” är inte ett av frågans svarsalternativ.")
                % {"question": question.text},
                code="option",
            )
        if answer.scale_value is not None and not 1 <= answer.scale_value <= question.scale_max:
            raise ValidationError(
                _("Svaret på ”%(question)s” ska vara ett värde från 1 till %(max)s.")
                % {"question": question.text, "max": question.scale_max},
                code="scale",
            )
        if answer.is_other and not question.allow_other:
            raise ValidationError(
                _("Frågan ”%(question)s” har inget alternativ ”annat”.")
                % {"question": question.text}
            )
        limit = OTHER_MAX_LENGTH if answer.is_other else TEXT_MAX_LENGTH
        if len(answer.text) > limit:
            raise ValidationError(
                _("Svaret på ”%(question)s” får vara högst %(limit)s tecken långt.")
                % {"question": question.text, "limit": limit},
                code="text",
            )
        if answer.option is None and answer.scale_value is None and not answer.text.strip():
            raise ValidationError(_("Ett svar saknar innehåll."))
    for question in questions.values():
        if question.required and question.kind != Question.Kind.UNITS:
            if question.pk not in answered:
                raise ValidationError(
                    _("Frågan ”%(question)s” måste besvaras.") % {"question": question.text},
                    code="required",
                )


def _units_validate(*, questions: dict[int, Question], units: list[Option | None]) -> None:
    units_question = next((q for q in questions.values() if q.kind == Question.Kind.UNITS), None)
    chosen = [unit for unit in units if unit is not None]
    if len(chosen) != len(set(unit.pk for unit in chosen)):
        raise ValidationError(_("Varje enhet kan bara få ett svar."))
    if chosen and len(chosen) != len(units):
        raise ValidationError(_("Välj en enhet för varje svar."))
    if units_question is None:
        if chosen:
            raise ValidationError(_("Enkäten frågar inte efter enheter."))
        return
    if any(unit.question_id != units_question.pk for unit in chosen):
        raise ValidationError(_("Välj bland enkätens enheter."), code="unit")
    if units_question.required and not chosen:
        raise ValidationError(_("Välj minst en enhet som du svarar för."), code="unit")


def response_submit(
    *,
    survey: Survey,
    responses: Sequence[ResponseInput],
    invitation: Invitation | None = None,
) -> int:
    """Store one anonymous response per unit (or one without units) and use up the invitation.

    The responses are sealed into the pool, to be counted with others (see the module
    docstring); the number of responses sent is returned. Without an invitation the survey must
    have its open link enabled. Everything or nothing is stored; a second submit through the
    same invitation is refused, also when two race.
    """
    _submission_store(survey=survey, responses=responses, invitation=invitation)
    flush_after_submit(survey=survey)
    return len(responses)


@transaction.atomic
def _submission_store(
    *,
    survey: Survey,
    responses: Sequence[ResponseInput],
    invitation: Invitation | None,
) -> None:
    today = timezone.localdate()
    if not responses:
        raise ValidationError(_("Det finns inget svar att spara."))
    if not rules.link_reaches_survey(survey, invitation):
        raise _refusal_error(UNKNOWN)
    refusal = rules.answer_refusal(survey=survey, invitation=invitation, today=today)
    if refusal is not None:
        raise _refusal_error(refusal)
    questions = {question.pk: question for question in survey.questions.all()}
    _units_validate(questions=questions, units=[item.unit for item in responses])
    for item in responses:
        _answers_validate(questions=questions, answers=item.answers)
        # An empty response would count in every answer rate as one that skipped everything.
        if not any(answer.question.kind != Question.Kind.UNITS for answer in item.answers):
            raise ValidationError(_("Svara på minst en fråga innan du skickar."), code="empty")
    if invitation is not None:
        # A conditional UPDATE of the one column: a racing second submit updates nothing.
        # (No save(): that would fire history or auto_now fields if the model ever got them.)
        marked = Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True)
        if not marked:
            raise _refusal_error(USED)
        invitation.used = True
    # In the same transaction as the mark: both or neither, so a crash loses nothing and a
    # token works once. The sealed row holds no invitation id and no time.
    sealed = seal(
        survey_id=survey.pk,
        responses=[
            SealedResponse(
                unit_id=item.unit.pk if item.unit is not None else None,
                answers=[
                    SealedAnswer(
                        question_id=answer.question.pk,
                        option_id=answer.option.pk if answer.option is not None else None,
                        scale_value=answer.scale_value,
                        text=answer.text,
                        is_other=answer.is_other,
                    )
                    for answer in item.answers
                ],
            )
            for item in responses
        ],
    )
    SealedSubmission.objects.create(survey=survey, sealed=sealed)

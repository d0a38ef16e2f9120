"""Write use cases of a survey's results: publish and unpublish them, hide a free-text answer."""

import logging

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hok.audit import record_actor
from hok.generations import bump
from hok.models import User
from hok.utils import field_max_length
from surveys import rules
from surveys.generations import SURVEYS, survey_generation
from surveys.models import Answer, Response, Survey
from surveys.services.submission_pool import submissions_flush

logger = logging.getLogger(__name__)

HIDDEN_REASON_MAX = field_max_length(Answer, "hidden_reason")


def results_publish(*, survey: Survey, by: User) -> Survey:
    """Make the results public. Only a closed survey with enough responses can be published:
    a survey with fewer responses than its minimum group size would show a group that small.
    Whatever still waits in the sealed pool is counted first, so the results are complete."""
    if rules.survey_is_closed(survey, timezone.localdate()):
        submissions_flush(survey_id=survey.pk, closing=True)
    return _results_publish(survey=survey, by=by)


@transaction.atomic
def _results_publish(*, survey: Survey, by: User) -> Survey:
    bump(SURVEYS, survey_generation(survey.pk))
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if rules.results_are_published(survey):
        raise ValidationError(_("Resultaten är redan publicerade."), code="published")
    if not rules.survey_is_closed(survey, timezone.localdate()):
        raise ValidationError(
            _("Resultaten kan publiceras först när enkäten har stängt."), code="open"
        )
    responses = Response.objects.filter(survey=survey).count()
    if not rules.has_enough_responses(survey, responses):
        raise ValidationError(
            _(
                "Enkäten har %(responses)s svar, färre än minsta gruppstorlek "
                "(%(minimum)s). Resultaten kan inte publiceras."
            )
            % {"responses": responses, "minimum": survey.min_group_size},
            code="too_few",
        )
    survey.results_published_at = timezone.now()
    record_actor(survey, by=by)
    survey.save(update_fields=["results_published_at"])
    logger.info("Survey %s: results published by user %s", survey.pk, by.pk)
    return survey


@transaction.atomic
def results_unpublish(*, survey: Survey, by: User) -> Survey:
    bump(SURVEYS, survey_generation(survey.pk))
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not rules.results_are_published(survey):
        raise ValidationError(_("Resultaten är inte publicerade."), code="not_published")
    survey.results_published_at = None
    record_actor(survey, by=by)
    survey.save(update_fields=["results_published_at"])
    logger.info("Survey %s: results unpublished by user %s", survey.pk, by.pk)
    return survey


@transaction.atomic
def answer_hide(*, answer: Answer, reason: str, by: User) -> Answer:
    """Hide a free-text (or "annat") answer, e.g. one that identifies a person. Hidden answers
    never appear on the public page or in exports; the working group still sees them."""
    bump(survey_generation(answer.response.survey_id))
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    reason = reason.strip()
    if not rules.answer_is_hideable(answer):
        raise ValidationError(_("Bara fritextsvar kan döljas."), code="not_text")
    if not reason:
        raise ValidationError(
            {"reason": _("Skriv varför svaret döljs, till exempel att det pekar ut en person.")}
        )
    try:
        ProhibitNullCharactersValidator()(reason)  # PostgreSQL stores no NUL bytes in text
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from error
    if len(reason) > HIDDEN_REASON_MAX:
        raise ValidationError(
            {
                "reason": _("Skälet får vara högst %(max)s tecken.") % {"max": HIDDEN_REASON_MAX},
            }
        )
    answer.hidden = True
    answer.hidden_reason = reason
    answer.save(update_fields=["hidden", "hidden_reason"])
    logger.info("Answer %s hidden by user %s", answer.pk, by.pk)
    return answer


@transaction.atomic
def answer_unhide(*, answer: Answer, by: User) -> Answer:
    bump(survey_generation(answer.response.survey_id))
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if not answer.hidden:
        raise ValidationError(_("Svaret är inte dolt."), code="not_hidden")
    answer.hidden = False
    answer.hidden_reason = ""
    answer.save(update_fields=["hidden", "hidden_reason"])
    logger.info("Answer %s shown again by user %s", answer.pk, by.pk)
    return answer

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.models.questions import Option, Question
from surveys.models.survey import Survey


class Response(models.Model):
    """One anonymous response (for one unit, where the survey has a units question).

    Deliberately nothing else: no user, no token, no IP address, no time finer than the date,
    and a random (not sequential) id, so no column can link it to an invitation or a person.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    submitted_on = models.DateField(_("inskickat"))
    unit = models.ForeignKey(
        Option,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unit_responses",
        verbose_name=_("enhet"),
    )

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        ordering = ["survey", "submitted_on"]

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    """One answer in a response: an option, a scale value, or a text (free text or "annat").

    A multiple-choice question gets one row per selected option.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(
        Option, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    scale_value = models.PositiveSmallIntegerField(_("värde på skalan"), null=True, blank=True)
    text = models.TextField(_("text"), max_length=4000, blank=True)
    is_other = models.BooleanField(_("annat"), default=False)
    hidden = models.BooleanField(_("dold"), default=False)
    hidden_reason = models.CharField(_("skäl att dölja"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("delsvar")
        verbose_name_plural = _("delsvar")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        option__isnull=False, scale_value__isnull=True, text="", is_other=False
                    )
                    | models.Q(
                        option__isnull=True, scale_value__isnull=False, text="", is_other=False
                    )
                    | (models.Q(option__isnull=True, scale_value__isnull=True) & ~models.Q(text=""))
                ),
                name="answer_exactly_one_value",
            ),
            models.CheckConstraint(
                condition=models.Q(scale_value__isnull=True) | models.Q(scale_value__gte=1),
                name="answer_scale_value_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(hidden=False) | ~models.Q(text=""),
                name="answer_only_text_is_hidden",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=models.Q(option__isnull=False),
                name="answer_option_once",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=models.Q(option__isnull=True),
                name="answer_one_value_per_question",
            ),
        ]

    def __str__(self) -> str:
        if self.option_id:
            return str(self.option)
        if self.scale_value is not None:
            return str(self.scale_value)
        return self.text


class SealedSubmission(models.Model):
    """One submitted answer (all of its units) waiting to be counted, sealed so that no reader
    of the database can tell what it says (see `surveys.services.submission_pool`).

    Deliberately nothing readable but the survey: a random id, and the answers encrypted with a
    key the database does not hold, padded so that their length says next to nothing. Rows are
    turned into `Response`s in shuffled batches and deleted in the same transaction.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="sealed_submissions")
    sealed = models.BinaryField(_("förseglat svar"))

    class Meta:
        verbose_name = _("förseglat svar som väntar")
        verbose_name_plural = _("förseglade svar som väntar")

    def __str__(self) -> str:
        return str(self.id)

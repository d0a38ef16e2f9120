"""The working group builds surveys: settings, questions, options, copies to next year.

Once a survey has responses, nothing that would break the stored answers may change: no
question or option is deleted, no question changes kind or scale, and "annat" is not taken
away. Harmless edits (a typo, a help text, the order) stay allowed.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from hok.audit import record_actor
from hok.generations import bump
from hok.models import User
from surveys import rules
from surveys.generations import SURVEYS, survey_generation
from surveys.models import Option, Question, Survey, SurveySeries
from surveys.models.questions import SCALE_MAX_HIGHEST, SCALE_MAX_LOWEST

# The fewest options a choice, background or units question can have.
MIN_OPTIONS = 2


@dataclass(frozen=True)
class SurveySettings:
    title: str
    introduction: str
    opens_on: datetime.date
    closes_on: datetime.date
    min_group_size: int = 5
    open_link_enabled: bool = False


@dataclass(frozen=True)
class QuestionData:
    kind: str
    text: str
    help_text: str = ""
    required: bool = False
    allow_other: bool = False
    other_label: str = "Annat"
    scale_max: int = 5
    scale_min_label: str = ""
    scale_max_label: str = ""


@dataclass(frozen=True)
class OptionChange:
    """What the builder says about one existing option: its text, its place, or deletion."""

    option_id: int
    text: str
    position: int
    delete: bool = False


@dataclass
class _OptionPlan:
    text: str
    position: int
    option: Option | None = None
    order: int = field(default=0)


def _locked_message() -> str:
    return _(
        "Enkäten har redan svar. Därför går det inte att ta bort frågor eller svarsalternativ, "
        "byta frågetyp, ändra skalan eller ta bort ”annat”: det skulle ändra betydelsen av "
        "svaren som redan har lämnats. Rättelser av texter, hjälptexter och ordningen går bra."
    )


def _check_settings(settings: SurveySettings) -> None:
    errors: dict[str, str] = {}
    if not settings.title.strip():
        errors["title"] = _("Ge enkäten en titel.")
    if settings.closes_on < settings.opens_on:
        errors["closes_on"] = _("Enkäten kan inte stänga innan den öppnar.")
    if settings.min_group_size < 1:
        errors["min_group_size"] = _("Minsta gruppstorlek måste vara minst 1.")
    if errors:
        raise ValidationError(errors)


def _series_for(*, title: str, year: int) -> SurveySeries:
    name = title.replace(str(year), "").strip(" –-:") or title
    return SurveySeries.objects.create(name=name)


@transaction.atomic
def survey_create(*, by: User, settings: SurveySettings) -> Survey:
    """A new survey in a new series; the year is that of its opening date."""
    _check_settings(settings)
    year = settings.opens_on.year
    survey = Survey(
        title=settings.title.strip(),
        introduction=settings.introduction.strip(),
        opens_on=settings.opens_on,
        closes_on=settings.closes_on,
        min_group_size=settings.min_group_size,
        open_link_enabled=settings.open_link_enabled,
        series=_series_for(title=settings.title.strip(), year=year),
        year=year,
        created_by=by,
    )
    record_actor(survey, by=by)
    survey.save(force_insert=True)
    return survey


@transaction.atomic
def survey_update(*, by: User, survey: Survey, settings: SurveySettings) -> Survey:
    """Change a survey's settings. The year follows the opening date, within its series."""
    bump(SURVEYS, survey_generation(survey.pk))
    _check_settings(settings)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    year = settings.opens_on.year
    if (
        year != survey.year
        and Survey.objects.filter(series=survey.series, year=year).exclude(pk=survey.pk).exists()
    ):
        raise ValidationError(
            {
                "opens_on": _(
                    "Serien har redan en enkät för %(year)s. Välj ett datum under ett annat år."
                )
                % {"year": year}
            }
        )
    survey.title = settings.title.strip()
    survey.introduction = settings.introduction.strip()
    survey.opens_on = settings.opens_on
    survey.closes_on = settings.closes_on
    survey.min_group_size = settings.min_group_size
    survey.open_link_enabled = settings.open_link_enabled
    survey.year = year
    record_actor(survey, by=by)
    survey.save(
        update_fields=[
            "title",
            "introduction",
            "opens_on",
            "closes_on",
            "min_group_size",
            "open_link_enabled",
            "year",
        ]
    )
    return survey


@transaction.atomic
def survey_delete(*, by: User, survey: Survey) -> None:
    """Delete a survey that nobody has answered (with its questions and invitations)."""
    bump(SURVEYS, survey_generation(survey.pk))
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if rules.survey_is_locked(survey):
        raise ValidationError(
            _(
                "Enkäten har svar och kan inte tas bort. Svaren är underlag för uppföljningen "
                "och ska finnas kvar."
            ),
            code="locked",
        )
    series = survey.series
    for question in survey.questions.prefetch_related("options"):
        _delete_question(question, by=by)
    record_actor(survey, by=by)
    survey.delete()
    if not series.surveys.exists():
        series.delete()


def _next_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def survey_copy_to_next_year(*, by: User, survey: Survey) -> Survey:
    """The same survey one year later, in the same series: its questions and options keep
    their identity so that the years can be compared. No invitations or responses follow."""
    year = survey.year + 1
    if Survey.objects.filter(series=survey.series, year=year).exists():
        raise ValidationError(
            _("Det finns redan en enkät för %(year)s i samma serie.") % {"year": year},
            code="exists",
        )
    copy = Survey(
        title=survey.title.replace(str(survey.year), str(year)),
        introduction=survey.introduction,
        opens_on=_next_year(survey.opens_on),
        closes_on=_next_year(survey.closes_on),
        min_group_size=survey.min_group_size,
        open_link_enabled=survey.open_link_enabled,
        series=survey.series,
        year=year,
        created_by=by,
    )
    record_actor(copy, by=by)
    copy.save(force_insert=True)
    for question in survey.questions.prefetch_related("options"):
        options = list(question.options.all())
        question.pk = None
        question.survey = copy
        record_actor(question, by=by)
        question.save(force_insert=True)
        _options_create(
            [
                Option(question=question, position=o.position, text=o.text, identity=o.identity)
                for o in options
            ],
            by=by,
        )
    return copy


def _options_create(options: list[Option], *, by: User) -> None:
    """Create options in one query, with their history rows naming `by`."""
    bulk_create_with_history(options, Option, default_user=by)


def _clean_option_texts(texts: Sequence[str]) -> list[str]:
    return [" ".join(text.split()) for text in texts if text.strip()]


def _check_question(*, survey: Survey, data: QuestionData, exclude: Question | None) -> None:
    errors: dict[str, str] = {}
    if data.kind not in Question.Kind.values:
        errors["kind"] = _("Välj en frågetyp.")
    if not data.text.strip():
        errors["text"] = _("Skriv frågan.")
    if data.kind == Question.Kind.SCALE and not (
        SCALE_MAX_LOWEST <= data.scale_max <= SCALE_MAX_HIGHEST
    ):
        errors["scale_max"] = _("Skalan går från 1 till ett värde mellan %(low)s och %(high)s.") % {
            "low": SCALE_MAX_LOWEST,
            "high": SCALE_MAX_HIGHEST,
        }
    if data.allow_other and data.kind not in Question.OTHER_KINDS:
        errors["allow_other"] = _("”Annat (fritext)” finns bara för envals- och flervalsfrågor.")
    if data.allow_other and not data.other_label.strip():
        errors["other_label"] = _("Skriv texten för svarsalternativet ”annat”.")
    if data.kind == Question.Kind.UNITS:
        others = survey.questions.filter(kind=Question.Kind.UNITS)
        if exclude is not None:
            others = others.exclude(pk=exclude.pk)
        if others.exists():
            errors["kind"] = _("Enkäten har redan en fråga om vilka enheter man svarar för.")
    if errors:
        raise ValidationError(errors)


def _check_option_texts(*, kind: str, texts: Sequence[str]) -> None:
    if kind not in Question.CHOICE_KINDS:
        return
    if len(texts) < MIN_OPTIONS:
        raise ValidationError(
            {"new_options": _("Frågan behöver minst två svarsalternativ, ett per rad.")}
        )
    seen: set[str] = set()
    for text in texts:
        if text.casefold() in seen:
            raise ValidationError(
                {
                    "new_options": _("Svarsalternativet ”%(text)s” finns två gånger.")
                    % {"text": text}
                }
            )
        seen.add(text.casefold())


def _fields(data: QuestionData) -> dict[str, object]:
    """The stored fields: what does not belong to the kind is reset, so nothing stale stays."""
    scale = data.kind == Question.Kind.SCALE
    return {
        "kind": data.kind,
        "text": data.text.strip(),
        "help_text": data.help_text.strip(),
        "required": data.required,
        "allow_other": data.allow_other and data.kind in Question.OTHER_KINDS,
        "other_label": data.other_label.strip() or "Annat",
        "scale_max": data.scale_max if scale else 5,
        "scale_min_label": data.scale_min_label.strip() if scale else "",
        "scale_max_label": data.scale_max_label.strip() if scale else "",
    }


@transaction.atomic
def question_create(
    *, by: User, survey: Survey, data: QuestionData, options: Sequence[str] = ()
) -> Question:
    """Add a question at the end of the survey, with its options (one text each)."""
    _check_question(survey=survey, data=data, exclude=None)
    texts = _clean_option_texts(options)
    _check_option_texts(kind=data.kind, texts=texts)
    last = survey.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question(survey=survey, position=last + 1, **_fields(data))
    record_actor(question, by=by)
    question.save(force_insert=True)
    if data.kind in Question.CHOICE_KINDS:
        _options_create(
            [
                Option(question=question, position=number, text=text)
                for number, text in enumerate(texts, start=1)
            ],
            by=by,
        )
    return question


@transaction.atomic
def question_update(
    *,
    by: User,
    question: Question,
    data: QuestionData,
    option_changes: Sequence[OptionChange] = (),
    new_options: Sequence[str] = (),
) -> Question:
    """Change a question and its options: edit, reorder (by position), delete, add at the end.

    With responses, the changes that would break answers are refused (see the module).
    """
    question = Question.objects.select_for_update().select_related("survey").get(pk=question.pk)
    survey = question.survey
    _check_question(survey=survey, data=data, exclude=question)
    existing = {option.pk: option for option in question.options.all()}
    changes = {change.option_id: change for change in option_changes}
    if unknown := set(changes) - set(existing):
        raise ValidationError(
            _("Svarsalternativ %(ids)s hör inte till frågan.")
            % {"ids": ", ".join(str(i) for i in sorted(unknown))},
            code="unknown_option",
        )
    keeps_options = data.kind in Question.CHOICE_KINDS
    deleted = [
        option
        for pk, option in existing.items()
        if not keeps_options or (pk in changes and changes[pk].delete)
    ]
    if rules.survey_is_locked(survey) and rules.question_change_breaks_answers(
        question,
        kind=data.kind,
        scale_max=data.scale_max,
        allow_other=data.allow_other,
        deletes_options=bool(deleted),
    ):
        raise ValidationError(_locked_message(), code="locked")

    plans: list[_OptionPlan] = []
    if keeps_options:
        for pk, option in existing.items():
            change = changes.get(pk)
            if change is not None and change.delete:
                continue
            text = " ".join(change.text.split()) if change is not None else option.text
            if not text:
                raise ValidationError(
                    {
                        "options": _(
                            "Ett svarsalternativ saknar text. Skriv en text eller ta bort det."
                        )
                    }
                )
            position = change.position if change is not None else option.position
            # On a tie, an option moved down goes after the one already there, one moved up
            # before it: "place 3" means "where the third one is now".
            tie = 1 if position == option.position else (2 if position > option.position else 0)
            plans.append(_OptionPlan(text=text, position=position, option=option, order=tie))
        for offset, text in enumerate(_clean_option_texts(new_options)):
            plans.append(_OptionPlan(text=text, position=10**6 + offset))
        _check_option_texts(kind=data.kind, texts=[plan.text for plan in plans])

    for name, value in _fields(data).items():
        setattr(question, name, value)
    record_actor(question, by=by)
    question.save(update_fields=[*_fields(data)])
    for option in deleted:
        record_actor(option, by=by)
        option.delete()
    plans.sort(key=lambda plan: (plan.position, plan.order))
    for number, plan in enumerate(plans, start=1):
        if plan.option is None:
            option = Option(question=question, position=number, text=plan.text)
            record_actor(option, by=by)
            option.save(force_insert=True)
        elif (plan.option.position, plan.option.text) != (number, plan.text):
            plan.option.position = number
            plan.option.text = plan.text
            record_actor(plan.option, by=by)
            plan.option.save(update_fields=["position", "text"])
    return question


def _renumber(survey: Survey, *, by: User) -> None:
    for number, question in enumerate(survey.questions.order_by("position", "id"), start=1):
        if question.position != number:
            question.position = number
            record_actor(question, by=by)
            question.save(update_fields=["position"])


@transaction.atomic
def question_delete(*, by: User, question: Question) -> None:
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    if rules.survey_is_locked(survey):
        raise ValidationError(_locked_message(), code="locked")
    _delete_question(question, by=by)
    _renumber(survey, by=by)


def _delete_question(question: Question, *, by: User) -> None:
    # One by one, options first (not by cascade), so that every history row names `by`.
    for option in question.options.all():
        record_actor(option, by=by)
        option.delete()
    record_actor(question, by=by)
    question.delete()


@transaction.atomic
def question_move(*, by: User, question: Question, up: bool) -> None:
    """Swap a question with its neighbour above (`up`) or below. At an end, nothing happens."""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _renumber(survey, by=by)
    questions = list(survey.questions.order_by("position", "id"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(questions):
        return
    first, second = questions[index], questions[other]
    first.position, second.position = second.position, first.position
    for moved in (first, second):
        record_actor(moved, by=by)
        moved.save(update_fields=["position"])

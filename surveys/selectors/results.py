"""A survey's results, aggregated in the database.

The whole results page costs a fixed number of queries however many questions and responses
there are: the survey with its response counts and last year's survey (1), the questions (1)
and options (1) of both years, every count of both years in one UNION of GROUP BYs (1), the
first TEXTS_SHOWN free texts of each question with their number (1) and, with a breakdown, the
counts per group in one more UNION (1).

Percentages per option are over the responses that answered the question; the answer rate in
a question's title is over all responses of the survey. A response is one unit (one committee
for a secretary who answers for several), so every figure counts units, not people.

A breakdown group smaller than the survey's minimum group size is suppressed: its figures are
never computed into the result, so no template or export can show them. If exactly one
non-empty group is suppressed, the smallest other non-empty group is suppressed too, so the
small one cannot be worked out from the overall figures.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    BooleanField,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext as _

from surveys.models import Answer, Option, Question, Response, SealedSubmission, Survey

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

Kind = Question.Kind
NO_ANSWER = "inget-svar"
# Free texts shown on the results page per question; the rest are on the question's own page.
TEXTS_SHOWN = 20

# Which kind of figure a row of the counts query carries (the `part` column).
PART_COUNT = 0  # responses per option / scale value / "annat" / free text
PART_ANSWERED = 1  # responses that answered the question at all


# --- figures ----------------------------------------------------------------------------------


def percent(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in whole per cent, rounded half up (9 of 13 is 69)."""
    if not whole:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def mean(distribution: dict[int, int]) -> Decimal | None:
    """The mean of a scale's answers, to two decimals, from {value: count}."""
    answers = sum(distribution.values())
    if not answers:
        return None
    total = sum(value * count for value, count in distribution.items())
    return (Decimal(total) / Decimal(answers)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- results ----------------------------------------------------------------------------------


@dataclass
class Cell:
    """One group's figure for one row: None when the group is suppressed."""

    count: int
    percent: Decimal | None


@dataclass
class Row:
    """An option (or a scale value, or "annat") of a question, with its figures."""

    label: str
    count: int
    percent: Decimal | None
    key: str  # "o<option id>", "s<scale value>" or "other"
    is_other: bool = False
    previous_percent: Decimal | None = None
    has_previous: bool = False
    cells: list[Cell | None] = field(default_factory=list)  # one per breakdown group


@dataclass
class Text:
    """A free-text or "annat" answer."""

    id: uuid.UUID
    text: str
    is_other: bool
    hidden: bool
    hidden_reason: str


@dataclass
class GroupFigures:
    """A question's figures in one breakdown group (None everywhere when suppressed)."""

    answered: int | None
    answer_rate: Decimal | None
    mean: Decimal | None


@dataclass
class QuestionResult:
    question: Question
    number: int
    answered: int
    answer_rate: Decimal | None
    rows: list[Row]
    mean: Decimal | None = None
    texts: list[Text] = field(default_factory=list)  # the first TEXTS_SHOWN of them
    text_count: int = 0
    has_previous: bool = False
    previous_answer_rate: Decimal | None = None
    previous_mean: Decimal | None = None
    groups: list[GroupFigures | None] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def is_scale(self) -> bool:
        return self.question.kind == Kind.SCALE

    @property
    def is_text(self) -> bool:
        return self.question.kind == Kind.TEXT

    @property
    def more_texts(self) -> bool:
        return self.text_count > len(self.texts)


@dataclass
class Group:
    """A breakdown group: one option of the background question, or no answer to it."""

    key: str
    label: str
    size: int | None  # None when suppressed
    suppressed: bool


@dataclass
class Breakdown:
    question: Question
    groups: list[Group]

    @property
    def any_suppressed(self) -> bool:
        return any(group.suppressed for group in self.groups)


@dataclass
class Results:
    survey: Survey
    response_count: int
    questions: list[QuestionResult]
    previous_survey_id: int | None = None
    previous_year: int | None = None
    previous_response_count: int = 0
    breakdown: Breakdown | None = None
    background_questions: list[Question] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return any(result.has_previous for result in self.questions)


class BreakdownError(ValueError):
    """The breakdown asked for cannot be made; the message is for the user, in Swedish."""

    # The results without the breakdown, set where it is raised.
    results: Results


# --- queries --------------------------------------------------------------------------------


class ResultCounts(TypedDict):
    """What `survey_for_results` annotates."""

    response_count: int
    waiting_count: int
    previous_id: int | None
    previous_year: int | None
    previous_response_count: int


if TYPE_CHECKING:
    ResultSurvey = WithAnnotations[Survey, ResultCounts]


def survey_for_results(*, survey_id: int, published_only: bool = False) -> "ResultSurvey | None":
    """The survey with its response count and last year's survey of its series (one query).

    Annotated: response_count, previous_id, previous_year, previous_response_count, and
    waiting_count (submissions sealed in the pool, not yet counted in any figure).
    """
    previous = Survey.objects.filter(
        series_id=OuterRef("series_id"), year__lt=OuterRef("year")
    ).order_by("-year")

    def responses_of(survey_ref: OuterRef | F) -> Subquery:
        return Subquery(
            Response.objects.filter(survey_id=survey_ref)
            .order_by()
            .values("survey_id")
            .annotate(n=Count("id"))
            .values("n")[:1],
            output_field=IntegerField(),
        )

    surveys = (
        Survey.objects.select_related("series")
        .annotate(
            response_count=Coalesce(responses_of(OuterRef("pk")), 0),
            waiting_count=Coalesce(
                Subquery(
                    SealedSubmission.objects.filter(survey_id=OuterRef("pk"))
                    .order_by()
                    .values("survey_id")
                    .annotate(n=Count("id"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
            previous_id=Subquery(previous.values("id")[:1]),
            previous_year=Subquery(previous.values("year")[:1]),
        )
        .annotate(previous_response_count=Coalesce(responses_of(OuterRef("previous_id")), 0))
    )
    if published_only:
        surveys = surveys.filter(results_published_at__isnull=False)
    return surveys.filter(pk=survey_id).first()


def surveys_published() -> QuerySet[Survey]:
    """Surveys whose results the working group has published, newest first."""
    return (
        Survey.objects.filter(results_published_at__isnull=False)
        .select_related("series")
        .order_by("-year", "title")
    )


def _count_parts(questions: list[Question], survey_ids: list[int]) -> QuerySet:
    """Every count of the surveys in one query: rows (q, o, s, other, n, part).

    Answers are picked by their question ids (known already), so no join is needed. Only a
    multiple-choice question can have several answers in one response, so only there does
    "answered" need COUNT(DISTINCT response); elsewhere each answer is one response.
    """
    answered_ids = [q.id for q in questions if q.kind != Kind.UNITS]
    multiple_ids = [q.id for q in questions if q.kind == Kind.MULTIPLE]
    single_ids = [q.id for q in questions if q.kind not in (Kind.UNITS, Kind.MULTIPLE)]
    nothing = Value(None, output_field=IntegerField())
    counts = (
        Answer.objects.filter(question_id__in=answered_ids)
        .order_by()
        .values(q=F("question_id"), o=F("option_id"), s=F("scale_value"), other=F("is_other"))
        .annotate(n=Count("id"), part=Value(PART_COUNT))
    )

    def answered_by(ids: list[int], how: Count) -> QuerySet:
        return (
            Answer.objects.filter(question_id__in=ids)
            .order_by()
            .values(q=F("question_id"))
            .annotate(
                o=nothing,
                s=nothing,
                other=Value(False, output_field=BooleanField()),
                n=how,
                part=Value(PART_ANSWERED),
            )
        )

    parts = [answered_by(single_ids, Count("id"))]
    if multiple_ids:
        parts.append(answered_by(multiple_ids, Count("response_id", distinct=True)))
    if any(question.kind == Kind.UNITS for question in questions):
        # A response's unit is on the response itself: one response per unit.
        units = Response.objects.filter(survey_id__in=survey_ids, unit__isnull=False).order_by()
        parts.append(
            units.values(q=F("unit__question_id"), o=F("unit_id")).annotate(
                s=nothing,
                other=Value(False, output_field=BooleanField()),
                n=Count("id"),
                part=Value(PART_COUNT),
            )
        )
        parts.append(
            units.values(q=F("unit__question_id")).annotate(
                o=nothing,
                s=nothing,
                other=Value(False, output_field=BooleanField()),
                n=Count("id"),
                part=Value(PART_ANSWERED),
            )
        )
    return counts.union(*parts, all=True)


def _breakdown_parts(questions: list[Question], background: Question) -> QuerySet:
    """Counts per breakdown group in one query: rows (g, q, o, s, other, n, part).

    g is the option of the background question the response chose (NULL: none). `questions`
    are the survey's own; the units question and the background question are left out.
    """
    split = [q for q in questions if q.kind != Kind.UNITS and q.id != background.id]

    def answers(ids: list[int]) -> QuerySet:
        return (
            Answer.objects.filter(question_id__in=ids)
            .annotate(
                background=FilteredRelation(
                    "response__answers",
                    condition=Q(response__answers__question_id=background.id),
                )
            )
            .order_by()
        )

    nothing = Value(None, output_field=IntegerField())
    counts = (
        answers([q.id for q in split])
        .values(
            g=F("background__option_id"),
            q=F("question_id"),
            o=F("option_id"),
            s=F("scale_value"),
            other=F("is_other"),
        )
        .annotate(n=Count("id"), part=Value(PART_COUNT))
    )

    def answered_by(ids: list[int], how: Count) -> QuerySet:
        return (
            answers(ids)
            .values(g=F("background__option_id"), q=F("question_id"))
            .annotate(
                o=nothing,
                s=nothing,
                other=Value(False, output_field=BooleanField()),
                n=how,
                part=Value(PART_ANSWERED),
            )
        )

    parts = [answered_by([q.id for q in split if q.kind != Kind.MULTIPLE], Count("id"))]
    multiple_ids = [q.id for q in split if q.kind == Kind.MULTIPLE]
    if multiple_ids:
        parts.append(answered_by(multiple_ids, Count("response_id", distinct=True)))
    return counts.union(*parts, all=True)


def _text_answers(*, survey_id: int, public: bool) -> QuerySet[Answer]:
    answers = Answer.objects.filter(response__survey_id=survey_id).exclude(text="")
    return answers.filter(hidden=False) if public else answers


def question_texts(*, survey: Survey, question_id: int, public: bool) -> QuerySet[Answer]:
    """Every free text (or "annat" text) of one question, in the order the results page uses;
    without the hidden ones when `public`."""
    return (
        _text_answers(survey_id=survey.id, public=public)
        .filter(question_id=question_id)
        .only("id", "text", "is_other", "hidden", "hidden_reason")
        .order_by("text", "id")
    )


# --- assembling -----------------------------------------------------------------------------


@dataclass
class _Counts:
    """The figures of one question (in one survey, or one group)."""

    answered: int = 0
    options: dict[int, int] = field(default_factory=dict)
    scale: dict[int, int] = field(default_factory=dict)
    other: int = 0
    texts: int = 0


def _collect(rows: Iterable[dict]) -> dict[int, _Counts]:
    by_question: dict[int, _Counts] = defaultdict(_Counts)
    for row in rows:
        counts = by_question[row["q"]]
        if row["part"] == PART_ANSWERED:
            counts.answered = row["n"]
        elif row["o"] is not None:
            counts.options[row["o"]] = row["n"]
        elif row["s"] is not None:
            counts.scale[row["s"]] = row["n"]
        elif row["other"]:
            counts.other = row["n"]
        else:
            counts.texts = row["n"]
    return by_question


def _row_specs(question: Question, options: list[Option]) -> Iterator[tuple[str, str, bool]]:
    """(key, label, is_other) of each row a question's table has, in order."""
    if question.kind == Kind.SCALE:
        for value in range(1, question.scale_max + 1):
            label = str(value)
            if value == 1 and question.scale_min_label:
                label = f"{value}: {question.scale_min_label}"
            elif value == question.scale_max and question.scale_max_label:
                label = f"{value}: {question.scale_max_label}"
            yield f"s{value}", label, False
    elif question.kind in Question.CHOICE_KINDS:
        for option in options:
            yield f"o{option.id}", option.text, False
        if question.allow_other:
            yield "other", question.other_label, True


def _count_for(key: str, counts: _Counts) -> int:
    if key == "other":
        return counts.other
    if key.startswith("s"):
        return counts.scale.get(int(key[1:]), 0)
    return counts.options.get(int(key[1:]), 0)


def suppressed_groups(sizes: dict[str, int], minimum: int) -> set[str]:
    """The groups not to show: those under `minimum`, and one more if that alone would leak."""
    small = {key for key, size in sizes.items() if size < minimum}
    leaking = [key for key in small if sizes[key] > 0]
    if len(leaking) == 1:
        others = sorted((size, key) for key, size in sizes.items() if key not in small and size > 0)
        if others:
            small.add(others[0][1])
    return small


def survey_results(
    *,
    survey: "ResultSurvey",
    public: bool,
    breakdown_question_id: int | None = None,
) -> Results:
    """Everything the results page shows. `survey` comes from `survey_for_results`.

    `public` leaves out hidden free texts. Raises BreakdownError (Swedish message) when the
    breakdown question is not a background question of this survey; the results without a
    breakdown are then attached to the error as `.results`.
    """
    response_count: int = survey.response_count
    previous_id: int | None = survey.previous_id
    survey_ids = [survey.id] + ([previous_id] if previous_id else [])

    questions = list(
        Question.objects.filter(survey_id__in=survey_ids).order_by("survey_id", "position", "id")
    )
    options_by_question: dict[int, list[Option]] = defaultdict(list)
    for option in Option.objects.filter(question__survey_id__in=survey_ids).order_by(
        "question_id", "position", "id"
    ):
        options_by_question[option.question_id].append(option)
    current = [question for question in questions if question.survey_id == survey.id]
    previous = [question for question in questions if question.survey_id != survey.id]
    counts = _collect(_count_parts(questions, survey_ids))

    texts: dict[int, list[Text]] = defaultdict(list)
    text_totals: dict[int, int] = {}
    if any(question.kind == Kind.TEXT or question.allow_other for question in current):
        # The first TEXTS_SHOWN texts of each question, and how many it has (one query).
        ranked = (
            _text_answers(survey_id=survey.id, public=public)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("question_id")],
                    order_by=[F("text").asc(), F("id").asc()],
                ),
                total=Window(Count("id"), partition_by=[F("question_id")]),
            )
            .filter(rank__lte=TEXTS_SHOWN)
            .order_by("question_id", "rank")
        )
        for values in ranked.values(
            "id", "question_id", "text", "is_other", "hidden", "hidden_reason", "total"
        ):
            question_id = values["question_id"]
            text_totals[question_id] = values["total"]
            texts[question_id].append(
                Text(
                    id=values["id"],
                    text=values["text"],
                    is_other=values["is_other"],
                    hidden=values["hidden"],
                    hidden_reason=values["hidden_reason"],
                )
            )

    previous_by_identity = {question.identity: question for question in previous}
    previous_count: int = survey.previous_response_count
    results: list[QuestionResult] = []
    for number, question in enumerate(current, start=1):
        own = counts.get(question.id, _Counts())
        options = options_by_question[question.id]
        before = previous_by_identity.get(question.identity)
        before_counts = counts.get(before.id, _Counts()) if before else None
        before_keys: dict[str, str] = {}
        if before is not None and before.kind == question.kind:
            # Options match by identity (kept by copies); scale values and "annat" by themselves.
            before_options = {option.identity: option for option in options_by_question[before.id]}
            for option in options:
                if option.identity in before_options:
                    before_keys[f"o{option.id}"] = f"o{before_options[option.identity].id}"
            for value in range(1, question.scale_max + 1):
                if value <= before.scale_max:
                    before_keys[f"s{value}"] = f"s{value}"
            if question.allow_other and before.allow_other:
                before_keys["other"] = "other"
        rows = []
        for key, label, is_other in _row_specs(question, options):
            count = _count_for(key, own)
            row = Row(
                label=label,
                count=count,
                percent=percent(count, own.answered),
                key=key,
                is_other=is_other,
            )
            if before_counts is not None and key in before_keys:
                row.has_previous = True
                row.previous_percent = percent(
                    _count_for(before_keys[key], before_counts), before_counts.answered
                )
            rows.append(row)
        result = QuestionResult(
            question=question,
            number=number,
            answered=own.answered,
            answer_rate=percent(own.answered, response_count),
            rows=rows,
            texts=texts.get(question.id, []),
            text_count=text_totals.get(question.id, 0),
        )
        if question.kind == Kind.SCALE:
            result.mean = mean(own.scale)
        if before is not None and before_counts is not None:
            result.has_previous = True
            result.previous_answer_rate = percent(before_counts.answered, previous_count)
            if question.kind == Kind.SCALE and before.kind == Kind.SCALE:
                result.previous_mean = mean(before_counts.scale)
        results.append(result)

    outcome = Results(
        survey=survey,
        response_count=response_count,
        questions=results,
        previous_survey_id=previous_id,
        previous_year=survey.previous_year,
        previous_response_count=previous_count,
        background_questions=[q for q in current if q.kind == Kind.BACKGROUND],
    )
    if breakdown_question_id is None:
        return outcome
    background = next((q for q in current if q.id == breakdown_question_id), None)
    if background is None:
        error = BreakdownError(_("Frågan att dela upp efter finns inte i den här enkäten."))
        error.results = outcome
        raise error
    if background.kind != Kind.BACKGROUND:
        error = BreakdownError(
            _("Resultaten kan bara delas upp efter en bakgrundsfråga, och den frågan är ingen.")
        )
        error.results = outcome
        raise error
    _add_breakdown(outcome, current, background, options_by_question[background.id], counts)
    return outcome


def _add_breakdown(
    outcome: Results,
    current_questions: list[Question],
    background: Question,
    background_options: list[Option],
    counts: dict[int, _Counts],
) -> None:
    """Split every other question's figures by the options of `background` (one query)."""
    survey = outcome.survey
    own = counts.get(background.id, _Counts())
    sizes = {str(option.id): own.options.get(option.id, 0) for option in background_options}
    sizes[NO_ANSWER] = outcome.response_count - own.answered
    hidden = suppressed_groups(sizes, survey.min_group_size)
    groups = [
        Group(
            key=str(option.id),
            label=option.text,
            size=None if str(option.id) in hidden else sizes[str(option.id)],
            suppressed=str(option.id) in hidden,
        )
        for option in background_options
    ]
    if sizes[NO_ANSWER]:
        # Responses that skipped the background question form a group of their own.
        groups.append(
            Group(
                key=NO_ANSWER,
                label=_("Inget svar på bakgrundsfrågan"),
                size=None if NO_ANSWER in hidden else sizes[NO_ANSWER],
                suppressed=NO_ANSWER in hidden,
            )
        )
    outcome.breakdown = Breakdown(question=background, groups=groups)

    by_group: dict[str, list[dict]] = defaultdict(list)
    for row in _breakdown_parts(current_questions, background):
        key = NO_ANSWER if row["g"] is None else str(row["g"])
        if key in hidden:
            continue  # never kept, so never shown
        by_group[key].append(row)
    group_counts = {key: _collect(rows) for key, rows in by_group.items()}

    for result in outcome.questions:
        if result.question.id == background.id or result.question.kind == Kind.UNITS:
            continue  # a unit split by background would point at single committees
        result.groups = []
        for group in groups:
            if group.suppressed:
                result.groups.append(None)
                continue
            figures = group_counts.get(group.key, {}).get(result.question.id, _Counts())
            result.groups.append(
                GroupFigures(
                    answered=figures.answered,
                    answer_rate=percent(figures.answered, group.size or 0),
                    mean=mean(figures.scale) if result.is_scale else None,
                )
            )
        for row in result.rows:
            row.cells = []
            for group in groups:
                if group.suppressed:
                    row.cells.append(None)
                    continue
                figures = group_counts.get(group.key, {}).get(result.question.id, _Counts())
                count = _count_for(row.key, figures)
                row.cells.append(Cell(count=count, percent=percent(count, figures.answered)))

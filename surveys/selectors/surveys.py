"""Reads for the survey builder: the working group's list and one survey with its questions."""

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Prefetch, QuerySet

from surveys.models import Option, Question, Survey

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class BuilderCounts(TypedDict):
    """What `survey_for_builder` annotates."""

    response_count: int
    waiting_count: int


if TYPE_CHECKING:
    BuilderSurvey = WithAnnotations[Survey, BuilderCounts]


def survey_list() -> QuerySet[Survey]:
    """Every survey, newest year first, with its number of questions and responses."""
    return (
        Survey.objects.select_related("series")
        .annotate(
            question_count=Count("questions", distinct=True),
            response_count=Count("responses", distinct=True),
        )
        .order_by("-year", "title", "pk")
    )


def survey_for_builder(*, pk: int) -> "BuilderSurvey | None":
    """One survey with its series, its questions and their options (three queries), with
    `response_count` and `waiting_count` (submissions not yet counted) annotated."""
    return (
        Survey.objects.select_related("series")
        .annotate(
            response_count=Count("responses", distinct=True),
            waiting_count=Count("sealed_submissions", distinct=True),
        )
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.order_by("position", "id").prefetch_related(
                    Prefetch("options", queryset=Option.objects.order_by("position", "id"))
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )


def series_surveys(*, survey: Survey) -> QuerySet[Survey]:
    """The other years of the survey's series, newest first."""
    return Survey.objects.filter(series_id=survey.series_id).exclude(pk=survey.pk).order_by("-year")


def surveys_closing_in(*, year: int) -> QuerySet[Survey]:
    """The surveys whose answering period ended in `year`, by title (the yearly report's
    default choice)."""
    return Survey.objects.filter(closes_on__year=year).order_by("title", "pk")


def background_questions(*, survey_ids: list[int]) -> QuerySet[Question]:
    """The background questions (the ones results can be split by) of these surveys, in order."""
    return Question.objects.filter(
        survey_id__in=survey_ids, kind=Question.Kind.BACKGROUND
    ).order_by("survey_id", "position", "id")

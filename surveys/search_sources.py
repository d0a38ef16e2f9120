"""What the site search finds in this app (hok.searchable describes the interface): surveys
whose results are published, and each of their questions (linked to its result)."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hok.searchable import Scopes, SearchDocument, SearchSource
from surveys.models import Question, Survey
from surveys.selectors.results import surveys_published


def survey_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    surveys = surveys_published().prefetch_related("questions")
    if scopes is not None:
        surveys = surveys.filter(pk__in=[int(scope) for scope in scopes])
    for survey in surveys:
        url = reverse("surveys:public_results", kwargs={"pk": survey.pk})
        yield SearchDocument(
            scope=str(survey.pk),
            key=f"survey:{survey.pk}",
            title=survey.title,
            body=survey.introduction,
            url=url,
        )
        questions = sorted(survey.questions.all(), key=lambda q: (q.position, q.pk))
        # Numbered as the results page numbers them (its anchors are fraga-<number>).
        for number, question in enumerate(questions, start=1):
            yield SearchDocument(
                scope=str(survey.pk),
                key=f"question:{question.pk}",
                title=question.text,
                body=f"{survey.title}\n{question.help_text}",
                url=f"{url}#fraga-{number}",
            )


def _survey(survey: Survey) -> list[str]:
    return [str(survey.pk)]


def _question(question: Question) -> list[str]:
    return [str(question.survey_id)]


SEARCH_SOURCES = [
    SearchSource(
        kind="survey",
        label=_("Enkätresultat"),
        order=40,
        documents=survey_documents,
        watches={"surveys.Survey": _survey, "surveys.Question": _question},
    ),
]

"""What the site search finds in this app (hok.searchable describes the interface):
conferences (all are public), published dialogue summaries and published theme feedback.
Notes are not indexed: they are raw material, and may carry what a table group wrote about
someone."""

from collections.abc import Iterable

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dialogues.markdown import markdown_to_html
from dialogues.models import Conference, Dialogue, DialogueQuestion, Theme
from dialogues.selectors.outcomes import conferences_public
from hok.searchable import Scopes, SearchDocument, SearchSource, html_to_text


def _conferences(scopes: Scopes, *dialogue_prefetch: Prefetch | str) -> Iterable[Conference]:
    conferences = conferences_public().prefetch_related(
        Prefetch("dialogues", queryset=Dialogue.objects.order_by("position", "id")),
        *dialogue_prefetch,
    )
    if scopes is not None:
        conferences = conferences.filter(pk__in=[int(scope) for scope in scopes])
    return conferences


def _url(conference: Conference) -> str:
    return reverse("dialogues:conference_public", kwargs={"slug": conference.slug})


def conference_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    questions = Prefetch("dialogues__questions", queryset=DialogueQuestion.objects.order_by("id"))
    for conference in _conferences(scopes, questions):
        parts = [conference.place, conference.description, conference.introduction]
        for dialogue in conference.dialogues.all():
            parts += [dialogue.title, dialogue.introduction]
            parts += [question.text for question in dialogue.questions.all()]
        yield SearchDocument(
            scope=str(conference.pk),
            key=str(conference.pk),
            title=conference.name,
            body="\n".join(part for part in parts if part),
            url=_url(conference),
            is_name=True,
        )


def summary_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    for conference in _conferences(scopes):
        # Numbered as the conference page numbers its dialogues (anchors dialog-<number>).
        for number, dialogue in enumerate(conference.dialogues.all(), start=1):
            if not dialogue.summary_published or not dialogue.summary.strip():
                continue
            yield SearchDocument(
                scope=str(conference.pk),
                key=str(dialogue.pk),
                title=f"{dialogue.title} – {conference.name}",
                body=html_to_text(markdown_to_html(dialogue.summary)),
                url=f"{_url(conference)}#dialog-{number}",
            )


def feedback_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    themes = Theme.objects.filter(feedback_published=True).exclude(feedback="")
    for conference in _conferences(scopes, Prefetch("themes", queryset=themes)):
        for theme in conference.themes.all():
            yield SearchDocument(
                scope=str(conference.pk),
                key=str(theme.pk),
                title=f"{theme.name} – {conference.name}",
                body=html_to_text(markdown_to_html(theme.feedback)),
                url=f"{_url(conference)}#feedback-title",
            )


def _conference(conference: Conference) -> list[str]:
    return [str(conference.pk)]


def _of_conference(row: Dialogue | Theme) -> list[str]:
    return [str(row.conference_id)]


def _question(question: DialogueQuestion) -> list[str]:
    return [str(question.dialogue.conference_id)]


SEARCH_SOURCES = [
    SearchSource(
        kind="conference",
        label=_("Konferenser"),
        order=50,
        documents=conference_documents,
        watches={
            "dialogues.Conference": _conference,
            "dialogues.Dialogue": _of_conference,
            "dialogues.DialogueQuestion": _question,
        },
    ),
    SearchSource(
        kind="summary",
        label=_("Sammanfattningar av dialoger"),
        order=51,
        documents=summary_documents,
        watches={"dialogues.Conference": _conference, "dialogues.Dialogue": _of_conference},
    ),
    SearchSource(
        kind="feedback",
        label=_("Återkoppling"),
        order=52,
        documents=feedback_documents,
        watches={"dialogues.Conference": _conference, "dialogues.Theme": _of_conference},
    ),
]

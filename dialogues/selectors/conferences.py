"""Reads for the working group's conference pages, and a dialogue's attendee address."""

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from agreements.conferences import ConferenceRef
from dialogues.models import Conference, Dialogue, DialogueQuestion


def conferences_for_management() -> QuerySet[Conference]:
    """Every conference, newest first, with its number of dialogues and notes."""
    return Conference.objects.annotate(
        dialogue_count=Count("dialogues", distinct=True),
        note_count=Count("dialogues__notes", distinct=True),
    ).order_by("-date", "-id")


def conference_for_management(*, pk: int) -> Conference | None:
    """A conference with its dialogues (note counts annotated) and their questions."""
    dialogues = Dialogue.objects.annotate(
        note_count=Count("notes", filter=Q(notes__hidden=False)),
        hidden_count=Count("notes", filter=Q(notes__hidden=True)),
    ).prefetch_related(
        Prefetch("questions", queryset=DialogueQuestion.objects.order_by("position", "id"))
    )
    return (
        Conference.objects.prefetch_related(Prefetch("dialogues", queryset=dialogues))
        .filter(pk=pk)
        .first()
    )


def conference_by_pk(*, pk: int) -> Conference | None:
    return Conference.objects.filter(pk=pk).first()


def conference_by_slug(*, slug: str) -> Conference | None:
    return Conference.objects.filter(slug=slug).first()


def dialogue_of_conference(*, conference: Conference, pk: int) -> Dialogue | None:
    """One of the conference's dialogues (None for another conference's)."""
    return Dialogue.objects.filter(conference=conference, pk=pk).first()


def dialogue_for_management(*, pk: int) -> Dialogue | None:
    """A dialogue with its conference and questions, and its note count."""
    return (
        Dialogue.objects.select_related("conference")
        .prefetch_related(
            Prefetch("questions", queryset=DialogueQuestion.objects.order_by("position", "id"))
        )
        .annotate(note_count=Count("notes"))
        .filter(pk=pk)
        .first()
    )


def question_for_management(*, pk: int) -> DialogueQuestion | None:
    return DialogueQuestion.objects.select_related("dialogue__conference").filter(pk=pk).first()


def attendee_path(dialogue: Dialogue) -> str:
    """The attendee page's path (Swedish, the portal's default language, so no prefix)."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            return reverse("dialogues:attendee", args=[dialogue.short_code])
        except NoReverseMatch:
            # The attendee page's agreed address, should its URL not be installed.
            return f"/dialog/{dialogue.short_code}/"


def attendee_url(dialogue: Dialogue) -> str:
    """The absolute address a QR code points at and a table sheet prints."""
    return f"{settings.PORTAL_BASE_URL}{attendee_path(dialogue)}"


def conferences_in(*, year: int) -> QuerySet[Conference]:
    """The conferences held in `year`, in date order (the yearly report's default choice)."""
    return Conference.objects.filter(date__year=year).order_by("date", "id")


def conferences_by_ids(*, ids: list[int]) -> QuerySet[Conference]:
    """The conferences with these ids (missing ones are simply not there), in date order."""
    return Conference.objects.filter(pk__in=ids).order_by("date", "id")


def conference_refs() -> list[ConferenceRef]:
    """Every conference as the agreements app names one (for answering revision proposals)."""
    return [
        ConferenceRef(
            id=conference.pk,
            name=conference.name,
            date=conference.date,
            url=reverse("dialogues:conference_public", kwargs={"slug": conference.slug}),
        )
        for conference in Conference.objects.order_by("-date", "-id")
    ]

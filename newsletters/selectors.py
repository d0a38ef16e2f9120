"""Reads for the newsletter pages, the front page and the sending."""

import datetime
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone, translation

from dialogues.selectors.outcomes import conferences_public
from hok.bulk_mail import DeliveryStatus
from hok.models import User
from hok.personal_data import user_addresses
from newsletters.models import (
    Delivery,
    Newsletter,
    NewsletterCard,
    NewsletterImage,
    NewsletterSettings,
    Subscriber,
)
from surveys.selectors.results import surveys_published

PUBLIC = [Newsletter.Status.SENDING, Newsletter.Status.SENT, Newsletter.Status.PUBLISHED]


def send_window() -> datetime.timedelta:
    """How late a scheduled newsletter may still start; a later one waits for a person."""
    return datetime.timedelta(minutes=settings.NEWSLETTER_SEND_WINDOW_MINUTES)


def working_group_may_write() -> bool:
    return NewsletterSettings.objects.filter(pk=1, working_group_may_write=True).exists()


def newsletter_settings() -> NewsletterSettings:
    return NewsletterSettings.objects.filter(pk=1).first() or NewsletterSettings(pk=1)


def newsletters_public() -> QuerySet[Newsletter]:
    """Sent and published newsletters, newest first. Drafts and scheduled ones never."""
    return Newsletter.objects.filter(status__in=PUBLIC).order_by("-published_at", "-pk")


def newsletter_public(*, pk: int) -> Newsletter | None:
    return newsletters_public().prefetch_related("images", "cards").filter(pk=pk).first()


def newsletter_latest() -> Newsletter | None:
    return newsletters_public().first()


@dataclass(frozen=True)
class ArchiveYear:
    year: int
    newsletters: list[Newsletter]


def newsletter_archive() -> list[ArchiveYear]:
    """The public newsletters grouped by the year they came out, newest year first."""
    newsletters = list(newsletters_public())
    return [
        ArchiveYear(year=year, newsletters=list(items))
        for year, items in groupby(
            newsletters, key=lambda n: timezone.localtime(n.published_at).year
        )
    ]


def newsletters_for_management() -> QuerySet[Newsletter]:
    """Work in progress first (drafts, scheduled, sending), then what is out, newest first."""
    order = ["draft", "scheduled", "sending", "sent", "published"]
    by_status = Case(
        *[When(status=status, then=Value(index)) for index, status in enumerate(order)],
        output_field=IntegerField(),
    )
    return Newsletter.objects.select_related("created_by").order_by(by_status, "-created_at")


def newsletter_for_management(*, pk: int) -> Newsletter | None:
    return (
        Newsletter.objects.select_related("created_by")
        .prefetch_related("images", "cards")
        .filter(pk=pk)
        .first()
    )


def card_options() -> dict[str, list[tuple[int, str, str]]]:
    """What a card can link to: (id, title, path) per kind, from the other apps' selectors.
    Paths are the Swedish ones (the newsletter is Swedish)."""
    with translation.override("sv"):
        return _card_options()


def _card_options() -> dict[str, list[tuple[int, str, str]]]:
    conferences = [
        (
            conference.pk,
            conference.name,
            reverse("dialogues:conference_public", kwargs={"slug": conference.slug}),
        )
        for conference in conferences_public()
    ]
    surveys = [
        (
            survey.pk,
            f"{survey.title} ({survey.year})",
            reverse("surveys:public_results", kwargs={"pk": survey.pk}),
        )
        for survey in surveys_published()
    ]
    return {
        NewsletterCard.Kind.CONFERENCE: conferences,
        NewsletterCard.Kind.SURVEY_RESULTS: surveys,
    }


def newsletter_image(*, newsletter: Newsletter, pk: int) -> NewsletterImage | None:
    return NewsletterImage.objects.filter(newsletter=newsletter, pk=pk).first()


def newsletter_card(*, newsletter: Newsletter, pk: int) -> NewsletterCard | None:
    return NewsletterCard.objects.filter(newsletter=newsletter, pk=pk).first()


def subscriber(*, pk: int) -> Subscriber | None:
    return Subscriber.objects.filter(pk=pk).first()


def recipients_count() -> int:
    """How many would get a newsletter sent now: the confirmed subscribers."""
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count()


@dataclass(frozen=True)
class SendProgress:
    total: int
    pending: int
    sending: int
    sent: int
    failed: int
    uncertain: int

    @property
    def left(self) -> int:
        return self.pending + self.sending

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.uncertain


def send_progress(*, newsletter: Newsletter) -> SendProgress:
    """The newsletter's deliveries per status, in one query."""
    counts = Delivery.objects.filter(newsletter=newsletter).aggregate(
        total=Count("pk"),
        **{
            status: Count("pk", filter=Q(status=status))
            for status in ["pending", "sending", "sent", "failed", "uncertain"]
        },
    )
    return SendProgress(**counts)


def deliveries_needing_attention(*, newsletter: Newsletter) -> QuerySet[Delivery]:
    """Uncertain and failed deliveries to addresses still subscribed: those an admin may send
    again."""
    return (
        Delivery.objects.filter(
            newsletter=newsletter,
            status__in=[DeliveryStatus.UNCERTAIN, DeliveryStatus.FAILED],
            subscriber__status=Subscriber.Status.CONFIRMED,
        )
        .select_related("subscriber")
        .order_by("status", "subscriber__email")
    )


def subscribers_search(*, query: str = "", status: str = "") -> QuerySet[Subscriber]:
    subscribers = Subscriber.objects.all().order_by("email")
    if query:
        subscribers = subscribers.filter(email__icontains=query.strip())
    if status:
        subscribers = subscribers.filter(status=status)
    return subscribers


def subscriber_counts() -> dict[str, int]:
    rows = Subscriber.objects.values_list("status").annotate(n=Count("pk"))
    return {status: n for status, n in rows}


def subscriber_for_email(*, email: str) -> Subscriber | None:
    return Subscriber.objects.filter(email=email.strip().lower()).first()


def subscriber_for_key(*, key: str) -> Subscriber | None:
    return Subscriber.objects.filter(unsubscribe_key=key).first() if key else None


def newsletters_due(*, now: datetime.datetime) -> QuerySet[Newsletter]:
    """Scheduled newsletters whose time has come and which nobody has called missed."""
    return Newsletter.objects.filter(
        status=Newsletter.Status.SCHEDULED,
        scheduled_for__lte=now,
        schedule_missed_at__isnull=True,
    ).order_by("scheduled_for", "pk")


def newsletters_sending() -> QuerySet[Newsletter]:
    return Newsletter.objects.filter(status=Newsletter.Status.SENDING).order_by("pk")


# --- a person's data download (accounts/registry.py) ----------------------------------------
# A subscription belongs to an address, not to an account: the download lists the subscriptions
# of the person's verified addresses; deleting the account leaves them as they are (each
# newsletter's one-click link ends one).


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(*, user: User) -> dict[str, Any]:
    addresses = Q(pk__in=[])
    for address in user_addresses(user=user):
        addresses |= Q(email__iexact=address)
    subscribers = list(Subscriber.objects.filter(addresses).order_by("email"))
    sent = (
        Delivery.objects.filter(subscriber__in=subscribers)
        .select_related("newsletter")
        .order_by("sent_at", "pk")
    )
    return {
        "subscriptions": [
            {
                "email": subscriber.email,
                "status": subscriber.status,
                "subscribed_at": _when(subscriber.created_at),
                "consent_at": _when(subscriber.consent_at),
                "consent_text_version": subscriber.consent_version,
                "unsubscribed_at": _when(subscriber.unsubscribed_at),
            }
            for subscriber in subscribers
        ],
        "newsletters_sent": [
            {
                "newsletter": delivery.newsletter.title,
                "status": delivery.status,
                "sent_at": _when(delivery.sent_at),
            }
            for delivery in sent
        ],
    }

import factory
from django.utils import timezone

from newsletters.models import Newsletter, Subscriber
from newsletters.services.subscribers import CONSENT_VERSION


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter

    title = factory.Sequence(lambda n: f"Nyhetsbrev nummer {n}")
    preamble = "Det här har hänt i samverkan mellan idéburen sektor och Region Halland."
    body = "## Konferensen\n\nVi ses i **november**. Läs [mer](https://example.se/)."


class PublishedNewsletterFactory(NewsletterFactory):
    status = Newsletter.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"prenumerant{n}@example.se")
    status = Subscriber.Status.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)
    consent_version = CONSENT_VERSION

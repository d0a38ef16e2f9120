"""Examples of collaboration for tests. Load the `seed` fixture first (principles)."""

import factory
from django.utils import timezone

from agreements.models import Municipality, Principle
from examples.models import Example, ExampleParty
from tests.factories import PublicOrganisationFactory, UserFactory, current_version


def _principle(number: int) -> Principle:
    return Principle.objects.get(version=current_version(), number=number)


class ExampleFactory(factory.django.DjangoModelFactory):
    """A draft by a public signatory, in Halmstad, showing principle 1 (`principles=[n, …]`
    takes numbers, `municipalities=[slug, …]` slugs)."""

    class Meta:
        model = Example
        skip_postgeneration_save = True

    organisation = factory.SubFactory(PublicOrganisationFactory)
    title = factory.Sequence(lambda n: f"Läxhjälp i samverkan {n}")
    summary = "Föreningen och regionen ordnade läxhjälp på biblioteket."
    start_year = 2021
    end_year = 2023
    what_was_done = "Vi träffades varje vecka.\n\nRegionen stod för lokalen."
    outcome = "Fler unga klarade skolan."
    lessons = "Börja i tid och bjud in eleverna till planeringen."
    contact_email = "info@forening.example.se"
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def principles(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create:
            self.principles.set([_principle(number) for number in (extracted or [1])])

    @factory.post_generation
    def municipalities(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create:
            self.municipalities.set(Municipality.objects.filter(slug__in=extracted or ["halmstad"]))


class PublishedExampleFactory(ExampleFactory):
    status = Example.Status.PUBLISHED
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)


class ExamplePartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExampleParty

    example = factory.SubFactory(ExampleFactory)
    name = "Region Halland, Regional utveckling"

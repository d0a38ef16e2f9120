"""Reads of the knowledge base, for its own views, the agreements pages (through the template
tag) and the open data. Every public read goes through `examples_published`."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from agreements.selectors.agreement import principles_current
from agreements.selectors.directory import activity_areas, municipalities, signatories_public
from examples.models import Example, ExampleDocument, ExampleImage, ExampleParty, ExampleReview
from hok.models import User
from hok.personal_data import user_addresses

if TYPE_CHECKING:
    from agreements.models import ActivityArea, Municipality, Organisation, Principle


@dataclass(frozen=True)
class ExampleFilters:
    """What a visitor narrowed the list to; each is a URL parameter of its own."""

    principle: str = ""  # a principle's slug (the same in every version)
    municipality: str = ""  # a municipality's slug
    area: str = ""  # an activity area's slug
    year: int | None = None  # the collaboration was going on that year

    @property
    def is_filtered(self) -> bool:
        return bool(self.principle or self.municipality or self.area or self.year)


@dataclass(frozen=True)
class ReferenceLists:
    """What an example is filed under: the current principles, the municipalities, the areas
    (the agreements app's lists, reused)."""

    principles: list["Principle"]
    municipalities: list["Municipality"]
    areas: list["ActivityArea"]


def reference_lists() -> ReferenceLists:
    """Three queries."""
    return ReferenceLists(
        principles=list(principles_current()),
        municipalities=list(municipalities()),
        areas=list(activity_areas()),
    )


def _with_lists(examples: QuerySet[Example]) -> QuerySet[Example]:
    return examples.select_related("organisation").prefetch_related(
        "municipalities",
        "areas",
        "principles",
        Prefetch(
            "parties",
            queryset=ExampleParty.objects.select_related("organisation").order_by("position", "pk"),
        ),
    )


def examples_published() -> QuerySet[Example]:
    return Example.objects.filter(status=Example.Status.PUBLISHED)


def examples_filtered(*, filters: ExampleFilters) -> QuerySet[Example]:
    """Published examples matching every filter, newest publication first, lists prefetched."""
    examples = examples_published()
    if filters.principle:
        examples = examples.filter(
            Exists(
                Example.principles.through.objects.filter(
                    example_id=OuterRef("pk"), principle__slug=filters.principle
                )
            )
        )
    if filters.municipality:
        examples = examples.filter(
            Exists(
                Example.municipalities.through.objects.filter(
                    example_id=OuterRef("pk"), municipality__slug=filters.municipality
                )
            )
        )
    if filters.area:
        examples = examples.filter(
            Exists(
                Example.areas.through.objects.filter(
                    example_id=OuterRef("pk"), activityarea__slug=filters.area
                )
            )
        )
    if filters.year:
        examples = examples.filter(start_year__lte=filters.year).filter(
            Q(end_year__isnull=True) | Q(end_year__gte=filters.year)
        )
    return _with_lists(examples).order_by("-published_at", "-pk")


def example_detail(*, pk: int) -> Example | None:
    """One example with everything its page shows (the caller checks who may see it)."""
    examples = _with_lists(Example.objects.filter(pk=pk)).prefetch_related(
        Prefetch("documents", queryset=ExampleDocument.objects.order_by("uploaded_at", "pk")),
        Prefetch("images", queryset=ExampleImage.objects.order_by("position", "pk")),
        Prefetch("reviews", queryset=ExampleReview.objects.select_related("by").order_by("at")),
    )
    return examples.first()


def example_document(*, example: Example, pk: int) -> ExampleDocument | None:
    return ExampleDocument.objects.filter(example=example, pk=pk).first()


def example_image(*, example: Example, pk: int) -> ExampleImage | None:
    return ExampleImage.objects.filter(example=example, pk=pk).first()


def example_plain(*, pk: int) -> Example | None:
    return Example.objects.select_related("organisation").filter(pk=pk).first()


def _involving(organisation: "Organisation") -> Q:
    parties = ExampleParty.objects.filter(example_id=OuterRef("pk"), organisation=organisation)
    return Q(organisation=organisation) | Q(Exists(parties))


def examples_of_organisation_public(*, organisation: "Organisation") -> QuerySet[Example]:
    """Published examples the organisation wrote or took part in as a party from the directory."""
    return (
        examples_published()
        .filter(_involving(organisation))
        .select_related("organisation")
        .order_by("-published_at", "-pk")
    )


def example_ids_involving(*, organisation: "Organisation") -> list[int]:
    """The examples, in any state, the organisation wrote or took part in as a directory party
    (the search index shows its name in each). One query."""
    return list(Example.objects.filter(_involving(organisation)).values_list("pk", flat=True))


def examples_of_principle_public(*, principle: "Principle", limit: int = 20) -> list[Example]:
    examples = (
        examples_published()
        .filter(
            Exists(
                Example.principles.through.objects.filter(
                    example_id=OuterRef("pk"), principle__slug=principle.slug
                )
            )
        )
        .select_related("organisation")
        .order_by("-published_at", "-pk")
    )
    return list(examples[:limit])


def examples_of_user(*, user: User) -> QuerySet[Example]:
    """Every example of the organisations the person represents, whatever its state."""
    return (
        Example.objects.filter(organisation__memberships__user=user)
        .select_related("organisation")
        .order_by("-updated_at", "-pk")
    )


def examples_to_review() -> QuerySet[Example]:
    return (
        Example.objects.filter(status=Example.Status.SUBMITTED)
        .select_related("organisation")
        .order_by("submitted_at", "pk")
    )


def examples_changes_requested() -> QuerySet[Example]:
    return (
        Example.objects.filter(status=Example.Status.CHANGES_REQUESTED)
        .select_related("organisation")
        .order_by("-updated_at", "pk")
    )


def party_organisations() -> QuerySet["Organisation"]:
    """The organisations a party may be chosen from: the public signatories, by name."""
    return signatories_public().order_by("name", "pk")


def examples_open_data() -> QuerySet[Example]:
    return _with_lists(examples_published()).order_by("published_at", "pk")


def personal_data(*, user: User) -> dict[str, Any]:
    """What the knowledge base stores about the person: the examples they wrote, the examples
    that show them as a consenting contact person (by a verified address), and the review steps
    they took. Three queries."""

    def _when(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    addresses = user_addresses(user=user)
    as_contact = Q(pk__in=[])
    for address in addresses:
        as_contact |= Q(contact_email__iexact=address)
    examples = list(
        Example.objects.filter(
            Q(created_by=user) | (as_contact & Q(contact_kind=Example.ContactKind.PERSON))
        )
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
    return {
        "examples_written": [
            {"title": e.title, "organisation": e.organisation.name, "status": e.status}
            for e in examples
            if e.created_by_id == user.pk
        ],
        "contact_person_in": [
            {
                "title": e.title,
                "name": e.contact_name,
                "email": e.contact_email,
                "phone": e.contact_phone,
                "consent_recorded_at": _when(e.contact_consent_at),
                "status": e.status,
            }
            for e in examples
            if e.contact_kind == Example.ContactKind.PERSON and e.contact_email.lower() in addresses
        ],
        "review_steps": [
            {
                "example": r.example.title,
                "action": r.action,
                "message": r.message,
                "at": _when(r.at),
            }
            for r in ExampleReview.objects.filter(by=user).select_related("example").order_by("at")
        ],
    }

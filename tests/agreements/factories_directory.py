"""Factories for the public side of signatories: public (approved) organisations with their
municipalities, areas, commitments, progress reports and documents.

Independent of the other factory modules, so the directory's tests do not depend on work in
progress elsewhere. Organisation numbers use their own range (869…) so they never collide.
"""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from agreements.models import (
    ActivityArea,
    AgreementVersion,
    Commitment,
    Membership,
    Municipality,
    Organisation,
    OrganisationDocument,
    Principle,
    ProgressReport,
    Signature,
)
from agreements.orgnr import luhn_valid
from tests.factories import UserFactory

PDF_BYTES = b"%PDF-1.4\n% generated for tests\n%%EOF\n"


def directory_org_number(n: int) -> str:
    base = f"869{n:06d}"
    digit = next(d for d in "0123456789" if luhn_valid(base + d))
    return f"{base[:6]}-{base[6:]}{digit}"


def current_version() -> AgreementVersion:
    return AgreementVersion.objects.get(is_current=True)


class PublicOrganisationFactory(factory.django.DjangoModelFactory):
    """An association with an approved signature of the current version, which makes it a
    public signatory; `approved=False` leaves it unsigned. `municipalities=[...]` and
    `areas=[...]` take slugs or objects; `signature__decided_at=...` sets the approval date."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    class Params:
        approved = True

    name = factory.Sequence(lambda n: f"Förening Katalog {n:03d}")
    slug = factory.Sequence(lambda n: f"forening-katalog-{n:03d}")
    org_number = factory.Sequence(directory_org_number)
    party_side = Organisation.PartySide.CIVIL_SOCIETY
    form = Organisation.Form.FORENING
    description = "Vi ordnar träffar för unga i hela kommunen.\n\nAlla är välkomna."
    website = "https://forening.example.se"
    contact_email = "info@forening.example.se"
    signature = factory.Maybe(
        "approved",
        yes_declaration=factory.RelatedFactory(
            "tests.agreements.factories_directory.SignatureFactory",
            factory_related_name="organisation",
        ),
        no_declaration=None,
    )

    @factory.post_generation
    def municipalities(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.municipalities.set(_resolve(Municipality, extracted))

    @factory.post_generation
    def areas(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.areas.set(_resolve(ActivityArea, extracted))


def _resolve(model: type, items: list) -> list:
    slugs = [item for item in items if isinstance(item, str)]
    found = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
    return [found[item] if isinstance(item, str) else item for item in items]


def _is_decided(signature: object) -> bool:
    return signature.status != Signature.Status.PENDING  # type: ignore[attr-defined]


class SignatureFactory(factory.django.DjangoModelFactory):
    """An approved signature of the current version; `status=` gives the others."""

    class Meta:
        model = Signature

    organisation = factory.SubFactory(PublicOrganisationFactory, approved=False)
    version = factory.LazyFunction(current_version)
    text_sha256 = factory.LazyAttribute(lambda o: o.version.text_sha256)
    signed_by = factory.SubFactory(UserFactory)
    signer_name = "Siv Undertecknare"
    capacity = Signature.Capacity.AUTHORISED_SIGNATORY
    signed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    status = Signature.Status.APPROVED
    decided_by = factory.Maybe(
        factory.LazyAttribute(_is_decided),
        yes_declaration=factory.SubFactory(UserFactory),
        no_declaration=None,
    )
    decided_at = factory.LazyAttribute(lambda o: timezone.now() if _is_decided(o) else None)
    decision_reason = factory.LazyAttribute(
        lambda o: "Uppfyller inte kraven." if o.status == Signature.Status.REJECTED else ""
    )
    withdrawn_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Signature.Status.WITHDRAWN else None
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(PublicOrganisationFactory)
    user = factory.SubFactory(UserFactory)


def principle_number(number: int) -> Principle:
    return Principle.objects.get(version__is_current=True, number=number)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    organisation = factory.SubFactory(PublicOrganisationFactory)
    principle = factory.LazyFunction(lambda: principle_number(1))
    title = factory.Sequence(lambda n: f"Åtagande {n:03d}")
    description = "Vi bjuder in till dialog två gånger om året."
    start_year = 2024


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    commitment = factory.SubFactory(CommitmentFactory)
    year = 2024
    status = ProgressReport.Status.ONGOING
    text = "Första träffen är genomförd."
    link = ""


class OrganisationDocumentFactory(factory.django.DjangoModelFactory):
    """A PDF in MEDIA_ROOT: use it with a temporary MEDIA_ROOT (the `media_root` fixture)."""

    class Meta:
        model = OrganisationDocument

    organisation = factory.SubFactory(PublicOrganisationFactory)
    kind = OrganisationDocument.Kind.ANNUAL_REPORT
    title = factory.Sequence(lambda n: f"Årsredovisning {n}")
    year = 2024
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="dokument.pdf"))
    size = 2_400_000

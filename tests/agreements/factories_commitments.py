"""Factories for organisations, their representatives, commitments, reports and documents."""

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from agreements.models import (
    Commitment,
    Membership,
    Organisation,
    OrganisationDocument,
    ProgressReport,
)
from agreements.orgnr import luhn_valid
from tests.factories import PrincipleFactory, UserFactory

# The smallest file every PDF reader opens: a header, one empty page, a trailer.
MINIMAL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n"
    b"%%EOF\n"
)


def org_number(n: int) -> str:
    """The n-th valid organisationsnummer of a series starting at 802400-000x."""
    base = f"802400{n:03d}"
    check = next(digit for digit in "0123456789" if luhn_valid(base + digit))
    return f"{base[:6]}-{base[6:]}{check}"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Föreningen Exempel {n}")
    slug = factory.Sequence(lambda n: f"foreningen-exempel-{n}")
    org_number = factory.Sequence(org_number)
    party_side = Organisation.PartySide.CIVIL_SOCIETY
    form = Organisation.Form.FORENING


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A commitment that started this year, under a principle (of a draft version by default)."""

    class Meta:
        model = Commitment

    organisation = factory.SubFactory(OrganisationFactory)
    principle = factory.SubFactory(PrincipleFactory)
    action = None
    title = factory.Sequence(lambda n: f"Åtagande {n}")
    description = "Vi bjuder in regionen till en dialogträff varje höst."
    start_year = factory.LazyFunction(lambda: timezone.localdate().year)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    commitment = factory.SubFactory(CommitmentFactory)
    year = factory.LazyAttribute(lambda o: o.commitment.start_year)
    status = ProgressReport.Status.ONGOING
    text = "Den första träffen är hållen."


class OrganisationDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationDocument

    organisation = factory.SubFactory(OrganisationFactory)
    kind = OrganisationDocument.Kind.GOVERNING
    title = factory.Sequence(lambda n: f"Stadgar {n}")
    year = 2024
    file = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="stadgar.pdf"))
    size = len(MINIMAL_PDF)

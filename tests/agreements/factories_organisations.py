"""factory_boy factories for organisations, their representatives and their signatures."""

import hashlib
from datetime import timedelta
from io import BytesIO

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, PngImagePlugin

from agreements.models import (
    AgreementVersion,
    JoinRequest,
    Membership,
    MembershipInvitation,
    Organisation,
    Signature,
)
from agreements.orgnr import luhn_valid
from tests.factories import UserFactory, WorkingGroupUserFactory

# A real organisationsnummer (its check digit is right).
REAL_ORG_NUMBER = "556036-0793"


def luhn_check_digit(nine_digits: str) -> str:
    """The tenth digit that makes `nine_digits` pass the Luhn check."""
    for digit in "0123456789":
        if luhn_valid(nine_digits + digit):
            return digit
    raise AssertionError("unreachable: one of ten digits always fits")


def org_number(n: int) -> str:
    """A distinct, checksum-valid number NNNNNN-NNNN for every n (802 = ideella föreningar)."""
    base = f"802{n:06d}"
    return f"{base[:6]}-{base[6:]}{luhn_check_digit(base)}"


def _current_version() -> AgreementVersion:
    return AgreementVersion.objects.get(is_current=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A civil-society association with a valid number and no representatives."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Föreningen Testgården {n}")
    slug = factory.Sequence(lambda n: f"foreningen-testgarden-{n}")
    org_number = factory.Sequence(org_number)
    party_side = Organisation.PartySide.CIVIL_SOCIETY
    form = Organisation.Form.FORENING


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


class MembershipInvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation. Pass `token=` to know the plain token; only its hash is stored."""

    class Meta:
        model = MembershipInvitation

    class Params:
        token = factory.Sequence(lambda n: f"inbjudan-{n}-hemlig")

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"kollega{n}@exempel.se")
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    message = "Jag är föreningens kassör."


class SignatureFactory(factory.django.DjangoModelFactory):
    """A pending signature of the current version (load the `seed` fixture first).

    The signer is made a representative of the organisation, as the service requires.
    """

    class Meta:
        model = Signature
        skip_postgeneration_save = True

    class Params:
        approved = factory.Trait(
            status=Signature.Status.APPROVED,
            decided_by=factory.SubFactory(WorkingGroupUserFactory),
            decided_at=factory.LazyFunction(timezone.now),
        )
        rejected = factory.Trait(
            status=Signature.Status.REJECTED,
            decided_by=factory.SubFactory(WorkingGroupUserFactory),
            decided_at=factory.LazyFunction(timezone.now),
            decision_reason="Organisationsnumret hör till en annan förening.",
        )
        withdrawn = factory.Trait(
            status=Signature.Status.WITHDRAWN,
            withdrawn_at=factory.LazyFunction(timezone.now),
            withdrawal_reason="Styrelsen ändrade sig.",
        )

    organisation = factory.SubFactory(OrganisationFactory)
    version = factory.LazyFunction(_current_version)
    text_sha256 = factory.LazyAttribute(lambda o: o.version.text_sha256)
    signed_by = factory.SubFactory(UserFactory)
    signer_name = factory.Sequence(lambda n: f"Undertecknare Nummer{n}")
    capacity = Signature.Capacity.AUTHORISED_SIGNATORY
    signed_at = factory.LazyFunction(timezone.now)
    status = Signature.Status.PENDING

    @factory.post_generation
    def signer_is_member(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            Membership.objects.get_or_create(organisation=self.organisation, user=self.signed_by)


# Files, made in memory.


def png_bytes(width: int = 40, height: int = 30, *, comment: str | None = None) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 60))
    info = None
    if comment is not None:
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", comment)
    output = BytesIO()
    image.save(output, format="PNG", pnginfo=info)
    return output.getvalue()


def jpeg_bytes(width: int = 40, height: int = 30) -> bytes:
    output = BytesIO()
    Image.new("RGB", (width, height), (10, 120, 60)).save(output, format="JPEG")
    return output.getvalue()


def gradient_jpeg_bytes() -> bytes:
    """A 256×256 JPEG with enough detail that cutting it in half cuts into the picture data."""
    output = BytesIO()
    Image.radial_gradient("L").convert("RGB").save(output, format="JPEG", quality=95)
    return output.getvalue()


def pdf_bytes() -> bytes:
    """A real one-page PDF, written by Pillow."""
    output = BytesIO()
    Image.new("RGB", (20, 20), (255, 255, 255)).save(output, format="PDF")
    return output.getvalue()


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_upload(
    width: int = 40, height: int = 30, *, comment: str | None = None
) -> SimpleUploadedFile:
    return upload("logo.png", png_bytes(width, height, comment=comment), "image/png")


def text_upload(name: str = "logo.png") -> SimpleUploadedFile:
    return upload(name, b"Det har ar ingen bild, bara text.\n", "image/png")


def pdf_upload() -> SimpleUploadedFile:
    return upload("beslut.pdf", pdf_bytes(), "application/pdf")


def fake_pdf_upload() -> SimpleUploadedFile:
    return upload("beslut.pdf", b"Protokoll fran styrelsemotet, inte en PDF.\n", "application/pdf")

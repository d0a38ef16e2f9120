"""factory_boy factories for the whole suite, one per model: people and roles, the agreement's
parts, organisations with their representatives, signatures, commitments, reports and documents.

Factories that need the current version of the agreement (SignatureFactory, CommitmentFactory
and PublicOrganisationFactory) want the `seed` fixture loaded first. Files made in memory are in
tests/uploads.py.
"""

import hashlib
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import encrypt
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from agreements.models import (
    Action,
    ActivityArea,
    AgreementVersion,
    Commitment,
    Goal,
    JoinRequest,
    Membership,
    MembershipInvitation,
    Municipality,
    Organisation,
    OrganisationDocument,
    Principle,
    ProgressReport,
    Responsibility,
    RevisionProposal,
    Section,
    Signature,
    WorkingGroupMember,
)
from agreements.orgnr import luhn_valid
from hok.models import User
from hok.roles import WORKING_GROUP_NAME
from tests.uploads import MINIMAL_PDF

PASSWORD = "Rätt-lösenord-för-tester-42"

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


def current_version() -> AgreementVersion:
    return AgreementVersion.objects.get(is_current=True)


def principle_number(number: int) -> Principle:
    """The principle with this number in the current version."""
    return Principle.objects.get(version__is_current=True, number=number)


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up person whose e-mail address is verified (allauth requires it to log in)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@exempel.se")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)
    is_active = True

    @factory.post_generation
    def verified_email(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if not create or extracted is False:
            return
        EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class WorkingGroupUserFactory(UserFactory):
    """A member of the Django group "Arbetsgruppen" (created by migration hok 0002)."""

    @factory.post_generation
    def working_group(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            # get_or_create: a transactional test's flush removes what migrations created.
            self.groups.add(Group.objects.get_or_create(name=WORKING_GROUP_NAME)[0])


class AdminUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class TotpAuthenticatorFactory(factory.django.DjangoModelFactory):
    """Two-factor login turned on, stored the way allauth's TOTP.activate stores it."""

    class Meta:
        model = Authenticator

    class Params:
        secret = factory.LazyFunction(generate_totp_secret)

    user = factory.SubFactory(UserFactory)
    type = Authenticator.Type.TOTP
    data = factory.LazyAttribute(lambda o: {"secret": encrypt(o.secret)})


class AgreementVersionFactory(factory.django.DjangoModelFactory):
    """A draft version (no checksum, not current) unless told otherwise."""

    class Meta:
        model = AgreementVersion

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Överenskommelse, testversion {n}")
    title_en = factory.Sequence(lambda n: f"Agreement, test version {n}")
    goals_heading = "Målbild"
    goals_heading_en = "Vision"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(AgreementVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"avsnitt-{n}")
    placement = Section.Placement.BEFORE_PRINCIPLES
    heading = factory.Sequence(lambda n: f"Avsnitt {n}")
    heading_en = factory.Sequence(lambda n: f"Section {n}")
    body = "Första stycket.\n\nAndra stycket."
    body_en = "First paragraph.\n\nSecond paragraph."


class PrincipleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Principle

    version = factory.SubFactory(AgreementVersionFactory)
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"princip-{n}")
    title = factory.Sequence(lambda n: f"Princip {n}")
    title_en = factory.Sequence(lambda n: f"Principle {n}")
    intro = "En inledning till principen."
    intro_en = "An introduction to the principle."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    principle = factory.SubFactory(PrincipleFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Åtgärd nummer {n}.")
    text_en = factory.Sequence(lambda n: f"Action number {n}.")


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility

    principle = factory.SubFactory(PrincipleFactory)
    position = factory.Sequence(lambda n: n + 1)
    bearer = Responsibility.Bearer.ALL_SIGNATORIES
    text = factory.Sequence(lambda n: f"Ansvar nummer {n}.")
    text_en = factory.Sequence(lambda n: f"Responsibility number {n}.")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    version = factory.SubFactory(AgreementVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Mål nummer {n}.")
    text_en = factory.Sequence(lambda n: f"Goal number {n}.")


class WorkingGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupMember

    name = factory.Sequence(lambda n: f"Ledamot {n}")
    organisation = factory.Sequence(lambda n: f"Förening {n}")
    side = WorkingGroupMember.Side.CIVIL_SOCIETY
    is_deputy = False
    position = factory.Sequence(lambda n: n)


# --- organisations and what they do ----------------------------------------------------------


def _resolve(model: type, items: list) -> list:
    """Objects of `model` from a list of slugs or objects, in the list's order."""
    slugs = [item for item in items if isinstance(item, str)]
    found = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
    return [found[item] if isinstance(item, str) else item for item in items]


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A civil-society association with a valid number and no representatives.

    `municipalities=[...]` and `areas=[...]` take slugs or objects."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Föreningen Testgården {n}")
    slug = factory.Sequence(lambda n: f"foreningen-testgarden-{n}")
    org_number = factory.Sequence(org_number)
    party_side = Organisation.PartySide.CIVIL_SOCIETY
    form = Organisation.Form.FORENING

    @factory.post_generation
    def municipalities(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.municipalities.set(_resolve(Municipality, extracted))

    @factory.post_generation
    def areas(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.areas.set(_resolve(ActivityArea, extracted))


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


def _is_decided(signature: object) -> bool:
    return signature.status in {Signature.Status.APPROVED, Signature.Status.REJECTED}  # type: ignore[attr-defined]


def _is_withdrawn(signature: object) -> bool:
    return signature.status == Signature.Status.WITHDRAWN  # type: ignore[attr-defined]


class SignatureFactory(factory.django.DjangoModelFactory):
    """A pending signature of the current version (load the `seed` fixture first).

    `approved=True`, `rejected=True` or `withdrawn=True` (or `status=` with the same word) give
    the other states: an approval or rejection is decided now by a member of the working group,
    a withdrawal happens now. The signer is made a representative of the organisation, as the
    service requires.
    """

    class Meta:
        model = Signature
        skip_postgeneration_save = True

    class Params:
        approved = factory.Trait(status=Signature.Status.APPROVED)
        rejected = factory.Trait(status=Signature.Status.REJECTED)
        withdrawn = factory.Trait(status=Signature.Status.WITHDRAWN)

    organisation = factory.SubFactory(OrganisationFactory)
    version = factory.LazyFunction(current_version)
    text_sha256 = factory.LazyAttribute(lambda o: o.version.text_sha256)
    signed_by = factory.SubFactory(UserFactory)
    signer_name = "Siv Undertecknare"
    capacity = Signature.Capacity.AUTHORISED_SIGNATORY
    signed_at = factory.LazyFunction(timezone.now)
    status = Signature.Status.PENDING
    decided_by = factory.Maybe(
        factory.LazyAttribute(_is_decided),
        yes_declaration=factory.SubFactory(WorkingGroupUserFactory),
        no_declaration=None,
    )
    decided_at = factory.LazyAttribute(lambda o: timezone.now() if _is_decided(o) else None)
    decision_reason = factory.LazyAttribute(
        lambda o: (
            "Organisationsnumret hör till en annan förening."
            if o.status == Signature.Status.REJECTED
            else ""
        )
    )
    withdrawn_at = factory.LazyAttribute(lambda o: timezone.now() if _is_withdrawn(o) else None)
    withdrawal_reason = factory.LazyAttribute(
        lambda o: "Styrelsen ändrade sig." if _is_withdrawn(o) else ""
    )

    @factory.post_generation
    def signer_is_member(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            Membership.objects.get_or_create(organisation=self.organisation, user=self.signed_by)


class PublicOrganisationFactory(OrganisationFactory):
    """An association with a public profile and an approved signature of the current version,
    which makes it a public signatory; `approved=False` leaves it unsigned.
    `signature__decided_at=...` sets the approval date."""

    class Params:
        approved = True

    description = "Vi ordnar träffar för unga i hela kommunen.\n\nAlla är välkomna."
    website = "https://forening.example.se"
    contact_email = "info@forening.example.se"
    signature = factory.Maybe(
        "approved",
        yes_declaration=factory.RelatedFactory(
            SignatureFactory, factory_related_name="organisation", approved=True
        ),
        no_declaration=None,
    )


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A commitment that starts this year, under principle 1 of the current version (load the
    `seed` fixture first, or pass `principle=`)."""

    class Meta:
        model = Commitment

    organisation = factory.SubFactory(OrganisationFactory)
    principle = factory.LazyFunction(lambda: principle_number(1))
    action = None
    title = factory.Sequence(lambda n: f"Åtagande {n:03d}")
    description = "Vi bjuder in regionen till en dialogträff varje höst."
    start_year = factory.LazyFunction(lambda: timezone.localdate().year)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    """A report for the commitment's start year."""

    class Meta:
        model = ProgressReport

    commitment = factory.SubFactory(CommitmentFactory)
    year = factory.LazyAttribute(lambda o: o.commitment.start_year)
    status = ProgressReport.Status.ONGOING
    text = "Den första träffen är hållen."


class OrganisationDocumentFactory(factory.django.DjangoModelFactory):
    """Governing documents (stadgar) as a small PDF in MEDIA_ROOT: use it with a temporary
    MEDIA_ROOT (the `media_root` fixture)."""

    class Meta:
        model = OrganisationDocument

    organisation = factory.SubFactory(OrganisationFactory)
    kind = OrganisationDocument.Kind.GOVERNING
    title = factory.Sequence(lambda n: f"Stadgar {n}")
    year = 2024
    file = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="stadgar.pdf"))
    size = len(MINIMAL_PDF)


class RevisionProposalFactory(factory.django.DjangoModelFactory):
    """A public, unanswered proposal to change the first action of principle 1 (load `seed`).
    `status="pending"` leaves it for the working group to check."""

    class Meta:
        model = RevisionProposal

    version = factory.LazyFunction(current_version)
    part_key = "action:1:1"
    part_label = "Princip 1, åtgärd 1"
    current_text = factory.LazyFunction(
        lambda: principle_number(1).actions.order_by("position").first().text
    )
    proposed_text = "Parterna träffas varje kvartal för att följa upp överenskommelsen."
    reason = "Det räcker inte att träffas en gång om året."
    source = RevisionProposal.Source.ORGANISATION
    organisation = factory.SubFactory(OrganisationFactory)
    proposed_by = factory.SubFactory(UserFactory)
    status = RevisionProposal.Status.PUBLIC

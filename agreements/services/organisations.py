import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import rules
from agreements.generations import PROPOSALS, SIGNATORIES
from agreements.models import (
    ActivityArea,
    JoinRequest,
    Membership,
    MembershipInvitation,
    Municipality,
    Organisation,
)
from agreements.orgnr import normalise_org_number
from hok.generations import bump
from hok.images import image_reencode
from hok.mail import send_templated_mail
from hok.models import User
from hok.tokens import token_hash
from hok.utils import absolute_url

INVITATION_VALID_FOR = timedelta(days=14)
INVITATION_FOR_SOMEONE_ELSE = gettext_lazy(
    "Inbjudan skickades till en annan e-postadress än den du är inloggad med. Logga in med "
    "den adress inbjudan skickades till, eller be organisationens företrädare om en ny "
    "inbjudan till din adress."
)
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_SIDE = 600
LOGO_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})
# A logo is shown at most 600 pixels wide; a 16-megapixel photo (4,000 × 4,000) is more than any
# logo needs and decodes within about 64 MB. Refused by the header, before decoding.
LOGO_MAX_PIXELS = 16_000_000


class OrganisationAlreadyRegistered(Exception):
    def __init__(self, organisation: Organisation) -> None:
        super().__init__(organisation.org_number)
        self.organisation = organisation


# Words that are also paths under /organisationer/.
RESERVED_SLUGS = {"registrera"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, counter = base, 2
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def logo_reencode(upload: UploadedFile) -> ContentFile:
    """The logo's pixels, at most 600 pixels a side, saved anew as PNG: nothing else survives."""
    return image_reencode(
        upload,
        max_pixels=LOGO_MAX_PIXELS,
        max_side=LOGO_MAX_SIDE,
        max_bytes=LOGO_MAX_BYTES,
        formats=LOGO_FORMATS,
        name="logo.png",
    )


@transaction.atomic
def organisation_register(
    *,
    user: User,
    name: str,
    org_number: str,
    party_side: str,
    form: str,
    municipalities: Iterable[Municipality],
    areas: Iterable[ActivityArea],
    website: str = "",
    contact_email: str = "",
    description: str = "",
    logo: UploadedFile | None = None,
) -> Organisation:
    """Register an organisation with `user` as its first representative."""
    number = normalise_org_number(org_number)
    existing = Organisation.objects.filter(org_number=number).first()
    if existing is not None:
        raise OrganisationAlreadyRegistered(existing)
    organisation = Organisation(
        name=name.strip(),
        slug=_unique_slug(name),
        org_number=number,
        party_side=party_side,
        form=form,
        website=website,
        contact_email=contact_email,
        description=description.strip(),
        created_by=user,
    )
    if logo is not None:
        organisation.logo.save("logo.png", logo_reencode(logo), save=False)
    organisation.full_clean(exclude=["logo", "org_number"])
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as error:
        # Someone registered the same number a moment ago.
        raise OrganisationAlreadyRegistered(Organisation.objects.get(org_number=number)) from error
    organisation.municipalities.set(municipalities)
    organisation.areas.set(areas)
    Membership.objects.create(organisation=organisation, user=user)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    name: str,
    party_side: str,
    form: str,
    municipalities: Iterable[Municipality],
    areas: Iterable[ActivityArea],
    website: str,
    contact_email: str,
    description: str,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> Organisation:
    bump(SIGNATORIES, PROPOSALS)
    organisation.name = name.strip()
    organisation.party_side = party_side
    organisation.form = form
    organisation.website = website
    organisation.contact_email = contact_email
    organisation.description = description.strip()
    fields = ["name", "party_side", "form", "website", "contact_email", "description"]
    if remove_logo and organisation.logo:
        organisation.logo.delete(save=False)
        fields.append("logo")
    if logo is not None:
        organisation.logo.save("logo.png", logo_reencode(logo), save=False)
        fields.append("logo")
    organisation.full_clean(exclude=["logo"])
    organisation.save(update_fields=fields)
    organisation.municipalities.set(municipalities)
    organisation.areas.set(areas)
    return organisation


def representative_emails(organisation: Organisation) -> list[str]:
    return list(organisation.memberships.values_list("user__email", flat=True))


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, invited_by: User
) -> MembershipInvitation:
    """Invite a colleague by e-mail. The link works once, for 14 days."""
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s företräder redan organisationen.") % {"email": email},
            code="already_member",
        )
    token = secrets.token_urlsafe(32)
    invitation = MembershipInvitation.objects.create(
        organisation=organisation,
        email=email,
        token_hash=token_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )
    send_templated_mail(
        template="agreements/email/invitation",
        context={
            "organisation": organisation,
            "invited_by": invited_by,
            "url": absolute_url(reverse("agreements:invitation_accept", kwargs={"token": token})),
            "expires_at": invitation.expires_at,
        },
        to=[email],
    )
    return invitation


def invitation_for_token(token: str) -> MembershipInvitation | None:
    return (
        MembershipInvitation.objects.select_related("organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    invitation = (
        MembershipInvitation.objects.select_for_update()
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise ValidationError(_("Inbjudan finns inte. Kontrollera länken."), code="unknown")
    if not rules.can_accept_invitation(user, invitation):
        # Checked first, so another account learns nothing about the invitation's state.
        raise ValidationError(INVITATION_FOR_SOMEONE_ELSE, code="someone_else")
    if invitation.used_at is not None:
        raise ValidationError(_("Inbjudan har redan använts."), code="used")
    if invitation.expires_at < timezone.now():
        raise ValidationError(_("Inbjudan har gått ut. Be om en ny inbjudan."), code="expired")
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    if organisation.memberships.count() <= 1:
        raise ValidationError(
            _("Organisationen måste ha minst en företrädare. Bjud in någon annan först."),
            code="last_member",
        )
    membership.delete()


@transaction.atomic
def join_request_create(*, organisation: Organisation, user: User, message: str) -> JoinRequest:
    if organisation.memberships.filter(user=user).exists():
        raise ValidationError(_("Du företräder redan organisationen."), code="already_member")
    if organisation.join_requests.filter(user=user, status=JoinRequest.Status.PENDING).exists():
        raise ValidationError(
            _("Du har redan bett om att få företräda organisationen. Vänta på svar."),
            code="pending",
        )
    join_request = JoinRequest.objects.create(
        organisation=organisation, user=user, message=message.strip()
    )
    send_templated_mail(
        template="agreements/email/join_request",
        context={
            "organisation": organisation,
            "join_request": join_request,
            "url": absolute_url(
                reverse("agreements:organisation_members", kwargs={"slug": organisation.slug})
            ),
        },
        to=representative_emails(organisation),
    )
    return join_request


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, by: User, accept: bool) -> JoinRequest:
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("Förfrågan är redan besvarad."), code="decided")
    join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    if accept:
        Membership.objects.get_or_create(
            organisation=join_request.organisation, user=join_request.user
        )
    send_templated_mail(
        template="agreements/email/join_request_decided",
        context={"join_request": join_request, "organisation": join_request.organisation},
        to=[join_request.user.email],
    )
    return join_request

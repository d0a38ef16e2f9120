"""Registering an organisation and editing its profile."""

from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from agreements.generations import PROPOSALS, SIGNATORIES
from agreements.models import ActivityArea, Membership, Municipality, Organisation
from agreements.orgnr import normalise_org_number
from agreements.services.logos import logo_reencode
from hok.audit import record_actor
from hok.generations import bump
from hok.models import User


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


@transaction.atomic
def organisation_register(
    *,
    by: User,
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
    """Register an organisation with `by` as its first representative."""
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
        created_by=by,
    )
    if logo is not None:
        organisation.logo.save("logo.png", logo_reencode(logo), save=False)
    organisation.full_clean(exclude=["logo", "org_number"])
    try:
        with transaction.atomic():
            record_actor(organisation, by=by)
            organisation.save()
    except IntegrityError as error:
        # Someone registered the same number a moment ago.
        raise OrganisationAlreadyRegistered(Organisation.objects.get(org_number=number)) from error
    organisation.municipalities.set(municipalities)
    organisation.areas.set(areas)
    Membership.objects.create(organisation=organisation, user=by)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    by: User,
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
    record_actor(organisation, by=by)
    organisation.save(update_fields=fields)
    organisation.municipalities.set(municipalities)
    organisation.areas.set(areas)
    return organisation

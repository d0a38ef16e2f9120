"""One function per write use case of the knowledge base, each in a transaction that also
writes the review step (who did what, and why) and names its user on the example's history
row."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agreements.generations import SIGNATORIES
from examples import rules
from examples.generations import EXAMPLES
from examples.models import (
    PARTY_NAME_MAX,
    Example,
    ExampleDocument,
    ExampleImage,
    ExampleParty,
    ExampleReview,
)
from hok.audit import record_actor
from hok.generations import bump
from hok.images import image_reencode
from hok.models import User
from hok.pdf_uploads import pdf_upload_check
from hok.personal_data import user_addresses

if TYPE_CHECKING:
    from agreements.models import ActivityArea, Municipality, Organisation, Principle

Status = Example.Status
NAMED_PARTIES_MAX = 30
DOCUMENTS_PER_EXAMPLE = 10
IMAGES_PER_EXAMPLE = 12
PDF_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_MAX_SIDE = 1600
REVIEW_MESSAGE_MAX = 2000


@dataclass
class ExampleContent:
    """What a representative writes; the form has checked each value on its own."""

    title: str
    summary: str
    start_year: int
    end_year: int | None
    what_was_done: str
    outcome: str
    lessons: str
    municipalities: Sequence["Municipality"] = ()
    principles: Sequence["Principle"] = ()
    areas: Sequence["ActivityArea"] = ()
    party_organisations: Sequence["Organisation"] = ()
    other_parties: Sequence[str] = ()
    region_units: Sequence[str] = ()
    contact_kind: str = Example.ContactKind.ORGANISATION
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_consent: bool = False


def _check(content: ExampleContent) -> None:
    errors: dict[str, list[str]] = {}
    if not content.principles:
        errors["principles"] = [_("Välj minst en princip som exemplet visar.")]
    if not content.municipalities:
        errors["municipalities"] = [_("Välj minst en kommun där samverkan skedde.")]
    this_year = timezone.localdate().year
    if content.start_year > this_year:
        errors["start_year"] = [_("Samverkan kan inte ha börjat ett år som inte har kommit.")]
    if content.end_year is not None and content.end_year < content.start_year:
        errors["end_year"] = [_("Slutåret kan inte komma före startåret.")]
    named = [*content.other_parties, *content.region_units]
    if len(named) > NAMED_PARTIES_MAX:
        errors["other_parties"] = [
            _("Skriv högst %(count)s andra parter.") % {"count": NAMED_PARTIES_MAX}
        ]
    elif any(len(name) > PARTY_NAME_MAX for name in named):
        errors["other_parties"] = [
            _("Ett partnamn får vara högst %(count)s tecken.") % {"count": PARTY_NAME_MAX}
        ]
    if content.contact_kind == Example.ContactKind.PERSON:
        if not content.contact_name:
            errors["contact_name"] = [_("Skriv kontaktpersonens namn.")]
        if not (content.contact_email or content.contact_phone):
            errors["contact_email"] = [
                _("Skriv kontaktpersonens e-postadress eller telefonnummer.")
            ]
        if not content.contact_consent:
            errors["contact_consent"] = [
                _(
                    "En privatperson visas bara med sitt samtycke. Kryssa i att personen har "
                    "samtyckt, eller välj organisationens kontaktuppgifter."
                )
            ]
    if errors:
        raise ValidationError(errors)


def _apply(example: Example, content: ExampleContent, *, by: User) -> None:
    consented_to = (
        (example.contact_name, example.contact_email)
        if example.contact_consent_at is not None
        else None
    )
    example.title = content.title
    example.summary = content.summary
    example.start_year = content.start_year
    example.end_year = content.end_year
    example.what_was_done = content.what_was_done
    example.outcome = content.outcome
    example.lessons = content.lessons
    example.contact_kind = content.contact_kind
    example.contact_email = content.contact_email
    example.contact_phone = content.contact_phone
    example.contact_name = content.contact_name
    if content.contact_kind == Example.ContactKind.PERSON:
        # A consent is the person's: a new name or address is a new consent, recorded now.
        if consented_to != (content.contact_name, content.contact_email):
            example.contact_consent_at = timezone.now()
            example.contact_consent_by = by
    else:
        # The organisation's contact (a function such as "Kansliet"): no consent to keep.
        example.contact_consent_at = None
        example.contact_consent_by = None


def _set_relations(example: Example, content: ExampleContent) -> None:
    example.municipalities.set(content.municipalities)
    example.principles.set(content.principles)
    example.areas.set(content.areas)
    example.parties.all().delete()
    parties: list[ExampleParty] = []
    seen: set[str] = set()
    for organisation in content.party_organisations:
        if organisation.pk != example.organisation_id:
            parties.append(ExampleParty(example=example, organisation=organisation))
    for names, is_region in ((content.region_units, True), (content.other_parties, False)):
        for name in names:
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                parties.append(ExampleParty(example=example, name=name, is_region_unit=is_region))
    for position, party in enumerate(parties):
        party.position = position
    ExampleParty.objects.bulk_create(parties)


def _review(example: Example, action: str, *, by: User, message: str = "") -> None:
    ExampleReview.objects.create(example=example, action=action, by=by, message=message)


def _locked(example: Example) -> Example:
    return Example.objects.select_for_update().select_related("organisation").get(pk=example.pk)


def _public_pages_change() -> None:
    """The example is, or was until now, published: the pages that list it follow (on commit)."""
    bump(EXAMPLES, SIGNATORIES)


def _refuse_state(message: str) -> ValidationError:
    return ValidationError(message, code="state")


@transaction.atomic
def example_create(*, organisation: "Organisation", by: User, content: ExampleContent) -> Example:
    """A new draft, told by a representative of the organisation."""
    if not rules.can_write_example_for(by, organisation):
        raise _refuse_state(
            _("Bara företrädare för en undertecknare kan skriva exempel för organisationen.")
        )
    _check(content)
    example = Example(organisation=organisation, created_by=by)
    _apply(example, content, by=by)
    example.full_clean()
    record_actor(example, by=by, reason="created")
    example.save()
    _set_relations(example, content)
    return example


@transaction.atomic
def example_update(*, example: Example, by: User, content: ExampleContent) -> Example:
    locked = _locked(example)
    if not rules.can_edit_example(by, locked):
        raise _refuse_state(_("Exemplet kan inte ändras i det läge det är nu."))
    _check(content)
    _apply(locked, content, by=by)
    locked.full_clean()
    record_actor(locked, by=by, reason="edited")
    locked.save()
    _set_relations(locked, content)
    return locked


@transaction.atomic
def example_submit(*, example: Example, by: User) -> Example:
    """To the working group for review."""
    locked = _locked(example)
    if not rules.can_submit_example(by, locked):
        raise _refuse_state(_("Exemplet kan inte skickas för granskning i det läge det är nu."))
    locked.status = Status.SUBMITTED
    locked.submitted_at = timezone.now()
    record_actor(locked, by=by, reason="submitted")
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    _review(locked, ExampleReview.Action.SUBMITTED, by=by)
    return locked


def _message(message: str, *, required: bool) -> str:
    message = message.strip()
    if required and not message:
        raise ValidationError(
            {
                "message": _(
                    "Skriv vad som behöver ändras, så att organisationen vet vad de ska göra."
                )
            }
        )
    if len(message) > REVIEW_MESSAGE_MAX:
        raise ValidationError(
            {"message": _("Skriv högst %(count)s tecken.") % {"count": REVIEW_MESSAGE_MAX}}
        )
    return message


@transaction.atomic
def example_request_changes(*, example: Example, by: User, message: str) -> Example:
    """The working group sends the example back (also a published one, which is then hidden)."""
    message = _message(message, required=True)
    locked = _locked(example)
    if not rules.can_request_changes(by, locked):
        raise _refuse_state(_("Exemplet väntar inte på granskning och är inte publicerat."))
    if locked.status == Status.PUBLISHED:
        _public_pages_change()
    locked.status = Status.CHANGES_REQUESTED
    locked.published_at = None
    record_actor(locked, by=by, reason="changes requested")
    locked.save(update_fields=["status", "published_at", "updated_at"])
    _review(locked, ExampleReview.Action.CHANGES_REQUESTED, by=by, message=message)
    return locked


@transaction.atomic
def example_publish(*, example: Example, by: User, message: str = "") -> Example:
    message = _message(message, required=False)
    locked = _locked(example)
    if not rules.can_publish_example(by, locked):
        raise _refuse_state(_("Bara ett exempel som väntar på granskning kan publiceras."))
    _public_pages_change()
    locked.status = Status.PUBLISHED
    locked.published_at = timezone.now()
    record_actor(locked, by=by, reason="published")
    locked.save(update_fields=["status", "published_at", "updated_at"])
    _review(locked, ExampleReview.Action.PUBLISHED, by=by, message=message)
    return locked


@transaction.atomic
def example_withdraw(*, example: Example, by: User, message: str = "") -> Example:
    """The organisation takes its example back, or the working group takes a published one
    down (a reason is then required)."""
    locked = _locked(example)
    if not rules.can_withdraw_example(by, locked):
        raise _refuse_state(_("Exemplet kan inte dras tillbaka i det läge det är nu."))
    if locked.status == Status.PUBLISHED:
        _public_pages_change()
    by_member = rules.is_author_side(by, locked)
    message = _message(message, required=not by_member)
    locked.status = Status.WITHDRAWN
    locked.published_at = None
    record_actor(locked, by=by, reason="withdrawn")
    locked.save(update_fields=["status", "published_at", "updated_at"])
    _review(locked, ExampleReview.Action.WITHDRAWN, by=by, message=message)
    return locked


@transaction.atomic
def example_reopen(*, example: Example, by: User) -> Example:
    locked = _locked(example)
    if not rules.can_reopen_example(by, locked):
        raise _refuse_state(_("Bara ett tillbakadraget exempel kan tas upp igen."))
    locked.status = Status.DRAFT
    record_actor(locked, by=by, reason="reopened")
    locked.save(update_fields=["status", "updated_at"])
    _review(locked, ExampleReview.Action.REOPENED, by=by)
    return locked


def _file_name(title: str) -> str:
    return f"{slugify(title)[:80].strip('-') or 'dokument'}.pdf"


def example_document_add(
    *, example: Example, by: User, title: str, upload: UploadedFile
) -> ExampleDocument:
    """A plain PDF (hok.pdf_uploads: parsed, no scripts, no embedded files)."""
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Skriv en titel på dokumentet.")})
    pdf_upload_check(upload, max_bytes=PDF_MAX_BYTES)
    with transaction.atomic():
        locked = _locked(example)
        if not rules.can_edit_example(by, locked):
            raise _refuse_state(_("Exemplet kan inte ändras i det läge det är nu."))
        if locked.documents.count() >= DOCUMENTS_PER_EXAMPLE:
            raise ValidationError(
                _("Ett exempel kan ha högst %(count)s dokument.")
                % {"count": DOCUMENTS_PER_EXAMPLE},
                code="too_many_documents",
            )
        document = ExampleDocument(
            example=locked, title=title, size=upload.size or 0, uploaded_by=by
        )
        document.full_clean(exclude=["file"])
        document.file.save(_file_name(title), upload, save=False)
        try:
            document.save()
        except Exception:
            if document.file.name:
                document.file.storage.delete(document.file.name)
            raise
    return document


def example_image_add(
    *, example: Example, by: User, upload: UploadedFile, alt: str, caption: str = ""
) -> ExampleImage:
    """A picture, re-encoded (hok.images: the declared size is checked before decoding)."""
    alt = " ".join(alt.split())
    if not alt:
        raise ValidationError({"alt": _("Beskriv bilden för den som inte ser den.")})
    content = image_reencode(
        upload, max_pixels=IMAGE_MAX_PIXELS, max_side=IMAGE_MAX_SIDE, max_bytes=IMAGE_MAX_BYTES
    )
    with transaction.atomic():
        locked = _locked(example)
        if not rules.can_edit_example(by, locked):
            raise _refuse_state(_("Exemplet kan inte ändras i det läge det är nu."))
        count = locked.images.count()
        if count >= IMAGES_PER_EXAMPLE:
            raise ValidationError(
                _("Ett exempel kan ha högst %(count)s bilder.") % {"count": IMAGES_PER_EXAMPLE},
                code="too_many_images",
            )
        image = ExampleImage(
            example=locked,
            alt=alt,
            caption=" ".join(caption.split()),
            position=count,
            uploaded_by=by,
        )
        image.full_clean(exclude=["image"])
        image.image.save(content.name or "bild.png", content, save=False)
        try:
            image.save()
        except Exception:
            if image.image.name:
                image.image.storage.delete(image.image.name)
            raise
    return image


def _remove_file(example: Example, item: ExampleDocument | ExampleImage, by: User) -> None:
    with transaction.atomic():
        locked = _locked(example)
        if not rules.can_edit_example(by, locked):
            raise _refuse_state(_("Exemplet kan inte ändras i det läge det är nu."))
        stored = item.file if isinstance(item, ExampleDocument) else item.image
        storage, name = stored.storage, stored.name
        item.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def example_document_remove(*, document: ExampleDocument, by: User) -> None:
    _remove_file(document.example, document, by)


def example_image_remove(*, image: ExampleImage, by: User) -> None:
    _remove_file(image.example, image, by)


def contact_person_forget(*, user: User) -> None:
    """Before the person's account is deleted: an example that shows them as its contact person
    (by one of their verified addresses) shows the organisation's contact instead."""
    addresses = user_addresses(user=user)
    if not addresses:
        return
    matching = Q(pk__in=[])
    for address in addresses:
        matching |= Q(contact_email__iexact=address)
    shown = Example.objects.filter(matching, contact_kind=Example.ContactKind.PERSON)
    published = shown.filter(status=Status.PUBLISHED).exists()
    shown.update(
        contact_kind=Example.ContactKind.ORGANISATION,
        contact_name="",
        contact_email="",
        contact_phone="",
        contact_consent_at=None,
        contact_consent_by=None,
    )
    if published:
        _public_pages_change()

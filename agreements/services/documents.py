"""An organisation's governing documents and annual reports (principle 3), and PDF checks."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agreements.generations import SIGNATORIES
from agreements.models import Organisation, OrganisationDocument
from hok.audit import record_actor
from hok.generations import bump
from hok.models import User
from hok.pdf_uploads import pdf_upload_check

PDF_MAX_BYTES = 10 * 1024 * 1024
# The oldest document worth keeping: organisations may upload statutes from long ago.
DOCUMENT_FIRST_YEAR = 1900


def pdf_validate(upload: UploadedFile) -> None:
    """A plain PDF of at most 10 MB: parsed, with no scripts or embedded files (hok.pdf_uploads)."""
    pdf_upload_check(upload, max_bytes=PDF_MAX_BYTES)


def _check_document_year(year: int | None) -> None:
    last = timezone.localdate().year + 1
    if year is not None and not DOCUMENT_FIRST_YEAR <= year <= last:
        raise ValidationError(
            _("Ange ett år mellan %(first)s och %(last)s, eller lämna fältet tomt.")
            % {"first": DOCUMENT_FIRST_YEAR, "last": last},
            code="year",
        )


def _file_name(title: str) -> str:
    return f"{slugify(title)[:80].strip('-') or 'dokument'}.pdf"


@transaction.atomic
def document_upload(
    *,
    organisation: Organisation,
    by: User,
    kind: str,
    title: str,
    year: int | None,
    upload: UploadedFile,
) -> OrganisationDocument:
    """Publish a PDF on the organisation's page: a governing document, annual report, …"""
    bump(SIGNATORIES)
    _check_document_year(year)
    pdf_validate(upload)
    document = OrganisationDocument(
        organisation=organisation,
        kind=kind,
        title=title.strip(),
        year=year,
        size=upload.size or 0,
        uploaded_by=by,
    )
    document.full_clean(exclude=["file"])
    document.file.save(_file_name(document.title), upload, save=False)
    record_actor(document, by=by)
    try:
        document.save()
    except Exception:
        # The row was not written, so the stored file must not linger either.
        if document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def document_delete(*, document: OrganisationDocument, by: User) -> None:
    """Remove the document; its file is deleted once the removal is committed."""
    bump(SIGNATORIES)
    storage, name = document.file.storage, document.file.name
    record_actor(document, by=by)
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))

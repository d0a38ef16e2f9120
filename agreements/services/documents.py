"""An organisation's governing documents and annual reports (principle 3), and PDF checks."""

import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agreements.models import Organisation, OrganisationDocument
from hok.models import User

PDF_MAX_BYTES = 10 * 1024 * 1024
# Readers accept a header anywhere in the first kilobyte, and an end marker in the last one.
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
_PDF_PROBE_BYTES = 1024
# The oldest document worth keeping: organisations may upload statutes from long ago.
DOCUMENT_FIRST_YEAR = 1900


def pdf_validate(upload: UploadedFile) -> None:
    """A PDF by its content (header and end marker), not by its name, and at most 10 MB."""
    size = upload.size
    if size is None or size > PDF_MAX_BYTES:
        raise ValidationError(_("Filen får vara högst 10 MB."), code="pdf_too_large")
    not_pdf = ValidationError(
        _("Filen är ingen PDF. Spara dokumentet som PDF och försök igen."), code="not_pdf"
    )
    upload.seek(0)
    head = upload.read(_PDF_PROBE_BYTES)
    if not _PDF_HEADER.search(head):
        upload.seek(0)
        raise not_pdf
    upload.seek(max(0, size - _PDF_PROBE_BYTES))
    tail = upload.read(_PDF_PROBE_BYTES)
    upload.seek(0)
    if b"%%EOF" not in tail:
        raise not_pdf


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
    try:
        document.save()
    except Exception:
        # The row was not written, so the stored file must not linger either.
        document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def document_delete(*, document: OrganisationDocument, by: User) -> None:
    """Remove the document; its file is deleted once the removal is committed."""
    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import Organisation, OrganisationDocument
from hok.models import User

PDF_MAX_BYTES = 10 * 1024 * 1024


def pdf_validate(upload: UploadedFile) -> None:
    """A PDF by its content (the file's first bytes), not by its name, and at most 10 MB."""
    if upload.size is None or upload.size > PDF_MAX_BYTES:
        raise ValidationError(_("Filen får vara högst 10 MB."), code="pdf_too_large")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if b"%PDF-" not in head:
        raise ValidationError(
            _("Filen är ingen PDF. Spara dokumentet som PDF och försök igen."), code="not_pdf"
        )


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
    document.file.save("dokument.pdf", upload, save=False)
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: OrganisationDocument, by: User) -> None:
    document.file.delete(save=False)
    document.delete()

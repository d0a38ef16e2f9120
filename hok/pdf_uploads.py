"""Every PDF the portal accepts goes through here: parsed, and refused if it can act.

A header and an end marker are not a PDF: ``%PDF-1.4 <html><script>…</script></html> %%EOF``
has both. The upload is parsed with pypdf (a maintained parser) and must have a document
catalogue with at least one page. Then every object reachable from the trailer is looked at,
names decoded (``/J#61vaScript`` is ``/JavaScript``), and the file is refused if it holds:

- JavaScript: a ``/JS`` entry, a ``/JavaScript`` name tree, an action of type JavaScript or
  Launch (so also an ``/OpenAction`` that runs a script), additional actions (``/AA``, which
  run on opening, closing, printing or focus) or an XFA form (its scripts are XML);
- embedded files: an ``/EmbeddedFiles`` name tree, a file specification with an ``/EF``
  stream, or an ``/EmbeddedFile`` stream;
- encryption that an empty password does not open (nothing inside could be checked).

Streams are not decoded: a page's content cannot run anything. Uploaded PDFs are served as
attachments (portal.views.public_media, the board decision download), never opened in the
portal's origin.
"""

from collections.abc import Iterator
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

# Readers accept a header anywhere in the first kilobyte.
_PDF_PROBE_BYTES = 1024

# The codes pdf_upload_check raises, for views that show them at the file's form field.
PDF_ERROR_CODES = ("pdf_too_large", "not_pdf", "pdf_script", "pdf_attachment", "pdf_encrypted")

_SCRIPT_KEYS = {"/JS", "/JavaScript", "/AA", "/XFA"}
_SCRIPT_ACTIONS = {"/JavaScript", "/Launch"}


def _not_pdf() -> ValidationError:
    return ValidationError(
        _("Filen är ingen PDF. Spara dokumentet som PDF och försök igen."), code="not_pdf"
    )


def _resolved(value: PdfObject | None) -> PdfObject | None:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _dictionaries(root: PdfObject) -> Iterator[DictionaryObject]:
    """Every dictionary (and stream dictionary) reachable from `root`, each object once."""
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject] = [root]
    while stack:
        item: PdfObject | None = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield item
            stack.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            stack.extend(list.__iter__(item))


def _refusal(dictionary: DictionaryObject) -> ValidationError | None:
    keys = set(dict.keys(dictionary))
    action = _resolved(dict.get(dictionary, "/S"))
    if keys & _SCRIPT_KEYS or action in _SCRIPT_ACTIONS:
        return ValidationError(
            _(
                "PDF-filen innehåller skript (JavaScript eller automatiska åtgärder), som vi "
                "inte tar emot. Spara dokumentet som PDF på nytt, till exempel med ”Skriv ut "
                "till PDF”, och försök igen."
            ),
            code="pdf_script",
        )
    kind = _resolved(dict.get(dictionary, "/Type"))
    if "/EmbeddedFiles" in keys or "/EF" in keys or kind == "/EmbeddedFile":
        return ValidationError(
            _(
                "PDF-filen har bifogade filer inuti sig, som vi inte tar emot. Spara "
                "dokumentet som PDF utan bilagor och försök igen."
            ),
            code="pdf_attachment",
        )
    return None


def pdf_upload_check(upload: UploadedFile, *, max_bytes: int) -> None:
    """Refuse (Swedish ValidationError, codes in PDF_ERROR_CODES) anything but a plain PDF of
    at most `max_bytes`. The upload is left at its start, ready to be stored."""
    size = upload.size
    if size is None or size > max_bytes:
        raise ValidationError(
            _("Filen får vara högst %(megabytes)s MB.") % {"megabytes": f"{max_bytes / 2**20:g}"},
            code="pdf_too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if b"%PDF-" not in data[:_PDF_PROBE_BYTES] or len(data) > max_bytes:
        raise _not_pdf()
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ValidationError(
                _("PDF-filen är lösenordsskyddad. Spara den utan lösenord och försök igen."),
                code="pdf_encrypted",
            )
        catalogue = _resolved(dict.get(reader.trailer, "/Root"))
        if not isinstance(catalogue, DictionaryObject) or len(reader.pages) == 0:
            raise _not_pdf()
        for dictionary in _dictionaries(reader.trailer):
            if (refusal := _refusal(dictionary)) is not None:
                raise refusal
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - a parser on hostile input may raise anything
        raise _not_pdf() from error

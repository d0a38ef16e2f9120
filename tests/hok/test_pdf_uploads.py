"""hok.pdf_uploads.pdf_upload_check: a PDF is parsed, and refused when it can act."""

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from agreements.services.documents import document_upload
from hok.pdf_uploads import PDF_ERROR_CODES, pdf_upload_check
from tests.factories import MembershipFactory, OrganisationFactory
from tests.uploads import MINIMAL_PDF, one_page_pdf, pdf_bytes

MAX = 10 * 1024 * 1024
ALERT = b"(app.alert\\(1\\))"


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("dokument.pdf", content, content_type="application/pdf")


def _code(content: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        pdf_upload_check(_upload(content), max_bytes=MAX)
    return error.value.code


def _written(change: Callable[[PdfWriter], None]) -> bytes:
    """A one-page PDF written by pypdf, changed by `change` before it is saved."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    change(writer)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


class TestAccepted:
    @pytest.mark.parametrize(
        "content",
        [
            MINIMAL_PDF,
            pdf_bytes(),  # written by Pillow
            _written(lambda writer: None),  # written by pypdf
            # Opening at a page (a destination, not an action) and a link to a web page.
            one_page_pdf(catalogue=b"/OpenAction[3 0 R/Fit]"),
            one_page_pdf(
                page=b"/Annots[4 0 R]",
                extra=(
                    b"<</Type/Annot/Subtype/Link/Rect[0 0 9 9]/A<</S/URI/URI(https://x.se)>>>>",
                ),
            ),
            # An object that refers to itself is looked at once.
            one_page_pdf(catalogue=b"/Loop 4 0 R", extra=(b"<</Again 4 0 R>>",)),
        ],
        ids=["minimal", "pillow", "pypdf", "open-at-page", "web-link", "cycle"],
    )
    def test_a_plain_pdf(self, content: bytes) -> None:
        upload = _upload(content)
        pdf_upload_check(upload, max_bytes=MAX)
        assert upload.tell() == 0

    def test_encrypted_with_an_empty_user_password(self) -> None:
        content = _written(lambda writer: writer.encrypt("", owner_password="ägare"))
        pdf_upload_check(_upload(content), max_bytes=MAX)


class TestRefused:
    def test_the_html_with_a_pdf_header_and_end_marker_from_the_probe(self) -> None:
        content = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n"
        assert _code(content) == "not_pdf"

    @pytest.mark.parametrize(
        "content",
        [
            pdf_bytes()[: len(pdf_bytes()) // 2],  # cut off
            b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
            one_page_pdf().replace(b"/Count 1", b"/Count 0").replace(b"/Kids[3 0 R]", b"/Kids[]"),
        ],
        ids=["truncated", "no-pages-no-xref", "no-pages"],
    )
    def test_what_does_not_parse_as_a_pdf_with_pages(self, content: bytes) -> None:
        assert _code(content) == "not_pdf"

    @pytest.mark.parametrize(
        "content",
        [
            _written(lambda writer: writer.add_open_action(JavaScript("app.alert(1);"))),
            one_page_pdf(catalogue=b"/OpenAction<</S/JavaScript/JS" + ALERT + b">>"),
            # The same with the names hidden by #-escapes, as a raw byte search would miss.
            one_page_pdf(catalogue=b"/OpenAction<</S/J#61vaScript/J#53" + ALERT + b">>"),
            one_page_pdf(
                catalogue=b"/OpenAction 4 0 R", extra=(b"<</S/JavaScript/JS 5 0 R>>", ALERT)
            ),
            one_page_pdf(page=b"/AA<</O<</S/URI/URI(https://x.se)>>>>"),
            one_page_pdf(catalogue=b"/OpenAction<</S/Launch/F(calc.exe)>>"),
            one_page_pdf(catalogue=b"/AcroForm<</Fields[]/XFA 4 0 R>>", extra=(b"<<>>",)),
        ],
        ids=[
            "pypdf-open-action",
            "open-action-js",
            "escaped-names",
            "indirect-js",
            "page-additional-actions",
            "launch",
            "xfa",
        ],
    )
    def test_javascript_and_actions(self, content: bytes) -> None:
        assert _code(content) == "pdf_script"

    def test_an_embedded_file(self) -> None:
        content = _written(lambda writer: writer.add_attachment("virus.exe", b"MZ\x90\x00"))
        assert _code(content) == "pdf_attachment"

    def test_a_file_attachment_annotation(self) -> None:
        def attach(writer: PdfWriter) -> None:
            stream = writer._add_object(
                DictionaryObject({NameObject("/Type"): NameObject("/EmbeddedFile")})
            )
            spec = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Filespec"),
                    NameObject("/F"): TextStringObject("a.txt"),
                    NameObject("/EF"): DictionaryObject({NameObject("/F"): stream}),
                }
            )
            annotation = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Annot"),
                    NameObject("/Subtype"): NameObject("/FileAttachment"),
                    NameObject("/FS"): spec,
                }
            )
            writer.pages[0][NameObject("/Annots")] = writer._add_object(annotation)

        assert _code(_written(attach)) == "pdf_attachment"

    def test_a_password_that_opens_it(self) -> None:
        content = _written(lambda writer: writer.encrypt("hemligt"))
        assert _code(content) == "pdf_encrypted"

    def test_over_the_size(self) -> None:
        with pytest.raises(ValidationError) as error:
            pdf_upload_check(_upload(MINIMAL_PDF), max_bytes=len(MINIMAL_PDF) - 1)
        assert error.value.code == "pdf_too_large"

    def test_the_messages_are_swedish_and_every_code_is_listed(self) -> None:
        with pytest.raises(ValidationError) as error:
            pdf_upload_check(
                _upload(_written(lambda w: w.add_open_action(JavaScript("x")))), max_bytes=MAX
            )
        assert error.value.messages[0].startswith("PDF-filen innehåller skript")
        assert set(PDF_ERROR_CODES) == {
            "pdf_too_large",
            "not_pdf",
            "pdf_script",
            "pdf_attachment",
            "pdf_encrypted",
        }


@pytest.mark.django_db
class TestServed:
    @pytest.fixture(autouse=True)
    def media(self, settings, tmp_path: Path) -> None:
        settings.MEDIA_ROOT = tmp_path / "media"

    def test_a_published_document_is_downloaded_not_opened(self, client: Client) -> None:
        membership = MembershipFactory(organisation=OrganisationFactory())
        document = document_upload(
            organisation=membership.organisation,
            by=membership.user,
            kind="governing",
            title="Stadgar 2026",
            year=2026,
            upload=_upload(MINIMAL_PDF),
        )
        response = client.get(document.file.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="stadgar-2026.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"

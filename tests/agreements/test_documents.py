"""Governing documents and annual reports (principle 3): PDF checks, services, the page."""

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from agreements.models import OrganisationDocument
from agreements.selectors.commitments import documents_of_organisation, documents_public
from agreements.services.documents import (
    PDF_MAX_BYTES,
    document_delete,
    document_upload,
    pdf_validate,
)
from hok.models import User
from tests.factories import (
    AdminUserFactory,
    MembershipFactory,
    OrganisationDocumentFactory,
    OrganisationFactory,
    UserFactory,
    WorkingGroupUserFactory,
)
from tests.uploads import MINIMAL_PDF, one_page_pdf

THIS_YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def swedish() -> Iterator[None]:
    translation.activate("sv")
    yield
    translation.activate("sv")


# What the outside probe uploaded and saw published: a web page between the two markers.
HTML_WITH_PDF_MARKERS = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n"
PDF_WITH_SCRIPT = one_page_pdf(catalogue=b"/OpenAction<</S/JavaScript/JS(app.alert\\(1\\))>>")


def _pdf(name: str = "stadgar.pdf", content: bytes = MINIMAL_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _padded_pdf(size: int) -> bytes:
    """A PDF of exactly `size` bytes: the minimal one with a long comment after its header."""
    comment = size - len(MINIMAL_PDF)
    pdf = one_page_pdf(comment=comment)
    while len(pdf) != size:  # the xref offsets grow a digit or two with the comment
        comment += size - len(pdf)
        pdf = one_page_pdf(comment=comment)
    return pdf


def _stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def _html(response) -> str:
    return response.content.decode()


def _field_errors(response, field: str) -> str:
    match = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', _html(response), re.S
    )
    return match.group(1) if match else ""


@pytest.fixture
def organisation(db: None):
    return OrganisationFactory(slug="foreningen-ljuset")


@pytest.fixture
def representative(organisation) -> User:
    person = UserFactory()
    MembershipFactory(organisation=organisation, user=person)
    return person


@pytest.fixture
def rep_client(representative: User) -> Client:
    client = Client()
    client.force_login(representative)
    return client


# --- pdf_validate -----------------------------------------------------------------------------


class TestPdfValidate:
    def test_a_real_minimal_pdf_is_accepted(self) -> None:
        upload = _pdf()
        pdf_validate(upload)
        assert upload.tell() == 0  # ready to be stored

    def test_header_after_a_little_junk_is_accepted(self) -> None:
        pdf_validate(_pdf(content=b"\xef\xbb\xbf\n" + MINIMAL_PDF))

    def test_exactly_ten_megabytes_is_accepted(self) -> None:
        pdf_validate(_pdf(content=_padded_pdf(PDF_MAX_BYTES)))

    @pytest.mark.parametrize(
        "content",
        [
            b"Det h\xc3\xa4r \xc3\xa4r en textfil som bytt namn till .pdf.\n",
            b"",
            b"%PDF",  # a header cut short
            b"%PDF-1.7\nbara en rubrik, inget slut\n",  # no end marker
            b"x" * 2048 + MINIMAL_PDF,  # the header too far in
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
            b"PK\x03\x04 ett zip-arkiv, till exempel en docx-fil %%EOF",
        ],
    )
    def test_other_content_named_pdf_is_refused(self, content: bytes) -> None:
        upload = _pdf("arsredovisning.pdf", content)
        with pytest.raises(ValidationError) as error:
            pdf_validate(upload)
        assert error.value.error_list[0].code == "not_pdf"
        assert error.value.messages == [
            "Filen är ingen PDF. Spara dokumentet som PDF och försök igen."
        ]

    @pytest.mark.parametrize(
        ("content", "code"),
        [
            (HTML_WITH_PDF_MARKERS, "not_pdf"),
            (PDF_WITH_SCRIPT, "pdf_script"),
            (
                one_page_pdf(catalogue=b"/Names<</EmbeddedFiles 4 0 R>>", extra=(b"<<>>",)),
                "pdf_attachment",
            ),
        ],
        ids=["html", "javascript", "embedded-files"],
    )
    def test_a_pdf_that_is_html_or_can_act_is_refused(self, content: bytes, code: str) -> None:
        with pytest.raises(ValidationError) as error:
            pdf_validate(_pdf(content=content))
        assert error.value.error_list[0].code == code

    def test_over_ten_megabytes_is_refused(self) -> None:
        upload = _pdf(content=_padded_pdf(PDF_MAX_BYTES + 1))
        with pytest.raises(ValidationError) as error:
            pdf_validate(upload)
        assert error.value.error_list[0].code == "pdf_too_large"
        assert error.value.messages == ["Filen får vara högst 10 MB."]

    def test_a_huge_upload_is_refused_by_its_size_without_reading(self) -> None:
        # A stream that claims 2 GB: the size alone decides, nothing is read.
        upload = UploadedFile(io.BytesIO(MINIMAL_PDF), name="stor.pdf", size=2 * 1024**3)
        with pytest.raises(ValidationError) as error:
            pdf_validate(upload)
        assert error.value.error_list[0].code == "pdf_too_large"

    def test_unknown_size_is_refused(self) -> None:
        upload = UploadedFile(io.BytesIO(MINIMAL_PDF), name="okand.pdf", size=None)
        with pytest.raises(ValidationError):
            pdf_validate(upload)


# --- services ---------------------------------------------------------------------------------


class TestDocumentUpload:
    def test_stores_the_pdf(self, organisation, representative, media_root: Path) -> None:
        document = document_upload(
            organisation=organisation,
            by=representative,
            kind=OrganisationDocument.Kind.ANNUAL_REPORT,
            title="  Årsredovisning 2024 ",
            year=2024,
            upload=_pdf("scan0001.PDF"),
        )
        document.refresh_from_db()
        assert document.title == "Årsredovisning 2024"
        assert (document.kind, document.year, document.size) == (
            "annual_report",
            2024,
            len(MINIMAL_PDF),
        )
        assert document.uploaded_by == representative
        assert document.file.name.startswith("documents/")
        assert document.file.name.endswith("/arsredovisning-2024.pdf")
        assert document.file.read() == MINIMAL_PDF

    def test_year_is_optional(self, organisation, representative) -> None:
        document = document_upload(
            organisation=organisation,
            by=representative,
            kind=OrganisationDocument.Kind.GOVERNING,
            title="Stadgar",
            year=None,
            upload=_pdf(),
        )
        assert document.year is None

    @pytest.mark.parametrize(
        ("arguments", "code_or_field"),
        [
            ({"upload": lambda: _pdf(content=b"inte en pdf")}, "not_pdf"),
            ({"upload": lambda: _pdf(content=_padded_pdf(PDF_MAX_BYTES + 1))}, "pdf_too_large"),
            ({"year": 1899}, "year"),
            ({"year": THIS_YEAR + 2}, "year"),
            ({"kind": "secret"}, "kind"),
            ({"title": "   "}, "title"),
            ({"title": "x" * 201}, "title"),
        ],
        ids=["fake", "too-large", "old", "future", "kind", "blank-title", "long-title"],
    )
    def test_bad_input_stores_nothing(
        self, organisation, representative, media_root: Path, arguments: dict, code_or_field: str
    ) -> None:
        values = {
            "kind": OrganisationDocument.Kind.GOVERNING,
            "title": "Stadgar",
            "year": 2020,
            "upload": _pdf(),
            **{key: value() if callable(value) else value for key, value in arguments.items()},
        }
        with pytest.raises(ValidationError) as error:
            document_upload(organisation=organisation, by=representative, **values)
        if hasattr(error.value, "error_dict"):
            assert code_or_field in error.value.message_dict
        else:
            assert error.value.error_list[0].code == code_or_field
        assert not OrganisationDocument.objects.exists()
        assert _stored_files(media_root) == []


class TestDocumentDelete:
    def test_removes_row_and_file_after_commit(
        self, organisation, representative, media_root: Path, django_capture_on_commit_callbacks
    ) -> None:
        document = OrganisationDocumentFactory(organisation=organisation)
        kept = OrganisationDocumentFactory(organisation=organisation)
        path = Path(document.file.path)
        assert path.exists()
        with django_capture_on_commit_callbacks(execute=True):
            document_delete(document=document, by=representative)
        assert list(OrganisationDocument.objects.all()) == [kept]
        assert not path.exists()
        assert Path(kept.file.path).exists()


class TestSelectors:
    def test_public_documents_of_one_organisation(self, organisation) -> None:
        statutes = OrganisationDocumentFactory(organisation=organisation, title="Stadgar")
        old = OrganisationDocumentFactory(
            organisation=organisation, kind="annual_report", year=2022, title="Årsred. 2022"
        )
        new = OrganisationDocumentFactory(
            organisation=organisation, kind="annual_report", year=2024, title="Årsred. 2024"
        )
        position = OrganisationDocumentFactory(
            organisation=organisation, kind="position", title="Ställningstagande"
        )
        OrganisationDocumentFactory()  # another organisation's
        assert list(documents_public(organisation=organisation)) == [statutes, new, old, position]
        assert set(documents_of_organisation(organisation=organisation)) == {
            statutes,
            old,
            new,
            position,
        }


# --- pages ------------------------------------------------------------------------------------


def _as(person: User | None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def _person(role: str, organisation) -> User | None:
    def member(person: User) -> User:
        MembershipFactory(organisation=organisation, user=person)
        return person

    return {
        "anonymous": lambda: None,
        "signed_in": lambda: UserFactory(),
        "member_of_another": lambda: MembershipFactory().user,
        "representative": lambda: member(UserFactory()),
        "working_group": lambda: WorkingGroupUserFactory(),
        "working_group_member": lambda: member(WorkingGroupUserFactory()),
        "admin": lambda: AdminUserFactory(),
        "admin_member": lambda: member(AdminUserFactory()),
    }[role]()


ROLE_EXPECTATIONS = [
    ("anonymous", 302),
    ("signed_in", 403),
    ("member_of_another", 403),
    ("representative", 200),
    ("working_group", 403),
    ("working_group_member", 200),
    ("admin", 403),
    ("admin_member", 200),
]


def _upload_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "annual_report",
        "title": "Årsredovisning 2024",
        "year": "2024",
        "file": _pdf("arsredovisning.pdf"),
    }
    data.update(overrides)
    return data


class TestRoles:
    @pytest.mark.parametrize(("role", "expected"), ROLE_EXPECTATIONS)
    def test_list_for_every_role(self, organisation, role: str, expected: int) -> None:
        url = reverse("agreements:document_list", args=[organisation.slug])
        response = _as(_person(role, organisation)).get(url)
        assert response.status_code == expected
        if role == "anonymous":
            assert response["Location"].startswith(reverse("account_login"))

    @pytest.mark.parametrize(("role", "expected"), ROLE_EXPECTATIONS)
    def test_upload_for_every_role(self, organisation, role: str, expected: int) -> None:
        url = reverse("agreements:document_list", args=[organisation.slug])
        response = _as(_person(role, organisation)).post(url, _upload_data())
        assert response.status_code == (302 if expected == 200 else expected)
        assert OrganisationDocument.objects.exists() is (expected == 200)

    @pytest.mark.parametrize(("role", "expected"), ROLE_EXPECTATIONS)
    def test_delete_for_every_role(self, organisation, role: str, expected: int) -> None:
        document = OrganisationDocumentFactory(organisation=organisation)
        url = reverse("agreements:document_delete", args=[organisation.slug, document.pk])
        response = _as(_person(role, organisation)).post(url)
        assert response.status_code == (302 if expected == 200 else expected)
        assert OrganisationDocument.objects.exists() is (expected != 200)


class TestDocumentPage:
    def test_lists_documents_and_the_form(self, rep_client: Client, organisation) -> None:
        OrganisationDocumentFactory(organisation=organisation, title="Stadgar 2021")
        OrganisationDocumentFactory(title="Någon annans stadgar")
        response = rep_client.get(reverse("agreements:document_list", args=[organisation.slug]))
        html = _html(response)
        assert "Stadgar 2021" in html
        assert "Någon annans stadgar" not in html
        assert 'enctype="multipart/form-data"' in html
        assert 'accept="application/pdf,.pdf"' in html
        for field in ("title", "year", "file"):
            assert f'for="id_{field}"' in html
        assert "<legend>Typ av dokument:</legend>" in html
        assert 'aria-current="page"' in html

    def test_upload(self, rep_client: Client, organisation, representative) -> None:
        url = reverse("agreements:document_list", args=[organisation.slug])
        response = rep_client.post(url, _upload_data())
        assert response.status_code == 302
        document = OrganisationDocument.objects.get()
        assert (document.organisation, document.uploaded_by) == (organisation, representative)
        followed = _html(rep_client.get(url))
        assert "är uppladdat" in followed
        assert document.file.url in followed

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"file": lambda: _pdf("brev.pdf", b"Hej! Det h\xc3\xa4r \xc3\xa4r en textfil.")},
                "file",
                "Filen är ingen PDF.",
            ),
            (
                {"file": lambda: _pdf(content=_padded_pdf(PDF_MAX_BYTES + 1))},
                "file",
                "Filen får vara högst 10 MB.",
            ),
            (
                {"file": lambda: _pdf(content=HTML_WITH_PDF_MARKERS)},
                "file",
                "Filen är ingen PDF.",
            ),
            (
                {"file": lambda: _pdf(content=PDF_WITH_SCRIPT)},
                "file",
                "PDF-filen innehåller skript",
            ),
            ({"file": ""}, "file", "Välj en PDF-fil att ladda upp."),
            ({"file": lambda: _pdf(content=b"")}, "file", "Filen är tom."),
            ({"kind": ""}, "kind", "Välj vilken typ av dokument det är."),
            ({"kind": "secret"}, "kind", "Välj en av typerna i listan."),
            ({"title": ""}, "title", "Skriv en titel för dokumentet."),
            ({"year": "tjugotjugofyra"}, "year", "Skriv året med fyra siffror"),
            ({"year": "1066"}, "year", "Ange ett år mellan 1900 och"),
        ],
        ids=[
            "fake",
            "too-large",
            "html-polyglot",
            "javascript",
            "missing",
            "empty",
            "no-kind",
            "bad-kind",
            "title",
            "year",
            "old",
        ],
    )
    def test_bad_input(
        self,
        rep_client: Client,
        organisation,
        media_root: Path,
        overrides: dict,
        field: str,
        message: str,
    ) -> None:
        url = reverse("agreements:document_list", args=[organisation.slug])
        overrides = {key: value() if callable(value) else value for key, value in overrides.items()}
        response = rep_client.post(url, _upload_data(**overrides))
        assert response.status_code == 400
        assert message in _field_errors(response, field)
        html = _html(response)
        if field != "title":
            assert 'value="Årsredovisning 2024"' in html
        if field != "kind":
            assert re.search(r'value="annual_report"[^>]*checked', html)
        assert "Välj filen igen" in html
        assert not OrganisationDocument.objects.exists()
        assert _stored_files(media_root) == []

    def test_delete(self, rep_client: Client, organisation, django_capture_on_commit_callbacks):
        document = OrganisationDocumentFactory(organisation=organisation, title="Gamla stadgar")
        path = Path(document.file.path)
        url = reverse("agreements:document_delete", args=[organisation.slug, document.pk])
        with django_capture_on_commit_callbacks(execute=True):
            response = rep_client.post(url)
        assert response.status_code == 302
        assert not OrganisationDocument.objects.exists()
        assert not path.exists()
        assert "”Gamla stadgar” är borttaget." in _html(rep_client.get(response["Location"]))

    def test_delete_needs_post(self, rep_client: Client, organisation) -> None:
        document = OrganisationDocumentFactory(organisation=organisation)
        url = reverse("agreements:document_delete", args=[organisation.slug, document.pk])
        assert rep_client.get(url).status_code == 405
        assert OrganisationDocument.objects.exists()

    @pytest.mark.parametrize("pk", ["theirs", "0", "99999999999999999999"])
    def test_another_organisations_document_is_404(
        self, rep_client: Client, organisation, pk: str
    ) -> None:
        theirs = OrganisationDocumentFactory()
        pk = str(theirs.pk) if pk == "theirs" else pk
        url = reverse("agreements:document_list", args=[organisation.slug]) + f"{pk}/ta-bort/"
        assert rep_client.post(url).status_code == 404
        assert OrganisationDocument.objects.filter(pk=theirs.pk).exists()

    def test_query_budget(
        self, rep_client: Client, organisation, django_assert_max_num_queries
    ) -> None:
        for _index in range(15):
            OrganisationDocumentFactory(organisation=organisation)
        url = reverse("agreements:document_list", args=[organisation.slug])
        with django_assert_max_num_queries(8):
            response = rep_client.get(url)
        assert response.status_code == 200

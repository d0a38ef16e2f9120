"""Every PDF the portal makes goes through hok.pdf: tagged (a structure tree for screen
readers), with its document title and its language (sv) in the PDF itself. Read back with
poppler's pdfinfo (Tagged, Title) and from the PDF's catalog (/Lang, /MarkInfo)."""

import re
import shutil
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from agreements.certificate import certificate_pdf
from dialogues.document import document_pdf
from dialogues.services.documents import document_render_request
from dialogues.sheet import table_sheet_pdf
from tests.conftest import service_or_skip
from tests.dialogues.factories import DialogueFactory, DialogueQuestionFactory, NoteFactory
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

PDFINFO = shutil.which("pdfinfo")


def _pdfinfo(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    service_or_skip("pdfinfo", PDFINFO is not None, "install poppler-utils")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    output = subprocess.run(  # noqa: S603 - a fixed program on a file we wrote
        [PDFINFO, "-enc", "UTF-8", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return {
        key.strip(): value.strip()
        for key, _sep, value in (line.partition(":") for line in output.splitlines())
    }


def _objects(pdf: bytes) -> bytes:
    """The PDF's objects, with its compressed object streams inflated."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue  # an image or a font: not deflated object data
    return b"\n".join(parts)


def _certificate() -> bytes:
    return certificate_pdf(SignatureFactory(organisation__name="Föreningen Ängen", approved=True))


def _sheet() -> bytes:
    dialogue = DialogueFactory(title="Psykisk hälsa")
    DialogueQuestionFactory(dialogue=dialogue)
    return table_sheet_pdf(dialogue)


def _compiled() -> bytes:
    dialogue = DialogueFactory(
        conference__name="Starkare än förr", summary="Vi hörde er.", summary_published=True
    )
    NoteFactory(dialogue=dialogue, text="Fler mötesplatser")
    pdf, _source = document_pdf(dialogue.conference)
    return pdf.content


def _stored_by_the_worker(django_capture_on_commit_callbacks: Callable) -> bytes:
    """The file a render job stores (test settings run the task in process)."""
    dialogue = DialogueFactory(
        conference__name="Starkare än förr", summary="Vi hörde er.", summary_published=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = document_render_request(conference=dialogue.conference, drafts=False, by=None)
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        return handle.read()


PDFS: dict[str, tuple[Callable[..., bytes], str]] = {
    "certificate": (_certificate, "Intyg – Föreningen Ängen"),
    "table sheet": (_sheet, "Bordsblad – Psykisk hälsa"),
    "compiled document": (_compiled, "Sammanställning av dialogerna – Starkare än förr"),
    "stored compiled document": (
        _stored_by_the_worker,
        "Sammanställning av dialogerna – Starkare än förr",
    ),
}


@pytest.mark.parametrize("kind", list(PDFS))
def test_every_pdf_is_tagged_with_title_and_language(
    kind: str,
    tmp_path: Path,
    settings,
    django_capture_on_commit_callbacks: Callable,
    seed: object,  # the agreement the certificate's signature signs
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    make, title = PDFS[kind]
    pdf = make(django_capture_on_commit_callbacks) if kind.startswith("stored") else make()
    info = _pdfinfo(pdf, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == title
    objects = _objects(pdf)
    assert b"/Lang (sv)" in objects
    assert re.search(rb"/MarkInfo ?<< ?/Marked true", objects)
    assert b"/StructTreeRoot" in objects

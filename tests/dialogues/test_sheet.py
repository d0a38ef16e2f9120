"""The dialogue's QR code points at its attendee page; the table sheet is a PDF with the code."""

import re
import shutil
import subprocess

import pytest
import segno
from django.urls import reverse

from dialogues.qr import qr_svg
from dialogues.selectors.conferences import attendee_url
from dialogues.sheet import attendee_address_to_type, spaced_code, table_sheet_pdf
from tests.dialogues.factories import DialogueFactory, DialogueQuestionFactory

pytestmark = pytest.mark.django_db

BORDER = 4


def _svg_matrix(svg: str) -> list[list[bool]]:
    """The dark modules drawn by segno's SVG path (one horizontal stroke per run of modules)."""
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    grid = [[False] * size for _ in range(size)]
    path = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    x = y = 0.0
    for command, first, second in re.findall(r"([MmHh])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            length = float(first)
            for column in range(int(x), int(x + length)):
                grid[int(y)][column] = True
            x += length
    return grid


def _segno_matrix(url: str) -> list[list[bool]]:
    code = segno.make(url, error="m", micro=False)
    return [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=BORDER)]


def test_the_qr_code_encodes_the_absolute_attendee_url(settings) -> None:
    settings.PORTAL_BASE_URL = "https://hok.example"
    dialogue = DialogueFactory()
    url = attendee_url(dialogue)
    assert url == f"https://hok.example/dialog/{dialogue.short_code}/"
    svg = qr_svg(url, title="QR")
    assert _svg_matrix(svg) == _segno_matrix(url)
    # And not the matrix of another address.
    assert _svg_matrix(svg) != _segno_matrix(url.replace(dialogue.short_code, "ZZZZZZ"))


def test_the_qr_image_is_served_as_svg(client, give_mfa, working_group_user, settings) -> None:
    settings.PORTAL_BASE_URL = "https://hok.example"
    give_mfa(working_group_user)
    client.force_login(working_group_user)
    dialogue = DialogueFactory()
    response = client.get(reverse("dialogues:dialogue_qr", args=[dialogue.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith("<svg")
    assert _svg_matrix(svg) == _segno_matrix(f"https://hok.example/dialog/{dialogue.short_code}/")


def test_the_address_to_type_has_no_scheme(settings) -> None:
    settings.PORTAL_BASE_URL = "https://hok.example"
    assert attendee_address_to_type() == "hok.example"


def test_spaced_code() -> None:
    assert spaced_code("K7MQ2P") == "K7M Q2P"


def test_the_table_sheet_is_a_pdf_with_title_questions_and_code(settings, tmp_path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    settings.PORTAL_BASE_URL = "https://hok.example"
    dialogue = DialogueFactory(title="Framtidsfokus")
    DialogueQuestionFactory(dialogue=dialogue, text="Vilka aktiviteter skulle underlätta?")
    pdf = table_sheet_pdf(dialogue)
    assert pdf.startswith(b"%PDF-")
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", str(tmp_path / "sheet.pdf"), "-"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Framtidsfokus" in text
    assert "Vilka aktiviteter skulle underlätta?" in text
    assert spaced_code(dialogue.short_code) in text
    assert "hok.example" in text
    assert f"hok.example/dialog/{dialogue.short_code}" in text.replace("\n", "").replace(" ", "")
    info = subprocess.run(  # noqa: S603
        ["pdfinfo", str(tmp_path / "sheet.pdf")],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    assert "(A4)" in info


def test_weasyprint_leaves_truncated_images_refused() -> None:
    from PIL import ImageFile

    table_sheet_pdf(DialogueFactory())
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False

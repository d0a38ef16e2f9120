"""The compiled document of the seeded 2021 conference, read back from the PDF with poppler's
pdftotext: its shape (title, introduction, per dialogue questions, summary, chart and table,
feedback; the raw notes last), page numbers, no heading left alone at a page's foot, only
published text and never a hidden note."""

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import ImageFile

from dialogues.document import document_pdf, document_source
from dialogues.models import Conference, Dialogue, Note
from dialogues.services.outcomes import summary_unpublish, theme_feedback_save
from dialogues.services.seed import conference_load_seed
from tests.conftest import service_or_skip

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")


def _pages(pdf: bytes, tmp_path: Path) -> list[str]:
    service_or_skip(
        "pdftotext", PDFTOTEXT is not None, "install poppler-utils (apt-get install poppler-utils)"
    )
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    text = subprocess.run(  # noqa: S603 - a fixed program on a file we wrote
        [PDFTOTEXT, "-enc", "UTF-8", str(source), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def _pdf(conference: Conference, *, drafts: bool = False) -> bytes:
    pdf, _source = document_pdf(conference, drafts=drafts)
    return pdf.content


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def seeded() -> Conference:
    conference, _created = conference_load_seed()
    return conference


_SEEDED_PAGES: list[str] = []


@pytest.fixture
def pages(seeded: Conference, tmp_path: Path) -> list[str]:
    """The seeded conference's public document, rendered once for the tests that only read it
    (the seed is the same every time)."""
    if not _SEEDED_PAGES:
        _SEEDED_PAGES.extend(_pages(_pdf(seeded), tmp_path))
    return _SEEDED_PAGES


def _body_lines(page: str) -> list[str]:
    """The page's lines without the running title and the page number."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [
        line
        for line in lines
        if not line.startswith("Sida ") and not line.startswith("Halländska Överenskommelsen ·")
    ]


def test_title_and_introduction_first(pages: list[str]) -> None:
    first = _flat(pages[0])
    assert first.startswith("SAMMANSTÄLLNING AV DIALOGER UNDER SAMVERKANSKONFERENSEN")
    assert "”Starkare än förr” 18 november 2021" in first
    assert "2021 års samverkanskonferens innehöll två dialoger" in first


def test_every_page_is_numbered(pages: list[str]) -> None:
    total = len(pages)
    assert total >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} av {total}" in page


def test_dialogues_in_order_with_questions_summary_and_themes(
    seeded: Conference, pages: list[str]
) -> None:
    text = _flat("\n".join(pages))
    first, second = seeded.dialogues.order_by("position")
    positions = [
        text.index("PSYKISK HÄLSA Den första dialogen"),
        text.index("”Vilka för-/nackdelar finns med strukturerad samverkan?"),
        text.index(_flat(first.summary.split("\n\n")[0])),
        text.index("Antal anteckningar per tema i dialog 1"),
        text.index("FRAMTIDSFOKUS"),
        text.index("”Vad vill ni se att Överenskommelsen jobbar vidare med under 2022 och 2023?"),
        text.index(_flat(second.summary.split("\n\n")[0])),
        text.index("Antal anteckningar per tema i dialog 2"),
        text.index("RÅMATERIAL DIALOG 1 – PSYKISK HÄLSA"),
        text.index("RÅMATERIAL DIALOG 2 – FRAMTIDSFOKUS"),
    ]
    assert positions == sorted(positions)
    assert text.count("(Råmaterialet hittar du sist i dokumentet.)") == 2


def test_raw_material_starts_on_its_own_page_with_every_note(
    seeded: Conference, pages: list[str]
) -> None:
    starts = [
        number
        for number, page in enumerate(pages)
        if _body_lines(page)[0].startswith("RÅMATERIAL DIALOG")
    ]
    assert len(starts) == 2
    assert all("RÅMATERIAL" not in page for page in pages[: starts[0]])
    raw = _flat("\n".join(pages[starts[0] :]))
    for note in Note.objects.filter(dialogue__conference=seeded):
        first_line = _flat(note.text.splitlines()[0])
        assert first_line in raw, first_line


def test_no_heading_is_left_alone_at_the_foot_of_a_page(
    seeded: Conference, pages: list[str]
) -> None:
    headings = {
        "Arbetsgruppens sammanfattning",
        "Teman i dialogen",
        "Återkoppling",
        "Frågorna som ställdes under dialogen:",
        "TEMAN I HELA KONFERENSEN",
    }
    headings |= {dialogue.title.upper() for dialogue in seeded.dialogues.all()}
    for number, page in enumerate(pages, start=1):
        body = _body_lines(page)
        assert body, f"page {number} is empty"
        assert body[-1] not in headings, f"page {number} ends with the heading {body[-1]!r}"


def test_hidden_notes_and_drafts_stay_out(seeded: Conference, tmp_path: Path) -> None:
    note = Note.objects.filter(dialogue__conference=seeded).order_by("id").first()
    Note.objects.filter(pk=note.pk).update(
        hidden=True, text="Hemligt namn Kalle Karlsson", hidden_reason="namn"
    )
    second = seeded.dialogues.get(position=2)
    summary_unpublish(dialogue=second, by=None)
    theme = seeded.themes.get(name="ensamhet")
    theme_feedback_save(conference=seeded, theme=theme, feedback="Ej klart utkast", by=None)
    text = _flat("\n".join(_pages(_pdf(seeded), tmp_path)))
    assert "Kalle Karlsson" not in text
    assert "RÅMATERIAL DIALOG 2" not in text
    assert _flat(second.summary.split("\n\n")[0]) not in text
    assert "Ej klart utkast" not in text
    assert "Arbetsgruppens sammanfattning av dialogen är inte publicerad ännu." in text


def test_published_feedback_is_in_its_dialogues(seeded: Conference, tmp_path: Path) -> None:
    theme = seeded.themes.get(name="ensamhet")
    theme_feedback_save(
        conference=seeded,
        theme=theme,
        feedback="Vi startar **nätverket** Ingen ensam.\n\n<script>alert(1)</script>",
        publish=True,
        by=None,
    )
    text = _flat("\n".join(_pages(_pdf(seeded), tmp_path)))
    assert text.count("Vi startar nätverket Ingen ensam.") == 2  # ensamhet is in both dialogues
    assert "alert" not in text


def test_draft_document_marks_drafts(seeded: Conference, tmp_path: Path) -> None:
    second = seeded.dialogues.get(position=2)
    summary_unpublish(dialogue=second, by=None)
    text = _flat("\n".join(_pages(_pdf(seeded, drafts=True), tmp_path)))
    assert "Utkast: innehåller texter som inte är publicerade." in text
    assert _flat(second.summary.split("\n\n")[0]) in text
    assert "UTKAST" in text


def test_truncated_images_stay_refused(seeded: Conference) -> None:
    """Importing WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process."""
    _pdf(seeded)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_a_conference_with_no_dialogues(db: None, tmp_path: Path) -> None:
    conference = Conference.objects.create(
        name="Tom konferens", slug="tom", date="2030-11-18", introduction="Inget ännu."
    )
    pages = _pages(_pdf(conference, drafts=True), tmp_path)
    assert len(pages) == 1
    assert "Inget ännu." in pages[0]


def test_seed_dialogues_are_closed_and_published(seeded: Conference) -> None:
    assert all(
        dialogue.summary_published and dialogue.manual_state == Dialogue.ManualState.CLOSED
        for dialogue in seeded.dialogues.all()
    )


def test_the_source_hash_changes_with_what_the_document_says(seeded: Conference) -> None:
    """The stored PDFs are no longer cached by this hash: it tells the working group whether a
    stored PDF is out of date (dialogues.selectors.documents)."""
    first = document_source(seeded)
    assert document_source(seeded).sha256 == first.sha256  # nothing changed: the same
    note = Note.objects.filter(dialogue__conference=seeded).first()
    Note.objects.filter(pk=note.pk).update(hidden=True)
    hidden = document_source(seeded)
    assert hidden.sha256 != first.sha256
    assert document_source(seeded, drafts=True).sha256 != hidden.sha256


def test_pdf_steps_and_figures(seeded: Conference) -> None:
    steps: list[str] = []
    pdf, source = document_pdf(seeded, on_step=steps.append)
    assert steps == ["collecting", "drawing", "writing"]
    assert pdf.content.startswith(b"%PDF-")
    assert pdf.pages >= 4 and pdf.size == len(pdf.content)
    assert source.sha256 == document_source(seeded).sha256

"""The one way the portal turns HTML into a PDF (WeasyPrint), for every document it makes.

Every PDF is tagged (structure for screen readers, text in reading order), carries its title
and language in the metadata (from the HTML's <title> and <html lang>), and embeds its fonts.
Large documents are rendered only by the Celery worker on the `pdf` queue, never in a web
request; see hok/settings/base.py (CELERY_TASK_ROUTES).
"""

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    sha256: str
    seconds: float

    @property
    def size(self) -> int:
        return len(self.content)


def static_file_path(name: str) -> str:
    """Where the static file `name` (a PDF's stylesheet) is on disk; missing is a broken install."""
    path = finders.find(name)
    if not isinstance(path, str):
        raise ImproperlyConfigured(f"The static file {name} is missing.")
    return path


def render_pdf(
    html: str, *, stylesheets: list[str | Path] | None = None, base_url: str | None = None
) -> RenderedPdf:
    """Render an HTML document (with <title> and <html lang>) to a tagged PDF.

    `base_url` resolves relative links and images; it defaults to the static folder so the
    templates can refer to `/static/...` files without a web server.
    """
    from PIL import ImageFile
    from weasyprint import CSS, HTML

    # WeasyPrint turns this on for the whole process on import; uploaded images elsewhere in
    # the portal must keep being refused when truncated.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    started = time.perf_counter()
    document = HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).render(
        stylesheets=[CSS(filename=str(sheet)) for sheet in stylesheets or []],
        pdf_tags=True,
    )
    # A template's <title> often spans lines (djLint, {% blocktranslate %}); a PDF viewer
    # shows the title on one line, and pdfinfo shows only its first.
    if document.metadata.title:
        document.metadata.title = " ".join(document.metadata.title.split())
    content = document.write_pdf(pdf_tags=True)
    assert content is not None  # noqa: S101 -- write_pdf without a target returns the bytes
    return RenderedPdf(
        content=content,
        pages=len(document.pages),
        sha256=hashlib.sha256(content).hexdigest(),
        seconds=time.perf_counter() - started,
    )

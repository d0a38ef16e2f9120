"""The compiled document of a conference's dialogues, shaped like the 2021 compilation.

The conference's introduction; per dialogue its introduction, the set questions, the working
group's summary, the theme chart with its table and the feedback; the raw notes last
("Råmaterial dialog N – <titel>"). The same context serves the web page and the PDF
(WeasyPrint, through hok.pdf), so both always say the same thing. The PDF is rendered by the
Celery worker (dialogues.services.documents), never in a web request.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from dialogues.models import Conference
from dialogues.selectors.outcomes import ConferenceOutcome, ThemeCount, conference_outcome
from hok.charts import horizontal_bar_chart
from hok.pdf import RenderedPdf, render_pdf

# The chart is drawn wider in the PDF, where the page has room for long theme names.
PDF_CHART_WIDTH = 390
STYLESHEET = "css/dialogues-document.css"


def theme_chart(
    *, chart_id: str, title: str, counts: list[ThemeCount], width: int = 320
) -> SafeString:
    """A bar chart of theme counts; the page shows the same numbers in a table beside it."""
    return horizontal_bar_chart(
        chart_id=chart_id,
        title=title,
        description=_(
            "Antal anteckningar som arbetsgruppen har kopplat till varje tema. En anteckning "
            "kan höra till flera teman."
        ),
        labels=[theme.name for theme, _count in counts],
        values=[count for _theme, count in counts],
        width=width,
    )


def add_charts(outcome: ConferenceOutcome, *, width: int = 320, prefix: str = "") -> None:
    """Give every dialogue with counts, and the conference, its chart (`.chart`)."""
    for dialogue in outcome.dialogues:
        dialogue.chart = (
            theme_chart(
                chart_id=f"{prefix}teman-dialog-{dialogue.number}",
                title=_("Teman i dialog %(number)s") % {"number": dialogue.number},
                counts=dialogue.counts,
                width=width,
            )
            if dialogue.counts
            else None
        )
    outcome.chart = (
        theme_chart(
            chart_id=f"{prefix}teman-konferens",
            title=_("Teman i hela konferensen"),
            counts=outcome.counts,
            width=width,
        )
        if outcome.counts
        else None
    )


def document_context(
    conference: Conference,
    *,
    drafts: bool = False,
    chart_width: int = 320,
    on_step: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """What the document says. `on_step` hears "collecting", then "drawing" (the charts)."""
    if on_step:
        on_step("collecting")
    outcome = conference_outcome(conference=conference, drafts=drafts, with_notes=True)
    if on_step:
        on_step("drawing")
    add_charts(outcome, width=chart_width, prefix="dok-")
    return {"conference": conference, "outcome": outcome, "drafts": drafts}


@dataclass(frozen=True)
class DocumentSource:
    """The PDF's HTML and the SHA-256 of it with the stylesheet: what a PDF was made from."""

    html: str
    sha256: str


def document_source(
    conference: Conference, *, drafts: bool = False, on_step: Callable[[str], None] | None = None
) -> DocumentSource:
    """The compiled document's HTML for the PDF, in Swedish (the notes and summaries are
    Swedish). Milliseconds to make, where WeasyPrint needs seconds (about 11 s for 1,500
    notes): comparing its hash with a stored PDF's tells whether that PDF is out of date."""
    with translation.override("sv"):
        context = document_context(
            conference, drafts=drafts, chart_width=PDF_CHART_WIDTH, on_step=on_step
        )
        html = render_to_string("dialogues/outcomes/document_pdf.html", context)
    digest = hashlib.sha256(html.encode())
    digest.update(stylesheet_path().read_bytes())
    return DocumentSource(html=html, sha256=digest.hexdigest())


def stylesheet_path() -> Path:
    found = finders.find(STYLESHEET)
    if not found:
        raise FileNotFoundError(STYLESHEET)
    return Path(found)


def document_pdf(
    conference: Conference, *, drafts: bool = False, on_step: Callable[[str], None] | None = None
) -> tuple[RenderedPdf, DocumentSource]:
    """The compiled document as a tagged A4 PDF, and what it was made from. Slow for a large
    conference: only the worker calls it (dialogues.tasks.render_compiled_document)."""
    source = document_source(conference, drafts=drafts, on_step=on_step)
    if on_step:
        on_step("writing")
    return render_pdf(source.html, stylesheets=[stylesheet_path()]), source

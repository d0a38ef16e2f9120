"""The compiled document of a conference's dialogues, shaped like the 2021 compilation.

The conference's introduction; per dialogue its introduction, the set questions, the working
group's summary, the theme chart with its table and the feedback; the raw notes last
("Råmaterial dialog N – <titel>"). The same context serves the web page and the PDF
(WeasyPrint), so both always say the same thing.
"""

import hashlib
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from agreements.charts import horizontal_bar_chart
from dialogues.models import Conference
from dialogues.selectors.outcomes import ConferenceOutcome, ThemeCount, conference_outcome

# The chart is drawn wider in the PDF, where the page has room for long theme names.
PDF_CHART_WIDTH = 390
# WeasyPrint needs seconds for a large conference (about 11 s for 1,500 notes here), while the
# HTML it starts from takes milliseconds: the PDF is cached under a hash of that HTML and the
# stylesheet, so any change to what the document says makes a new one, and nothing else does.
PDF_CACHE_SECONDS = 7 * 24 * 3600
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
    conference: Conference, *, drafts: bool = False, chart_width: int = 320
) -> dict[str, Any]:
    outcome = conference_outcome(conference=conference, drafts=drafts, with_notes=True)
    add_charts(outcome, width=chart_width, prefix="dok-")
    return {"conference": conference, "outcome": outcome, "drafts": drafts}


def render_pdf(html: str, stylesheet: str) -> bytes:
    from PIL import ImageFile
    from weasyprint import HTML

    # WeasyPrint turns this on for the whole process on import; the document has no raster
    # images, and uploaded logos elsewhere must keep being refused when truncated.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])


def document_pdf(conference: Conference, *, drafts: bool = False) -> bytes:
    """The compiled document as an A4 PDF, in Swedish (the notes and summaries are Swedish)."""
    with translation.override("sv"):
        context = document_context(conference, drafts=drafts, chart_width=PDF_CHART_WIDTH)
        html = render_to_string("dialogues/outcomes/document_pdf.html", context)
    stylesheet = finders.find(STYLESHEET)
    digest = hashlib.sha256(html.encode())
    digest.update(Path(stylesheet).read_bytes())
    key = f"dialogues:document-pdf:{digest.hexdigest()}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(html, stylesheet)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf

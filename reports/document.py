"""A report drawn from its snapshot: the context the page, the preview and the PDF share, the
HTML, and the PDF (rendered only by the worker, see reports/tasks.py).

Every chart is the site's server-rendered SVG (hok/charts.py) and is followed by a table
with the same numbers. Everything shown is formatted here from the snapshot's plain numbers,
in Swedish, so rendering one snapshot twice gives the same text.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from dialogues.markdown import markdown_to_html
from hok.charts import (
    SERIES_COLOURS,
    format_number,
    grouped_bar_chart,
    horizontal_bar_chart,
)
from hok.pdf import RenderedPdf, render_pdf, static_file_path
from reports.models import GoalAssessment
from surveys.templatetags.survey_figures import format_mean, format_percent

PDF_STYLESHEET = "css/report-pdf.css"
PDF_CHART_WIDTH = 460
WEB_CHART_WIDTH = 320
# The free texts of a question shown in the report at most (the rest are on the results page).
TEXTS_SHOWN = 20


@dataclass
class Figure:
    """A chart (or None) and the table with its numbers."""

    id: str
    caption: str
    header: list[str]
    rows: list[list[str]]
    chart: SafeString | None = None
    numeric_from: int = 1  # columns from this one on are numbers (right-aligned)


@dataclass
class Question:
    number: int
    text: str
    answer_rate: str
    figure: Figure | None
    mean: str = ""
    previous_mean: str = ""
    previous_answer_rate: str = ""
    group_figures: Figure | None = None
    texts: list[str] = field(default_factory=list)
    more_texts: int = 0
    is_text: bool = False


def _percent(value: int | None) -> str:
    return format_percent(None if value is None else Decimal(value))


def _mean(value: str | None) -> str:
    return format_mean(None if value is None else Decimal(value))


def _count(value: int) -> str:
    return format_number(value)


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    return date_format(datetime.date.fromisoformat(iso), "j F Y")


class _Builder:
    def __init__(self, snapshot: dict[str, Any], *, width: int, prefix: str) -> None:
        self.snapshot = snapshot
        self.width = width
        self.prefix = prefix

    def chart_id(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def bars(
        self, name: str, title: str, description: str, pairs: list[list[Any]], header: list[str]
    ) -> Figure:
        labels = [str(label) for label, _value in pairs]
        values = [value for _label, value in pairs]
        return Figure(
            id=self.chart_id(name),
            caption=title,
            header=header,
            rows=[[label, _count(value)] for label, value in zip(labels, values, strict=True)],
            chart=horizontal_bar_chart(
                chart_id=self.chart_id(name),
                title=title,
                description=description,
                labels=labels,
                values=values,
                width=self.width,
            )
            if pairs
            else None,
        )

    # --- signatories ---------------------------------------------------------------------

    def signatories(self) -> dict[str, Any]:
        data = self.snapshot["signatories"]
        year = self.snapshot["year"]
        growth = data["growth"]
        return {
            "total": data["total"],
            "new": data["new"],
            "withdrawn": data["withdrawn"],
            "growth": Figure(
                id=self.chart_id("undertecknare-per-ar"),
                caption=_("Undertecknare vid årets slut, %(first)s–%(year)s")
                % {"first": growth[0][0] if growth else year, "year": year},
                header=[_("År"), _("Undertecknare vid årets slut"), _("Nya under året")],
                rows=[[str(each), _count(total), _count(new)] for each, total, new in growth],
                chart=horizontal_bar_chart(
                    chart_id=self.chart_id("undertecknare-per-ar"),
                    title=_("Undertecknare vid årets slut"),
                    description=_("Antal undertecknare vid slutet av varje år."),
                    labels=[str(each) for each, _total, _new in growth],
                    values=[total for _each, total, _new in growth],
                    width=self.width,
                )
                if growth
                else None,
            ),
            "municipality": self.bars(
                "undertecknare-per-kommun",
                _("Undertecknare per kommun"),
                _(
                    "Antal undertecknare som verkar i varje kommun. En organisation kan verka "
                    "i flera kommuner."
                ),
                data["by_municipality"],
                [_("Kommun"), _("Undertecknare")],
            ),
            "side": self.bars(
                "undertecknare-per-part",
                _("Undertecknare per part"),
                _("Antal undertecknare från varje part."),
                data["by_side"],
                [_("Part"), _("Undertecknare")],
            ),
            "form": self.bars(
                "undertecknare-per-form",
                _("Idéburna undertecknare per organisationsform"),
                _("Antal idéburna undertecknare av varje organisationsform."),
                data["by_form"],
                [_("Organisationsform"), _("Undertecknare")],
            ),
            "list": data["list"],
        }

    # --- commitments ---------------------------------------------------------------------

    def commitments(self) -> dict[str, Any]:
        data = self.snapshot["commitments"]
        principles = data["principles"]
        labels = [f"{p['number']}. {p['title']}" for p in principles]
        year = str(self.snapshot["year"])
        figure = Figure(
            id=self.chart_id("ataganden-per-princip"),
            caption=_("Åtaganden per princip och lägesrapporter för %(year)s") % {"year": year},
            header=[
                _("Princip"),
                _("Åtaganden"),
                _("Med lägesrapport för %(year)s") % {"year": year},
            ],
            rows=[
                [label, _count(p["commitments"]), _count(p["reported"])]
                for label, p in zip(labels, principles, strict=True)
            ],
            chart=grouped_bar_chart(
                chart_id=self.chart_id("ataganden-per-princip"),
                title=_("Åtaganden per princip"),
                description=_(
                    "Antal åtaganden per princip och hur många av dem som har rapporterat läget."
                ),
                labels=labels,
                series=[
                    (_("Åtaganden"), [p["commitments"] for p in principles]),
                    (
                        _("Med lägesrapport %(year)s") % {"year": year},
                        [p["reported"] for p in principles],
                    ),
                ],
                width=self.width,
            )
            if principles
            else None,
        )
        return {
            "figure": figure,
            "total": sum(p["commitments"] for p in principles),
            "reported": sum(p["reported"] for p in principles),
            "quotes": data["quotes"],
        }

    # --- surveys -------------------------------------------------------------------------

    def _question_chart(
        self, survey: dict[str, Any], question: dict[str, Any], chart_id: str, title: str
    ) -> SafeString | None:
        """The results page's choice of chart (surveys/views/results.py `_chart`)."""
        rows = question["rows"]
        if not rows:
            return None
        labels = [row["label"] for row in rows]
        breakdown = survey["breakdown"]
        if breakdown is not None and question["groups"]:
            shown = [i for i, group in enumerate(breakdown["groups"]) if not group["suppressed"]]
            if not shown or len(shown) > len(SERIES_COLOURS):
                return None
            return grouped_bar_chart(
                chart_id=chart_id,
                title=title,
                description=_(
                    "Stapeldiagram över andelen svar per alternativ i varje grupp, i procent."
                ),
                labels=labels,
                series=[
                    (
                        breakdown["groups"][i]["label"],
                        [row["cells"][i]["percent"] or 0 for row in rows],
                    )
                    for i in shown
                ],
                value_format=format_percent,
                width=self.width,
            )
        if breakdown is None and question["has_previous"] and all(r["has_previous"] for r in rows):
            return grouped_bar_chart(
                chart_id=chart_id,
                title=title,
                description=_(
                    "Stapeldiagram över andelen svar per alternativ, i år och förra året."
                ),
                labels=labels,
                series=[
                    (str(survey["year"]), [row["percent"] or 0 for row in rows]),
                    (str(survey["previous_year"]), [row["previous_percent"] or 0 for row in rows]),
                ],
                value_format=format_percent,
                width=self.width,
            )
        return horizontal_bar_chart(
            chart_id=chart_id,
            title=title,
            description=_("Stapeldiagram över andelen svar per alternativ, i procent."),
            labels=labels,
            values=[row["percent"] or 0 for row in rows],
            value_format=format_percent,
            width=self.width,
        )

    def _question(self, index: int, survey: dict[str, Any], question: dict[str, Any]) -> Question:
        chart_id = self.chart_id(f"enkat-{index}-fraga-{question['number']}")
        title = _("Fråga %(number)s: %(question)s") % {
            "number": question["number"],
            "question": question["text"],
        }
        breakdown = survey["breakdown"]
        figure = None
        if question["rows"]:
            header = [_("Svar"), _("Antal"), _("Andel")]
            with_previous = breakdown is None and question["has_previous"]
            if with_previous:
                header.append(_("Andel %(year)s") % {"year": survey["previous_year"]})
            groups = [] if breakdown is None or not question["groups"] else breakdown["groups"]
            for group in groups:
                header.append(group["label"])
            rows = []
            for row in question["rows"]:
                cells = [row["label"], _count(row["count"]), _percent(row["percent"])]
                if with_previous:
                    cells.append(_percent(row["previous_percent"]) if row["has_previous"] else "–")
                for i, _group in enumerate(groups):
                    cell = row["cells"][i] if i < len(row["cells"]) else None
                    cells.append(_("för få svar") if cell is None else _percent(cell["percent"]))
                rows.append(cells)
            figure = Figure(
                id=chart_id,
                caption=title,
                header=header,
                rows=rows,
                chart=self._question_chart(survey, question, chart_id, title),
            )
        texts = question["texts"][:TEXTS_SHOWN]
        return Question(
            number=question["number"],
            text=question["text"],
            answer_rate=_percent(question["answer_rate"]),
            figure=figure,
            mean=_mean(question["mean"]),
            previous_mean=_mean(question["previous_mean"]),
            previous_answer_rate=_percent(question["previous_answer_rate"])
            if question["has_previous"]
            else "",
            texts=texts,
            more_texts=max(0, question["text_count"] - len(texts)),
            is_text=question["kind"] == "text",
        )

    def surveys(self) -> list[dict[str, Any]]:
        shown = []
        for index, survey in enumerate(self.snapshot["surveys"], start=1):
            breakdown = survey["breakdown"]
            shown.append(
                {
                    "survey": survey,
                    "opens_on": _date(survey["opens_on"]),
                    "closes_on": _date(survey["closes_on"]),
                    "breakdown": breakdown,
                    "suppressed": bool(breakdown)
                    and any(group["suppressed"] for group in breakdown["groups"]),
                    "questions": [
                        self._question(index, survey, question) for question in survey["questions"]
                    ],
                }
            )
        return shown

    # --- conferences ---------------------------------------------------------------------

    def conferences(self) -> list[dict[str, Any]]:
        shown = []
        for index, conference in enumerate(self.snapshot["conferences"], start=1):
            dialogues = []
            for dialogue in conference["dialogues"]:
                figure = self.bars(
                    f"konferens-{index}-dialog-{dialogue['number']}",
                    _("Teman i dialog %(number)s") % {"number": dialogue["number"]},
                    _(
                        "Antal anteckningar som arbetsgruppen har kopplat till varje tema. En "
                        "anteckning kan höra till flera teman."
                    ),
                    dialogue["counts"],
                    [_("Tema"), _("Anteckningar")],
                )
                dialogues.append(
                    {
                        **dialogue,
                        "summary_html": markdown_to_html(dialogue["summary"], top_level=5),
                        "figure": figure if dialogue["counts"] else None,
                        "feedback": [
                            {
                                "theme": item["theme"],
                                "html": markdown_to_html(item["text"], top_level=6),
                            }
                            for item in dialogue["feedback"]
                        ],
                    }
                )
            shown.append(
                {
                    **conference,
                    "date_display": _date(conference["date"]),
                    "dialogues": dialogues,
                    "figure": self.bars(
                        f"konferens-{index}-teman",
                        _("Teman i hela konferensen"),
                        _("Antal anteckningar per tema i konferensens alla dialoger."),
                        conference["counts"],
                        [_("Tema"), _("Anteckningar")],
                    )
                    if conference["counts"]
                    else None,
                }
            )
        return shown

    # --- goals ---------------------------------------------------------------------------

    def goals(self) -> list[dict[str, Any]]:
        labels = dict(GoalAssessment.Status.choices)
        return [
            {
                **goal,
                "status_display": str(labels.get(goal["status"], _("Inte bedömt"))),
                "earlier": [
                    {**item, "status_display": str(labels.get(item["status"], ""))}
                    for item in goal["earlier"]
                ],
            }
            for goal in self.snapshot["goals"]
        ]


def report_title(year: int) -> str:
    return _("Uppföljning av Halländska Överenskommelsen %(year)s") % {"year": year}


def report_context(
    snapshot: dict[str, Any], *, chart_width: int = WEB_CHART_WIDTH, prefix: str = "rapport-"
) -> dict[str, Any]:
    """What the report's template shows, from the snapshot alone."""
    builder = _Builder(snapshot, width=chart_width, prefix=prefix)
    texts = snapshot["texts"]
    taken_at = datetime.datetime.fromisoformat(snapshot["taken_at"])
    agreement = snapshot["agreement"]
    return {
        "snapshot": snapshot,
        "year": snapshot["year"],
        "title": report_title(snapshot["year"]),
        "taken_at": taken_at,
        "agreement": agreement,
        "agreement_adopted": _date(agreement["adopted_on"]) if agreement else "",
        "working_group": snapshot["working_group"],
        "introduction": markdown_to_html(texts["introduction"], top_level=3),
        "summary": markdown_to_html(texts["summary"], top_level=3),
        "analysis": markdown_to_html(texts["analysis"], top_level=3),
        "signatories": builder.signatories(),
        "commitments": builder.commitments(),
        "surveys": builder.surveys(),
        "conferences": builder.conferences(),
        "goals": builder.goals(),
        # Snapshots taken before proposals were part of the report have none.
        "proposals": snapshot.get("proposals", []),
    }


def data_links(year: int, *, absolute: bool = False) -> dict[str, str]:
    """The addresses of the year's figures as open data (absolute ones for the PDF)."""
    base = settings.PORTAL_BASE_URL if absolute else ""
    return {
        "csv": base + reverse("reports:public_csv", kwargs={"year": year}),
        "json": base + reverse("reports:public_json", kwargs={"year": year}),
    }


def report_html(snapshot: dict[str, Any], *, for_pdf: bool, **extra: Any) -> str:
    """The whole report as an HTML document for the PDF (`for_pdf`), or the report's body for
    a page (extra context: `pdf_url`, `preview`)."""
    with translation.override("sv"):
        context = report_context(
            snapshot,
            chart_width=PDF_CHART_WIDTH if for_pdf else WEB_CHART_WIDTH,
            prefix="pdf-" if for_pdf else "rapport-",
        )
        if for_pdf:
            context["data_links"] = data_links(snapshot["year"], absolute=True)
        context.update(extra, for_pdf=for_pdf)
        template = "reports/report_pdf.html" if for_pdf else "reports/includes/report_body.html"
        return render_to_string(template, context)


def report_pdf(snapshot: dict[str, Any]) -> RenderedPdf:
    """The report as a tagged A4 PDF (seconds of work: the worker's job, never a request's)."""
    html = report_html(snapshot, for_pdf=True)
    stylesheet = static_file_path(PDF_STYLESHEET)
    return render_pdf(html, stylesheets=[stylesheet])

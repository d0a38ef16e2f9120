"""Server-rendered SVG charts: the same markup serves the web page and the PDF report.

No JavaScript and no inline styles (the Content Security Policy forbids them): colours are SVG
presentation attributes, which CSS may override through the `chart__*` classes (e.g. in
forced-colours mode). Every chart names itself with <title> and <desc>, and the <desc> also
carries the numbers, because `role="img"` hides the chart's text from screen readers. A page
that shows a chart must still show the same numbers in a table beside it.

    svg = horizontal_bar_chart(
        chart_id="per-kommun",
        title="Undertecknare per kommun",
        description="Antal organisationer som verkar i varje kommun.",
        labels=["Halmstad", "Laholm"],
        values=[12, 3],
    )
"""

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

Number = int | float | Decimal

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")

# Geometry in SVG user units. Each row has its label on one line and the bar below it, so the
# bars get the chart's whole width and the chart stays readable on a 320 px wide phone.
ROW_HEIGHT = 46
LABEL_BASELINE = 17
BAR_TOP = 23
BAR_HEIGHT = 16
VALUE_SPACE = 56
FONT_SIZE = 14
# A rough average glyph width at FONT_SIZE, used only to shorten labels that would not fit.
CHAR_WIDTH = 7.4

BAR_COLOUR = "#0d5c4d"
TEXT_COLOUR = "#1d2430"
TRACK_COLOUR = "#e3f0ec"


def format_number(value: Number) -> str:
    """The value the way the active language writes it: "2 000" in Swedish, "2,000" in English."""
    return number_format(value, force_grouping=True)


def _shorten(label: str, max_chars: int) -> str:
    if len(label) <= max_chars:
        return label
    return label[: max(1, max_chars - 1)].rstrip() + "…"


def _check_frame(chart_id: str, width: int) -> None:
    if not _ID.match(chart_id):
        raise ValueError(f"chart_id must be a valid HTML id, not {chart_id!r}")
    if width < VALUE_SPACE * 2:
        raise ValueError(f"width must be at least {VALUE_SPACE * 2}")


def _bar_length(value: Number, largest: Number, bar_space: int) -> float:
    length = float(value) / float(largest) * bar_space if largest else 0.0
    if value and length < 2:
        length = 2.0  # a small non-zero value stays visible
    return length


def _svg(
    *, chart_id: str, kind: str, width: int, height: int, title: str, description: str, body: str
) -> SafeString:
    """The chart's <svg> element, named by its <title> and <desc>."""
    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{}" id="{}" '
        'viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-labelledby="{} {}">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>\n{}\n</svg>',
        kind,
        chart_id,
        width,
        height,
        width,
        height,
        title_id,
        desc_id,
        title_id,
        title,
        desc_id,
        description,
        body,
    )


def horizontal_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[Number],
    width: int = 320,
    value_format: Callable[[Number], str] = format_number,
) -> SafeString:
    """An accessible horizontal bar chart as SVG markup, safe to put in a template.

    `chart_id` must be unique on the page (it prefixes the ids of <title> and <desc>).
    Labels and values come in pairs, in the order they are drawn; values must not be
    negative. Long labels are shortened with "…" in the picture only: <desc> and the table
    beside the chart keep them whole.
    """
    _check_frame(chart_id, width)
    if len(labels) != len(values):
        raise ValueError("labels and values must have the same length")
    if any(value < 0 for value in values):
        raise ValueError("a bar chart cannot show negative values")

    largest = max(values, default=0)
    bar_space = width - VALUE_SPACE
    max_chars = int(width / CHAR_WIDTH)
    height = max(len(values), 1) * ROW_HEIGHT + 4

    data_text = "; ".join(
        f"{label}: {value_format(value)}" for label, value in zip(labels, values, strict=True)
    )
    full_description = f"{description} {data_text}." if data_text else description

    rows = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        top = index * ROW_HEIGHT + 2
        length = _bar_length(value, largest, bar_space)
        rows.append(
            (
                top + LABEL_BASELINE,
                TEXT_COLOUR,
                FONT_SIZE,
                _shorten(str(label), max_chars),
                top + BAR_TOP,
                bar_space,
                BAR_HEIGHT,
                TRACK_COLOUR,
                top + BAR_TOP,
                f"{length:.1f}",
                BAR_HEIGHT,
                BAR_COLOUR,
                f"{length + 6:.1f}",
                top + BAR_TOP + BAR_HEIGHT - 3,
                TEXT_COLOUR,
                FONT_SIZE,
                value_format(value),
            )
        )
    bars = format_html_join(
        "\n",
        '<g class="chart__row">'
        '<text class="chart__label" x="0" y="{}" fill="{}" font-size="{}">{}</text>'
        '<rect class="chart__track" x="0" y="{}" width="{}" height="{}" fill="{}"/>'
        '<rect class="chart__bar" x="0" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text class="chart__value" x="{}" y="{}" fill="{}" font-size="{}" '
        'font-weight="700">{}</text>'
        "</g>",
        rows,
    )
    return _svg(
        chart_id=chart_id,
        kind="bar",
        width=width,
        height=height,
        title=title,
        description=full_description,
        body=bars,
    )


# Grouped bars (e.g. a survey's results split by a background question, or this year beside
# last year): one colour per series, named in a legend above the rows, bars in legend order.
SERIES_COLOURS = ("#0d5c4d", "#9a4a00", "#27508f", "#6b3d7a", "#4d5d12", "#8c2f3f")
LEGEND_ROW = 20
SWATCH = 12
GROUP_BAR_HEIGHT = 12
GROUP_BAR_GAP = 4


def grouped_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number]]],
    width: int = 320,
    value_format: Callable[[Number], str] = format_number,
) -> SafeString:
    """Like `horizontal_bar_chart`, with one bar per series under each label.

    `series` is a list of (name, values), each with one value per label; all series share one
    scale. Bars follow the order of the legend, and each has its value written beside it, so
    the chart does not depend on telling the colours apart. <desc> carries every number.
    """
    _check_frame(chart_id, width)
    if not series:
        raise ValueError("a grouped bar chart needs at least one series")
    if len(series) > len(SERIES_COLOURS):
        raise ValueError(f"at most {len(SERIES_COLOURS)} series")
    for _name, values in series:
        if len(values) != len(labels):
            raise ValueError("every series must have one value per label")
        if any(value < 0 for value in values):
            raise ValueError("a bar chart cannot show negative values")

    largest = max((value for _name, values in series for value in values), default=0)
    bar_space = width - VALUE_SPACE
    max_chars = int(width / CHAR_WIDTH)
    legend_height = len(series) * LEGEND_ROW + 6
    row_height = BAR_TOP + len(series) * (GROUP_BAR_HEIGHT + GROUP_BAR_GAP) + 8
    height = legend_height + max(len(labels), 1) * row_height

    data_text = "; ".join(
        f"{label}: " + ", ".join(f"{name} {value_format(values[index])}" for name, values in series)
        for index, label in enumerate(labels)
    )
    full_description = f"{description} {data_text}." if data_text else description

    legend = format_html_join(
        "\n",
        '<g class="chart__legend-item">'
        '<rect class="chart__swatch chart__series-{}" x="0" y="{}" width="{}" height="{}" '
        'fill="{}"/>'
        '<text class="chart__legend" x="{}" y="{}" fill="{}" font-size="{}">{}</text>'
        "</g>",
        (
            (
                number,
                number * LEGEND_ROW + 2,
                SWATCH,
                SWATCH,
                SERIES_COLOURS[number],
                SWATCH + 6,
                number * LEGEND_ROW + 13,
                TEXT_COLOUR,
                FONT_SIZE,
                _shorten(str(name), max_chars - 3),
            )
            for number, (name, _values) in enumerate(series)
        ),
    )

    bars = []
    for index, label in enumerate(labels):
        top = legend_height + index * row_height
        bars.append(
            format_html(
                '<text class="chart__label" x="0" y="{}" fill="{}" font-size="{}">{}</text>',
                top + LABEL_BASELINE,
                TEXT_COLOUR,
                FONT_SIZE,
                _shorten(str(label), max_chars),
            )
        )
        for number, (_name, values) in enumerate(series):
            value = values[index]
            bar_top = top + BAR_TOP + number * (GROUP_BAR_HEIGHT + GROUP_BAR_GAP)
            length = _bar_length(value, largest, bar_space)
            bars.append(
                format_html(
                    '<rect class="chart__bar chart__series-{}" x="0" y="{}" width="{}" '
                    'height="{}" fill="{}"/>'
                    '<text class="chart__value" x="{}" y="{}" fill="{}" font-size="{}">{}</text>',
                    number,
                    bar_top,
                    f"{length:.1f}",
                    GROUP_BAR_HEIGHT,
                    SERIES_COLOURS[number],
                    f"{length + 6:.1f}",
                    bar_top + GROUP_BAR_HEIGHT - 1,
                    TEXT_COLOUR,
                    FONT_SIZE - 2,
                    value_format(value),
                )
            )
    rows = format_html_join("\n", '<g class="chart__row">{}</g>', ((bar,) for bar in bars))
    return _svg(
        chart_id=chart_id,
        kind="grouped",
        width=width,
        height=height,
        title=title,
        description=full_description,
        body=format_html("{}\n{}", legend, rows),
    )

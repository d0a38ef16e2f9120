"""CSV for spreadsheets, shared by the portal's exports (open data, the working group's files).

UTF-8 with a byte order mark (so Excel reads å, ä, ö), semicolons (Swedish Excel's list
separator), CRLF line ends, a header row, streamed. A cell that a spreadsheet would take for a
formula (starting with =, +, -, @, a tab or a carriage return) gets a leading "'", so a text
typed by anyone on the site can never run as a formula on the working group's computer.
"""

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import StreamingHttpResponse

CSV_DELIMITER = ";"
LIST_SEPARATOR = "|"
# Cells starting with these are formulas to a spreadsheet: such a cell gets a leading "'".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Echo:
    """A file-like object whose write() hands the line back, for csv.writer when streaming."""

    def write(self, value: str) -> str:
        return value


def csv_cell(value: object) -> str:
    """One cell's text: None is empty, a list is joined with "|", formulas are defused."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The file line by line: the byte order mark and header first, every cell through
    `csv_cell`."""
    writer = csv.writer(Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([csv_cell(name) for name in header])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_response(
    *, filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    """A streamed CSV download named `filename`."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""A survey's results and its anonymised responses as CSV and XLSX, streamed in constant memory.

CSV is written by hok/csv_export.py, like the directory's open data: UTF-8
with a BOM, semicolons, CRLF, and a leading "'" on cells a spreadsheet would take for formulas.
XLSX is written by XlsxWriter in `constant_memory` mode to a temporary file that is then
streamed and deleted; strings are always written as strings (never formulas or links).

The responses export has one row per response (one per unit) in the random order of the
response ids, one column per question. Free text is left out (the results page shows the
moderated texts): a text beside the background answers could point at a person. For "annat"
the column says only that "annat" was chosen. Where a background question (or the units
question) has an option chosen by fewer responses than the survey's minimum group size, that
answer is replaced by "för få svar", and so is a second group where the small one alone would
be given away by the others (as on the results page), so no small group can be picked out of
the rows.
"""

import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import groupby
from typing import IO

import xlsxwriter
from django.db.models import Count
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from hok.csv_export import LIST_SEPARATOR
from hok.csv_export import csv_response as hok_csv_response
from surveys.models import Answer, Option, Question, Response, Survey
from surveys.selectors.results import Results, question_texts, suppressed_groups

Kind = Question.Kind
CHUNK_SIZE = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
STREAM_BLOCK = 64 * 1024

Cell = str | int | Decimal | None


# --- cells ------------------------------------------------------------------------------------


def _decimal_text(value: Decimal | int | None) -> str:
    """A number the way a Swedish spreadsheet reads it from CSV: 2,75 (the data is Swedish)."""
    if value is None:
        return ""
    return str(value).replace(".", ",")


def _spreadsheet_cell(cell: Cell) -> Cell:
    return _decimal_text(cell) if isinstance(cell, Decimal) else cell


def csv_response(rows: Iterable[list[Cell]], filename: str) -> StreamingHttpResponse:
    """`rows` (the first is the header) as a streamed CSV download (hok/csv_export.py)."""
    lines = iter(rows)
    header = [str(cell) for cell in next(lines)]
    return hok_csv_response(
        filename=filename,
        header=header,
        rows=([_spreadsheet_cell(cell) for cell in row] for row in lines),
    )


def write_xlsx(rows: Iterable[list[Cell]], target: IO[bytes], sheet_name: str) -> None:
    """Write `rows` (the first is the header, in bold) to `target` as one worksheet."""
    workbook = xlsxwriter.Workbook(target, XLSX_OPTIONS)
    worksheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True})
    for row_number, row in enumerate(rows):
        cell_format = bold if row_number == 0 else None
        for column, cell in enumerate(row):
            if cell is None or cell == "":
                continue
            if isinstance(cell, bool):
                worksheet.write_string(row_number, column, str(cell), cell_format)
            elif isinstance(cell, int | Decimal):
                worksheet.write_number(row_number, column, float(cell), cell_format)
            else:
                worksheet.write_string(row_number, column, str(cell), cell_format)
    workbook.close()


def _file_chunks(handle: IO[bytes]) -> Iterator[bytes]:
    try:
        while block := handle.read(STREAM_BLOCK):
            yield block
    finally:
        handle.close()  # a TemporaryFile is deleted when closed


def xlsx_response(rows: Iterable[list[Cell]], filename: str, sheet_name: str) -> FileResponse:
    handle = tempfile.TemporaryFile()  # closed (and so deleted) by _file_chunks
    try:
        write_xlsx(rows, handle, sheet_name)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    response = FileResponse(
        _file_chunks(handle), content_type=XLSX_CONTENT_TYPE, as_attachment=True
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- results ----------------------------------------------------------------------------------


def results_rows(results: Results) -> Iterator[list[Cell]]:
    """The results table: a line per question ("besvarad av", with a scale's mean), one per
    option or scale value, and one per free text that is not hidden (all of them, not only those
    the page shows). Breakdown groups as extra columns. `results` must be the public ones."""
    with translation.override("sv"):
        groups = results.breakdown.groups if results.breakdown else []
        header: list[Cell] = [
            "fråga_nr",
            "fråga",
            "frågetyp",
            "rad",
            "antal",
            "andel_procent",
            "medelvärde",
        ]
        if results.previous_year:
            header += [
                f"andel_procent_{results.previous_year}",
                f"medelvärde_{results.previous_year}",
            ]
        for group in groups:
            header += [f"{group.label}: antal", f"{group.label}: andel_procent"]
        yield header
        too_few = _("för få svar")
        for result in results.questions:
            question = result.question
            base: list[Cell] = [result.number, question.text, str(question.get_kind_display())]
            line: list[Cell] = [
                *base,
                _("besvarad av (andel av alla svar)"),
                result.answered,
                result.answer_rate,
                result.mean,
            ]
            if results.previous_year:
                line += [result.previous_answer_rate, result.previous_mean]
            for group_figures in result.groups:
                if group_figures is None:
                    line += [too_few, too_few]
                else:
                    line += [group_figures.answered, group_figures.answer_rate]
            yield line
            for row in result.rows:
                line = [*base, row.label, row.count, row.percent, None]
                if results.previous_year:
                    line += [row.previous_percent if row.has_previous else None, None]
                for cell in row.cells:
                    line += [too_few, too_few] if cell is None else [cell.count, cell.percent]
                yield line
            if not result.text_count:
                continue
            texts = question_texts(survey=results.survey, question_id=question.id, public=True)
            for text in texts.iterator(chunk_size=CHUNK_SIZE):
                kind = _("annat (fritext)") if text.is_other else _("fritext")
                yield [result.number, question.text, kind, text.text]


def results_filename(survey: Survey, extension: str) -> str:
    return f"enkat-{survey.pk}-{survey.year}-resultat.{extension}"


# --- anonymised responses ---------------------------------------------------------------------


NO_ANSWER = "none"


def _suppressed_answers(survey: Survey, questions: list[Question]) -> tuple[set[int], set[int]]:
    """What the rows must not show, as on the results page (`suppressed_groups`): per background
    and units question, the groups (options, and the responses without an answer) under the
    minimum group size, and one more group where a single one would be given away by the rest.

    Returns the option ids to write as "för få svar", and the questions whose empty cells (no
    answer) are written so too.
    """
    grouped = [q.id for q in questions if q.kind == Kind.BACKGROUND]
    has_units = any(q.kind == Kind.UNITS for q in questions)
    sizes: dict[int, dict[str, int]] = {}
    for question_id, option_id, size in (
        Answer.objects.filter(question_id__in=grouped, option__isnull=False)
        .order_by()
        .values_list("question_id", "option_id")
        .annotate(n=Count("response_id", distinct=True))
    ):
        sizes.setdefault(question_id, {})[str(option_id)] = size
    total = Response.objects.filter(survey=survey).count()
    for question_id in grouped:
        answered = sum(sizes.get(question_id, {}).values())
        sizes.setdefault(question_id, {})[NO_ANSWER] = total - answered
    if has_units:
        units_id = next(q.id for q in questions if q.kind == Kind.UNITS)
        unit_sizes = dict(
            Response.objects.filter(survey=survey)
            .order_by()
            .values_list("unit_id")
            .annotate(n=Count("id"))
        )
        sizes[units_id] = {
            NO_ANSWER if unit_id is None else str(unit_id): size
            for unit_id, size in unit_sizes.items()
        }
    options: set[int] = set()
    unanswered: set[int] = set()
    for question_id, groups in sizes.items():
        for key in suppressed_groups(groups, survey.min_group_size):
            if key == NO_ANSWER:
                unanswered.add(question_id)
            else:
                options.add(int(key))
    return options, unanswered


def responses_rows(survey: Survey) -> Iterator[list[Cell]]:
    """One row per response, one column per question (free-text questions left out).

    Reads the answers through a server-side cursor in chunks (`iterator`), so memory stays
    flat however many responses there are.
    """
    with translation.override("sv"):
        questions = [
            q
            for q in Question.objects.filter(survey=survey).order_by("position", "id")
            if q.kind != Kind.TEXT
        ]
        labels = dict(Option.objects.filter(question__survey=survey).values_list("id", "text"))
        small, small_unanswered = _suppressed_answers(survey, questions)
        unanswered_columns = [
            index for index, q in enumerate(questions) if q.id in small_unanswered
        ]
        too_few = _("för få svar")
        column_of = {question.id: index for index, question in enumerate(questions)}
        units_column = next(
            (index for index, q in enumerate(questions) if q.kind == Kind.UNITS), None
        )
        yield ["svar", *[f"F{index}. {q.text}" for index, q in enumerate(questions, start=1)]]

        rows = (
            Response.objects.filter(survey=survey)
            .order_by("id")
            .values_list(
                "id",
                "unit_id",
                "answers__question_id",
                "answers__option_id",
                "answers__scale_value",
                "answers__is_other",
            )
            .iterator(chunk_size=CHUNK_SIZE)
        )
        number = 0
        for _response_id, answers in groupby(rows, key=lambda row: row[0]):
            number += 1
            cells: list[list[str]] = [[] for _question in questions]
            unit_id = None
            for _id, unit, question_id, option_id, scale_value, is_other in answers:
                unit_id = unit
                column = column_of.get(question_id)
                if column is None:
                    continue  # a free-text question, or no answers at all
                question = questions[column]
                if option_id is not None:
                    if question.kind in (Kind.BACKGROUND, Kind.UNITS) and option_id in small:
                        cells[column] = [too_few]
                    else:
                        cells[column].append(labels.get(option_id, ""))
                elif scale_value is not None:
                    cells[column] = [str(scale_value)]
                elif is_other:
                    cells[column].append(question.other_label)
            if units_column is not None and unit_id is not None and not cells[units_column]:
                cells[units_column] = [too_few if unit_id in small else labels.get(unit_id, "")]
            for column in unanswered_columns:
                if not cells[column]:
                    cells[column] = [too_few]
            row: list[Cell] = [number]
            for question, column_cells in zip(questions, cells, strict=True):
                if question.kind == Kind.SCALE and column_cells:
                    row.append(int(column_cells[0]))
                else:
                    row.append(LIST_SEPARATOR.join(column_cells))
            yield row


def responses_filename(survey: Survey, extension: str) -> str:
    return f"enkat-{survey.pk}-{survey.year}-svar.{extension}"

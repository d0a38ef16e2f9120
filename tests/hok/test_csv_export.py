"""The shared CSV helpers: byte order mark, semicolons, formulas defused."""

from hok.csv_export import csv_cell, csv_lines, csv_response


def test_formula_cells_get_a_quote() -> None:
    for text in ("=SUM(A1)", "+46", "-1", "@x", "\tx", "\rx"):
        assert csv_cell(text) == "'" + text
    assert csv_cell("Summa = 3") == "Summa = 3"


def test_none_lists_and_numbers() -> None:
    assert csv_cell(None) == ""
    assert csv_cell(["a", "b"]) == "a|b"
    assert csv_cell(3) == "3"
    assert csv_cell(True) == "True"


def test_lines_bom_delimiter_quotes() -> None:
    lines = list(csv_lines(["a", "b"], [["x;y", 'sa "hej"'], ["=1", "rad\nrad"]]))
    assert lines[0] == "\ufeffa;b\r\n"
    assert lines[1] == '"x;y";"sa ""hej"""\r\n'
    assert lines[2] == '\'=1;"rad\nrad"\r\n'


def test_response() -> None:
    response = csv_response(filename="f.csv", header=["a"], rows=[["1"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="f.csv"'
    assert b"".join(response.streaming_content).decode() == "\ufeffa\r\n1\r\n"

"""A report's figures as open data: one row per number (section, table, row, column, value),
taken from the published version's snapshot, so the CSV always says what the PDF says."""

from collections.abc import Iterator
from typing import Any

Row = tuple[str, str, str, str, object]


def _signatories(data: dict[str, Any]) -> Iterator[Row]:
    section = "undertecknare"
    yield section, "summa", "vid årets slut", "antal", data["total"]
    yield section, "summa", "nya under året", "antal", data["new"]
    yield section, "summa", "återkallade under året", "antal", data["withdrawn"]
    for year, total, new in data["growth"]:
        yield section, "per år", str(year), "vid årets slut", total
        yield section, "per år", str(year), "nya", new
    for table, key in (
        ("per kommun", "by_municipality"),
        ("per part", "by_side"),
        ("per form", "by_form"),
    ):
        for label, count in data[key]:
            yield section, table, label, "antal", count


def _commitments(data: dict[str, Any]) -> Iterator[Row]:
    for principle in data["principles"]:
        label = f"{principle['number']}. {principle['title']}"
        yield "åtaganden", "per princip", label, "åtaganden", principle["commitments"]
        yield "åtaganden", "per princip", label, "med lägesrapport", principle["reported"]


def _surveys(surveys: list[dict[str, Any]]) -> Iterator[Row]:
    for survey in surveys:
        section = f"enkät: {survey['title']}"
        yield section, "svar", "alla", "antal", survey["response_count"]
        groups = survey["breakdown"]["groups"] if survey["breakdown"] else []
        for question in survey["questions"]:
            table = f"fråga {question['number']}: {question['text']}"
            yield section, table, "besvarad", "antal", question["answered"]
            yield section, table, "besvarad", "andel av alla svar (%)", question["answer_rate"]
            if question["mean"] is not None:
                yield section, table, "medelvärde", "medelvärde", question["mean"]
            for row in question["rows"]:
                yield section, table, row["label"], "antal", row["count"]
                yield section, table, row["label"], "andel (%)", row["percent"]
                if row["has_previous"]:
                    yield (
                        section,
                        table,
                        row["label"],
                        f"andel {survey['previous_year']} (%)",
                        row["previous_percent"],
                    )
                for group, cell in zip(groups, row["cells"], strict=False):
                    if cell is not None:
                        yield section, table, row["label"], f"{group['label']} (%)", cell["percent"]


def _conferences(conferences: list[dict[str, Any]]) -> Iterator[Row]:
    for conference in conferences:
        section = f"konferens: {conference['name']}"
        for theme, count in conference["counts"]:
            yield section, "teman", theme, "anteckningar", count
        for dialogue in conference["dialogues"]:
            table = f"dialog {dialogue['number']}: {dialogue['title']}"
            for theme, count in dialogue["counts"]:
                yield section, table, theme, "anteckningar", count


def figure_rows(snapshot: dict[str, Any]) -> Iterator[Row]:
    yield from _signatories(snapshot["signatories"])
    yield from _commitments(snapshot["commitments"])
    yield from _surveys(snapshot["surveys"])
    yield from _conferences(snapshot["conferences"])
    for goal in snapshot["goals"]:
        yield (
            "målbild",
            "bedömning",
            f"{goal['position']}. {goal['text']}",
            "bedömning",
            goal["status"],
        )

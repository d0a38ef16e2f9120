"""Benchmark: a survey's results with 10,000 generated responses to a 20-question survey.

Run from the project directory:

    uv run python -m bench.survey_results [--database-url URL] [--requests N] [--help]

Before gunicorn starts, `prepare` fills the fresh benchmark database (see bench/harness.py)
with GENERATED data, clearly marked as such: a published survey "Genererad enkät för
prestandamätning (10000 svar)" with 20 questions (a units question, a background question, 6
single choice, 5 multiple choice with "annat", 5 scales, 2 free text) and 10,000 responses
(about 200,000 answers), and a second one like it with 1,000 responses, written with
bulk_create, then ANALYZE. It then prints, from processes of
their own with the bench settings:

- the time to compute the full results page's figures with `surveys.selectors.results`
  (median of several rounds; with and without a breakdown), the time of ONE hand-written SQL
  statement that computes the same figures (GROUP BY GROUPING SETS), their ratio, and a check
  that both give the same numbers;
- the peak memory of exporting the 10,000 responses as CSV and as XLSX, each in a fresh
  process: Python's allocations during the export (tracemalloc) and the process's peak RSS;
  the same for a second generated survey of 1,000 responses, so the two can be compared (in
  constant memory the peak does not grow with the number of responses).

Then the harness loads the public results page (with and without a breakdown) through
gunicorn against the constant view and prints its table. Redis is not used by default (the
database cache), so the page cache is off and the table shows the page as rendered afresh;
pass --redis-url to use one. bench/public.py shows the page served from the cache.
"""

import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from bench.harness import BenchEnv, Page, log, run

SURVEY_PK = 990001
BACKGROUND_PK = 990001
RESPONSES = 10_000
# A tenth of the size, exported too: a flat peak across the two shows constant memory.
SMALL_SURVEY_PK = 990002
SMALL_RESPONSES = 1_000
BATCH = 1000
ROUNDS = 7

PAGES = [
    Page("results", f"/enkater/{SURVEY_PK}/resultat/"),
    Page("breakdown", f"/enkater/{SURVEY_PK}/resultat/?uppdelning={BACKGROUND_PK}"),
]
# A results page is heavier than the pages of bench/pages.py: fewer requests by default.
DEFAULT_ARGS = ["--requests", "100", "--warmup", "10", "--redis-url", ""]

# One statement for every figure of the page: responses per option / scale value / "annat" /
# free text, and responses that answered each question (the units live on the response).
HAND_SQL = """
SELECT a.question_id, a.option_id, a.scale_value, a.is_other,
       GROUPING(a.option_id, a.scale_value, a.is_other) AS answered,
       CASE WHEN GROUPING(a.option_id, a.scale_value, a.is_other) = 0 THEN COUNT(*)
            ELSE COUNT(DISTINCT a.response_id) END AS n
FROM surveys_answer a
JOIN surveys_response r ON r.id = a.response_id
JOIN surveys_question q ON q.id = a.question_id
WHERE r.survey_id = %(survey)s AND q.kind <> 'units'
GROUP BY GROUPING SETS ((a.question_id, a.option_id, a.scale_value, a.is_other),
                        (a.question_id))
UNION ALL
SELECT o.question_id, r.unit_id, NULL, FALSE, 0, COUNT(*)
FROM surveys_response r JOIN surveys_option o ON o.id = r.unit_id
WHERE r.survey_id = %(survey)s
GROUP BY o.question_id, r.unit_id
"""


# --- generated data (runs inside `manage.py shell`) --------------------------------------------


def generate() -> None:
    _generate(survey_pk=SURVEY_PK, background_pk=BACKGROUND_PK, responses_wanted=RESPONSES)
    _generate(survey_pk=SMALL_SURVEY_PK, background_pk=None, responses_wanted=SMALL_RESPONSES)


def _generate(*, survey_pk: int, background_pk: int | None, responses_wanted: int) -> None:
    import datetime
    import random

    from django.db import connection, transaction
    from django.utils import timezone

    from surveys.models import Answer, Option, Question, Response, Survey, SurveySeries

    rng = random.Random(2020)  # noqa: S311 - generated data, not security
    kinds = (
        [Question.Kind.UNITS, Question.Kind.BACKGROUND]
        + [Question.Kind.SINGLE] * 6
        + [Question.Kind.MULTIPLE] * 5
        + [Question.Kind.SCALE] * 5
        + [Question.Kind.TEXT] * 2
    )
    with transaction.atomic():
        series = SurveySeries.objects.create(name=f"Genererad enkätserie {survey_pk} (bench)")
        survey = Survey.objects.create(
            id=survey_pk,
            title=f"Genererad enkät för prestandamätning ({responses_wanted} svar)",
            introduction="Genererad testdata (bench/survey_results.py). Inga riktiga svar.",
            opens_on=datetime.date(2025, 9, 1),
            closes_on=datetime.date(2025, 10, 1),
            min_group_size=5,
            series=series,
            year=2025,
            results_published_at=timezone.now(),
        )
        questions = []
        options: dict[int, list[Option]] = {}
        for position, kind in enumerate(kinds):
            question = Question.objects.create(
                id=background_pk if kind == Question.Kind.BACKGROUND else None,
                survey=survey,
                position=position,
                kind=kind,
                text=f"Genererad fråga {position + 1} ({kind})?",
                allow_other=kind == Question.Kind.MULTIPLE,
                scale_min_label="dåligt" if kind == Question.Kind.SCALE else "",
                scale_max_label="utmärkt" if kind == Question.Kind.SCALE else "",
            )
            questions.append(question)
            count = {"units": 12, "background": 3, "single": 4, "multiple": 6}.get(kind, 0)
            options[question.id] = Option.objects.bulk_create(
                [
                    Option(question=question, position=n, text=f"Alternativ {n + 1}")
                    for n in range(count)
                ]
            )
    units_question = questions[0]
    answers_written = 0
    for start in range(0, responses_wanted, BATCH):
        with transaction.atomic():
            responses = Response.objects.bulk_create(
                [
                    Response(
                        survey=survey,
                        submitted_on=datetime.date(2025, 9, 1 + n % 28),
                        unit=rng.choice(options[units_question.id]),
                    )
                    for n in range(start, min(start + BATCH, responses_wanted))
                ]
            )
            rows: list[Answer] = []
            for response in responses:
                for question in questions[1:]:
                    if not question.kind == Question.Kind.BACKGROUND and rng.random() < 0.1:
                        continue  # skipped
                    if question.kind in (Question.Kind.SINGLE, Question.Kind.BACKGROUND):
                        rows.append(
                            Answer(
                                response=response,
                                question=question,
                                option=rng.choice(options[question.id]),
                            )
                        )
                    elif question.kind == Question.Kind.MULTIPLE:
                        for option in rng.sample(options[question.id], rng.randint(1, 3)):
                            rows.append(Answer(response=response, question=question, option=option))
                        if rng.random() < 0.05:
                            rows.append(
                                Answer(
                                    response=response,
                                    question=question,
                                    text="Genererat annat-svar",
                                    is_other=True,
                                )
                            )
                    elif question.kind == Question.Kind.SCALE:
                        rows.append(
                            Answer(
                                response=response, question=question, scale_value=rng.randint(1, 5)
                            )
                        )
                    elif rng.random() < 0.3:
                        rows.append(
                            Answer(
                                response=response,
                                question=question,
                                text=f"Genererat fritextsvar {rng.randint(1, 10**6)}.",
                            )
                        )
            Answer.objects.bulk_create(rows, batch_size=5000)
            answers_written += len(rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(  # noqa: T201
        f"Generated survey {survey.pk}: {len(questions)} questions, {responses_wanted} responses, "
        f"{answers_written} answers."
    )


# --- measurements (each runs inside its own `manage.py shell`) ---------------------------------


def _figures_of_selector(results) -> dict[tuple[int, str], int]:
    figures: dict[tuple[int, str], int] = {}
    for result in results.questions:
        figures[(result.question.id, "answered")] = result.answered
        for row in result.rows:
            figures[(result.question.id, row.key)] = row.count
    return figures


def _figures_of_sql(rows, questions) -> dict[tuple[int, str], int]:
    option_questions = {q.id for q in questions if q.has_options}
    scale_max = {q.id: q.scale_max for q in questions if q.kind == "scale"}
    others = {q.id for q in questions if q.allow_other}
    figures: dict[tuple[int, str], int] = {}
    for question_id, option_id, scale_value, is_other, answered, n in rows:
        if answered:
            figures[(question_id, "answered")] = n
        elif option_id is not None:
            figures[(question_id, f"o{option_id}")] = n
        elif scale_value is not None:
            figures[(question_id, f"s{scale_value}")] = n
        elif is_other:
            figures[(question_id, "other")] = n
    # Rows the page shows with 0 that no answer produced.
    for question in questions:
        if question.id in option_questions:
            for option in question.options.all():
                figures.setdefault((question.id, f"o{option.id}"), 0)
        if question.id in scale_max:
            for value in range(1, scale_max[question.id] + 1):
                figures.setdefault((question.id, f"s{value}"), 0)
        if question.id in others:
            figures.setdefault((question.id, "other"), 0)
        if question.kind == "units":
            # One unit per response: the responses that answered are the sum over the units.
            figures[(question.id, "answered")] = sum(
                n for (q, key), n in figures.items() if q == question.id and key.startswith("o")
            )
        figures.setdefault((question.id, "answered"), 0)
    return figures


def measure_selector() -> None:
    """Print one JSON line: selector vs one hand-written SQL statement."""
    from django.db import connection

    from surveys.models import Question
    from surveys.selectors import results as selectors

    def page(breakdown: int | None) -> selectors.Results:
        survey = selectors.survey_for_results(survey_id=SURVEY_PK, published_only=True)
        if survey is None:
            raise SystemExit(f"survey {SURVEY_PK} is missing or not published")
        return selectors.survey_results(survey=survey, public=True, breakdown_question_id=breakdown)

    def timed[T](function: Callable[[], T]) -> tuple[float, T]:
        value = function()  # warm-up
        times = []
        for _round in range(ROUNDS):
            started = time.perf_counter()
            value = function()
            times.append(time.perf_counter() - started)
        return statistics.median(times), value

    def hand_sql():
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, {"survey": SURVEY_PK})
            return cursor.fetchall()

    selector_s, results = timed(lambda: page(None))
    breakdown_s, _breakdown = timed(lambda: page(BACKGROUND_PK))
    sql_s, rows = timed(hand_sql)
    questions = list(
        Question.objects.filter(survey_id=SURVEY_PK)
        .prefetch_related("options")
        .order_by("position")
    )
    same = _figures_of_selector(results) == _figures_of_sql(rows, questions)
    print(  # noqa: T201
        json.dumps(
            {
                "selector_ms": round(selector_s * 1000, 1),
                "selector_breakdown_ms": round(breakdown_s * 1000, 1),
                "hand_sql_ms": round(sql_s * 1000, 1),
                "ratio": round(selector_s / sql_s, 2),
                "same_figures": same,
                "responses": results.response_count,
                "questions": len(results.questions),
            }
        )
    )


def measure_export(kind: str, survey_pk: int = SURVEY_PK) -> None:
    """Print one JSON line: the peak memory of exporting every response as `kind`."""
    import resource
    import tracemalloc

    from surveys import exports
    from surveys.models import Answer, Survey

    survey = Survey.objects.get(pk=survey_pk)
    answers = Answer.objects.filter(response__survey=survey).count()
    rss_before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    if kind == "csv":
        response = exports.csv_response(exports.responses_rows(survey), "svar.csv")
        size = sum(len(chunk) for chunk in response)
    else:
        response = exports.xlsx_response(exports.responses_rows(survey), "svar.xlsx", "Svar")
        size = sum(len(chunk) for chunk in response)
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(  # noqa: T201
        json.dumps(
            {
                "export": f"responses {kind}",
                "answers": answers,
                "bytes": size,
                "seconds_with_tracemalloc": round(seconds, 2),
                "python_peak_mib": round(peak / 2**20, 2),
                "process_peak_rss_mib": round(rss_after_kib / 1024, 1),
                "rss_growth_mib": round((rss_after_kib - rss_before_kib) / 1024, 1),
            }
        )
    )


# --- the run ---------------------------------------------------------------------------------


FIGURES: list[str] = []


def _last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def prepare(benv: BenchEnv) -> None:
    output = benv.manage(
        "shell", "-c", "from bench.survey_results import generate; generate()", timeout=900
    )
    log(output.strip().splitlines()[-1] if output.strip() else "generated")
    selector = _last_json(
        benv.manage("shell", "-c", "from bench.survey_results import measure_selector as m; m()")
    )
    log(f"selector: {selector}")
    FIGURES.append(
        f"Results of {selector['responses']:,} responses to {selector['questions']} questions "
        f"(median of {ROUNDS}): selector {selector['selector_ms']} ms "
        f"(with a breakdown {selector['selector_breakdown_ms']} ms), one hand-written SQL "
        f"GROUP BY {selector['hand_sql_ms']} ms, ratio {selector['ratio']}; "
        f"same figures: {selector['same_figures']}."
    )
    for kind in ("csv", "xlsx"):
        for survey_pk, responses in ((SMALL_SURVEY_PK, SMALL_RESPONSES), (SURVEY_PK, RESPONSES)):
            export = _last_json(
                benv.manage(
                    "shell",
                    "-c",
                    "from bench.survey_results import measure_export as m; "
                    f"m({kind!r}, {survey_pk})",
                )
            )
            log(f"export: {export}")
            FIGURES.append(
                f"Export of {responses:,} responses ({export['answers']:,} answers) as "
                f"{kind.upper()}: {export['bytes']:,} bytes; peak Python allocations "
                f"{export['python_peak_mib']} MiB (tracemalloc), process peak RSS "
                f"{export['process_peak_rss_mib']} MiB (grew {export['rss_growth_mib']} MiB "
                f"during the export)."
            )
    if not selector["same_figures"]:
        from bench.harness import BenchError

        raise BenchError("The selector and the hand-written SQL disagree on the figures.")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = [*DEFAULT_ARGS, *(sys.argv[1:] if argv is None else argv)]
    code = run(PAGES, name="survey_results", argv=arguments, description=__doc__, prepare=prepare)
    print()  # noqa: T201
    for line in FIGURES:
        print(line)  # noqa: T201
    return code


if __name__ == "__main__":
    sys.exit(main())

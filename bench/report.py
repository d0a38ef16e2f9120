"""Benchmark: the yearly follow-up report of a big year, snapshot and PDF.

Run from the project directory:

    uv run python -m bench.report [--database-url URL] [--time-limit S] [--help]

On a fresh PostgreSQL database (see bench/harness.py: dropped and recreated, migrated, seeded)
it GENERATES, clearly marked as such, a year (YEAR) with 2,000 signatories (approved from 2019
on, 40 withdrawn in the year), 10,000 commitments of which about 70 % reported progress for
the year, a follow-up survey of 10,000 responses to 20 questions with last year's survey of the
same series beside it (3,000 responses), a conference of two dialogues with 1,500 notes tagged
with ten themes, and the year's report choosing all of it (the survey split by its background
question, five quotes, every goal assessed, last year's assessments beside them).

Then, in a process of its own doing what the worker's task does (reports.services
.version_render: snapshot, charts, PDF), it prints the seconds to take the snapshot, to draw
the charts and build the HTML, and to write the PDF; the page count and size; the process's
peak RSS; and the seconds to write the same HTML with every chart removed, in the same run,
with the ratio. Aim (issue 12): under 20 s and 500 MB on the 2-core machines.
"""

import json
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.harness import (
    DEFAULT_DATABASE_URL,
    BenchError,
    Deadline,
    bench_env,
    database_name,
    fresh_database,
    log,
    parse_args,
    prepare_project,
)

DATABASE_NAME = "hok_bench_report"
YEAR = 2025
SIGNATORIES = 2_000
WITHDRAWN = 40
COMMITMENTS = 10_000
RESPONSES = 10_000
PREVIOUS_RESPONSES = 3_000
NOTES = 1_500
THEMES = 10
BATCH = 2_000


# --- generated data (runs inside `manage.py shell`) --------------------------------------------


def _organisations(rng, user) -> list:  # noqa: ANN001
    import datetime

    from django.utils import timezone

    from agreements.models import AgreementVersion, Municipality, Organisation, Signature

    version = AgreementVersion.objects.get(is_current=True)
    forms = [value for value, _label in Organisation.Form.choices]
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Genererad förening {n:04d} (bench)",
                slug=f"genererad-forening-{n:04d}",
                org_number=f"80{n:04d}-{n % 10000:04d}",
                party_side="region" if n == 0 else "civil_society",
                form="" if n == 0 else forms[n % len(forms)],
            )
            for n in range(SIGNATORIES + WITHDRAWN)
        ],
        batch_size=BATCH,
    )
    municipalities = list(Municipality.objects.order_by("position"))
    through = Organisation.municipalities.through
    through.objects.bulk_create(
        [
            through(organisation_id=o.pk, municipality_id=rng.choice(municipalities).pk)
            for o in organisations
        ],
        batch_size=BATCH,
    )
    signatures = []
    for n, organisation in enumerate(organisations):
        year = 2019 + n % (YEAR - 2019 + 1)
        at = timezone.make_aware(datetime.datetime(year, 1 + n % 12, 1 + n % 28, 12))  # noqa: DTZ001
        withdrawn = n >= SIGNATORIES
        signatures.append(
            Signature(
                organisation=organisation,
                version=version,
                text_sha256=version.text_sha256,
                signed_by=user,
                signer_name="Genererad Undertecknare",
                capacity=Signature.Capacity.AUTHORISED_SIGNATORY,
                signed_at=at,
                status=Signature.Status.WITHDRAWN if withdrawn else Signature.Status.APPROVED,
                decided_by=user,
                decided_at=at,
                withdrawn_at=timezone.make_aware(datetime.datetime(YEAR, 6, 1))  # noqa: DTZ001
                if withdrawn
                else None,
                withdrawal_reason="Genererad." if withdrawn else "",
            )
        )
    Signature.objects.bulk_create(signatures, batch_size=BATCH)
    return organisations[:SIGNATORIES]


def _commitments(rng, organisations) -> list[int]:  # noqa: ANN001
    from agreements.models import Commitment, Principle, ProgressReport

    principles = list(Principle.objects.filter(version__is_current=True).order_by("number"))
    commitments = Commitment.objects.bulk_create(
        [
            Commitment(
                organisation=organisations[n % len(organisations)],
                principle=principles[n % len(principles)],
                title=f"Genererat åtagande {n:05d}",
                description="Genererad testdata (bench/report.py).",
                start_year=rng.randint(2019, YEAR),
            )
            for n in range(COMMITMENTS)
        ],
        batch_size=BATCH,
    )
    statuses = [value for value, _label in ProgressReport.Status.choices]
    reports = ProgressReport.objects.bulk_create(
        [
            ProgressReport(
                commitment=commitment,
                year=YEAR,
                status=rng.choice(statuses),
                text=f"Genererad lägesrapport för {commitment.title}: två träffar och en plan.",
            )
            for commitment in commitments
            if rng.random() < 0.7
        ],
        batch_size=BATCH,
    )
    return [report.pk for report in reports[:5]]


def _survey(rng, series, year: int, responses_wanted: int, like=None):  # noqa: ANN001
    """A 20-question survey; `like` (last year's questions) gives the identities to share."""
    import datetime

    from surveys.models import Answer, Option, Question, Response, Survey

    kinds = (
        [Question.Kind.BACKGROUND]
        + [Question.Kind.SINGLE] * 8
        + [Question.Kind.MULTIPLE] * 4
        + [Question.Kind.SCALE] * 5
        + [Question.Kind.TEXT] * 2
    )
    survey = Survey.objects.create(
        title=f"Genererad uppföljningsenkät {year} (bench)",
        introduction="Genererad testdata (bench/report.py). Inga riktiga svar.",
        opens_on=datetime.date(year, 9, 1),
        closes_on=datetime.date(year, 10, 1),
        min_group_size=5,
        series=series,
        year=year,
    )
    questions, options = [], {}
    for position, kind in enumerate(kinds):
        before = like[position] if like else None
        question = Question.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            text=f"Genererad fråga {position + 1} om samverkan ({kind})?",
            allow_other=kind == Question.Kind.MULTIPLE,
            scale_min_label="Inte alls" if kind == Question.Kind.SCALE else "",
            scale_max_label="Helt och hållet" if kind == Question.Kind.SCALE else "",
            **({"identity": before[0].identity} if before else {}),
        )
        count = {"background": 3, "single": 4, "multiple": 5}.get(kind, 0)
        options[question.pk] = Option.objects.bulk_create(
            [
                Option(
                    question=question,
                    position=n,
                    text=f"Genererat alternativ {n + 1}",
                    **({"identity": before[1][n].identity} if before else {}),
                )
                for n in range(count)
            ]
        )
        questions.append((question, options[question.pk]))
    for start in range(0, responses_wanted, BATCH):
        responses = Response.objects.bulk_create(
            [
                Response(survey=survey, submitted_on=datetime.date(year, 9, 1 + n % 28))
                for n in range(start, min(start + BATCH, responses_wanted))
            ]
        )
        rows = []
        for response in responses:
            for question, choices in questions:
                if question.kind != Question.Kind.BACKGROUND and rng.random() < 0.12:
                    continue
                if question.kind in (Question.Kind.SINGLE, Question.Kind.BACKGROUND):
                    rows.append(
                        Answer(response=response, question=question, option=rng.choice(choices))
                    )
                elif question.kind == Question.Kind.MULTIPLE:
                    for option in rng.sample(choices, rng.randint(1, 3)):
                        rows.append(Answer(response=response, question=question, option=option))
                elif question.kind == Question.Kind.SCALE:
                    rows.append(
                        Answer(response=response, question=question, scale_value=rng.randint(1, 5))
                    )
                elif rng.random() < 0.2:
                    rows.append(
                        Answer(
                            response=response,
                            question=question,
                            text=f"Genererat fritextsvar nummer {rng.randint(1, 10**6)}.",
                        )
                    )
        Answer.objects.bulk_create(rows, batch_size=5000)
    return survey, questions


def _conference(rng) -> int:  # noqa: ANN001
    import datetime

    from dialogues.models import Conference, Dialogue, DialogueQuestion, Note, NoteTheme, Theme

    conference = Conference.objects.create(
        name=f"Genererad samverkanskonferens {YEAR} (bench)",
        slug=f"genererad-konferens-{YEAR}",
        date=datetime.date(YEAR, 11, 18),
        place="Halmstad",
    )
    themes = Theme.objects.bulk_create(
        [
            Theme(
                conference=conference,
                name=f"genererat tema {n + 1}",
                feedback="Arbetsgruppen tar med temat till nästa års arbete.",
                feedback_published=True,
            )
            for n in range(THEMES)
        ]
    )
    notes = []
    for number in (1, 2):
        dialogue = Dialogue.objects.create(
            conference=conference,
            position=number,
            title=f"Genererad dialog {number}",
            summary="Borden talade mest om **samverkan** och **psykisk hälsa**.",
            summary_published=True,
        )
        question = DialogueQuestion.objects.create(
            dialogue=dialogue, position=1, text="Hur kan vi samverka bättre?"
        )
        notes += Note.objects.bulk_create(
            [
                Note(dialogue=dialogue, question=question, text=f"Genererad anteckning {n}.")
                for n in range(NOTES // 2)
            ]
        )
    links = []
    for note in notes:
        for theme in rng.sample(themes, rng.randint(1, 2)):
            links.append(NoteTheme(note=note, theme=theme, status=NoteTheme.Status.ACCEPTED))
    NoteTheme.objects.bulk_create(links, batch_size=BATCH)
    return conference.pk


def generate() -> None:
    import random

    from django.db import connection, transaction

    from agreements.models import Goal
    from hok.models import User
    from reports.models import GoalAssessment, Report
    from surveys.models import SurveySeries

    rng = random.Random(2019)  # noqa: S311 - generated data, not security
    with transaction.atomic():
        user = User.objects.create(email="bench-report@example.invalid", full_name="Bench")
        organisations = _organisations(rng, user)
        quotes = _commitments(rng, organisations)
        series = SurveySeries.objects.create(name="Genererad enkätserie (bench)")
        _previous, previous_questions = _survey(rng, series, YEAR - 1, PREVIOUS_RESPONSES)
        survey, questions = _survey(rng, series, YEAR, RESPONSES, like=previous_questions)
        conference_id = _conference(rng)
        goals = list(Goal.objects.filter(version__is_current=True).order_by("position"))
        earlier = Report.objects.create(year=YEAR - 1, summary="Förra årets rapport (bench).")
        report = Report.objects.create(
            year=YEAR,
            introduction="Genererad inledning (bench).\n\nArbetsgruppen följer upp varje år.",
            summary="Genererad sammanfattning med **fetstil** (bench).",
            analysis="## Slutsatser\n\nGenererad analys (bench).",
            survey_ids=[survey.pk],
            conference_ids=[conference_id],
            breakdowns={str(survey.pk): questions[0][0].pk},
            quote_ids=quotes,
        )
        for goal in goals:
            GoalAssessment.objects.create(
                report=earlier, goal_position=goal.position, status="not_started"
            )
            GoalAssessment.objects.create(
                report=report,
                goal_position=goal.position,
                status="on_the_way",
                comment="Genererad bedömning.",
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print("generated")  # noqa: T201


# --- the measurement (its own `manage.py shell`, like a fresh worker process) -----------------


def measure() -> None:
    import re
    import resource
    import time

    from django.utils import translation

    from hok.pdf import render_pdf, static_file_path
    from reports.document import PDF_STYLESHEET, report_html
    from reports.models import Report
    from reports.snapshot import take_snapshot

    report = Report.objects.get(year=YEAR)
    stylesheet = static_file_path(PDF_STYLESHEET)
    started = time.perf_counter()
    snapshot = take_snapshot(report=report)
    snapshot_s = time.perf_counter() - started
    started = time.perf_counter()
    html = report_html(snapshot, for_pdf=True)
    html_s = time.perf_counter() - started
    started = time.perf_counter()
    with translation.override("sv"):
        pdf = render_pdf(html, stylesheets=[stylesheet])
    pdf_s = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    bare = re.sub(r"<svg\b.*?</svg>", "", html, flags=re.DOTALL)
    started = time.perf_counter()
    with translation.override("sv"):
        plain = render_pdf(bare, stylesheets=[stylesheet])
    plain_s = time.perf_counter() - started
    print(  # noqa: T201
        json.dumps(
            {
                "snapshot_s": round(snapshot_s, 2),
                "charts_and_html_s": round(html_s, 2),
                "pdf_s": round(pdf_s, 2),
                "total_s": round(snapshot_s + html_s + pdf_s, 2),
                "pages": pdf.pages,
                "bytes": pdf.size,
                "charts": html.count("<svg"),
                "peak_rss_mib": round(peak_kib / 1024, 1),
                "pdf_without_charts_s": round(plain_s, 2),
                "pages_without_charts": plain.pages,
                "ratio_with_to_without_charts": round(pdf_s / plain_s, 2),
                "signatories": snapshot["signatories"]["total"],
                "survey_responses": snapshot["surveys"][0]["response_count"],
                "snapshot_json_bytes": len(json.dumps(snapshot)),
            }
        )
    )


# --- the run ---------------------------------------------------------------------------------


def _database_url(explicit: bool, url: str) -> str:
    if explicit:
        return url
    return urlunsplit(urlsplit(url)._replace(path=f"/{DATABASE_NAME}"))


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    explicit_db = any(a.startswith("--database-url") for a in argv)
    args = parse_args(__doc__, ["--time-limit", "1500", "--redis-url", "", *argv])
    args.database_url = _database_url(explicit_db, args.database_url or DEFAULT_DATABASE_URL)
    deadline = Deadline(args.time_limit)
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        with (
            tempfile.TemporaryDirectory(prefix="hok-bench-") as tmp,
            fresh_database(args.database_url) as database_url,
        ):
            benv = bench_env(database_url, Path(tmp), deadline, args)
            log(f"Database {database_name(database_url)} created.")
            prepare_project(benv)
            log("Generating the year (bench data)")
            benv.manage(
                "shell", "-c", "from bench.report import generate; generate()", timeout=1200
            )
            output = benv.manage("shell", "-c", "from bench.report import measure; measure()")
            figures = json.loads(output.strip().splitlines()[-1])
    except BenchError as error:
        print(f"\nBENCH FAILED: {error}", file=sys.stderr, flush=True)  # noqa: T201
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(json.dumps({"bench": "report", **figures}))  # noqa: T201
    print(  # noqa: T201
        f"\nReport {YEAR}: {figures['signatories']:,} signatories, {COMMITMENTS:,} commitments, "
        f"a survey of {figures['survey_responses']:,} responses x 20 questions with last year's, "
        f"{NOTES:,} conference notes.\n"
        f"Snapshot {figures['snapshot_s']} s; charts and HTML {figures['charts_and_html_s']} s "
        f"({figures['charts']} charts); PDF {figures['pdf_s']} s; total "
        f"{figures['total_s']} s. {figures['pages']} pages, {figures['bytes']:,} bytes.\n"
        f"Peak RSS of the rendering process {figures['peak_rss_mib']} MiB. The same HTML "
        f"without charts: {figures['pdf_without_charts_s']} s "
        f"({figures['pages_without_charts']} pages); ratio with/without charts "
        f"{figures['ratio_with_to_without_charts']}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

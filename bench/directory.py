"""Benchmark: the signatory directory (unfiltered and filtered) and an organisation's page,
against the constant view of bench/pages.py, with 2,000 generated signatories.

Run from the project directory:

    uv run python -m bench.directory [--organisations N] [--requests N] [--page [NAME=]PATH ...]

`--growth` instead measures the directory's own cost at 200, 2,000 and 20,000 organisations
(one fresh database each, no gunicorn): the median time to render it in process without the
page cache, and its queries (see `measure_growth`).

Before gunicorn starts, `prepare` fills the fresh benchmark database (see bench/harness.py)
with GENERATED data, clearly marked as such: 2,000 organisations (--organisations N, e.g.
20000) named "Genererad förening 0001" … "Genererad förening 2000", each with an approved
signature of the current version, one to three municipalities and one to four areas of
activity, five commitments (10,000 in all) with two yearly progress reports each (20,000) and
one document. Everything is written
with bulk_create in a `manage.py shell` run with the bench settings (it takes seconds),
followed by ANALYZE so the planner knows the tables' sizes.
"""

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.harness import BenchEnv, Page, log, run

ORGANISATIONS = 2000
COMMITMENTS_EACH = 5
REPORT_YEARS = (2023, 2024)
BATCH = 1000

PAGES = [
    Page("directory", "/undertecknare/"),
    # One municipality, one area and a search matching half of the names.
    Page(
        "dir-filtered",
        "/undertecknare/?kommun=halmstad&omrade=kultur&q=f%C3%B6rening+1",
    ),
    Page("organisation", "/organisationer/genererad-forening-0001/"),
]


def generate(count: int = ORGANISATIONS) -> None:
    """Write `count` generated signatories. Runs inside `manage.py shell` (Django is set up)."""
    import random
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.db import connection, transaction

    from agreements.models import (
        ActivityArea,
        AgreementVersion,
        Commitment,
        Municipality,
        Organisation,
        OrganisationDocument,
        Principle,
        ProgressReport,
        Signature,
    )
    from agreements.orgnr import luhn_valid
    from hok.models import User

    rng = random.Random(2019)  # noqa: S311 - generated data, not security
    width = max(4, len(str(count)))
    stockholm = ZoneInfo("Europe/Stockholm")
    forms = [value for value, _label in Organisation.Form.choices]
    municipalities = list(Municipality.objects.order_by("position"))
    areas = list(ActivityArea.objects.order_by("position"))
    version = AgreementVersion.objects.get(is_current=True)
    principles = list(Principle.objects.filter(version=version).order_by("number"))

    def org_number(n: int) -> str:
        base = f"869{n:06d}"
        digit = next(d for d in "0123456789" if luhn_valid(base + d))
        return f"{base[:6]}-{base[6:]}{digit}"

    with transaction.atomic():
        person = User.objects.create_user(
            "genererad-bench@exempel.invalid", full_name="Genererad bench-användare"
        )
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Genererad förening {n:0{width}d}",
                    slug=f"genererad-forening-{n:0{width}d}",
                    org_number=org_number(n),
                    party_side=Organisation.PartySide.CIVIL_SOCIETY,
                    form=forms[n % len(forms)],
                    website=f"https://genererad-{n:0{width}d}.example.invalid",
                    contact_email=f"kontakt-{n:0{width}d}@example.invalid",
                    description=(
                        "Genererad testdata för prestandamätning (bench/directory.py). "
                        "Ingen riktig organisation."
                    ),
                )
                for n in range(1, count + 1)
            ],
            batch_size=BATCH,
        )
        Organisation.municipalities.through.objects.bulk_create(
            [
                Organisation.municipalities.through(organisation=org, municipality=m)
                for org in organisations
                for m in rng.sample(municipalities, rng.randint(1, 3))
            ],
            batch_size=BATCH,
        )
        Organisation.areas.through.objects.bulk_create(
            [
                Organisation.areas.through(organisation=org, activityarea=a)
                for org in organisations
                for a in rng.sample(areas, rng.randint(1, 4))
            ],
            batch_size=BATCH,
        )
        signatures = []
        for org in organisations:
            decided = datetime(2019, 3, 1, 10, tzinfo=stockholm) + timedelta(
                days=rng.randint(0, 6 * 365)
            )
            signatures.append(
                Signature(
                    organisation=org,
                    version=version,
                    text_sha256=version.text_sha256,
                    signed_by=person,
                    signer_name="Genererad undertecknare",
                    capacity=Signature.Capacity.AUTHORISED_SIGNATORY,
                    signed_at=decided - timedelta(days=rng.randint(1, 30)),
                    status=Signature.Status.APPROVED,
                    decided_by=person,
                    decided_at=decided,
                )
            )
        Signature.objects.bulk_create(signatures, batch_size=BATCH)
        commitments = Commitment.objects.bulk_create(
            [
                Commitment(
                    organisation=org,
                    principle=principles[(index + k) % len(principles)],
                    title=f"Genererat åtagande {k + 1}",
                    description="Genererad text för prestandamätning. " * 4,
                    start_year=2022,
                    created_by=person,
                )
                for index, org in enumerate(organisations)
                for k in range(COMMITMENTS_EACH)
            ],
            batch_size=BATCH,
        )
        ProgressReport.objects.bulk_create(
            [
                ProgressReport(
                    commitment=commitment,
                    year=year,
                    status=rng.choice(ProgressReport.Status.values),
                    text=f"Genererad lägesrapport för {year}. " * 3,
                    link="https://example.invalid/rapport" if year == 2024 else "",
                    reported_by=person,
                )
                for commitment in commitments
                for year in REPORT_YEARS
            ],
            batch_size=BATCH,
        )
        OrganisationDocument.objects.bulk_create(
            [
                OrganisationDocument(
                    organisation=org,
                    kind=OrganisationDocument.Kind.ANNUAL_REPORT,
                    title="Genererad årsredovisning 2024",
                    year=2024,
                    file="documents/generated/genererad.pdf",
                    size=123_456,
                    uploaded_by=person,
                )
                for org in organisations
            ],
            batch_size=BATCH,
        )
    if connection.vendor == "postgresql":
        # Fresh statistics after a bulk load, as autovacuum would gather them in production.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(  # noqa: T201
        f"Generated {len(organisations)} organisations, {len(commitments)} commitments, "
        f"{ProgressReport.objects.count()} progress reports."
    )


def organisation_path(count: int) -> str:
    """The page of the first generated organisation (the numbers widen past 9,999)."""
    return f"/organisationer/genererad-forening-{1:0{max(4, len(str(count)))}d}/"


def generate_in(benv: BenchEnv, count: int) -> None:
    output = benv.manage(
        "shell", "-c", f"from bench.directory import generate; generate({count})", timeout=1200
    )
    log(output.strip().splitlines()[-1] if output.strip() else "generated")


def organisations_argument(argv: Sequence[str] | None) -> tuple[int, list[str]]:
    """`--organisations N` (default 2,000), and the rest of the command line for the harness."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--organisations", type=int, default=ORGANISATIONS)
    known, rest = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if not 1 <= known.organisations <= 999_999:
        parser.error("--organisations must be between 1 and 999,999")
    return known.organisations, rest


# --- growth: the directory's own cost at three sizes -----------------------------------------

GROWTH_SIZES = (200, 2000, 20_000)
GROWTH_ROUNDS = 15
GROWTH_PAGES = {
    "directory": "/undertecknare/",
    "dir-filtered": PAGES[1].path,
    "page 8": "/undertecknare/?sida=8",
}


def measure_growth() -> None:
    """The directory rendered in this process (the Django test client, no server), per page:
    median ms and queries (1) with no cache at all, (2) as a visitor meets it right after a
    change, the page rendered but its count and chart kept per generation (a new query string
    each round), (3) served from the page cache. Runs inside `manage.py shell`."""
    import json
    import statistics
    import time

    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from hok.generations import bump_now

    def timed(client: Client, paths: list[str]) -> tuple[float, int]:
        """Median ms and the most queries any of the requests made."""
        times, queries = [], []
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
            queries.append(len(captured))
        return round(statistics.median(times), 2), max(queries)

    figures: dict[str, dict[str, object]] = {}
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        client = Client()
        for name, path in GROWTH_PAGES.items():
            separator = "&" if "?" in path else "?"
            with override_settings(PAGE_CACHE=False):
                client.get(path)
                uncached = timed(client, [path] * GROWTH_ROUNDS)
            bump_now("signatories")
            client.get(f"{path}{separator}v=warm")
            fresh = [f"{path}{separator}v={n}" for n in range(GROWTH_ROUNDS)]
            after_change = timed(client, fresh)
            client.get(path)  # stored
            cached = timed(client, [path] * GROWTH_ROUNDS)
            figures[name] = {
                "uncached_ms": uncached[0],
                "uncached_queries": uncached[1],
                "rendered_ms": after_change[0],
                "rendered_queries": after_change[1],
                "cached_ms": cached[0],
                "cached_queries": cached[1],
            }
    print(json.dumps(figures))  # noqa: T201


def growth(argv: Sequence[str] | None) -> int:
    from bench.harness import (
        BenchError,
        Deadline,
        bench_env,
        database_name,
        fresh_database,
        parse_args,
        prepare_project,
    )

    args = parse_args(__doc__, ["--time-limit", "3600", *(argv or [])])
    deadline = Deadline(args.time_limit)
    rows = []
    try:
        for count in GROWTH_SIZES:
            with (
                tempfile.TemporaryDirectory(prefix="hok-bench-") as tmp,
                fresh_database(args.database_url) as database_url,
            ):
                benv = bench_env(database_url, Path(tmp), deadline, args)
                log(f"Database {database_name(database_url)} created ({count:,} organisations).")
                prepare_project(benv)
                generate_in(benv, count)
                output = benv.manage(
                    "shell", "-c", "from bench.directory import measure_growth; measure_growth()"
                )
                rows.append((count, json.loads(output.strip().splitlines()[-1])))
    except BenchError as error:
        print(f"\nBENCH FAILED: {error}", file=sys.stderr, flush=True)  # noqa: T201
        return 1
    header = (
        f"{'organisations':>13} {'page':<13} {'no cache ms':>11} {'q':>3} "
        f"{'after a change ms':>17} {'q':>3} {'cached ms':>9} {'q':>3}"
    )
    print()  # noqa: T201
    print(
        "directory growth: rendered in process (Django test client), median of "  # noqa: T201
        f"{GROWTH_ROUNDS}; q = queries"
    )
    print(header)  # noqa: T201
    print("-" * len(header))  # noqa: T201
    for count, figures in rows:
        for name, f in figures.items():
            print(  # noqa: T201
                f"{count:>13,} {name:<13} {f['uncached_ms']:>11} {f['uncached_queries']:>3} "
                f"{f['rendered_ms']:>17} {f['rendered_queries']:>3} {f['cached_ms']:>9} "
                f"{f['cached_queries']:>3}"
            )
    print(json.dumps({"bench": "directory-growth", "sizes": dict(rows)}))  # noqa: T201
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--growth" in argv:
        return growth([a for a in argv if a != "--growth"])
    count, rest = organisations_argument(argv)
    pages = [*PAGES[:-1], Page("organisation", organisation_path(count))]
    return run(
        pages,
        name=f"directory ({count:,} organisations)",
        argv=rest,
        description=__doc__,
        prepare=lambda benv: generate_in(benv, count),
    )


if __name__ == "__main__":
    sys.exit(main())

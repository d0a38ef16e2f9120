"""Benchmark: every public page the issue sets a goal for, in one table, against the constant
view of the same run.

Run from the project directory:

    uv run python -m bench.public [--organisations N] [--requests N] [--page [NAME=]PATH ...]

Like the other benchmarks (see bench/harness.py) it creates its own PostgreSQL database,
migrates it, loads the seed content (the agreement, the 2020 survey, the 2021 conference with
its summaries) and serves the project with gunicorn on 127.0.0.1 with production settings and
Redis (BENCH_REDIS_URL), so anonymous visitors get the cached pages (hok/page_cache.py).

Before gunicorn starts it adds the GENERATED data of bench/directory.py (2,000 signatories by
default; `--organisations 20000` for the large directory) and the published survey of
bench/survey_results.py with 10,000 responses to 20 questions. Then it loads: the home page,
the agreement, a principle, the directory (unfiltered and filtered), an organisation's page,
the survey's public results (without and with a breakdown), the seeded conference's public
page and its compiled document page.
"""

import sys
from collections.abc import Sequence

from bench import directory, survey_results
from bench.harness import BenchEnv, Page, log, run

CONFERENCE = "/konferenser/starkare-an-forr-2021/"


def pages(organisations: int) -> list[Page]:
    return [
        Page("home", "/"),
        Page("agreement", "/overenskommelsen/"),
        Page("principle", "/overenskommelsen/principer/dialog/"),
        *directory.PAGES[:2],
        Page("organisation", directory.organisation_path(organisations)),
        *survey_results.PAGES,
        Page("conference", CONFERENCE),
        Page("compiled-doc", f"{CONFERENCE}sammanstallning/"),
    ]


def prepare(benv: BenchEnv, organisations: int) -> None:
    directory.generate_in(benv, organisations)
    output = benv.manage(
        "shell",
        "-c",
        "from bench import survey_results as s; "
        "s._generate(survey_pk=s.SURVEY_PK, background_pk=s.BACKGROUND_PK, "
        "responses_wanted=s.RESPONSES)",
        timeout=1200,
    )
    log(output.strip().splitlines()[-1] if output.strip() else "generated")


def main(argv: Sequence[str] | None = None) -> int:
    organisations, rest = directory.organisations_argument(argv)
    return run(
        pages(organisations),
        name=f"public pages ({organisations:,} organisations, a survey of 10,000 responses)",
        argv=rest,
        description=__doc__,
        prepare=lambda benv: prepare(benv, organisations),
    )


if __name__ == "__main__":
    sys.exit(main())

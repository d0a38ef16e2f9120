"""Benchmark: the home page and the agreement, against a constant Django view.

Run from the project directory:

    uv run python -m bench.pages [--page [NAME=]PATH ...] [--requests N] [--help]

Each run creates its own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/hok_bench), serves the project with gunicorn on
127.0.0.1 and drops the database again at the end. See bench/harness.py.
"""

import sys
from collections.abc import Sequence

from bench.harness import Page, run

PAGES = [
    Page("home", "/"),
    Page("agreement", "/overenskommelsen/"),
]


def main(argv: Sequence[str] | None = None) -> int:
    return run(PAGES, name="pages", argv=argv, description=__doc__)


if __name__ == "__main__":
    sys.exit(main())

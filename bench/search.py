"""Benchmark: the site search (search/), against the constant view of bench/pages.py, with
2,000 generated signatories and their 10,000 commitments in the index.

Run from the project directory:

    uv run python -m bench.search [--requests N] [--page [NAME=]PATH ...] [--help]

`prepare` writes the GENERATED signatories of bench/directory.py (2,000 organisations
"Genererad förening 0001" … "2000", each approved, with five commitments: 10,000), indexes
everything with `manage.py rebuild_search_index`, runs ANALYZE, and prints how many database
queries each measured search costs (an anonymous visitor, through the whole middleware stack).

Not generated yet: knowledge-base examples and revision proposals (their apps are not on this
branch); once they have search sources, add 500 examples and 1,000 proposals here.
"""

import sys
from collections.abc import Sequence

from bench.harness import BenchEnv, Page, log, run

PAGES = [
    # A word in every organisation's name and every commitment's title: 12,000 matches ranked.
    Page("search-common", "/sok/?q=f%C3%B6reningar"),
    # A name typed with a typo and without accents: trigram similarity over 2,000 names.
    Page("search-typo", "/sok/?q=genrerad+forening+0042"),
    # A word of the agreement's text: few matches.
    Page("search-rare", "/sok/?q=%C3%B6ppenheten"),
    # One kind alone, its best 50 of 10,000.
    Page("search-kind", "/sok/?q=%C3%A5tagande&typ=commitment"),
]


def count_queries() -> None:
    """Print the queries each page costs. Runs inside `manage.py shell` (Django is set up)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for page in PAGES:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
        assert response.status_code == 200, (page.path, response.status_code)
        print(f"queries {page.name}: {len(captured)}")  # noqa: T201


def prepare(benv: BenchEnv) -> None:
    output = benv.manage("shell", "-c", "from bench.directory import generate; generate()")
    log(output.strip().splitlines()[-1] if output.strip() else "generated")
    output = benv.manage("rebuild_search_index", timeout=600)
    log(output.strip().splitlines()[-1])
    benv.manage(
        "shell", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')"
    )
    output = benv.manage("shell", "-c", "from bench.search import count_queries; count_queries()")
    for line in output.strip().splitlines():
        log(line)


def main(argv: Sequence[str] | None = None) -> int:
    return run(PAGES, name="search", argv=argv, description=__doc__, prepare=prepare)


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: the site search (search/), against the constant view of bench/pages.py, with
2,000 generated signatories, their 10,000 commitments, 500 examples of collaboration and
1,000 revision proposals in the index.

Run from the project directory:

    uv run python -m bench.search [--requests N] [--page [NAME=]PATH ...] [--help]

`prepare` writes the GENERATED signatories of bench/directory.py (2,000 organisations
"Genererad förening 0001" … "2000", each approved, with five commitments: 10,000), then
`generate_knowledge` adds GENERATED knowledge-base and revision content: 500 published examples
("Genererat exempel 001" …, each by one generated organisation with another as a party, a
named Region Halland unit, one or two municipalities and a principle) and 1,000 public revision
proposals of the version in force (a third answered "tas med", a third rejected with a reason,
a third unanswered). It then indexes everything with `manage.py rebuild_search_index`, runs
ANALYZE, and prints how many database queries each measured search costs (an anonymous
visitor, through the whole middleware stack).
"""

import sys
from collections.abc import Sequence

from bench.harness import BenchEnv, Page, log, run

EXAMPLES = 500
PROPOSALS = 1000

PAGES = [
    # A word in every organisation's name and every commitment's title: 12,000 matches ranked.
    Page("search-common", "/sok/?q=f%C3%B6reningar"),
    # A name typed with a typo and without accents: trigram similarity over 2,000 names.
    Page("search-typo", "/sok/?q=genrerad+forening+0042"),
    # A word of the agreement's text: few matches.
    Page("search-rare", "/sok/?q=%C3%B6ppenheten"),
    # One kind alone, its best 50 of 10,000.
    Page("search-kind", "/sok/?q=%C3%A5tagande&typ=commitment"),
    # Words of the generated examples and proposals (1,500 matches in two kinds).
    Page("search-knowledge", "/sok/?q=samverkan+kvartal"),
]


def generate_knowledge(examples: int = EXAMPLES, proposals: int = PROPOSALS) -> None:
    """Write generated examples and proposals for the generated organisations. Runs inside
    `manage.py shell` after bench.directory.generate (bulk_create: no index refresh on write,
    the rebuild that follows indexes them)."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.db import transaction

    from agreements.models import AgreementVersion, Municipality, Organisation, RevisionProposal
    from examples.models import Example, ExampleParty
    from hok.models import User

    stockholm = ZoneInfo("Europe/Stockholm")
    organisations = list(
        Organisation.objects.filter(name__startswith="Genererad förening").order_by("pk")
    )
    municipalities = list(Municipality.objects.order_by("position"))
    version = AgreementVersion.objects.get(is_current=True)
    principles = list(version.principles.order_by("number"))
    person = User.objects.get(email="genererad-bench@exempel.invalid")
    published = datetime(2025, 1, 1, 9, tzinfo=stockholm)
    answers = [RevisionProposal.Answer.INCLUDE, RevisionProposal.Answer.REJECT, ""]
    with transaction.atomic():
        written = Example.objects.bulk_create(
            [
                Example(
                    organisation=organisations[n % len(organisations)],
                    title=f"Genererat exempel {n + 1:03d}: samverkan om läxhjälp",
                    summary="Genererat exempel för prestandamätning. Ingen riktig samverkan.",
                    start_year=2020 + n % 5,
                    end_year=None,
                    what_was_done="Föreningen och regionen träffades varje kvartal. " * 3,
                    outcome="Fler unga fick hjälp med läxorna. " * 2,
                    lessons="Börja i tid och fråga dem det gäller. " * 2,
                    contact_email="kontakt@example.invalid",
                    status=Example.Status.PUBLISHED,
                    created_by=person,
                    submitted_at=published + timedelta(days=n % 300),
                    published_at=published + timedelta(days=n % 300, hours=1),
                )
                for n in range(examples)
            ],
            batch_size=500,
        )
        ExampleParty.objects.bulk_create(
            [
                ExampleParty(
                    example=example,
                    organisation=organisations[(n + 1) % len(organisations)],
                    position=0,
                )
                for n, example in enumerate(written)
            ]
            + [
                ExampleParty(
                    example=example,
                    name="Region Halland, Regional utveckling",
                    is_region_unit=True,
                    position=1,
                )
                for example in written
            ],
            batch_size=1000,
        )
        Example.municipalities.through.objects.bulk_create(
            [
                Example.municipalities.through(example=example, municipality=m)
                for n, example in enumerate(written)
                for m in {municipalities[n % len(municipalities)], municipalities[n % 3]}
            ],
            batch_size=1000,
        )
        Example.principles.through.objects.bulk_create(
            [
                Example.principles.through(
                    example=example, principle=principles[n % len(principles)]
                )
                for n, example in enumerate(written)
            ],
            batch_size=1000,
        )
        RevisionProposal.objects.bulk_create(
            [
                RevisionProposal(
                    version=version,
                    part_key="new-goal",
                    part_label="Ett nytt mål",
                    current_text="",
                    proposed_text=f"Genererat förslag {n + 1:04d}: parterna möts varje kvartal.",
                    reason="Genererad motivering för prestandamätning: tätare samverkan.",
                    source=RevisionProposal.Source.ORGANISATION,
                    organisation=organisations[n % len(organisations)],
                    proposed_by=person,
                    status=RevisionProposal.Status.PUBLIC,
                    checked_by=person,
                    checked_at=published,
                    answer=answers[n % 3],
                    answer_reason="Genererat svar." if answers[n % 3] else "",
                    answered_by=person if answers[n % 3] else None,
                    answered_at=published if answers[n % 3] else None,
                )
                for n in range(proposals)
            ],
            batch_size=1000,
        )
    print(f"Generated {examples} examples and {proposals} proposals.")  # noqa: T201


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
    output = benv.manage(
        "shell", "-c", "from bench.search import generate_knowledge; generate_knowledge()"
    )
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

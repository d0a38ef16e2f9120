"""The same queries give the same results on PostgreSQL and on SQLite (`make run`).

On the real seed content (the agreement, the 2020 survey with its results published, the 2021
conference) plus a few signatories, a revision proposal and an example of collaboration, each
query's hits per kind are pinned below; the suite runs on SQLite by default and on PostgreSQL
in CI, so both databases must give exactly these.
On PostgreSQL the test also runs the SQLite matching on the same rows and compares the two.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from search import selectors
from search.indexing import index_rebuild
from search.models import SearchEntry
from search.text import index_terms, parse_query
from surveys.models import Survey
from tests.examples.factories import PublishedExampleFactory
from tests.factories import (
    CommitmentFactory,
    PublicOrganisationFactory,
    RevisionProposalFactory,
)

pytestmark = pytest.mark.django_db

# What "föreningar" finds besides the proposal and the example.
FORENING = {"agreement": 1, "commitment": 1, "organisation": 2, "summary": 2}
# query -> {kind: number of hits}
EXPECTED: dict[str, dict[str, int]] = {
    # Swedish stemming, case and accents
    "föreningar": {**FORENING, "example": 1, "proposal": 1},
    "FÖRENINGAR": {**FORENING, "example": 1, "proposal": 1},
    "foreningarna": {**FORENING, "example": 1, "proposal": 1},
    "demokrati": {"agreement": 4},
    "Öppenhet och insyn": {"agreement": 1},
    "målbild": {"agreement": 1},
    "2024": {"agreement": 1},
    "idéburen sektor": {"agreement": 10},
    "ideburna": {"agreement": 11, "conference": 1, "survey": 2},
    "samverkan region": {"agreement": 6, "proposal": 1, "survey": 6},
    "konferens": {"agreement": 1, "conference": 1, "summary": 1},
    "psykisk hälsa": {"conference": 1, "example": 1, "summary": 2},
    "ensamhet": {"example": 1, "summary": 1},
    "halland": {
        "agreement": 10,
        "commitment": 1,
        "conference": 1,
        "example": 1,
        "organisation": 1,
        "summary": 1,
        "survey": 10,
    },
    "café": {"organisation": 1},
    "cafe": {"organisation": 1},
    "kyrkor": {"organisation": 1},
    # the proposal alone, by its proposed wording
    "kvartal": {"proposal": 1},
    # a typo in a name, and the whole name (also a party of the example)
    "vuxenskolen": {"commitment": 1, "example": 1, "organisation": 1},
    "studieförbundet vuxenskolan": {"commitment": 1, "example": 1, "organisation": 1},
    # nothing: a stop word alone, a word nowhere
    "och": {},
    "xyzzy": {},
}


@pytest.fixture
def corpus(seed) -> None:
    call_command("load_seed_content", stdout=io.StringIO())
    Survey.objects.update(results_published_at=timezone.now())
    vuxenskolan = PublicOrganisationFactory(
        name="Studieförbundet Vuxenskolan Halland", description="Studiecirklar i hela länet."
    )
    CommitmentFactory(organisation=vuxenskolan, title="Cirklar om föreningsdemokrati")
    PublicOrganisationFactory(name="Kyrkornas Hembygdsråd", description="Ekumeniskt café.")
    RevisionProposalFactory(
        organisation=vuxenskolan,
        proposed_text="Regionen och föreningarna möts varje kvartal.",
        reason="Samverkan kräver tätare möten.",
    )
    PublishedExampleFactory(
        organisation=vuxenskolan,
        title="Studiecirklar om psykisk hälsa",
        summary="Föreningar i Halland bjöd in till samtal om ensamhet.",
    )
    index_rebuild()


def _counts(rows: list[selectors._Row]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.kind] = row.total
    return counts


def test_the_pinned_results(corpus) -> None:
    """One test for all queries: loading the seed is the slow part."""
    search = selectors._postgresql if connection.vendor == "postgresql" else selectors._fallback
    found = {
        text: _counts(search(SearchEntry.objects.all(), parse_query(text), 1000))
        for text in EXPECTED
    }
    assert found == EXPECTED


def test_postgresql_and_the_sqlite_matching_agree(corpus) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("compares with PostgreSQL's own matching")
    entries = list(SearchEntry.objects.all())
    for entry in entries:
        entry.terms = index_terms(entry.title, entry.body)
    SearchEntry.objects.bulk_update(entries, ["terms"])
    for text in EXPECTED:
        query = parse_query(text)
        postgresql = selectors._postgresql(SearchEntry.objects.all(), query, 1000)
        fallback = selectors._fallback(SearchEntry.objects.all(), query, 1000)
        assert {(r.kind, r.url) for r in postgresql} == {(r.kind, r.url) for r in fallback}, text

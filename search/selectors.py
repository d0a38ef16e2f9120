"""Searching the index: at most two queries on either database, whatever the number of rows.

A document matches when every word typed (stop words aside) starts one of its lexemes, so
"föreningar" finds "förening" and "bildn" finds "bildningsförbund"; or, for names
(organisations, conferences), when the typed words resemble a run of the name's words
(pg_trgm's strict word similarity), so "vuxenskolen" still finds "Vuxenskolan". The index
holds public documents only (hok.searchable), so everyone gets the same results.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Count, F, FloatField, Q, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.utils.safestring import SafeString

from hok.searchable import SearchSource
from search import registry
from search.models import SearchEntry
from search.text import (
    NAME_SIMILARITY_THRESHOLD,
    Highlighter,
    ParsedQuery,
    lexemes,
    strict_word_similarity,
)

PER_KIND = 5  # hits shown per kind on the page of all kinds
PER_KIND_ALONE = 50  # hits shown when one kind is asked for

_TABLE = SearchEntry._meta.db_table
_TSQUERY = "to_tsquery('hok_swedish', %s)"
_MATCHES = f"{_TABLE}.document @@ {_TSQUERY}"
_SIMILAR = f"%s <<%% {_TABLE}.name"  # strict word similarity over the threshold (0.5)
_RANK = (
    f"ts_rank({_TABLE}.document, {_TSQUERY})"
    f" + CASE WHEN {_TABLE}.name = '' THEN 0 ELSE strict_word_similarity(%s, {_TABLE}.name) END"
)


@dataclass(frozen=True)
class SearchHit:
    title: SafeString  # escaped, matched words in <mark>
    snippet: SafeString
    url: str


@dataclass
class ResultGroup:
    source: SearchSource
    total: int
    hits: list[SearchHit] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.source.kind

    @property
    def label(self) -> str:
        return str(self.source.label)

    @property
    def more(self) -> bool:
        return self.total > len(self.hits)


@dataclass
class SearchResults:
    query: ParsedQuery
    groups: list[ResultGroup]

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


@dataclass(frozen=True)
class _Row:
    kind: str
    title: str
    body: str
    url: str
    total: int


def search(*, query: ParsedQuery, kind: str | None = None) -> SearchResults:
    """The public documents matching `query`, best first, grouped by kind in the order of the
    sources; `kind` narrows to one kind and shows more of it. Two queries at most."""
    if query.is_empty:
        return SearchResults(query=query, groups=[])
    limit = PER_KIND_ALONE if kind else PER_KIND
    entries = SearchEntry.objects.all()
    if kind:
        entries = entries.filter(kind=kind)
    if connection.vendor == "postgresql":
        rows = _postgresql(entries, query, limit)
    else:
        rows = _fallback(entries, query, limit)
    highlighter = Highlighter(query)
    groups: dict[str, ResultGroup] = {}
    for row in rows:
        source = registry.source(row.kind)
        if source is None:
            continue
        group = groups.setdefault(row.kind, ResultGroup(source=source, total=row.total))
        group.hits.append(
            SearchHit(
                title=highlighter.mark(row.title),
                snippet=highlighter.snippet(row.body),
                url=row.url,
            )
        )
    ordered = [groups[s.kind] for s in registry.sources() if s.kind in groups]
    return SearchResults(query=query, groups=ordered)


def _postgresql(entries: QuerySet[SearchEntry], query: ParsedQuery, limit: int) -> list[_Row]:
    """Full-text search (GIN index on the generated `document`) or name similarity (trigram
    GIN index on `name`), ranked, the best `limit` of each kind with each kind's total."""
    # Only constant SQL and the table's name are formatted in; the words are parameters.
    words, name = query.tsquery_text(), query.name_text
    matches = RawSQL(_MATCHES, [words], output_field=BooleanField())  # noqa: S611
    similar = RawSQL(_SIMILAR, [name], output_field=BooleanField())  # noqa: S611
    rank = RawSQL(_RANK, [words, name], output_field=FloatField())  # noqa: S611
    named = Q(similar) & ~Q(name="")
    condition = named | Q(matches) if query.stems else named
    # Ranked on narrow rows (the bodies would make the sort spill to disk), then the few
    # winners read whole: two queries.
    ranked = (
        entries.filter(condition)
        .annotate(
            place=Window(
                RowNumber(), partition_by=[F("kind")], order_by=[rank.desc(), "title", "pk"]
            ),
            total=Window(Count("pk"), partition_by=[F("kind")]),
        )
        .filter(place__lte=limit)
        .values_list("pk", "place", "total")
    )
    places = {pk: (place, total) for pk, place, total in ranked}
    if not places:
        return []
    winners = SearchEntry.objects.filter(pk__in=places).values_list(
        "pk", "kind", "title", "body", "url"
    )
    rows = sorted(winners, key=lambda values: (values[1], places[values[0]][0]))
    return [_Row(kind, title, body, url, places[pk][1]) for pk, kind, title, body, url in rows]


def _fallback(entries: QuerySet[SearchEntry], query: ParsedQuery, limit: int) -> list[_Row]:
    """SQLite (`make run`): the stored lexemes filter in SQL, names are compared here. Same
    matches as PostgreSQL; the order is a simpler ranking (title matches first)."""
    condition = ~Q(name="")
    if query.stems:
        every_word = Q()
        for stem in query.stems:
            every_word &= Q(terms__contains=f" {stem}")
        condition |= every_word
    scored: dict[str, list[tuple[float, str, int, SearchEntry]]] = defaultdict(list)
    for entry in entries.filter(condition):
        name_score = strict_word_similarity(query.name_text, entry.name) if entry.name else 0.0
        found = bool(query.stems) and all(f" {s}" in entry.terms for s in query.stems)
        if not found and name_score < NAME_SIMILARITY_THRESHOLD:
            continue
        title_lexemes = lexemes(entry.title)
        in_title = sum(1 for s in query.stems if any(x.startswith(s) for x in title_lexemes))
        scored[entry.kind].append((-(in_title + name_score), entry.title, entry.pk, entry))
    rows: list[_Row] = []
    for kind in sorted(scored):
        hits = sorted(scored[kind], key=lambda item: item[:3])
        rows += [
            _Row(kind, entry.title, entry.body, entry.url, len(hits))
            for *_order, entry in hits[:limit]
        ]
    return rows

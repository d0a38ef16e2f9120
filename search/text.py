"""Words as the search sees them, the same way on both databases.

PostgreSQL indexes with the `hok_swedish` text search configuration (a copy of `swedish` whose
words first pass the `unaccent` dictionary, migration 0002): a word is folded (accents off,
lower case), then dropped when it is a stop word of PostgreSQL's Swedish list, else reduced to
its Swedish Snowball stem. The functions here do the same in Python, for SQLite (`make run`)
and for highlighting on both. pg_trgm's similarity is reproduced for names likewise.

Because unaccent runs before the stop-word check, a stop word with å, ä or ö ("för", "på")
is no longer one when PostgreSQL checks it ("for", "pa"); `is_stop_word` keeps that quirk so
both databases find the same things.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Letters (any alphabet) and digits; everything else separates words, operators included.
WORD = re.compile(r"[^\W_]+")

# PostgreSQL's tsearch_data/swedish.stop (the Snowball project's Swedish list), verbatim.
STOP_WORDS = frozenset(
    """och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något
    från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller
    allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa
    några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje
    vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas""".split()
)

# Letters unaccent maps that Unicode does not decompose.
_SPECIAL = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th"})

# pg_trgm's default thresholds.
NAME_SIMILARITY_THRESHOLD = 0.5  # pg_trgm.strict_word_similarity_threshold

_stemmer = snowballstemmer.stemmer("swedish")


def fold(text: str) -> str:
    """Lower case without accents: "Föreningen Å" -> "foreningen a"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_SPECIAL)


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return WORD.findall(fold(text))


def is_stop_word(folded: str) -> bool:
    return folded in STOP_WORDS


@lru_cache(maxsize=50_000)
def stem(folded: str) -> str:
    return _stemmer.stemWord(folded)


def lexemes(text: str) -> list[str]:
    """What PostgreSQL's `to_tsvector('hok_swedish', text)` keeps, in order (duplicates too)."""
    return [stem(word) for word in words(text) if not is_stop_word(word)]


def index_terms(*texts: str) -> str:
    """The SQLite index of a document: its distinct lexemes, each preceded by a space, so
    `LIKE '% foren%'` finds a lexeme starting with "foren"."""
    seen = dict.fromkeys(lexeme for text in texts for lexeme in lexemes(text))
    return "".join(f" {lexeme}" for lexeme in seen) + " "


# --- trigrams (pg_trgm) ------------------------------------------------------------------------


def _word_trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams of a text: each word padded with two spaces before and one after."""
    found: set[str] = set()
    for word in WORD.findall(text.lower()):
        found |= _word_trigrams(word)
    return found


def similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def strict_word_similarity(query: str, name: str) -> float:
    """pg_trgm's `strict_word_similarity(query, name)`: the best similarity between the query
    and a run of whole words of the name."""
    query_trigrams = trigrams(query)
    name_words = WORD.findall(name.lower())
    if not query_trigrams or not name_words:
        return 0.0
    word_trigrams = [_word_trigrams(word) for word in name_words]
    best = 0.0
    longest = len(WORD.findall(query)) + 2
    for start in range(len(word_trigrams)):
        extent: set[str] = set()
        for end in range(start, min(len(word_trigrams), start + longest)):
            extent |= word_trigrams[end]
            best = max(best, similarity(query_trigrams, extent))
    return best


# --- a query -----------------------------------------------------------------------------------


MAX_WORDS = 10
MAX_WORD_LENGTH = 60


@dataclass(frozen=True)
class ParsedQuery:
    """A person's search as the index understands it."""

    folded_words: tuple[str, ...]  # every word typed (folded), stop words too: for names
    stems: tuple[str, ...]  # the lexemes to find, each as a prefix; stop words left out
    dropped_words: int  # words past MAX_WORDS, not searched for

    @property
    def is_empty(self) -> bool:
        return not self.folded_words

    @property
    def name_text(self) -> str:
        return " ".join(self.folded_words)

    def tsquery_text(self) -> str:
        """The argument of `to_tsquery('hok_swedish', …)`: each word as a prefix, all required.
        Only letters and digits reach it, so no operator a person types can."""
        return " & ".join(f"{word}:*" for word in self.folded_words)


def parse_query(text: str) -> ParsedQuery:
    found = [word[:MAX_WORD_LENGTH] for word in words(text)]
    kept = tuple(dict.fromkeys(found))[:MAX_WORDS]
    stems = tuple(dict.fromkeys(stem(word) for word in kept if not is_stop_word(word)))
    return ParsedQuery(
        folded_words=kept,
        stems=stems,
        dropped_words=max(0, len(dict.fromkeys(found)) - MAX_WORDS),
    )


# --- highlighting ------------------------------------------------------------------------------


class Highlighter:
    """Marks the words of a text that the query matched, escaping everything else."""

    def __init__(self, query: ParsedQuery) -> None:
        self.stems = query.stems
        self.name_words = [(word, _word_trigrams(word)) for word in query.folded_words]

    def matches(self, word: str) -> bool:
        folded = fold(word)
        if not is_stop_word(folded) and stem(folded).startswith(self.stems or ("\0",)):
            return True
        word_trigrams = _word_trigrams(folded)
        return any(
            len(typed) > 3 and similarity(trigrams_, word_trigrams) >= NAME_SIMILARITY_THRESHOLD
            for typed, trigrams_ in self.name_words
        )

    def _spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in WORD.finditer(text) if self.matches(m.group())]

    def mark(self, text: str) -> SafeString:
        return _marked(text, self._spans(text), 0, len(text))

    def snippet(self, text: str, *, before: int = 80, length: int = 300) -> SafeString:
        """About `length` characters of `text` around its first match, marked; the start of
        the text when nothing in it matched."""
        text = " ".join(text.split())
        spans = self._spans(text[:100_000])
        start = 0
        if spans and spans[0][0] > before:
            start = text.rfind(" ", 0, spans[0][0] - before) + 1
        end = len(text) if len(text) - start <= length else text.rfind(" ", 0, start + length)
        if end <= start:
            end = min(len(text), start + length)
        marked = _marked(text, spans, start, end)
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(text) else ""
        return mark_safe(prefix + marked + suffix)  # noqa: S308 (escaped in _marked)


def _marked(text: str, spans: Iterable[tuple[int, int]], start: int, end: int) -> SafeString:
    parts: list[str] = []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of the text is escaped)

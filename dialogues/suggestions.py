"""Theme suggestions for conference notes: Swedish stemming against each theme's keywords.

Pure functions, no database. The working group keeps a keyword list per theme, one keyword per
line. A keyword is one word or a phrase of several words:

- a word matches every inflection with the same Swedish Snowball stem: "psykisk" matches
  "psykiska" and "psykiskt", "ensamhet" matches "ensamheten";
- a word ending in "*" matches every word that starts with it, which catches Swedish compounds:
  "förening*" matches "föreningslivet" and "föreningsutveckling";
- a phrase matches when its words follow each other in the note: "psykisk ohälsa" matches
  "Har vi verkligen löst frågan om psykisk ohälsa?" but not a note that only says "ohälsa".

The theme's own name always counts as one of its keywords. A suggestion is only a suggestion:
the working group accepts or rejects it on the moderation page.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Letters (any alphabet, å ä ö included) and digits; hyphens and punctuation split words.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# A keyword line longer than this is not a keyword; the form refuses it.
KEYWORD_MAX_LENGTH = 100
KEYWORDS_MAX_COUNT = 200
PREFIX_MARK = "*"
# A prefix shorter than this would match half the language ("för*").
PREFIX_MIN_LENGTH = 3

_stemmer = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The Swedish Snowball stem of one lower-case word."""
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, in order."""
    return _WORD.findall(text.casefold())


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


@dataclass(frozen=True, slots=True)
class Term:
    """One word of a keyword: a stem to equal, or (prefix=True) a start to begin with."""

    value: str
    prefix: bool = False

    def matches(self, word: str, word_stem: str) -> bool:
        if self.prefix:
            return word.startswith(self.value)
        return word_stem == self.value


@dataclass(frozen=True, slots=True)
class Keyword:
    """A keyword as the working group wrote it, and the terms that must follow each other."""

    text: str
    terms: tuple[Term, ...]


def parse_keyword(line: str) -> Keyword | None:
    """A keyword from one line of a theme's list, or None for a line with no word in it."""
    terms: list[Term] = []
    for raw in line.casefold().split():
        is_prefix = raw.endswith(PREFIX_MARK)
        found = words(raw)
        if not found:
            continue
        for index, word in enumerate(found):
            # "psykisk-hälsa*": only the last part is a prefix.
            if is_prefix and index == len(found) - 1 and len(word) >= PREFIX_MIN_LENGTH:
                terms.append(Term(word, prefix=True))
            else:
                terms.append(Term(stem(word)))
    if not terms:
        return None
    return Keyword(text=" ".join(line.split()), terms=tuple(terms))


def keyword_lines(text: str) -> list[str]:
    """The keyword lines of a list as typed: trimmed, blank lines dropped, duplicates dropped
    (case-insensitively), in the order written."""
    seen: set[str] = set()
    lines: list[str] = []
    for line in text.splitlines():
        cleaned = " ".join(line.split())
        key = cleaned.casefold()
        if not cleaned or key in seen:
            continue
        seen.add(key)
        lines.append(cleaned)
    return lines


def keywords_normalise(text: str) -> str:
    """A keyword list ready to store: one keyword per line, no blanks, no duplicates."""
    return "\n".join(keyword_lines(text))


def keywords_problems(text: str) -> list[str]:
    """What is wrong with a keyword list, as codes: "too_long" (a line over
    KEYWORD_MAX_LENGTH), "too_many" (over KEYWORDS_MAX_COUNT lines), "no_word" (a line with
    nothing to match, such as "–" or "*"), "short_prefix" (a prefix under PREFIX_MIN_LENGTH
    letters)."""
    problems: list[str] = []
    lines = keyword_lines(text)
    if len(lines) > KEYWORDS_MAX_COUNT:
        problems.append("too_many")
    if any(len(line) > KEYWORD_MAX_LENGTH for line in lines):
        problems.append("too_long")
    if any(parse_keyword(line) is None for line in lines):
        problems.append("no_word")
    if any(_has_short_prefix(line) for line in lines):
        problems.append("short_prefix")
    return problems


def _has_short_prefix(line: str) -> bool:
    for raw in line.casefold().split():
        found = words(raw)
        if raw.endswith(PREFIX_MARK) and found and len(found[-1]) < PREFIX_MIN_LENGTH:
            return True
    return False


@dataclass(frozen=True, slots=True)
class ThemeMatcher:
    """A theme's keywords compiled once, to run over many notes."""

    key: int
    keywords: tuple[Keyword, ...]

    @classmethod
    def build(cls, *, key: int, name: str, keywords: str) -> "ThemeMatcher":
        parsed: list[Keyword] = []
        seen: set[tuple[Term, ...]] = set()
        for line in [name, *keyword_lines(keywords)]:
            keyword = parse_keyword(line)
            if keyword is not None and keyword.terms not in seen:
                seen.add(keyword.terms)
                parsed.append(keyword)
        return cls(key=key, keywords=tuple(parsed))

    def first_match(self, note: "NoteWords") -> Keyword | None:
        """The first of the theme's keywords found in the note, or None."""
        for keyword in self.keywords:
            if note.contains(keyword):
                return keyword
        return None


@dataclass(frozen=True, slots=True)
class NoteWords:
    """A note's words and their stems, computed once per note."""

    words: tuple[str, ...]
    stems: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> "NoteWords":
        found = words(text)
        return cls(words=tuple(found), stems=tuple(stem(word) for word in found))

    def contains(self, keyword: Keyword) -> bool:
        size = len(keyword.terms)
        for start in range(len(self.words) - size + 1):
            if all(
                term.matches(self.words[start + offset], self.stems[start + offset])
                for offset, term in enumerate(keyword.terms)
            ):
                return True
        return False


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A theme suggested for a note, and the keyword (as written) that found it."""

    key: int
    keyword: str


def suggest(text: str, matchers: Sequence[ThemeMatcher]) -> list[Suggestion]:
    """The themes whose keywords occur in the note, in the order the matchers are given."""
    note = NoteWords.of(text)
    found: list[Suggestion] = []
    for matcher in matchers:
        keyword = matcher.first_match(note)
        if keyword is not None:
            found.append(Suggestion(key=matcher.key, keyword=keyword.text))
    return found


def matchers_for(themes: Iterable[tuple[int, str, str]]) -> list[ThemeMatcher]:
    """Matchers for (key, name, keywords) triples, e.g. from a values_list of themes."""
    return [
        ThemeMatcher.build(key=key, name=name, keywords=keywords) for key, name, keywords in themes
    ]

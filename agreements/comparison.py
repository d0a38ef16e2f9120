"""What changed between two versions of the agreement, part by part and word by word.

Texts are compared in their normalised form (hok.text), so a CRLF from the admin's textarea or
a trailing space never shows as a change. A changed part keeps its paragraphs: the reader sees
the changed ones with their words marked and the unchanged ones folded away.
"""

import difflib
import re
from dataclasses import dataclass, field
from enum import StrEnum

from agreements.document import AgreementDocument, DocumentPart
from hok.text import normalize_text

_TOKEN = re.compile(r"\s+|[^\s]+")
_PARAGRAPH_BREAK = re.compile(r"\n\n+")


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Fragment:
    kind: str  # "same", "inserted" or "deleted"
    text: str


@dataclass(frozen=True)
class Paragraph:
    changed: bool
    fragments: list[Fragment]


@dataclass(frozen=True)
class UnchangedRun:
    """Paragraphs between changes that stayed as they were, shown folded."""

    paragraphs: list[str]


@dataclass(frozen=True)
class PartChange:
    key: str
    heading: str
    kind: ChangeKind
    paragraphs: list[Paragraph]
    # The old and new heading marked word by word, when the heading itself changed.
    heading_fragments: list[Fragment] = field(default_factory=list)

    @property
    def fragments(self) -> list[Fragment]:
        """Every fragment in reading order: the changed heading, then the paragraphs."""
        body: list[Fragment] = []
        for index, paragraph in enumerate(self.paragraphs):
            if index:
                body.append(Fragment("same", "\n\n"))
            body += paragraph.fragments
        if self.heading_fragments:
            return [*self.heading_fragments, Fragment("same", "\n"), *body]
        return body

    @property
    def blocks(self) -> list[Paragraph | UnchangedRun]:
        """Changed paragraphs as they are; each run of unchanged ones as one folded block."""
        blocks: list[Paragraph | UnchangedRun] = []
        for paragraph in self.paragraphs:
            if paragraph.changed:
                blocks.append(paragraph)
                continue
            text = "".join(f.text for f in paragraph.fragments)
            if blocks and isinstance(blocks[-1], UnchangedRun):
                blocks[-1].paragraphs.append(text)
            else:
                blocks.append(UnchangedRun([text]))
        return blocks


def word_diff(old: str, new: str) -> list[Fragment]:
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    fragments: list[Fragment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            fragments.append(Fragment("same", "".join(old_tokens[i1:i2])))
            continue
        if i2 > i1:
            fragments.append(Fragment("deleted", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            fragments.append(Fragment("inserted", "".join(new_tokens[j1:j2])))
    return fragments


def _paragraphs(text: str) -> list[str]:
    text = normalize_text(text)
    return _PARAGRAPH_BREAK.split(text) if text else []


def paragraph_diff(old: str, new: str) -> list[Paragraph]:
    """The new text's paragraphs against the old: equal ones unchanged, others word-marked."""
    old_paragraphs, new_paragraphs = _paragraphs(old), _paragraphs(new)
    matcher = difflib.SequenceMatcher(a=old_paragraphs, b=new_paragraphs, autojunk=False)
    result: list[Paragraph] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += [Paragraph(False, [Fragment("same", text)]) for text in new_paragraphs[j1:j2]]
            continue
        before, after = old_paragraphs[i1:i2], new_paragraphs[j1:j2]
        # Edited paragraphs pair up in order; what is left over was removed or added whole.
        for old_text, new_text in zip(before, after, strict=False):
            result.append(Paragraph(True, word_diff(old_text, new_text)))
        result += [Paragraph(True, [Fragment("deleted", text)]) for text in before[len(after) :]]
        result += [Paragraph(True, [Fragment("inserted", text)]) for text in after[len(before) :]]
    return result


def _whole(part: DocumentPart, kind: str) -> list[Paragraph]:
    return [Paragraph(True, [Fragment(kind, text)]) for text in _paragraphs(part.text)]


def compare_documents(old: AgreementDocument, new: AgreementDocument) -> list[PartChange]:
    old_parts = {part.key: part for part in old.parts()}
    changes: list[PartChange] = []
    for part in new.parts():
        before = old_parts.pop(part.key, None)
        if before is None:
            changes.append(
                PartChange(part.key, part.heading, ChangeKind.ADDED, _whole(part, "inserted"))
            )
            continue
        old_heading, new_heading = normalize_text(before.heading), normalize_text(part.heading)
        paragraphs = paragraph_diff(before.text, part.text)
        heading_changed = old_heading != new_heading
        changed = heading_changed or any(paragraph.changed for paragraph in paragraphs)
        changes.append(
            PartChange(
                part.key,
                part.heading,
                ChangeKind.CHANGED if changed else ChangeKind.UNCHANGED,
                paragraphs,
                word_diff(old_heading, new_heading) if heading_changed else [],
            )
        )
    for part in old_parts.values():
        changes.append(
            PartChange(part.key, part.heading, ChangeKind.REMOVED, _whole(part, "deleted"))
        )
    return changes

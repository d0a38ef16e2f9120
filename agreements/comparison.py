"""What changed between two versions of the agreement, part by part and word by word."""

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

from agreements.document import AgreementDocument

_TOKEN = re.compile(r"\s+|[^\s]+")


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
class PartChange:
    key: str
    heading: str
    kind: ChangeKind
    fragments: list[Fragment]


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


def compare_documents(old: AgreementDocument, new: AgreementDocument) -> list[PartChange]:
    old_parts = {part.key: part for part in old.parts()}
    changes: list[PartChange] = []
    for part in new.parts():
        before = old_parts.pop(part.key, None)
        if before is None:
            changes.append(
                PartChange(
                    part.key, part.heading, ChangeKind.ADDED, [Fragment("inserted", part.text)]
                )
            )
            continue
        old_text = f"{before.heading}\n{before.text}"
        new_text = f"{part.heading}\n{part.text}"
        kind = ChangeKind.UNCHANGED if old_text == new_text else ChangeKind.CHANGED
        fragments = (
            [Fragment("same", part.text)]
            if kind == ChangeKind.UNCHANGED
            else word_diff(old_text, new_text)
        )
        changes.append(PartChange(part.key, part.heading, kind, fragments))
    for part in old_parts.values():
        changes.append(
            PartChange(part.key, part.heading, ChangeKind.REMOVED, [Fragment("deleted", part.text)])
        )
    return changes

"""The agreement as one readable document, and its canonical text (what a signature hashes)."""

import hashlib
from dataclasses import dataclass

from agreements.models import AgreementVersion, Goal, Principle, Section


@dataclass(frozen=True)
class DocumentPart:
    key: str
    heading: str
    text: str


@dataclass(frozen=True)
class AgreementDocument:
    version: AgreementVersion
    sections_before: list[Section]
    principles: list[Principle]
    sections_after: list[Section]
    goals: list[Goal]

    def parts(self) -> list[DocumentPart]:
        """The Swedish text in reading order, one part per section, principle and the goals."""
        parts = [_section_part(section) for section in self.sections_before]
        parts += [_principle_part(principle) for principle in self.principles]
        parts += [_section_part(section) for section in self.sections_after]
        goal_lines = "\n".join(f"- {goal.text}" for goal in self.goals)
        parts.append(DocumentPart("goals", self.version.goals_heading, goal_lines))
        return parts

    def canonical_text(self) -> str:
        blocks = [self.version.title]
        for part in self.parts():
            blocks += [part.heading, part.text]
        return "\n\n".join(block.strip() for block in blocks) + "\n"

    def sha256(self) -> str:
        return hashlib.sha256(self.canonical_text().encode("utf-8")).hexdigest()


def _section_part(section: Section) -> DocumentPart:
    return DocumentPart(f"section:{section.slug}", section.heading, section.body.strip())


def _principle_part(principle: Principle) -> DocumentPart:
    lines = [principle.intro.strip(), "", "Åtgärder:"]
    lines += [f"- {action.text}" for action in principle.actions.all()]
    lines += ["", "Ansvar:"]
    lines += [f"- {item.text}" for item in principle.responsibilities.all()]
    heading = f"{principle.number}. {principle.title}"
    return DocumentPart(f"principle:{principle.number}", heading, "\n".join(lines))

"""The parts of the agreement a revision proposal can name, each by a stable key.

Keys are built from numbers and positions, not database ids, so "action:3:2" means the second
action of principle 3 in whichever version is in force (a new version is a copy with new ids).
A key may also name a part that does not exist yet: "new-action:3", "new-goal" …
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from agreements.comparison import Paragraph, paragraph_diff
from agreements.document import AgreementDocument

PART_KEY_MAX_LENGTH = 80


@dataclass(frozen=True)
class ProposalPart:
    key: str
    label: str
    group: str
    text: str

    @property
    def is_new(self) -> bool:
        return self.key.startswith("new-")


def proposal_parts(document: AgreementDocument) -> list[ProposalPart]:
    """Every part of the document, in reading order, then the new parts one can propose."""
    parts: list[ProposalPart] = []
    sections_group = _("Avsnitt")
    for section in [*document.sections_before, *document.sections_after]:
        parts.append(
            ProposalPart(f"section:{section.slug}", section.heading, sections_group, section.body)
        )
    for principle in document.principles:
        group = _("Princip %(number)s. %(title)s") % {
            "number": principle.number,
            "title": principle.title,
        }
        parts.append(
            ProposalPart(
                f"principle:{principle.number}",
                _("Princip %(number)s, inledningen") % {"number": principle.number},
                group,
                principle.intro,
            )
        )
        for action in principle.actions.all():
            parts.append(
                ProposalPart(
                    f"action:{principle.number}:{action.position}",
                    _("Princip %(number)s, åtgärd %(position)s")
                    % {"number": principle.number, "position": action.position},
                    group,
                    action.text,
                )
            )
        for item in principle.responsibilities.all():
            parts.append(
                ProposalPart(
                    f"responsibility:{principle.number}:{item.position}",
                    _("Princip %(number)s, ansvar %(position)s")
                    % {"number": principle.number, "position": item.position},
                    group,
                    item.text,
                )
            )
        parts.append(
            ProposalPart(
                f"new-action:{principle.number}",
                _("Princip %(number)s, en ny åtgärd") % {"number": principle.number},
                group,
                "",
            )
        )
        parts.append(
            ProposalPart(
                f"new-responsibility:{principle.number}",
                _("Princip %(number)s, ett nytt ansvar") % {"number": principle.number},
                group,
                "",
            )
        )
    goals_group = document.version.goals_heading
    for goal in document.goals:
        parts.append(
            ProposalPart(
                f"goal:{goal.position}",
                _("%(heading)s, mål %(position)s")
                % {"heading": goals_group, "position": goal.position},
                goals_group,
                goal.text,
            )
        )
    parts.append(
        ProposalPart(
            "new-goal", _("%(heading)s, ett nytt mål") % {"heading": goals_group}, goals_group, ""
        )
    )
    new_group = _("Nya delar")
    parts.append(ProposalPart("new-principle", _("En ny princip"), new_group, ""))
    parts.append(ProposalPart("new-section", _("Ett nytt avsnitt"), new_group, ""))
    return parts


def proposal_part(document: AgreementDocument, key: str) -> ProposalPart | None:
    """The part a key names in the document, or None (also for a tampered or over-long key)."""
    if not key or len(key) > PART_KEY_MAX_LENGTH:
        return None
    return next((part for part in proposal_parts(document) if part.key == key), None)


def proposal_diff(*, current_text: str, proposed_text: str) -> list[Paragraph]:
    """The proposed wording against the current one, as the versions page draws a change."""
    return paragraph_diff(current_text, proposed_text)

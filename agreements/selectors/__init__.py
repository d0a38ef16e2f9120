"""Read functions of the agreements app; other apps and views call these."""

from agreements.selectors.agreement import (
    agreement_counts,
    agreement_document,
    goals_current,
    principle_current,
    principles_current,
    section_current,
    version_current,
    version_list,
    working_group_members,
    working_group_responsibilities,
)

__all__ = [
    "agreement_counts",
    "agreement_document",
    "goals_current",
    "principle_current",
    "principles_current",
    "section_current",
    "version_current",
    "version_list",
    "working_group_members",
    "working_group_responsibilities",
]

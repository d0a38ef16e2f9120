from agreements.models.agreement import (
    Action,
    AgreementVersion,
    Goal,
    Principle,
    Responsibility,
    Section,
    WorkingGroupMember,
)

__all__ = [
    "Action",
    "AgreementVersion",
    "Goal",
    "Principle",
    "Responsibility",
    "Section",
    "WorkingGroupMember",
]

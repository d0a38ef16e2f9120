from surveys.models.invitations import (
    Invitation,
    InvitationSendRun,
    ReminderDelivery,
    ReminderRound,
)
from surveys.models.questions import Option, Question
from surveys.models.responses import Answer, Response, SealedSubmission
from surveys.models.survey import Survey, SurveySeries

__all__ = [
    "Answer",
    "Invitation",
    "InvitationSendRun",
    "Option",
    "Question",
    "ReminderDelivery",
    "ReminderRound",
    "Response",
    "SealedSubmission",
    "Survey",
    "SurveySeries",
]

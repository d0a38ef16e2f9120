from surveys.models.invitations import Invitation
from surveys.models.questions import Option, Question
from surveys.models.responses import Answer, Response
from surveys.models.survey import Survey, SurveySeries

__all__ = [
    "Answer",
    "Invitation",
    "Option",
    "Question",
    "Response",
    "Survey",
    "SurveySeries",
]

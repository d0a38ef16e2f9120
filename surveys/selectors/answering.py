"""Reads for the answering pages (the invitation of a token, the survey behind an open link, its
questions in order) and for the pool of sealed submissions waiting to be counted."""

from django.db.models import Prefetch

from hok.tokens import token_hash
from hok.utils import field_max_length
from surveys.models import Invitation, Option, Question, SealedSubmission, Survey

# Longer than any token the invitations helper issues; anything longer is not looked up.
TOKEN_MAX_LENGTH = 200


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation whose token this is (used or not), with its survey; None if unknown."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    return Invitation.objects.select_related("survey").filter(token_hash=token_hash(token)).first()


def survey_for_open_key(*, key: str) -> Survey | None:
    """The survey whose open link this is, if the working group has turned the open link on."""
    if not key or len(key) > field_max_length(Survey, "open_link_key"):
        return None
    if "\x00" in key:  # no key has one, and PostgreSQL refuses NUL bytes even in a query
        return None
    return Survey.objects.filter(open_link_key=key, open_link_enabled=True).first()


def questions_for_answering(*, survey: Survey) -> list[Question]:
    """The survey's questions in order, each with its options in order (two queries)."""
    return list(
        survey.questions.order_by("position", "id").prefetch_related(
            Prefetch("options", queryset=Option.objects.order_by("position", "id"))
        )
    )


def waiting_submission_count(*, survey: Survey) -> int:
    """How many submissions wait in the pool to be counted (never whose)."""
    return SealedSubmission.objects.filter(survey=survey).count()


def surveys_with_waiting_submissions() -> list[int]:
    """Ids of the surveys that have submissions waiting in the pool."""
    return list(
        SealedSubmission.objects.order_by("survey_id")
        .values_list("survey_id", flat=True)
        .distinct()
    )

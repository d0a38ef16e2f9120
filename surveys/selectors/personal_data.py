"""What the surveys app stores about a person, for their own export.

Survey answers are anonymous and are not part of it: nothing stored links a response to a
person. Invitation addresses follow the surveys' own retention (see the privacy page)."""

from typing import Any

from django.db.models import Q

from hok.models import User
from hok.personal_data import user_addresses
from surveys.models import Invitation, InvitationSendRun, ReminderRound, Survey


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(*, user: User) -> dict[str, Any]:
    addresses = Q(pk__in=[])
    for address in user_addresses(user=user):
        addresses |= Q(email__iexact=address)
    return {
        "invitations_received": [
            {
                "survey": invitation.survey.title,
                "year": invitation.survey.year,
                "email": invitation.email,
                "status": invitation.status,
                "sent_at": _when(invitation.sent_at),
                "used": invitation.used,
            }
            for invitation in Invitation.objects.filter(addresses)
            .select_related("survey")
            .order_by("created_at", "pk")
        ],
        "surveys_created": [
            {"survey": survey.title, "year": survey.year, "created_at": _when(survey.created_at)}
            for survey in Survey.objects.filter(created_by=user).order_by("created_at")
        ],
        "invitation_sendings_requested": [
            {"survey": run.survey.title, "requested_at": _when(run.requested_at)}
            for run in InvitationSendRun.objects.filter(requested_by=user)
            .select_related("survey")
            .order_by("requested_at")
        ],
        "reminders_planned": [
            {
                "survey": reminder.survey.title,
                "send_on": _when(reminder.send_on),
                "created_at": _when(reminder.created_at),
            }
            for reminder in ReminderRound.objects.filter(created_by=user)
            .select_related("survey")
            .order_by("created_at")
        ],
    }

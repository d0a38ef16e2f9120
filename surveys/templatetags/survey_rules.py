"""surveys.rules for the templates: a row of a table asks whether its button is offered, so the
page offers exactly what the service would accept."""

from django import template

from surveys import rules
from surveys.models import Invitation
from surveys.models.invitations import ReminderRound

register = template.Library()


@register.filter
def invitation_is_removable(invitation: Invitation) -> bool:
    return rules.invitation_is_removable(invitation)


@register.filter
def reminder_round_is_deletable(reminder_round: ReminderRound) -> bool:
    return rules.reminder_round_is_deletable(reminder_round)

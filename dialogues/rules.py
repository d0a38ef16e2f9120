"""Who may do what with conferences and dialogues. Views ask only here."""

from django.contrib.auth.models import AnonymousUser

from hok.models import User
from hok.roles import uses_powers


def can_manage_conferences(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, run conferences, dialogues,
    moderation and themes."""
    return uses_powers(user)

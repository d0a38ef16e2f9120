"""Who may do what with surveys. Views ask only here."""

from django.contrib.auth.models import AnonymousUser

from hok.models import User
from hok.roles import uses_powers


def can_manage_surveys(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, build, send and read surveys."""
    return uses_powers(user)

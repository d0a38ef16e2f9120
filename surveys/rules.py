"""Who may do what with surveys. Views ask only here."""

from django.contrib.auth.models import AnonymousUser

from hok.models import User
from hok.roles import is_admin, is_working_group


def can_manage_surveys(user: User | AnonymousUser) -> bool:
    """The working group (and admins) build, send and read surveys; two-factor login is
    enforced by path (/arbetsgruppen/hantera/)."""
    return is_working_group(user) or is_admin(user)

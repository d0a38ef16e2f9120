"""Who may do what with the yearly reports. Views ask only here."""

from django.contrib.auth.models import AnonymousUser

from hok.models import User
from hok.roles import is_admin, is_working_group


def can_manage_reports(user: User | AnonymousUser) -> bool:
    """The working group (and admins) write, render and publish reports; two-factor login is
    enforced by path (/arbetsgruppen/hantera/) in the middleware."""
    return is_working_group(user) or is_admin(user)

"""Who may do what with newsletters. Views ask only here.

Two-factor login is enforced by path (/arbetsgruppen/hantera/…) in the middleware.
"""

from django.contrib.auth.models import AnonymousUser

from hok.models import User
from hok.roles import is_admin, is_working_group
from newsletters.selectors import working_group_may_write


def can_write_newsletters(user: User | AnonymousUser) -> bool:
    """Admins write, preview and send newsletters; the working group too when an admin lets
    it."""
    if is_admin(user):
        return True
    return is_working_group(user) and working_group_may_write()


def can_manage_subscribers(user: User | AnonymousUser) -> bool:
    """The subscriber list holds people's addresses: admins only."""
    return is_admin(user)


def can_change_settings(user: User | AnonymousUser) -> bool:
    return is_admin(user)

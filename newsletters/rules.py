"""Who may do what with newsletters. Views ask only here.

Like every app's rule for the working group and admins, each asks for the role with
two-factor login on (hok.roles.uses_powers); the middleware also guards the paths.
"""

from django.contrib.auth.models import AnonymousUser

from hok.models import User
from hok.roles import is_admin, uses_powers
from newsletters.selectors import working_group_may_write


def can_write_newsletters(user: User | AnonymousUser) -> bool:
    """Admins write, preview and send newsletters; the working group too when an admin lets
    it."""
    if not uses_powers(user):
        return False
    return is_admin(user) or working_group_may_write()


def can_manage_subscribers(user: User | AnonymousUser) -> bool:
    """The subscriber list holds people's addresses: admins only."""
    return is_admin(user) and uses_powers(user)


def can_change_settings(user: User | AnonymousUser) -> bool:
    return is_admin(user) and uses_powers(user)

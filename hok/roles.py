"""The portal's roles, defined once. Every app asks here who a user is."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from hok.models import User

WORKING_GROUP_NAME = "Arbetsgruppen"


class Role(models.TextChoices):
    ANONYMOUS = "anonymous", _("Besökare")
    USER = "user", _("Inloggad användare")
    WORKING_GROUP = "working_group", _("Arbetsgruppen")
    ADMIN = "admin", _("Administratör")


def is_working_group(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return user.groups.filter(name=WORKING_GROUP_NAME).exists()


def is_admin(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def role_of(user: User | AnonymousUser) -> Role:
    if not user.is_authenticated:
        return Role.ANONYMOUS
    if is_admin(user):
        return Role.ADMIN
    if is_working_group(user):
        return Role.WORKING_GROUP
    return Role.USER


def has_powers(user: User | AnonymousUser) -> bool:
    """Admins and the working group act for others, so they must use two-factor login."""
    return is_admin(user) or is_working_group(user)


def has_two_factor(user: User | AnonymousUser) -> bool:
    """Whether the user has turned on two-factor login (asked once per request's user)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_hok_two_factor"):
        user._hok_two_factor = bool(is_mfa_enabled(user))
    return user._hok_two_factor


def uses_powers(user: User | AnonymousUser) -> bool:
    """The one rule for whatever only the working group and admins may see or do: the role,
    with two-factor login turned on. Every app's rule for the working group asks this, so no
    page shows unapproved or internal content to a member who has not set it up (the views
    then send that member to set it up: hok.access.refuse)."""
    return has_powers(user) and has_two_factor(user)

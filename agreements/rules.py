"""Who may do what with organisations, signatures and commitments. Views ask only here."""

from django.contrib.auth.models import AnonymousUser

from agreements.models import MembershipInvitation, Organisation, Signature
from hok.addresses import user_owns_address
from hok.models import User
from hok.roles import uses_powers


def is_member(user: User | AnonymousUser, organisation: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user).exists()


def can_manage_organisation(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Representatives change their organisation, sign for it and report on it."""
    return is_member(user, organisation)


def can_decide_signatures(user: User | AnonymousUser) -> bool:
    """The working group (and admins), with two-factor login, approve or reject signatures and
    see what is not yet approved."""
    return uses_powers(user)


def can_view_signature(user: User | AnonymousUser, signature: Signature) -> bool:
    if signature.status == Signature.Status.APPROVED:
        return True
    return can_decide_signatures(user) or is_member(user, signature.organisation)


def can_preview_organisation(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Who sees an organisation's page before it is public: its representatives and deciders."""
    return is_member(user, organisation) or can_decide_signatures(user)


def can_accept_invitation(user: User | AnonymousUser, invitation: MembershipInvitation) -> bool:
    """An invitation is for the address it was sent to: only the account that owns it accepts."""
    return user_owns_address(user, invitation.email)

"""Which e-mail addresses are a user's own: the account's address and allauth's verified ones."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser

from hok.models import User


def user_owns_address(user: User | AnonymousUser, email: str) -> bool:
    """Whether `email` (any case) is the user's login address or one they have verified."""
    if not user.is_authenticated or not email:
        return False
    email = email.strip()
    if user.email and user.email.casefold() == email.casefold():
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()

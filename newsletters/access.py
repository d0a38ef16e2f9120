"""Permission-checked loaders of newsletters, and the view decorators built from them.

A loader fetches what a URL names (404 when it is missing) and asks newsletters.rules
(PermissionDenied when the rule refuses). The decorators add the login: an anonymous visitor
goes to the login, a writer without two-factor login is sent to turn it on (hok.access).
"""

from functools import wraps
from typing import Any

from django.http.response import HttpResponseBase

from hok.access import View, found, granted, permitted_by
from hok.http import AuthenticatedHttpRequest
from hok.models import User
from newsletters import rules, selectors
from newsletters.models import Newsletter, NewsletterCard, NewsletterImage, Subscriber

writers_only = permitted_by(rules.can_write_newsletters)
admins_only = permitted_by(rules.can_manage_subscribers)
settings_admins_only = permitted_by(rules.can_change_settings)


# --- loaders ---------------------------------------------------------------------------------


def published_newsletter(pk: int) -> Newsletter:
    """The public page's newsletter: a draft or a scheduled one is missing (404)."""
    newsletter = found(selectors.newsletter_public(pk=pk))
    granted(rules.newsletter_is_public(newsletter), as_missing=True)
    return newsletter


def newsletter_for_writer(user: User, pk: int) -> Newsletter:
    """A newsletter in any state, with its images and cards, for its tool pages."""
    newsletter = found(selectors.newsletter_for_management(pk=pk))
    granted(rules.can_preview_newsletter(user, newsletter))
    return newsletter


def image_of(newsletter: Newsletter, pk: int) -> NewsletterImage:
    return found(selectors.newsletter_image(newsletter=newsletter, pk=pk))


def card_of(newsletter: Newsletter, pk: int) -> NewsletterCard:
    return found(selectors.newsletter_card(newsletter=newsletter, pk=pk))


def subscriber_for_admin(user: User, pk: int) -> Subscriber:
    subscriber = found(selectors.subscriber(pk=pk))
    granted(rules.can_manage_subscribers(user))
    return subscriber


# --- decorators ------------------------------------------------------------------------------


def with_newsletter(view: View) -> View:
    """Writers only (login first); the newsletter named by `pk` is passed on as an object."""

    @writers_only
    @wraps(view)
    def wrapper(
        request: AuthenticatedHttpRequest, pk: int, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        return view(request, newsletter_for_writer(request.user, pk), *args, **kwargs)

    return wrapper

"""Permission-checked loaders of newsletters, and the view decorators built from them.

A loader fetches what a URL names (404 when it is missing) and asks newsletters.rules
(PermissionDenied when the rule refuses). The decorators add the login: an anonymous visitor
goes to the login, a writer without two-factor login is sent to turn it on (hok.access).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http.response import HttpResponseBase

from hok.access import permitted_by
from hok.http import AuthenticatedHttpRequest
from hok.models import User
from newsletters import rules, selectors
from newsletters.models import Newsletter, NewsletterCard, NewsletterImage, Subscriber

View = Callable[..., HttpResponseBase]

writers_only = permitted_by(rules.can_write_newsletters)
admins_only = permitted_by(rules.can_manage_subscribers)
settings_admins_only = permitted_by(rules.can_change_settings)


# --- loaders ---------------------------------------------------------------------------------


def published_newsletter(pk: int) -> Newsletter:
    """The public page's newsletter: a draft or a scheduled one is missing (404)."""
    newsletter = selectors.newsletter_public(pk=pk)
    if newsletter is None or not rules.newsletter_is_public(newsletter):
        raise Http404
    return newsletter


def newsletter_for_writer(user: User, pk: int) -> Newsletter:
    """A newsletter in any state, with its images and cards, for its tool pages."""
    newsletter = selectors.newsletter_for_management(pk=pk)
    if newsletter is None:
        raise Http404
    if not rules.can_preview_newsletter(user, newsletter):
        raise PermissionDenied
    return newsletter


def image_of(newsletter: Newsletter, pk: int) -> NewsletterImage:
    image = selectors.newsletter_image(newsletter=newsletter, pk=pk)
    if image is None:
        raise Http404
    return image


def card_of(newsletter: Newsletter, pk: int) -> NewsletterCard:
    card = selectors.newsletter_card(newsletter=newsletter, pk=pk)
    if card is None:
        raise Http404
    return card


def subscriber_for_admin(user: User, pk: int) -> Subscriber:
    subscriber = selectors.subscriber(pk=pk)
    if subscriber is None:
        raise Http404
    if not rules.can_manage_subscribers(user):
        raise PermissionDenied
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

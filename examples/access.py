"""Permission-checked loaders of examples, and the view decorator built from them.

An example the person may not see is missing (404, not 403: its existence is not told); one
they see but may not change in this way is refused (403). A document or an image is looked
up inside its (already loaded) example only.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from examples import rules, selectors
from examples.models import Example, ExampleDocument, ExampleImage
from hok.access import View, found, granted, refuse
from hok.models import User

Rule = Callable[[User | AnonymousUser, Example], bool]


def _existing(pk: int) -> Example:
    return found(selectors.example_detail(pk=pk))


def example_for_viewer(user: User | AnonymousUser, pk: int) -> Example:
    """The example with everything its page shows, if the person may see it (else 404)."""
    example = _existing(pk)
    granted(rules.can_view_example(user, example), as_missing=True)
    return example


def document_of(example: Example, pk: int) -> ExampleDocument:
    return found(selectors.example_document(example=example, pk=pk))


def image_of(example: Example, pk: int) -> ExampleImage:
    return found(selectors.example_image(example=example, pk=pk))


def example_view(rule: Rule | None = None) -> Callable[[View], View]:
    """Load the example named by `pk` for the view, as `example`: missing (404) when the person
    may not see it, refused (403) when `rule` does not allow this; a member of the working
    group without two-factor login is sent to turn it on (hok.access.refuse)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
            example = _existing(pk)
            if not rules.can_view_example(request.user, example):
                return refuse(request, as_missing=True)
            if rule is not None and not rule(request.user, example):
                return refuse(request)
            return view(request, example, *args, **kwargs)

        return wrapper

    return decorator

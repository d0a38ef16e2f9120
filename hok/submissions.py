"""Every create form is safe to submit twice.

A create form carries a one-time key (`{% submission_key %}` from hok's `portal` tag library,
a random UUID rendered with the form). The view is wrapped in `@once_per_submission`: inside
one transaction it first records the key (a row in `Submission`, unique), then runs the view.
A second request with the same key, from the same person to the same address, finds the row
and is sent where the first went, with "Det här skickades redan", without calling the view
again. A duplicate that arrives while the first is still running waits on the unique index
until the first has committed, then finds its row.

Only a redirect counts as done: when the view answers anything else (a form with errors, a
refusal), the key row is removed again, so the corrected form can be sent with the same key.

A missing or malformed key is treated as a fresh submission: a page opened before the key
existed, or a form posted by a script, must still work; the key protects against repeats, it
is not a security token (CSRF is). Refusing would lose what the person typed for nothing.
"""

import hashlib
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, overload

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest
from django.http.response import HttpResponseBase, HttpResponseRedirectBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from hok.access import View
from hok.models import Submission

FIELD = "submission_key"
REDIRECT_MAX_LENGTH = 2000  # Submission.redirect_to


def new_key() -> str:
    return str(uuid.uuid4())


def _key(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def _person(request: HttpRequest, *, anonymous: bool) -> Any:
    user = getattr(request, "user", None)
    if anonymous or user is None or not user.is_authenticated:
        return None
    return user


def _digest(request: HttpRequest, key: uuid.UUID, person: Any) -> str:
    """The key, bound to the form's address and to the person (nobody, for a form without an
    account or an anonymous answer: then the random key alone identifies the submission)."""
    who = str(person.pk) if person is not None else "-"
    return hashlib.sha256(f"{key}|{request.path}|{who}".encode()).hexdigest()


def _when(*, anonymous: bool) -> datetime:
    """Now; for an anonymous answer only the hour (enough for the cleanup, too coarse to match
    the moment of an answer)."""
    now = timezone.now()
    return now.replace(minute=0, second=0, microsecond=0) if anonymous else now


def _target(response: HttpResponseBase) -> str:
    """Where a successful submission led: a redirect's address ("" for anything else, or for an
    address too long to keep: then a repeat is simply a fresh submission)."""
    if not isinstance(response, HttpResponseRedirectBase):
        return ""
    return response.url if len(response.url) <= REDIRECT_MAX_LENGTH else ""


@overload
def once_per_submission(view: View) -> View: ...
@overload
def once_per_submission(*, anonymous: bool = False) -> Callable[[View], View]: ...
def once_per_submission(
    view: View | None = None, *, anonymous: bool = False
) -> View | Callable[[View], View]:
    """Run a create view once per submission key; a repeat goes where the first one went.

    Put it innermost (after the permission checks), on views whose success is a redirect.
    `anonymous=True` records no person even when one is signed in, and only the hour (survey
    answers: nothing stored may tell who answered, or when to the minute)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            key = _key(request) if request.method == "POST" else None
            if key is None:
                return view(request, *args, **kwargs)
            person = _person(request, anonymous=anonymous)
            with transaction.atomic():
                # A concurrent duplicate waits here on the unique index until the first commits.
                submission, created = Submission.objects.get_or_create(
                    digest=_digest(request, key, person),
                    defaults={"user": person, "created_at": _when(anonymous=anonymous)},
                )
                if not created:
                    messages.info(request, _("Det här skickades redan, så inget nytt har skapats."))
                    return redirect(submission.redirect_to)
                response = view(request, *args, **kwargs)
                target = _target(response)
                if target:
                    submission.redirect_to = target
                    submission.save(update_fields=["redirect_to"])
                else:
                    submission.delete()
            return response

        return wrapper

    return decorate(view) if view is not None else decorate


def submissions_delete_old(*, now: datetime) -> int:
    """Delete the records of submissions older than SUBMISSION_KEY_RETENTION_HOURS."""
    hours = settings.SUBMISSION_KEY_RETENTION_HOURS
    deleted, _by_model = Submission.objects.filter(
        created_at__lt=now - timedelta(hours=hours)
    ).delete()
    return deleted

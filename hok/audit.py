"""Who changed a historied object, and why (django-simple-history).

Every write service names its acting user through `record_actor` before it
saves, so the history row never depends on the request middleware: a
service called from a Celery task or a management command is attributed too.
"""

from django.db import models

from hok.models import User


def record_actor(obj: models.Model, *, by: User | None, reason: str | None = None) -> None:
    """Name `by` (and `reason`) on the history row written by obj's next save."""
    # simple-history reads these private instance attributes when it saves.
    vars(obj).update(_history_user=by, _change_reason=reason)

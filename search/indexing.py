"""Keeping the index current: every write to a watched model refreshes the scopes it touches.

The search sources (hok.searchable) name the models they read, as lazy "app_label.Model"
strings. A save, a delete or a change of a many-to-many relation of one of them marks the
affected scopes; once the transaction commits, each marked scope is refreshed once, however
many rows of it were written (loading the seed writes hundreds). Outside a transaction the
refresh happens at once. A failing refresh is logged and leaves the rest of the write alone;
`manage.py rebuild_search_index` puts everything right.
"""

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from hok.searchable import SearchDocument
from search import registry
from search.models import SearchEntry
from search.text import fold, index_terms

logger = logging.getLogger(__name__)

_title_length = SearchEntry._meta.get_field("title").max_length or 500
_url_length = SearchEntry._meta.get_field("url").max_length or 500


def _entry(kind: str, document: SearchDocument, *, with_terms: bool) -> SearchEntry:
    title = document.title[:_title_length]
    return SearchEntry(
        kind=kind,
        scope=document.scope,
        key=document.key,
        title=title,
        body=document.body,
        url=document.url[:_url_length],
        name=fold(title) if document.is_name else "",
        terms=index_terms(title, document.body) if with_terms else "",
    )


def index_refresh(*, kind: str, scopes: Collection[str] | None) -> int:
    """Replace the indexed documents of `kind` in `scopes` (None: all of the kind) with what its
    source says is public now. Returns how many there are."""
    source = registry.source(kind)
    if source is None:
        return 0
    # Indexed in the portal's language, whichever language the writing request was in: the
    # content is Swedish, and so are the addresses (no /en/ prefix) and choice labels.
    with translation.override(settings.LANGUAGE_CODE):
        documents = list(source.documents(scopes))
    # PostgreSQL computes the tsvector itself (a generated column); SQLite needs the terms.
    with_terms = connection.vendor != "postgresql"
    with transaction.atomic():
        stale = SearchEntry.objects.filter(kind=kind)
        if scopes is not None:
            keys = [document.key for document in documents]
            stale = stale.filter(scope__in=list(scopes)) | stale.filter(key__in=keys)
        stale.delete()
        SearchEntry.objects.bulk_create(
            [_entry(kind, document, with_terms=with_terms) for document in documents],
            batch_size=500,
        )
    return len(documents)


def index_rebuild() -> dict[str, int]:
    """Index everything again, source by source; drop kinds no source provides any more."""
    counts = {}
    with transaction.atomic():
        kinds = [source.kind for source in registry.sources()]
        SearchEntry.objects.exclude(kind__in=kinds).delete()
        for kind in kinds:
            counts[kind] = index_refresh(kind=kind, scopes=None)
    return counts


# --- after every write ----------------------------------------------------------------------

# Scopes waiting for the current transaction's commit; per thread, like the connection.
_queued = threading.local()


def _flush() -> None:
    pending: dict[str, set[str]] = getattr(_queued, "scopes", None) or {}
    _queued.scopes = None
    for kind, scopes in pending.items():
        index_refresh(kind=kind, scopes=scopes)


def scopes_changed(*, kind: str, scopes: Iterable[str]) -> None:
    """Refresh these scopes of `kind` when the current transaction commits (now, outside one).

    Every write queues a flush, and the first flush to run refreshes everything marked so
    far: a transaction that wrote a hundred rows refreshes each scope once. Scopes marked in
    a transaction that rolled back are refreshed by the next flush, which does no harm (a
    refresh reads what is there now)."""
    scopes = set(scopes)
    if not scopes:
        return
    if not connection.in_atomic_block:
        index_refresh(kind=kind, scopes=scopes)
        return
    pending = getattr(_queued, "scopes", None)
    if pending is None:
        pending = _queued.scopes = defaultdict(set)
    pending[kind] |= scopes
    transaction.on_commit(_flush, robust=True)


def _handler(kind: str, scopes_of: Callable[[Any], Iterable[str]]) -> Callable[..., None]:
    def changed(sender: type, instance: Any, **kwargs: Any) -> None:
        if kwargs.get("raw"):  # loaddata: the rebuild command indexes afterwards
            return
        scopes_changed(kind=kind, scopes=scopes_of(instance))

    return changed


def _m2m_handler(
    kind: str, model: type, scopes_of: Callable[[Any], Iterable[str]]
) -> Callable[..., None]:
    def changed(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
        if action.startswith("post_") and isinstance(instance, model):
            scopes_changed(kind=kind, scopes=scopes_of(instance))

    return changed


def connect_signals() -> None:
    for source in registry.sources():
        for label, scopes_of in source.watches.items():
            uid = f"search:{source.kind}:{label}"
            handler = _handler(source.kind, scopes_of)
            post_save.connect(handler, sender=label, weak=False, dispatch_uid=f"{uid}:save")
            post_delete.connect(handler, sender=label, weak=False, dispatch_uid=f"{uid}:delete")
            model = apps.get_model(label)
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    _m2m_handler(source.kind, model, scopes_of),
                    sender=field.remote_field.through,
                    weak=False,
                    dispatch_uid=f"{uid}:{field.name}",
                )

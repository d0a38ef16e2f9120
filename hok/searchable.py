"""What an app hands the site search: the interface of a search source.

The `search` app owns the index (one row per document it can find); each app that owns
something worth finding says what it is in a module of its own, `<app>/search_sources.py`,
which search finds at start-up (`autodiscover_modules` in `search.apps.SearchConfig.ready`).
That module defines `SEARCH_SOURCES`, a list of `SearchSource`:

    SEARCH_SOURCES = [
        SearchSource(
            kind="newsletter",                      # unique over the portal; in URLs (?typ=)
            label=_("Nyhetsbrev"),                  # the heading of its group of results
            order=60,                               # where the group comes on the page
            documents=newsletter_documents,         # scopes (or None: all) -> documents
            watches={"newsletters.Newsletter": lambda n: [str(n.pk)]},
        ),
    ]

- `documents(scopes)` returns every document of the kind that *everyone* may see now, in the
  given scopes (None: in every scope). The index holds public content only: drafts, hidden,
  unpublished, withdrawn and pending things are simply not returned, and whatever is no longer
  returned leaves the index. It reads through the app's own selectors.
- A *scope* is a string that groups documents which change together, e.g. an organisation's
  id for the organisation and for its commitments (an approved or withdrawn signature shows or
  hides them all). Refreshing a scope replaces every indexed document of the kind in it.
- `watches` maps a model, as a lazy "app_label.ModelName" string, to a function from a saved
  or deleted instance to the scopes it affects. It must not query the database when it can
  avoid it (it runs on every save). The search app connects `post_save`, `post_delete` and
  `m2m_changed` for these senders and refreshes the scopes once the transaction commits.

This module lives on the ground floor so that apps describe their documents without
importing anything above them; no app imports the search app.
"""

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.html import strip_tags

_BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|br|div|blockquote|pre|tr|td|th|table)\b[^>]*>")


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One thing a person can find, as the results page shows it."""

    scope: str
    key: str  # unique within the kind, stable across refreshes
    title: str
    body: str  # plain text (Markdown already turned into text)
    url: str
    # The title is a name (an organisation, a conference): it is also found by a name typed
    # with a typo or in part (trigram similarity).
    is_name: bool = False


Scopes = Collection[str] | None


@dataclass(frozen=True)
class SearchSource:
    kind: str
    label: str | Promise
    order: int
    documents: Callable[[Scopes], Iterable[SearchDocument]]
    watches: Mapping[str, Callable[[Any], Iterable[str]]] = field(default_factory=dict)


def whole_kind(_instance: Model) -> list[str]:
    """For a small kind that lives in one scope: any change refreshes all of it."""
    return ["all"]


def html_to_text(html: str) -> str:
    """The words of rendered Markdown (or any HTML), for a document's body."""
    spaced = _BLOCK_TAG.sub(" ", html)  # "<p>a</p><p>b</p>" is two words, "<em>a</em>." one
    return " ".join(unescape(strip_tags(spaced)).split())

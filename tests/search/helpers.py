from django.utils.html import strip_tags

from search.selectors import search
from search.text import parse_query


def found(text: str, kind: str) -> list[str]:
    """The plain titles of what a search for `text` finds of `kind`."""
    results = search(query=parse_query(text), kind=kind)
    return [strip_tags(hit.title) for group in results.groups for hit in group.hits]

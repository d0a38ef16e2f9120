"""Helpers for the "same submission twice" tests of every create form (hok/submissions.py)."""

import re
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.test import Client

from hok.submissions import FIELD

ALREADY_SENT = "Det här skickades redan, så inget nytt har skapats."
_KEY = re.compile(r'name="submission_key" value="([0-9a-f-]{36})"')

Data = dict[str, Any] | Callable[[], dict[str, Any]]


def form_key(response: Any, action: str | None = None) -> str:
    """The one-time key of the page's form (of the form posting to `action`, when given)."""
    html = response.content.decode()
    if action is not None:
        html = html[html.index(f'action="{action}') :]
    match = _KEY.search(html)
    assert match is not None, "the form carries no submission key"
    return match.group(1)


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _fresh(data: Data) -> dict[str, Any]:
    # A callable gives new file objects for every post (an upload is read once).
    return dict(data() if callable(data) else data)


def submit_twice(
    client: Client,
    *,
    page: str,
    data: Data,
    count: Callable[[], int],
    action: str | None = None,
    creates: int = 1,
) -> tuple[Any, Any]:
    """Open the form's page, take its key, send the same submission twice: one thing is
    created, and the second answer goes where the first went. Returns both answers."""
    shown = client.get(page)
    assert shown.status_code == 200, shown.status_code
    key = form_key(shown, action)
    url = action or page
    before = count()
    first = client.post(url, {**_fresh(data), FIELD: key})
    assert first.status_code == 302, (first.status_code, first.content.decode()[:3000])
    assert count() == before + creates
    second = client.post(url, {**_fresh(data), FIELD: key})
    assert second.status_code == 302, second.status_code
    assert second["Location"] == first["Location"]
    assert count() == before + creates
    assert ALREADY_SENT in messages_of(second)
    return first, second

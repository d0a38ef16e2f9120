"""What the site search finds in this app (hok.searchable describes the interface): the
newsletters on the site (sent or published); drafts and scheduled ones never."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dialogues.markdown import markdown_to_html
from hok.searchable import Scopes, SearchDocument, SearchSource, html_to_text
from newsletters.models import Newsletter
from newsletters.selectors import newsletters_public


def newsletter_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    newsletters = newsletters_public()
    if scopes is not None:
        newsletters = newsletters.filter(pk__in=[int(scope) for scope in scopes])
    for newsletter in newsletters:
        yield SearchDocument(
            scope=str(newsletter.pk),
            key=str(newsletter.pk),
            title=newsletter.title,
            body=f"{newsletter.preamble}\n{html_to_text(markdown_to_html(newsletter.body))}",
            url=reverse("newsletters:detail", kwargs={"pk": newsletter.pk}),
        )


def _newsletter(newsletter: Newsletter) -> list[str]:
    return [str(newsletter.pk)]


SEARCH_SOURCES = [
    SearchSource(
        kind="newsletter",
        label=_("Nyhetsbrev"),
        order=60,
        documents=newsletter_documents,
        watches={"newsletters.Newsletter": _newsletter},
    ),
]

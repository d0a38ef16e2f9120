"""What the site search finds in this app (hok.searchable describes the interface): the
published examples of collaboration. Drafts, examples waiting for review or sent back for
changes, and withdrawn ones never."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from examples import selectors
from examples.models import Example, ExampleParty
from hok.searchable import Scopes, SearchDocument, SearchSource

if TYPE_CHECKING:
    from agreements.models import Organisation


def example_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    """Each published example: its title, and as body its summary, what was done, what it led
    to, what was learned, the parties (the writing organisation first) and municipalities."""
    examples = selectors.examples_open_data()
    if scopes is not None:
        examples = examples.filter(pk__in=[int(scope) for scope in scopes])
    for example in examples:
        parties = [example.organisation.name, *(str(party) for party in example.parties.all())]
        municipalities = [municipality.name for municipality in example.municipalities.all()]
        parts = [example.summary, example.what_was_done, example.outcome, example.lessons]
        yield SearchDocument(
            scope=str(example.pk),
            key=str(example.pk),
            title=example.title,
            body="\n".join([*parts, ", ".join(parties), ", ".join(municipalities)]),
            url=example.get_absolute_url(),
        )


def _example(example: Example) -> list[str]:
    return [str(example.pk)]


def _of_example(party: ExampleParty) -> list[str]:
    return [str(party.example_id)]


def _involving(organisation: "Organisation") -> list[str]:
    """A renamed organisation is renamed in the examples it wrote or took part in."""
    return [str(pk) for pk in selectors.example_ids_involving(organisation=organisation)]


SEARCH_SOURCES = [
    SearchSource(
        kind="example",
        label=_("Exempel på samverkan"),
        order=45,
        documents=example_documents,
        watches={
            "examples.Example": _example,
            "examples.ExampleParty": _of_example,
            "agreements.Organisation": _involving,
        },
    ),
]

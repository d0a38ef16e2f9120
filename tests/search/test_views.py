"""The results page for every role, with odd input, and its query budget."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from search.indexing import index_rebuild
from tests.examples.factories import ExampleFactory, PublishedExampleFactory
from tests.factories import (
    CommitmentFactory,
    PublicOrganisationFactory,
    RevisionProposalFactory,
    SignatureFactory,
)
from tests.newsletters.factories import NewsletterFactory, PublishedNewsletterFactory

pytestmark = pytest.mark.django_db

URL = reverse("search:search")
ROLES = ["anonymous", "user", "representative", "working_group_mfa", "admin_mfa"]


@pytest.fixture
def content(seed) -> dict[str, object]:
    public = PublicOrganisationFactory(name="Kungsbacka Hembygdsförening")
    CommitmentFactory(organisation=public, title="Hembygdsdagar för skolor")
    pending = SignatureFactory(organisation__name="Kungsbacka Hembygdskör").organisation
    PublishedNewsletterFactory(title="Hembygdsnytt")
    NewsletterFactory(title="Hembygdsutkast")
    # Waiting for the working group: neither is public yet.
    RevisionProposalFactory(
        organisation=public, status="pending", proposed_text="Hembygdsförslaget väntar."
    )
    ExampleFactory(organisation=public, title="Hembygdsexemplet", status="submitted")
    index_rebuild()
    return {"pending": pending}


def _client(role: str, person_for: Callable, content: dict) -> Client:
    client = Client()
    if role == "representative":
        # A representative of the organisation whose signature waits for approval.
        person = content["pending"].memberships.first().user
    else:
        person = person_for(role)
    if person is not None:
        client.force_login(person)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_role_finds_public_things_only(role, person_for, content) -> None:
    response = _client(role, person_for, content).get(URL, {"q": "hembygd"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kungsbacka <mark>Hembygdsförening</mark>" in page
    assert "<mark>Hembygdsdagar</mark> för skolor" in page
    assert "<mark>Hembygdsnytt</mark>" in page
    assert "Hembygdskör" not in page  # not approved yet: not even its own representative
    assert "Hembygdsutkast" not in page  # a draft
    assert "Hembygdsförslaget" not in page  # a proposal not checked yet
    assert "Hembygdsexemplet" not in page  # an example waiting for review


@pytest.mark.parametrize("role", ROLES)
def test_every_page_has_the_search_box(role, person_for, content) -> None:
    page = _client(role, person_for, content).get(reverse("home")).content.decode()
    assert 'role="search"' in page
    assert f'action="{URL}"' in page


def test_the_empty_page_invites_a_search(client, content) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert "Sök i portalen" in response.content.decode()
    assert "träff" not in response.content.decode()


def test_results_are_grouped_by_kind_in_the_sources_order(client, content) -> None:
    page = client.get(URL, {"q": "hembygd"}).content.decode()
    groups = ["organisation", "commitment", "newsletter"]
    places = [page.index(f'id="search-group-{kind}"') for kind in groups]
    assert places == sorted(places)
    assert "<mark>Hembygdsförening</mark>" in page[places[0] : places[1]]


def test_one_kind_alone(client, content) -> None:
    page = client.get(URL, {"q": "hembygd", "typ": "newsletter"}).content.decode()
    assert "Hembygdsnytt" in page
    assert "Hembygdsförening" not in page
    assert "Visa träffar av alla slag" in page


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE search_searchentry; --",
        "hembygd & | ! <-> :* ( ) \\",
        ".* [a-z]+ (?i) $^",
        "hembygd\u00a0\u200b\t\n",
        "x" * 60 + "hembygd",
    ],
)
def test_odd_searches_give_results_or_nothing(client, content, text) -> None:
    response = client.get(URL, {"q": text})
    assert response.status_code == 200
    assert "träff" in response.content.decode()


@pytest.mark.parametrize("text", ["&& || !! :* <->", "%_% ' \"", "...", "\u200b"])
def test_no_words_says_so(client, content, text) -> None:
    response = client.get(URL, {"q": text})
    assert response.status_code == 200
    assert "Sökningen innehåller inga ord" in response.content.decode()


def test_ten_thousand_characters_are_refused_in_swedish(client, content) -> None:
    response = client.get(URL, {"q": "hembygd " * 1250})
    assert response.status_code == 200
    assert "Skriv högst 200 tecken" in response.content.decode()
    assert "<mark>" not in response.content.decode()


def test_a_nul_byte_is_refused_in_swedish(client, content) -> None:
    response = client.get(URL, {"q": "hembygd\x00"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Null-tecken" in page or "tecken" in page
    assert "<mark>" not in page


def test_too_many_words_are_cut_with_a_note(client, content) -> None:
    response = client.get(URL, {"q": "hembygd " + " ".join(f"ord{n}" for n in range(12))})
    assert "Bara de 10 första orden användes" in response.content.decode()


def test_an_unknown_kind_searches_everything(client, content) -> None:
    page = client.get(URL, {"q": "hembygd", "typ": "<script>"}).content.decode()
    assert "Kungsbacka <mark>Hembygdsförening</mark>" in page
    assert "<script>" not in page


def test_a_search_costs_the_same_few_queries_however_many_rows(
    client, content, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(6):
        client.get(URL, {"q": "hembygd"})
    for n in range(40):
        organisation = PublicOrganisationFactory(name=f"Hembygdslag {n}")
        CommitmentFactory(organisation=organisation, title=f"Hembygdsvandring {n}")
        RevisionProposalFactory(organisation=organisation, reason=f"Hembygdsrörelsen {n} vill.")
        PublishedExampleFactory(organisation=organisation, title=f"Hembygdsfest {n}")
    index_rebuild()
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "hembygd"})
    page = response.content.decode()
    assert "Undertecknare (41)" in page
    assert "Förslag till revidering (40)" in page
    assert "Exempel på samverkan (40)" in page


def test_a_signed_in_search_stays_within_the_budget(
    person_for, content, django_assert_max_num_queries
) -> None:
    client = _client("working_group_mfa", person_for, content)
    with django_assert_max_num_queries(6):
        client.get(URL, {"q": "hembygd"})


def test_the_english_page(client, content) -> None:
    response = client.get("/en" + URL, {"q": "hembygd"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Signatories" in page and "3 results for" in page


def test_the_search_itself_is_one_or_two_queries(content, django_assert_max_num_queries) -> None:
    from django.db import connection

    from search.selectors import search
    from search.text import parse_query

    budget = 2 if connection.vendor == "postgresql" else 1
    with django_assert_max_num_queries(budget):
        results = search(query=parse_query("hembygd"))
    assert results.total == 3

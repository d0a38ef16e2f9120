"""Revision proposals and examples of collaboration in the index: each step of their way
shows or hides them on the next search, as tests/search/test_index.py does for the others."""

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.urls import reverse

from agreements.models import RevisionProposal
from agreements.services import proposals as proposal_services
from examples import services as example_services
from examples.models import Example
from hok.models import User
from search.indexing import index_rebuild
from search.models import SearchEntry
from tests.examples.factories import ExampleFactory, ExamplePartyFactory
from tests.factories import (
    MembershipFactory,
    PublicOrganisationFactory,
    RevisionProposalFactory,
    WorkingGroupUserFactory,
)
from tests.search.helpers import found

pytestmark = pytest.mark.django_db

Committing = Callable[..., AbstractContextManager]
Status = RevisionProposal.Status


@pytest.fixture
def committed(
    django_capture_on_commit_callbacks: Committing,
) -> Callable[[], AbstractContextManager]:
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def reviewer(give_mfa) -> User:
    person = WorkingGroupUserFactory()
    give_mfa(person)
    return person


@pytest.fixture
def private_media(settings, tmp_path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


# --- revision proposals ------------------------------------------------------------------


def _pending_proposal() -> RevisionProposal:
    return RevisionProposalFactory(
        status=Status.PENDING,
        part_label="Princip 1, åtgärd 1",
        proposed_text="Parterna ordnar en gemensam dialogdag på biblioteken varje höst.",
        reason="Fler kommuner vill vara med i samtalet.",
    )


def test_a_proposal_is_found_once_checked_with_its_reason(seed, committed, reviewer) -> None:
    with committed():
        proposal = _pending_proposal()
    assert found("dialogdag", "proposal") == []  # waits for the working group
    with committed():
        proposal_services.proposal_publish(proposal=proposal, by=reviewer)
    titles = found("dialogdagar", "proposal")
    assert len(titles) == 1 and titles[0].startswith("Princip 1, åtgärd 1: Parterna ordnar")
    assert found("kommunerna samtalet", "proposal") == titles  # the reason
    entry = SearchEntry.objects.get(kind="proposal", key=str(proposal.pk))
    assert entry.url == reverse("agreements:proposal_detail", kwargs={"pk": proposal.pk})


def test_a_hidden_proposal_leaves_the_index(seed, committed, reviewer) -> None:
    with committed():
        proposal = RevisionProposalFactory(proposed_text="Inför en årlig hearing om bidragen.")
    assert len(found("hearing", "proposal")) == 1
    with committed():
        proposal_services.proposal_hide(
            proposal=proposal, by=reviewer, reason="Innehåller ett namn."
        )
    assert found("hearing", "proposal") == []
    assert not SearchEntry.objects.filter(kind="proposal").exists()


def test_the_answer_is_found_with_the_proposal(seed, committed, reviewer) -> None:
    with committed():
        proposal = RevisionProposalFactory(proposed_text="Inför en årlig hearing om bidragen.")
    assert found("avslås", "proposal") == []
    with committed():
        proposal_services.proposal_answer(
            proposal=proposal,
            by=reviewer,
            answer=RevisionProposal.Answer.REJECT,
            reason="Frågan om bidragsregler hör till regionfullmäktige.",
        )
    assert len(found("avslås regionfullmäktige", "proposal")) == 1


def test_an_edited_proposal_is_found_by_its_new_words(seed, committed) -> None:
    with committed():
        proposal = RevisionProposalFactory(proposed_text="Inför en årlig hearing om bidragen.")
    with committed():
        proposal.proposed_text = "Inför ett årligt rådslag om bidragen."
        proposal.save(update_fields=["proposed_text"])
    assert found("hearing", "proposal") == []
    assert len(found("rådslag", "proposal")) == 1


# --- examples of collaboration -----------------------------------------------------------


@pytest.fixture
def authors(seed, private_media) -> tuple[Example, User]:
    organisation = PublicOrganisationFactory(name="Föreningen Kustlaget")
    representative = MembershipFactory(organisation=organisation).user
    example = ExampleFactory(
        organisation=organisation,
        created_by=representative,
        title="Simskola vid Tylösand",
        summary="Vi lärde nyanlända barn simma.",
        lessons="Livräddarna var guld värda.",
    )
    ExamplePartyFactory(example=example, name="Region Halland, Folkhälsa")
    return example, representative


def test_an_example_is_found_only_while_published(committed, authors, reviewer) -> None:
    example, representative = authors
    with committed():
        example.save()  # a draft
    assert found("simskola", "example") == []
    with committed():
        example_services.example_submit(example=example, by=representative)
    assert found("simskola", "example") == []  # waits for review
    with committed():
        example_services.example_request_changes(
            example=example, by=reviewer, message="Berätta mer om vad det ledde till."
        )
    assert found("simskola", "example") == []
    with committed():
        example_services.example_submit(example=example, by=representative)
        example_services.example_publish(example=example, by=reviewer)
    assert found("simskolor", "example") == ["Simskola vid Tylösand"]
    # the lessons, the parties, the writing organisation
    assert found("livräddarna", "example") == ["Simskola vid Tylösand"]
    assert found("folkhälsa", "example") == ["Simskola vid Tylösand"]
    assert found("kustlaget", "example") == ["Simskola vid Tylösand"]
    entry = SearchEntry.objects.get(kind="example")
    assert entry.url == reverse("examples:detail", kwargs={"pk": example.pk})
    with committed():
        example_services.example_withdraw(example=example, by=representative)
    assert found("simskola", "example") == []


def test_a_published_example_sent_back_leaves_and_returns_edited(
    committed, authors, reviewer
) -> None:
    example, representative = authors
    with committed():
        example_services.example_submit(example=example, by=representative)
        example_services.example_publish(example=example, by=reviewer)
    with committed():
        example_services.example_request_changes(
            example=example, by=reviewer, message="Ta bort barnens namn."
        )
    assert found("simskola", "example") == []
    example.refresh_from_db()
    with committed():
        example.title = "Simskola vid Östra stranden"
        example.save(update_fields=["title"])
        example_services.example_submit(example=example, by=representative)
        example_services.example_publish(example=example, by=reviewer)
    assert found("simskola", "example") == ["Simskola vid Östra stranden"]
    assert found("tylösand", "example") == []


def test_a_renamed_party_is_renamed_in_the_index(committed, authors, reviewer) -> None:
    example, representative = authors
    partner = PublicOrganisationFactory(name="Halmstads Livräddningssällskap")
    with committed():
        ExamplePartyFactory(example=example, name="", organisation=partner)
        example_services.example_submit(example=example, by=representative)
        example_services.example_publish(example=example, by=reviewer)
    assert found("livräddningssällskap", "example") == ["Simskola vid Tylösand"]
    with committed():
        partner.name = "Halmstads Sjöräddningssällskap"
        partner.save(update_fields=["name"])
    assert found("livräddningssällskap", "example") == []
    assert found("sjöräddningssällskap", "example") == ["Simskola vid Tylösand"]


def test_the_rebuild_indexes_only_public_proposals_and_examples(seed, authors) -> None:
    RevisionProposalFactory(proposed_text="Ett förslag om hearing.")
    RevisionProposalFactory(status=Status.PENDING, proposed_text="Ett förslag om rådslag.")
    RevisionProposalFactory(
        status=Status.HIDDEN, hidden_reason="Ett namn.", proposed_text="Ett förslag om ting."
    )
    for status in [Example.Status.SUBMITTED, Example.Status.WITHDRAWN]:
        ExampleFactory(title=f"Exempel {status}", status=status)
    index_rebuild()
    assert SearchEntry.objects.filter(kind="proposal").count() == 1
    assert not SearchEntry.objects.filter(kind="example").exists()

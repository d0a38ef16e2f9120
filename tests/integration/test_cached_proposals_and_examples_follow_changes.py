"""Revision proposals and examples of collaboration show on cached public pages (the agreement,
the comparison, a conference, an organisation, a principle, and their own lists and pages):
every service that changes what those pages show bumps their generations, so the change is on
the next anonymous request. In the style of test_cached_pages_follow_changes.py, whose
`test_the_cache_would_hide_a_change_without_a_bump` shows these fail when a bump is missing.
"""

from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from agreements.conferences import ConferenceRef
from agreements.models import Organisation, RevisionProposal
from agreements.services import proposals as proposal_services
from agreements.services import version_adopt, version_copy
from agreements.services.organisations import organisation_update
from dialogues.services.conferences import conference_update
from examples import services as example_services
from examples.models import Example
from hok.models import User
from hok.page_cache import CACHE_HEADER
from tests.conftest import client_for, person_in_role
from tests.dialogues.factories import ConferenceFactory, NoteFactory
from tests.examples.factories import ExampleFactory, PublishedExampleFactory
from tests.factories import (
    MembershipFactory,
    PublicOrganisationFactory,
    RevisionProposalFactory,
    UserFactory,
    current_version,
    principle_number,
)
from tests.integration.test_cached_pages_follow_changes import (
    Change,
    check,
    page,
    page_cache_on,  # noqa: F401 - autouse: the page cache is on (Redis)
    warm,
)

pytestmark = pytest.mark.django_db

PROPOSALS = "/overenskommelsen/forslag/"
EXAMPLES = "/exempel/"


@pytest.fixture
def reviewer(give_mfa: Callable[[User], str]) -> User:
    person = person_in_role("working_group_mfa", give_mfa)
    assert person is not None
    return person


def member_of(organisation: Organisation) -> User:
    return MembershipFactory(organisation=organisation).user


def conference_url(conference) -> str:
    return reverse("dialogues:conference_public", kwargs={"slug": conference.slug})


def ref(conference) -> ConferenceRef:
    return ConferenceRef(id=conference.pk, name=conference.name, date=conference.date, url="")


# --- revision proposals ----------------------------------------------------------------------


def test_proposal_publish_and_hide(django_capture_on_commit_callbacks, reviewer: User):
    proposal = RevisionProposalFactory(
        status=RevisionProposal.Status.PENDING, proposed_text="Ett mål om unga i föreningslivet."
    )
    check(
        Change(
            PROPOSALS,
            "Förslag",
            "Ett mål om unga i föreningslivet.",
            lambda: proposal_services.proposal_publish(proposal=proposal, by=reviewer),
        ),
        django_capture_on_commit_callbacks,
    )
    assert "Ett mål om unga i föreningslivet." in warm(PROPOSALS)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.proposal_hide(proposal=proposal, by=reviewer, reason="Dubblett.")
    assert "Ett mål om unga i föreningslivet." not in page(PROPOSALS)


def test_proposal_answer_at_a_conference(django_capture_on_commit_callbacks, reviewer: User):
    conference = ConferenceFactory(name="Höstkonferensen")
    proposal = RevisionProposalFactory(part_label="Princip 1, åtgärd 1")
    check(
        Change(
            conference_url(conference),
            "Höstkonferensen",
            "Förslag till revidering som besvaras på konferensen",
            lambda: proposal_services.proposal_answer(
                proposal=proposal, by=reviewer, answer="conference", conference=ref(conference)
            ),
        ),
        django_capture_on_commit_callbacks,
    )
    # The proposal's own page and the list say so too.
    assert "Besvaras på konferensen Höstkonferensen" in page(PROPOSALS)


def test_proposal_from_note(django_capture_on_commit_callbacks, reviewer: User):
    note = NoteFactory(proposes_revision=True)
    conference = note.dialogue.conference
    check(
        Change(
            conference_url(conference),
            conference.name,
            "Förslag till revidering från konferensens deltagare",
            lambda: proposal_services.proposal_from_note(
                by=reviewer,
                note_id=note.pk,
                conference=ref(conference),
                part_key="new-goal",
                proposed_text="Fler unga deltar.",
                reason="Bord 3.",
            ),
        ),
        django_capture_on_commit_callbacks,
    )


def test_proposal_support(django_capture_on_commit_callbacks):
    proposal = RevisionProposalFactory(organisation=PublicOrganisationFactory())
    supporter = PublicOrganisationFactory(name="Byalaget Som Stödjer")
    by = member_of(supporter)
    check(
        Change(
            proposal.get_absolute_url(),
            proposal.part_label,
            "Byalaget Som Stödjer",
            lambda: proposal_services.proposal_support(
                proposal=proposal, organisation=supporter, by=by
            ),
        ),
        django_capture_on_commit_callbacks,
    )
    assert "1 organisation stödjer" in page(PROPOSALS)


def test_proposal_comment_hide_and_unhide(django_capture_on_commit_callbacks, reviewer: User):
    proposal = RevisionProposalFactory(organisation=PublicOrganisationFactory())
    commenter = PublicOrganisationFactory()
    comments: list = []
    url = proposal.get_absolute_url()
    check(
        Change(
            url,
            proposal.part_label,
            "Vi håller med om förslaget.",
            lambda: comments.append(
                proposal_services.proposal_comment(
                    proposal=proposal,
                    by=member_of(commenter),
                    organisation=commenter,
                    text="Vi håller med om förslaget.",
                )
            ),
        ),
        django_capture_on_commit_callbacks,
    )
    assert "Vi håller med om förslaget." in warm(url)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.proposal_comment_hide(comment=comments[0], by=reviewer, reason="Spam.")
    assert "Vi håller med om förslaget." not in page(url)
    check(
        Change(
            url,
            proposal.part_label,
            "Vi håller med om förslaget.",
            lambda: proposal_services.proposal_comment_unhide(comment=comments[0], by=reviewer),
        ),
        django_capture_on_commit_callbacks,
    )


def test_proposals_taken_into_an_adopted_version(
    django_capture_on_commit_callbacks, reviewer: User
):
    proposal = RevisionProposalFactory(
        organisation=PublicOrganisationFactory(name="Föreningen Med Förslaget")
    )
    proposal_services.proposal_answer(proposal=proposal, by=reviewer, answer="include")
    draft = version_copy(source=current_version())
    compare = f"/overenskommelsen/versioner/jamfor/?old=1&new={draft.number}"
    assert "Förslag till revidering som togs med" not in warm("/overenskommelsen/")
    assert f"med i version {draft.number}" not in warm(PROPOSALS)
    with django_capture_on_commit_callbacks(execute=True):
        version_adopt(version=draft, adopted_on=timezone.localdate(), by=None)
    assert "Förslag till revidering som togs med" in page("/overenskommelsen/")
    assert "Föreningen Med Förslaget" in page(compare)
    assert f"med i version {draft.number}" in page(PROPOSALS)


def test_organisation_update_renames_it_on_its_proposals(django_capture_on_commit_callbacks):
    organisation = PublicOrganisationFactory(name="Föreningen Gammalt Namn")
    proposal = RevisionProposalFactory(organisation=organisation)
    for url in (PROPOSALS, proposal.get_absolute_url()):
        assert "Föreningen Gammalt Namn" in warm(url)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(
            organisation=organisation,
            by=UserFactory(),
            name="Föreningen Nytt Namn",
            party_side=organisation.party_side,
            form=organisation.form,
            municipalities=[],
            areas=[],
            website=organisation.website,
            contact_email=organisation.contact_email,
            description=organisation.description,
        )
    for url in (PROPOSALS, proposal.get_absolute_url()):
        assert "Föreningen Nytt Namn" in page(url)


def test_conference_update_renames_it_on_a_proposal_answered_there(
    django_capture_on_commit_callbacks, reviewer: User
):
    conference = ConferenceFactory(name="Höstkonferensen")
    proposal = RevisionProposalFactory()
    proposal_services.proposal_answer(
        proposal=proposal, by=reviewer, answer="conference", conference=ref(conference)
    )
    check(
        Change(
            proposal.get_absolute_url(),
            "Höstkonferensen",
            "Vårkonferensen",
            lambda: conference_update(
                conference=conference,
                name="Vårkonferensen",
                date=conference.date,
                slug=conference.slug,
                by=reviewer,
            ),
        ),
        django_capture_on_commit_callbacks,
    )


# --- examples of collaboration ---------------------------------------------------------------


def _submitted(organisation: Organisation, title: str) -> Example:
    return ExampleFactory(
        organisation=organisation,
        title=title,
        status=Example.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


def test_example_publish(django_capture_on_commit_callbacks, reviewer: User):
    organisation = PublicOrganisationFactory()
    example = _submitted(organisation, "Läxhjälp på biblioteket")
    urls = (
        organisation.get_absolute_url(),
        principle_number(1).get_absolute_url(),
        EXAMPLES,
    )
    for url in urls:
        assert "Läxhjälp på biblioteket" not in warm(url)
    with django_capture_on_commit_callbacks(execute=True):
        example_services.example_publish(example=example, by=reviewer)
    for url in urls:
        assert "Läxhjälp på biblioteket" in page(url), url


@pytest.mark.parametrize("how", ["request_changes", "withdraw"])
def test_a_published_example_taken_down(django_capture_on_commit_callbacks, reviewer, how):
    organisation = PublicOrganisationFactory()
    example = PublishedExampleFactory(organisation=organisation, title="Läxhjälp på biblioteket")
    urls = (
        organisation.get_absolute_url(),
        principle_number(1).get_absolute_url(),
        EXAMPLES,
    )
    for url in urls:
        assert "Läxhjälp på biblioteket" in warm(url)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "withdraw":
            example_services.example_withdraw(example=example, by=reviewer, message="Fel.")
        else:
            example_services.example_request_changes(
                example=example, by=reviewer, message="Skriv mer om resultatet."
            )
    for url in urls:
        assert "Läxhjälp på biblioteket" not in page(url), url


def test_contact_person_forget(django_capture_on_commit_callbacks):
    organisation = PublicOrganisationFactory()
    person = member_of(organisation)
    EmailAddress.objects.create(user=person, email="olle@example.se", verified=True)
    example = PublishedExampleFactory(
        organisation=organisation,
        contact_kind="person",
        contact_name="Olle Kontaktperson",
        contact_email="olle@example.se",
        contact_consent_at=timezone.now(),
    )
    url = example.get_absolute_url()
    assert "Olle Kontaktperson" in warm(url)
    with django_capture_on_commit_callbacks(execute=True):
        example_services.contact_person_forget(user=person)
    assert "Olle Kontaktperson" not in page(url)


# --- the pages cached now --------------------------------------------------------------------


def test_the_public_proposal_and_example_pages_are_cached_without_a_form():
    """For an anonymous visitor they carry no form, so no key or token to share; a signed-in
    representative, who gets the support and comment forms, is never served from the cache."""
    proposal = RevisionProposalFactory(organisation=PublicOrganisationFactory())
    example = PublishedExampleFactory(organisation=PublicOrganisationFactory())
    for url in (PROPOSALS, proposal.get_absolute_url(), EXAMPLES, example.get_absolute_url()):
        cached = warm(url)
        assert 'name="submission_key"' not in cached, url
        assert "csrfmiddlewaretoken" not in cached, url
    supporter = PublicOrganisationFactory()
    client = client_for(member_of(supporter))
    for _visit in range(2):
        response = client.get(proposal.get_absolute_url())
        assert CACHE_HEADER not in response
        assert 'name="submission_key"' in response.content.decode()

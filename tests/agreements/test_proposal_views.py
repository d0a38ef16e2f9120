"""Revision proposal pages: every URL for every role, and bad input answered in Swedish."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import AgreementVersion, Organisation, RevisionProposal
from agreements.urls.proposals import urlpatterns
from hok.models import User
from tests.agreements.conftest import ROLES
from tests.conftest import client_for
from tests.factories import RevisionProposalFactory, SignatureFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = {"proposal_list"}
POST_ONLY = {
    "proposal_support",
    "proposal_comment",
    "proposal_check",
    "proposal_answer",
    "proposal_comment_moderate",
}
REVIEWERS = {"working_group_mfa", "admin_mfa"}
SIGNATORIES = {"representative", "other_member"}


@pytest.fixture
def signed(
    seed: AgreementVersion,
    organisation: Organisation,
    representative: User,
    other_organisation: Organisation,
    other_representative: User,
) -> None:
    """Both organisations have signed: their representatives may propose and support."""
    SignatureFactory(organisation=organisation, signed_by=representative, approved=True)
    SignatureFactory(organisation=other_organisation, signed_by=other_representative, approved=True)


@pytest.fixture
def pending(signed: None, organisation: Organisation, representative: User) -> RevisionProposal:
    return RevisionProposalFactory(
        organisation=organisation,
        proposed_by=representative,
        status=RevisionProposal.Status.PENDING,
    )


@pytest.fixture
def public(signed: None, organisation: Organisation, representative: User) -> RevisionProposal:
    proposal = RevisionProposalFactory(organisation=organisation, proposed_by=representative)
    proposal.comments.create(text="En första kommentar.", organisation=organisation)
    return proposal


def _paths(pending: RevisionProposal, public: RevisionProposal) -> dict[str, str]:
    comment = public.comments.get()
    kwargs = {
        "proposal_list": {},
        "proposal_create": {},
        "proposal_detail": {"pk": pending.pk},
        "proposal_support": {"pk": public.pk},
        "proposal_comment": {"pk": public.pk},
        "proposal_queue": {},
        "proposal_review": {"pk": pending.pk},
        "proposal_check": {"pk": pending.pk},
        "proposal_answer": {"pk": public.pk},
        "proposal_comment_moderate": {"pk": comment.pk},
    }
    return {name: reverse(f"agreements:{name}", kwargs=args) for name, args in kwargs.items()}


def _expected(role: str, name: str) -> int:
    """The status each role gets on a GET of each page (302 is a login or two-factor set-up)."""
    if name in PUBLIC:
        return 200
    if name in {"proposal_support", "proposal_comment"}:
        return 405  # require_POST answers before anything else
    if name == "proposal_detail":  # a pending proposal: its authors and the working group
        return 200 if role in REVIEWERS or role == "representative" else 404
    if role == "anonymous":
        return 302
    if name == "proposal_create":
        if role in REVIEWERS | SIGNATORIES:
            return 200
        return 302 if role in {"working_group", "admin"} else 403
    # The working group's pages.
    if role in REVIEWERS:
        return 405 if name in POST_ONLY else 200
    return 302 if role in {"working_group", "admin"} else 403


def test_every_url_is_listed(pending: RevisionProposal, public: RevisionProposal) -> None:
    assert {pattern.name for pattern in urlpatterns} == set(_paths(pending, public))


@pytest.mark.parametrize("role", ROLES)
def test_every_url_per_role(
    role: str,
    pending: RevisionProposal,
    public: RevisionProposal,
    person_for: Callable[[str], User | None],
) -> None:
    client = client_for(person_for(role))
    for name, path in _paths(pending, public).items():
        response = client.get(path)
        assert response.status_code == _expected(role, name), (name, response.status_code)
        if response.status_code == 302 and role == "anonymous":
            assert response["Location"].startswith("/konto/login/")
        if response.status_code == 302 and role in {"working_group", "admin"}:
            assert "totp" in response["Location"]


def test_the_public_list_shows_only_checked_proposals(
    pending: RevisionProposal, public: RevisionProposal, client: Client
) -> None:
    response = client.get(reverse("agreements:proposal_list"))
    assert response.status_code == 200
    pages = [p.pk for p in response.context["proposals"]]
    assert pages == [public.pk]
    assert client.get(public.get_absolute_url()).status_code == 200


def test_an_unknown_filter_shows_all_with_a_message(
    public: RevisionProposal, client: Client
) -> None:
    response = client.get(reverse("agreements:proposal_list") + "?svar=%27%3B+DROP")
    assert response.status_code == 200
    assert "Det finns inget sådant urval" in response.content.decode()


@pytest.fixture
def rep_client(signed: None, representative: User) -> Client:
    return client_for(representative)


@pytest.fixture
def other_client(signed: None, other_representative: User) -> Client:
    return client_for(other_representative)


@pytest.fixture
def reviewer_client(give_mfa, person_for) -> Client:
    return client_for(person_for("working_group_mfa"))


class TestProposing:
    url = "/overenskommelsen/forslag/nytt/"

    def test_choose_a_part_then_write_beside_the_current_wording(
        self, rep_client: Client, organisation: Organisation
    ) -> None:
        response = rep_client.get(self.url)
        assert response.status_code == 200
        assert 'name="del"' in response.content.decode()
        response = rep_client.get(self.url, {"del": "action:1:1"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "Nuvarande lydelse" in page
        current = response.context["part"].text
        assert response.context["form"].initial["proposed_text"] == current
        response = rep_client.post(
            self.url,
            {
                "del": "action:1:1",
                "organisation": str(organisation.pk),
                "proposed_text": "Parterna träffas varje kvartal.",
                "reason": "Oftare är bättre.",
            },
        )
        proposal = RevisionProposal.objects.get()
        assert response.status_code == 302
        assert response["Location"] == proposal.get_absolute_url()
        assert proposal.status == "pending"
        page = rep_client.get(proposal.get_absolute_url()).content.decode()
        assert "väntar på arbetsgruppens granskning" in page
        assert "<ins>" in page and "<del>" in page

    @pytest.mark.parametrize(
        "key", ["action:1:99", "principle:9", "'; DROP TABLE x;--", "a" * 9999]
    )
    def test_a_part_that_does_not_exist_is_a_clear_400(self, rep_client: Client, key: str) -> None:
        response = rep_client.get(self.url, {"del": key})
        assert response.status_code == 400
        assert "Delen finns inte i den gällande versionen" in response.content.decode()
        response = rep_client.post(
            self.url, {"del": key, "proposed_text": "Ny text.", "reason": "Skäl."}
        )
        assert response.status_code == 400
        assert not RevisionProposal.objects.exists()

    def test_a_post_without_a_part_is_a_400(self, rep_client: Client) -> None:
        response = rep_client.post(self.url, {"proposed_text": "Ny text.", "reason": "Skäl."})
        assert response.status_code == 400
        assert "Välj vilken del förslaget gäller" in response.content.decode()

    def test_an_over_long_proposal_keeps_the_text(
        self, rep_client: Client, organisation: Organisation
    ) -> None:
        text = "Mycket lång text. " * 400
        response = rep_client.post(
            self.url,
            {
                "del": "goal:1",
                "organisation": str(organisation.pk),
                "proposed_text": text,
                "reason": "Skäl.",
            },
        )
        page = response.content.decode()
        assert response.status_code == 400
        assert "Förslaget är för långt" in page
        assert "Mycket lång text. Mycket lång text." in page
        assert "maxlength" not in page.split('name="proposed_text"')[1].split(">")[0]
        assert not RevisionProposal.objects.exists()

    def test_a_tampered_organisation_is_refused(
        self, rep_client: Client, other_organisation: Organisation
    ) -> None:
        for value in (str(other_organisation.pk), "999999", "arbetsgruppen", "x"):
            response = rep_client.post(
                self.url,
                {
                    "del": "goal:1",
                    "organisation": value,
                    "proposed_text": "Nytt mål.",
                    "reason": "Skäl.",
                },
            )
            assert response.status_code == 400
            assert "Välj en av de organisationer du företräder" in response.content.decode()
        assert not RevisionProposal.objects.exists()


class TestSupportAndComment:
    def test_another_organisation_supports_once(
        self,
        public: RevisionProposal,
        other_client: Client,
        other_organisation: Organisation,
    ) -> None:
        url = reverse("agreements:proposal_support", args=[public.pk])
        page = other_client.get(public.get_absolute_url()).content.decode()
        assert "Stöd förslaget" in page
        response = other_client.post(url, {"organisation": str(other_organisation.pk)})
        assert response.status_code == 302
        assert public.supports.count() == 1
        response = other_client.post(url, {"organisation": str(other_organisation.pk)})
        assert response.status_code == 400
        assert "Välj en av de organisationer" in response.content.decode() or (
            "stödjer redan" in response.content.decode()
        )
        assert public.supports.count() == 1

    def test_a_support_twice_in_a_race_says_so(
        self, public: RevisionProposal, other_client: Client, other_organisation: Organisation
    ) -> None:
        public.supports.create(organisation=other_organisation)
        from agreements.services.proposals import proposal_support

        response = other_client.post(
            reverse("agreements:proposal_support", args=[public.pk]),
            {"organisation": str(other_organisation.pk)},
        )
        assert response.status_code == 400
        assert public.supports.count() == 1
        assert proposal_support  # the service refuses the second one too (test_proposal_services)

    def test_the_proposing_organisation_sees_no_support_form(
        self, public: RevisionProposal, rep_client: Client, organisation: Organisation
    ) -> None:
        page = rep_client.get(public.get_absolute_url()).content.decode()
        assert "Stöd förslaget</button>" not in page
        response = rep_client.post(
            reverse("agreements:proposal_support", args=[public.pk]),
            {"organisation": str(organisation.pk)},
        )
        assert response.status_code == 400
        assert not public.supports.exists()

    def test_support_for_a_hidden_or_missing_proposal_is_404(
        self, pending: RevisionProposal, other_client: Client, other_organisation: Organisation
    ) -> None:
        for pk in (pending.pk, 987654):
            response = other_client.post(
                reverse("agreements:proposal_support", args=[pk]),
                {"organisation": str(other_organisation.pk)},
            )
            assert response.status_code == 404

    def test_comment_and_over_long_comment(
        self, public: RevisionProposal, other_client: Client, other_organisation: Organisation
    ) -> None:
        url = reverse("agreements:proposal_comment", args=[public.pk])
        response = other_client.post(
            url, {"organisation": str(other_organisation.pk), "text": "x" * 2001}
        )
        assert response.status_code == 400
        assert "Kommentaren är för lång" in response.content.decode()
        response = other_client.post(
            url, {"organisation": str(other_organisation.pk), "text": "Vi håller med."}
        )
        assert response.status_code == 302
        assert public.comments.filter(text="Vi håller med.").exists()

    def test_an_outsider_cannot_comment(self, public: RevisionProposal, signed: None) -> None:
        client = client_for(UserFactory())
        response = client.post(
            reverse("agreements:proposal_comment", args=[public.pk]), {"text": "Hej"}
        )
        assert response.status_code == 403
        assert public.comments.count() == 1


class TestWorkingGroup:
    def test_check_and_answer(
        self, pending: RevisionProposal, reviewer_client: Client, client: Client
    ) -> None:
        check = reverse("agreements:proposal_check", args=[pending.pk])
        answer = reverse("agreements:proposal_answer", args=[pending.pk])
        response = reviewer_client.post(check, {"decision": "hide"})
        assert response.status_code == 400
        assert "Skriv varför förslaget döljs" in response.content.decode()
        response = reviewer_client.post(answer, {"answer": "include"})
        assert response.status_code == 400
        assert "inte publicerat" in response.content.decode()
        assert reviewer_client.post(check, {"decision": "publish"}).status_code == 302
        response = reviewer_client.post(answer, {"answer": "reject", "answer_reason": ""})
        assert response.status_code == 400
        assert "Skriv varför förslaget avslås" in response.content.decode()
        response = reviewer_client.post(answer, {"answer": "conference", "conference": "99999"})
        assert response.status_code == 400
        assert "Konferensen finns inte" in response.content.decode()
        response = reviewer_client.post(answer, {"answer": "maybe"})
        assert response.status_code == 400
        assert "Välj ett av svaren" in response.content.decode()
        response = reviewer_client.post(
            answer, {"answer": "reject", "answer_reason": "Det står redan i princip 2."}
        )
        assert response.status_code == 302
        page = client.get(pending.get_absolute_url()).content.decode()
        assert "Avslås" in page and "Det står redan i princip 2." in page

    def test_hide_a_comment(self, public: RevisionProposal, reviewer_client: Client) -> None:
        comment = public.comments.get()
        url = reverse("agreements:proposal_comment_moderate", args=[comment.pk])
        response = reviewer_client.post(url, {"action": "hide", "reason": ""})
        assert response.status_code == 400
        assert "Skriv varför kommentaren döljs" in response.content.decode()
        assert reviewer_client.post(url, {"action": "hide", "reason": "Namn."}).status_code == 302
        comment.refresh_from_db()
        assert comment.hidden
        page = Client().get(public.get_absolute_url()).content.decode()
        assert "En första kommentar." not in page
        assert reviewer_client.post(url, {"action": "unhide"}).status_code == 302

    def test_tampered_ids_are_404(self, reviewer_client: Client, signed: None) -> None:
        for name in ("proposal_review", "proposal_check", "proposal_answer"):
            response = reviewer_client.post(reverse(f"agreements:{name}", args=[424242]), {})
            assert response.status_code in (404, 405)
        response = reviewer_client.post(
            reverse("agreements:proposal_comment_moderate", args=[424242]), {}
        )
        assert response.status_code == 404


def test_queue_query_count(
    reviewer_client: Client, signed: None, django_assert_max_num_queries
) -> None:
    RevisionProposalFactory.create_batch(5)
    RevisionProposalFactory.create_batch(5, status="pending")
    with django_assert_max_num_queries(20):
        response = reviewer_client.get(reverse("agreements:proposal_queue"))
    assert response.status_code == 200


def test_list_query_count(client: Client, signed: None, django_assert_max_num_queries) -> None:
    RevisionProposalFactory.create_batch(10)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("agreements:proposal_list"))
    assert response.status_code == 200


def test_detail_query_count_does_not_grow_with_comments_and_supports(
    public: RevisionProposal, client: Client, django_assert_max_num_queries
) -> None:
    from tests.factories import OrganisationFactory

    for number in range(10):
        organisation = OrganisationFactory()
        public.supports.create(organisation=organisation)
        public.comments.create(text=f"Kommentar {number}", organisation=organisation)
    # the proposal, its comments, its supports (no session for a visitor)
    with django_assert_max_num_queries(4):
        response = client.get(public.get_absolute_url())
    assert response.content.decode().count("Kommentar ") == 10


def test_the_pages_in_english(public: RevisionProposal, client: Client) -> None:
    page = client.get("/en/overenskommelsen/forslag/").content.decode()
    assert "Proposals to revise the agreement" in page
    detail = client.get(f"/en/overenskommelsen/forslag/{public.pk}/")
    assert detail.status_code == 200
    assert "Proposed wording" in detail.content.decode()

"""Revision proposals: the service layer, the rules and the database constraints."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements import rules
from agreements.conferences import ConferenceRef
from agreements.models import AgreementVersion, Organisation, RevisionProposal
from agreements.proposal_parts import proposal_part, proposal_parts
from agreements.selectors import agreement_document
from agreements.selectors import proposals as selectors
from agreements.services import proposals as services
from agreements.services import version_adopt, version_copy
from hok.models import User
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    RevisionProposalFactory,
    SignatureFactory,
    UserFactory,
    WorkingGroupUserFactory,
)

pytestmark = pytest.mark.django_db

CONFERENCE = ConferenceRef(id=41, name="Samverkanskonferens 2026", date=None, url="")  # type: ignore[arg-type]
NEW_TEXT = "Parterna träffas varje kvartal för att följa upp överenskommelsen."


@pytest.fixture
def signatory(seed: AgreementVersion, organisation: Organisation, representative: User):
    SignatureFactory(organisation=organisation, signed_by=representative, approved=True)
    return organisation


@pytest.fixture
def other_signatory(seed: AgreementVersion, other_organisation, other_representative):
    SignatureFactory(organisation=other_organisation, signed_by=other_representative, approved=True)
    return other_organisation


@pytest.fixture
def reviewer(give_mfa) -> User:
    person = WorkingGroupUserFactory()
    give_mfa(person)
    return person


def _submit(by: User, organisation: Organisation | None, **overrides: str) -> RevisionProposal:
    values = {"part_key": "action:1:1", "proposed_text": NEW_TEXT, "reason": "Oftare är bättre."}
    values.update(overrides)
    return services.proposal_submit(by=by, organisation=organisation, **values)


class TestParts:
    def test_every_part_of_the_seed_has_a_key_and_new_parts_are_offered(self, seed) -> None:
        document = agreement_document()
        keys = [part.key for part in proposal_parts(document)]
        assert "section:inledning" in keys or any(k.startswith("section:") for k in keys)
        assert "principle:1" in keys
        assert "action:1:1" in keys
        assert "responsibility:1:1" in keys
        assert "goal:1" in keys
        assert {"new-action:1", "new-goal", "new-principle", "new-section"} <= set(keys)
        assert len(keys) == len(set(keys))

    @pytest.mark.parametrize(
        "key", ["action:1:99", "goal:0", "principle:42", "x" * 500, "", "section:<script>"]
    )
    def test_a_part_that_does_not_exist_is_none(self, seed, key: str) -> None:
        assert proposal_part(agreement_document(), key) is None


class TestSubmit:
    def test_a_representative_of_a_signatory_proposes(
        self, signatory, representative, django_capture_on_commit_callbacks, mailoutbox
    ) -> None:
        reviewer = WorkingGroupUserFactory(email="greta@region.example.se")
        with django_capture_on_commit_callbacks(execute=True):
            proposal = _submit(representative, signatory)
        assert proposal.status == RevisionProposal.Status.PENDING
        assert proposal.source == RevisionProposal.Source.ORGANISATION
        assert proposal.part_label == "Princip 1, åtgärd 1"
        assert proposal.current_text == agreement_document().principles[0].actions.all()[0].text
        assert proposal.version.is_current
        to_reviewer = [m for m in mailoutbox if m.to == [reviewer.email]]
        assert len(to_reviewer) == 1
        assert "väntar på granskning" in to_reviewer[0].body

    def test_an_unsigned_organisation_cannot_propose(
        self, seed, organisation, representative
    ) -> None:
        with pytest.raises(ValidationError, match="undertecknat"):
            _submit(representative, organisation)
        assert not RevisionProposal.objects.exists()

    def test_someone_elses_organisation_cannot_be_named(
        self, signatory, other_representative
    ) -> None:
        with pytest.raises(ValidationError, match="företräder"):
            _submit(other_representative, signatory)

    def test_the_working_group_proposes_as_itself(self, seed, reviewer) -> None:
        proposal = _submit(reviewer, None, part_key="new-goal")
        assert proposal.source == RevisionProposal.Source.WORKING_GROUP
        assert proposal.current_text == ""
        assert proposal.is_new_part

    def test_a_representative_must_name_an_organisation(self, signatory, representative) -> None:
        with pytest.raises(ValidationError, match="Välj den organisation"):
            _submit(representative, None)

    @pytest.mark.parametrize("key", ["action:1:99", "principle:7", "new-action:9", "x" * 300])
    def test_a_part_that_does_not_exist_is_refused(
        self, signatory, representative, key: str
    ) -> None:
        with pytest.raises(ValidationError) as error:
            _submit(representative, signatory, part_key=key)
        assert error.value.messages == [
            "Delen finns inte i den gällande versionen. Välj en del i listan."
        ]

    def test_an_over_long_proposal_is_refused_with_the_numbers(
        self, signatory, representative
    ) -> None:
        with pytest.raises(ValidationError) as error:
            _submit(representative, signatory, proposed_text="a" * 5001)
        (message,) = error.value.messages
        assert " ".join(message.split()) == (
            "Förslaget är för långt: högst 5 000 tecken (det har 5 001). Det du skrev finns kvar."
        )

    def test_the_same_wording_is_no_proposal(self, signatory, representative) -> None:
        current = proposal_part(agreement_document(), "action:1:1").text
        with pytest.raises(ValidationError, match="densamma"):
            _submit(representative, signatory, proposed_text=f"  {current}\r\n")

    def test_a_reason_is_required(self, signatory, representative) -> None:
        with pytest.raises(ValidationError, match="varför"):
            _submit(representative, signatory, reason="   ")


class TestCheckAndAnswer:
    def test_publish_then_answer(self, seed, reviewer) -> None:
        proposal = RevisionProposalFactory(status=RevisionProposal.Status.PENDING)
        services.proposal_publish(proposal=proposal, by=reviewer)
        proposal.refresh_from_db()
        assert proposal.status == RevisionProposal.Status.PUBLIC
        assert proposal.checked_by == reviewer
        services.proposal_answer(
            proposal=proposal, by=reviewer, answer="conference", conference=CONFERENCE
        )
        proposal.refresh_from_db()
        assert proposal.answer_conference_id == 41
        assert proposal.answer_conference_name == "Samverkanskonferens 2026"
        assert list(selectors.proposals_for_conference(conference_id=41)) == [proposal]
        services.proposal_answer(proposal=proposal, by=reviewer, answer="include")
        proposal.refresh_from_db()
        assert proposal.answer == "include"
        assert proposal.answer_conference_id is None
        assert proposal.history.count() == 4

    def test_hiding_needs_a_reason(self, seed, reviewer) -> None:
        proposal = RevisionProposalFactory(status=RevisionProposal.Status.PENDING)
        with pytest.raises(ValidationError, match="varför"):
            services.proposal_hide(proposal=proposal, by=reviewer, reason=" ")
        services.proposal_hide(proposal=proposal, by=reviewer, reason="Innehåller ett namn.")
        proposal.refresh_from_db()
        assert proposal.status == "hidden"
        assert not selectors.proposals_public().filter(pk=proposal.pk).exists()

    def test_a_rejection_needs_a_reason(self, seed, reviewer) -> None:
        proposal = RevisionProposalFactory()
        with pytest.raises(ValidationError, match="avslås"):
            services.proposal_answer(proposal=proposal, by=reviewer, answer="reject")
        services.proposal_answer(
            proposal=proposal, by=reviewer, answer="reject", reason="Det står redan i princip 2."
        )
        proposal.refresh_from_db()
        assert proposal.answer == "reject"
        assert proposal.is_settled

    def test_a_conference_answer_names_a_conference(self, seed, reviewer) -> None:
        proposal = RevisionProposalFactory()
        with pytest.raises(ValidationError, match="konferens"):
            services.proposal_answer(proposal=proposal, by=reviewer, answer="conference")

    def test_a_pending_proposal_cannot_be_answered(self, seed, reviewer) -> None:
        proposal = RevisionProposalFactory(status=RevisionProposal.Status.PENDING)
        with pytest.raises(ValidationError, match="inte publicerat"):
            services.proposal_answer(proposal=proposal, by=reviewer, answer="include")

    def test_only_the_working_group_with_two_factor_reviews(self, seed) -> None:
        proposal = RevisionProposalFactory(status=RevisionProposal.Status.PENDING)
        for person in (UserFactory(), WorkingGroupUserFactory()):
            with pytest.raises(ValidationError):
                services.proposal_publish(proposal=proposal, by=person)
            with pytest.raises(ValidationError):
                services.proposal_answer(proposal=proposal, by=person, answer="include")


class TestSupportAndComment:
    def test_one_support_per_organisation(
        self, signatory, other_signatory, other_representative
    ) -> None:
        proposal = RevisionProposalFactory(organisation=signatory)
        services.proposal_support(
            proposal=proposal, organisation=other_signatory, by=other_representative
        )
        colleague = UserFactory()
        MembershipFactory(organisation=other_signatory, user=colleague)
        with pytest.raises(ValidationError) as error:
            services.proposal_support(proposal=proposal, organisation=other_signatory, by=colleague)
        assert error.value.messages == ["Stiftelsen Skogsbrynet stödjer redan förslaget."]
        assert proposal.supports.count() == 1

    def test_the_proposing_organisation_does_not_support_itself(
        self, signatory, representative
    ) -> None:
        proposal = RevisionProposalFactory(organisation=signatory)
        with pytest.raises(ValidationError, match="inte kan stödja"):
            services.proposal_support(proposal=proposal, organisation=signatory, by=representative)

    def test_an_unsigned_or_foreign_organisation_cannot_support(
        self, signatory, other_organisation, other_representative, representative
    ) -> None:
        proposal = RevisionProposalFactory()
        with pytest.raises(ValidationError):
            services.proposal_support(
                proposal=proposal, organisation=other_organisation, by=other_representative
            )
        with pytest.raises(ValidationError):
            services.proposal_support(
                proposal=proposal, organisation=signatory, by=other_representative
            )

    def test_a_settled_or_unchecked_proposal_takes_no_support(
        self, other_signatory, other_representative
    ) -> None:
        for proposal in (
            RevisionProposalFactory(status=RevisionProposal.Status.PENDING),
            RevisionProposalFactory(answer="reject", answer_reason="Nej."),
        ):
            with pytest.raises(ValidationError):
                services.proposal_support(
                    proposal=proposal, organisation=other_signatory, by=other_representative
                )

    def test_comments_are_public_and_can_be_hidden(
        self, other_signatory, other_representative, reviewer
    ) -> None:
        proposal = RevisionProposalFactory()
        comment = services.proposal_comment(
            proposal=proposal,
            by=other_representative,
            organisation=other_signatory,
            text="  Bra förslag!\r\n",
        )
        assert comment.text == "Bra förslag!"
        with pytest.raises(ValidationError, match="varför"):
            services.proposal_comment_hide(comment=comment, by=reviewer, reason="")
        services.proposal_comment_hide(comment=comment, by=reviewer, reason="Personangrepp.")
        comment.refresh_from_db()
        assert comment.hidden
        services.proposal_comment_unhide(comment=comment, by=reviewer)
        comment.refresh_from_db()
        assert not comment.hidden and comment.hidden_reason == ""

    def test_an_over_long_comment_is_refused(self, other_signatory, other_representative) -> None:
        proposal = RevisionProposalFactory()
        with pytest.raises(ValidationError) as error:
            services.proposal_comment(
                proposal=proposal,
                by=other_representative,
                organisation=other_signatory,
                text="å" * 2001,
            )
        assert "högst 2\xa0000 tecken (den har 2\xa0001)" in error.value.messages[0]


class TestFromNote:
    def test_a_note_becomes_one_public_proposal(self, seed, reviewer) -> None:
        proposal = services.proposal_from_note(
            by=reviewer,
            note_id=7,
            conference=CONFERENCE,
            part_key="new-goal",
            proposed_text="Fler unga deltar i föreningslivet.",
            reason="Förslag från bord 4.",
        )
        assert proposal.status == "public"
        assert proposal.source == "conference"
        assert proposal.proposed_by is None
        assert list(selectors.proposals_from_conference(conference_id=41)) == [proposal]
        with pytest.raises(ValidationError, match="redan gjord"):
            services.proposal_from_note(
                by=reviewer,
                note_id=7,
                conference=CONFERENCE,
                part_key="new-goal",
                proposed_text="Något annat.",
                reason="Igen.",
            )


class TestAdoption:
    def test_a_new_version_takes_in_the_included_proposals_and_mails_their_authors(
        self, seed, reviewer, django_capture_on_commit_callbacks, mailoutbox
    ) -> None:
        author = UserFactory(email="rut@kustlaget.example.se")
        included = RevisionProposalFactory(proposed_by=author, answer="include")
        rejected = RevisionProposalFactory(answer="reject", answer_reason="Nej.")
        open_one = RevisionProposalFactory()
        draft = version_copy(source=seed)
        with django_capture_on_commit_callbacks(execute=True):
            version_adopt(version=draft, adopted_on=None, by=None)
        included.refresh_from_db()
        rejected.refresh_from_db()
        open_one.refresh_from_db()
        assert included.included_in == draft
        assert rejected.included_in is None and open_one.included_in is None
        assert list(selectors.proposals_included_in(version=draft)) == [included]
        to_author = [m for m in mailoutbox if m.to == [author.email]]
        assert len(to_author) == 1
        assert "version 2" in to_author[0].subject
        assert f"/overenskommelsen/forslag/{included.pk}/" in to_author[0].body
        assert not rules.can_answer_proposal(reviewer, included)


class TestConstraints:
    def test_a_second_support_of_one_organisation_is_impossible(self, seed) -> None:
        proposal = RevisionProposalFactory()
        organisation = OrganisationFactory()
        proposal.supports.create(organisation=organisation)
        with pytest.raises(IntegrityError), transaction.atomic():
            proposal.supports.create(organisation=organisation)

    def test_a_rejection_without_reason_is_impossible(self, seed) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            RevisionProposalFactory(answer="reject", answer_reason="")

    def test_an_answered_pending_proposal_is_impossible(self, seed) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            RevisionProposalFactory(status="pending", answer="include")

    def test_an_over_long_text_is_impossible(self, seed) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            RevisionProposalFactory(proposed_text="a" * 5001)


class TestRules:
    @pytest.mark.parametrize(
        ("status", "who", "sees"),
        [
            ("public", "anonymous", True),
            ("pending", "anonymous", False),
            ("pending", "outsider", False),
            ("pending", "author", True),
            ("pending", "colleague", True),
            ("pending", "reviewer", True),
            ("hidden", "outsider", False),
            ("hidden", "author", True),
            ("hidden", "working_group_without_mfa", False),
        ],
    )
    def test_who_sees_a_proposal(self, seed, reviewer, status: str, who: str, sees: bool) -> None:
        from django.contrib.auth.models import AnonymousUser

        author = UserFactory()
        organisation = OrganisationFactory()
        MembershipFactory(organisation=organisation, user=author)
        colleague = UserFactory()
        MembershipFactory(organisation=organisation, user=colleague)
        proposal = RevisionProposalFactory(
            organisation=organisation,
            proposed_by=author,
            status=status,
            hidden_reason="Skäl." if status == "hidden" else "",
        )
        person = {
            "anonymous": AnonymousUser(),
            "outsider": UserFactory(),
            "author": author,
            "colleague": colleague,
            "reviewer": reviewer,
            "working_group_without_mfa": WorkingGroupUserFactory(),
        }[who]
        assert rules.can_view_proposal(person, proposal) is sees

    def test_who_may_propose(self, signatory, representative, reviewer) -> None:
        from django.contrib.auth.models import AnonymousUser

        assert rules.can_propose(representative)
        assert rules.can_propose(reviewer)
        assert not rules.can_propose(AnonymousUser())
        assert not rules.can_propose(UserFactory())
        assert not rules.can_propose(WorkingGroupUserFactory())


def test_the_personal_data_export_has_the_persons_proposals_supports_and_comments(
    signatory, other_signatory, representative, other_representative
) -> None:
    from agreements.selectors.personal_data import personal_data

    proposal = _submit(representative, signatory)
    proposal.status = RevisionProposal.Status.PUBLIC
    proposal.save()
    services.proposal_support(
        proposal=proposal, organisation=other_signatory, by=other_representative
    )
    services.proposal_comment(
        proposal=proposal, by=other_representative, organisation=other_signatory, text="Ja!"
    )
    mine = personal_data(user=representative)
    assert [p["proposed_text"] for p in mine["revision_proposals"]] == [NEW_TEXT]
    theirs = personal_data(user=other_representative)
    assert [s["organisation"] for s in theirs["revision_proposal_supports"]] == [
        "Stiftelsen Skogsbrynet"
    ]
    assert [c["text"] for c in theirs["revision_proposal_comments"]] == ["Ja!"]


@pytest.mark.parametrize(
    ("status", "answer", "support", "comment", "answerable"),
    [
        ("pending", "", False, False, False),
        ("hidden", "", False, False, False),
        ("public", "", True, True, True),
        ("public", "conference", True, True, True),
        ("public", "include", False, False, True),
        ("public", "reject", False, False, True),
    ],
)
def test_what_each_state_allows(
    other_signatory,
    other_representative,
    reviewer,
    status: str,
    answer: str,
    support: bool,
    comment: bool,
    answerable: bool,
) -> None:
    """The role × state matrix of rules.py for a representative of another signatory and for
    the working group."""
    proposal = RevisionProposalFactory(
        status=status,
        answer=answer,
        hidden_reason="Skäl." if status == "hidden" else "",
        answer_reason="Skäl." if answer == "reject" else "",
        answer_conference_id=41 if answer == "conference" else None,
    )
    assert rules.can_support_proposal(other_representative, proposal, other_signatory) is support
    assert rules.can_comment_proposal(other_representative, proposal) is comment
    assert rules.can_comment_proposal(reviewer, proposal) is comment
    assert rules.can_answer_proposal(reviewer, proposal) is answerable
    assert not rules.can_answer_proposal(other_representative, proposal)
    unsigned = UserFactory()
    assert not rules.can_comment_proposal(unsigned, proposal)


def test_the_part_label_is_stored_in_swedish_from_an_english_page(
    signatory, representative
) -> None:
    from django.utils import translation

    with translation.override("en"):
        proposal = _submit(representative, signatory)
    assert proposal.part_label == "Princip 1, åtgärd 1"

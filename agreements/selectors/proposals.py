"""Reads of revision proposals: the public list, one proposal, the working group's queue, and
what other apps show (a conference's proposals, the year's proposals for the report)."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from agreements.models import (
    AgreementVersion,
    Organisation,
    ProposalComment,
    ProposalSupport,
    RevisionProposal,
    Signature,
)
from hok.models import User

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class Supported(TypedDict):
    """What `_listed` annotates."""

    support_count: int


# Lazy (PEP 695), so WithAnnotations is needed by the type checker only.
type ListedProposal = WithAnnotations[RevisionProposal, Supported]

Status = RevisionProposal.Status
Answer = RevisionProposal.Answer


def signatory_organisations_of(*, user: User) -> QuerySet[Organisation]:
    """The organisations the user represents that have an approved signature."""
    approved = Signature.objects.filter(
        organisation=OuterRef("pk"), status=Signature.Status.APPROVED
    )
    return (
        Organisation.objects.filter(memberships__user=user)
        .filter(Exists(approved))
        .order_by("name")
    )


def _listed(proposals: QuerySet[RevisionProposal]) -> QuerySet[ListedProposal]:
    return proposals.select_related("organisation", "version", "included_in").annotate(
        support_count=Count("supports", distinct=True)
    )


def proposals_public(*, answer: str | None = None) -> QuerySet[ListedProposal]:
    """Checked proposals, newest first; `answer` narrows to one answer ("" = not answered)."""
    proposals = RevisionProposal.objects.filter(status=Status.PUBLIC)
    if answer is not None:
        proposals = proposals.filter(answer=answer)
    return _listed(proposals).order_by("-created_at", "-id")


def proposal_for_reading(*, pk: int) -> RevisionProposal | None:
    """One proposal with what its page shows (who may see it is rules.can_view_proposal's)."""
    comments = ProposalComment.objects.select_related("organisation", "hidden_by").order_by(
        "created_at", "id"
    )
    supports = ProposalSupport.objects.select_related("organisation").order_by("created_at", "id")
    return (
        RevisionProposal.objects.select_related(
            "organisation", "version", "included_in", "proposed_by", "checked_by", "answered_by"
        )
        .prefetch_related(
            Prefetch("comments", queryset=comments), Prefetch("supports", queryset=supports)
        )
        .filter(pk=pk)
        .first()
    )


def comment_by_id(*, pk: int) -> ProposalComment | None:
    return ProposalComment.objects.filter(pk=pk).first()


def proposals_for_review() -> dict[str, QuerySet[RevisionProposal]]:
    """The working group's queue: to check, to answer, waiting for a conference, answered."""
    base = _listed(RevisionProposal.objects.all())
    return {
        "pending": base.filter(status=Status.PENDING).order_by("created_at", "id"),
        "unanswered": base.filter(status=Status.PUBLIC, answer=Answer.NONE).order_by(
            "created_at", "id"
        ),
        "at_conference": base.filter(status=Status.PUBLIC, answer=Answer.CONFERENCE).order_by(
            "created_at", "id"
        ),
        "settled": base.filter(
            status=Status.PUBLIC, answer__in=[Answer.INCLUDE, Answer.REJECT]
        ).order_by("-answered_at", "-id"),
        "hidden": base.filter(status=Status.HIDDEN).order_by("-checked_at", "-id"),
    }


def proposals_pending_count() -> int:
    return RevisionProposal.objects.filter(status=Status.PENDING).count()


def proposals_of_user(*, user: User) -> QuerySet[ListedProposal]:
    """What the user proposed, or what their organisations did, whatever its state."""
    return _listed(
        RevisionProposal.objects.filter(
            Q(proposed_by=user) | Q(organisation__memberships__user=user)
        ).distinct()
    ).order_by("-created_at", "-id")


@dataclass(frozen=True)
class ConferenceProposals:
    to_answer: list[ListedProposal]  # to be answered at the conference
    made: list[ListedProposal]  # made from its notes (and not to be answered there)


def proposals_of_conference(*, conference_id: int) -> ConferenceProposals:
    """For a conference's page, in one query: the public proposals to be answered there and
    those made from its notes."""
    proposals = list(
        _listed(
            RevisionProposal.objects.filter(status=Status.PUBLIC).filter(
                Q(answer=Answer.CONFERENCE, answer_conference_id=conference_id)
                | Q(source_conference_id=conference_id)
            )
        ).order_by("created_at", "id")
    )
    to_answer = [
        p
        for p in proposals
        if p.answer == Answer.CONFERENCE and p.answer_conference_id == conference_id
    ]
    return ConferenceProposals(to_answer, [p for p in proposals if p not in to_answer])


def proposals_for_conference(*, conference_id: int) -> QuerySet[ListedProposal]:
    """The public proposals the working group will answer at a conference (for its page)."""
    return _listed(
        RevisionProposal.objects.filter(
            status=Status.PUBLIC, answer=Answer.CONFERENCE, answer_conference_id=conference_id
        )
    ).order_by("created_at", "id")


def proposals_from_conference(*, conference_id: int) -> QuerySet[ListedProposal]:
    """The public proposals made from a conference's notes."""
    return _listed(
        RevisionProposal.objects.filter(status=Status.PUBLIC, source_conference_id=conference_id)
    ).order_by("created_at", "id")


def proposals_included_in(*, version: AgreementVersion) -> QuerySet[RevisionProposal]:
    """The proposals a version took in (for the version's page and the comparison)."""
    return (
        RevisionProposal.objects.filter(included_in=version, status=Status.PUBLIC)
        .select_related("organisation")
        .order_by("created_at", "id")
    )


def proposals_included_between(*, old: int, new: int) -> QuerySet[RevisionProposal]:
    """The proposals the versions after `old` up to `new` took in (for the comparison)."""
    return (
        RevisionProposal.objects.filter(
            included_in__number__gt=old, included_in__number__lte=new, status=Status.PUBLIC
        )
        .select_related("organisation", "included_in")
        .order_by("included_in__number", "created_at", "id")
    )


def proposal_from_note(*, note_id: int) -> RevisionProposal | None:
    """The proposal the working group made from a conference note, if it did."""
    return RevisionProposal.objects.filter(source_note_id=note_id).first()


def proposals_of_year(*, year: int) -> QuerySet[ListedProposal]:
    """The public proposals made in `year`, with their answers (for the yearly report)."""
    return _listed(RevisionProposal.objects.filter(status=Status.PUBLIC, created_at__year=year))

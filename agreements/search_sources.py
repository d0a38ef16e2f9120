"""What the site search finds in this app (hok.searchable describes the interface): the text
of the agreement in force, the public signatories and their commitments, and the public
revision proposals with their answers (pending and hidden proposals never)."""

from collections.abc import Iterable

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from agreements import selectors
from agreements.models import Commitment, Organisation, RevisionProposal, Signature
from agreements.selectors import directory, proposals
from hok.searchable import Scopes, SearchDocument, SearchSource, whole_kind

WHOLE_AGREEMENT = "all"


def agreement_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    """The version in force: each section, each principle with its actions and
    responsibilities, and the goals. Earlier versions are on their own pages, not searched."""
    document = selectors.agreement_document()
    if document is None:
        return
    agreement_url = reverse("agreements:agreement_detail")
    for section in [*document.sections_before, *document.sections_after]:
        yield SearchDocument(
            scope=WHOLE_AGREEMENT,
            key=f"section:{section.slug}",
            title=section.heading,
            body=section.body,
            url=f"{agreement_url}#{section.slug}",
        )
    for principle in document.principles:
        parts = [principle.intro]
        parts += [action.text for action in principle.actions.all()]
        parts += [responsibility.text for responsibility in principle.responsibilities.all()]
        yield SearchDocument(
            scope=WHOLE_AGREEMENT,
            key=f"principle:{principle.slug}",
            title=str(principle),
            body="\n".join(parts),
            url=principle.get_absolute_url(),
        )
    if document.goals:
        yield SearchDocument(
            scope=WHOLE_AGREEMENT,
            key="goals",
            title=document.version.goals_heading,
            body="\n".join(goal.text for goal in document.goals),
            url=reverse("agreements:goals"),
        )


def _in_scopes[M: Model](queryset: QuerySet[M], field: str, scopes: Scopes) -> QuerySet[M]:
    if scopes is None:
        return queryset
    return queryset.filter(**{f"{field}__in": [int(scope) for scope in scopes]})


def organisation_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    """Public signatories (an approved signature): name, description, form, municipalities
    and areas, so "Varberg" or "kooperativ" finds them too."""
    organisations = _in_scopes(directory.signatories_public(), "pk", scopes).prefetch_related(
        "municipalities", "areas"
    )
    for organisation in organisations:
        details = [organisation.description, organisation.get_form_display()]
        details += [municipality.name for municipality in organisation.municipalities.all()]
        details += [area.name for area in organisation.areas.all()]
        yield SearchDocument(
            scope=str(organisation.pk),
            key=str(organisation.pk),
            title=organisation.name,
            body="\n".join(part for part in details if part),
            url=organisation.get_absolute_url(),
            is_name=True,
        )


def commitment_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    """Every commitment of a public signatory, titled with its organisation's name."""
    commitments = _in_scopes(directory.commitments_open_data(), "organisation_id", scopes)
    for commitment in commitments.iterator(chunk_size=2000):
        organisation = commitment.organisation
        yield SearchDocument(
            scope=str(organisation.pk),
            key=str(commitment.pk),
            title=f"{commitment.title} – {organisation.name}",
            body=commitment.description,
            url=f"{organisation.get_absolute_url()}#principle-{commitment.principle_id}",
        )


def proposal_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    """Checked proposals: the part they change, the proposed wording, the reason and, once the
    working group has answered, its answer."""
    public = _in_scopes(proposals.proposals_public(), "pk", scopes)
    for proposal in public.iterator(chunk_size=2000):
        parts = [proposal.proposed_text, proposal.reason]
        if proposal.answer:
            parts += [
                proposal.get_answer_display(),
                proposal.answer_conference_name,
                proposal.answer_reason,
            ]
        yield SearchDocument(
            scope=str(proposal.pk),
            key=str(proposal.pk),
            title=f"{proposal.part_label}: {Truncator(proposal.proposed_text).words(12)}",
            body="\n".join(part for part in parts if part),
            url=proposal.get_absolute_url(),
        )


def _proposal(proposal: RevisionProposal) -> list[str]:
    return [str(proposal.pk)]


def _organisation(organisation: Organisation) -> list[str]:
    return [str(organisation.pk)]


def _owner(row: Signature | Commitment) -> list[str]:
    return [str(row.organisation_id)]


SEARCH_SOURCES = [
    SearchSource(
        kind="agreement",
        label=_("Överenskommelsen"),
        order=10,
        documents=agreement_documents,
        watches=dict.fromkeys(
            [
                "agreements.AgreementVersion",
                "agreements.Section",
                "agreements.Principle",
                "agreements.Action",
                "agreements.Responsibility",
                "agreements.Goal",
            ],
            whole_kind,
        ),
    ),
    SearchSource(
        kind="organisation",
        label=_("Undertecknare"),
        order=20,
        documents=organisation_documents,
        # An approved, withdrawn or rejected signature shows or hides the organisation.
        watches={"agreements.Organisation": _organisation, "agreements.Signature": _owner},
    ),
    SearchSource(
        kind="commitment",
        label=_("Åtaganden"),
        order=30,
        documents=commitment_documents,
        watches={
            "agreements.Commitment": _owner,
            "agreements.Organisation": _organisation,
            "agreements.Signature": _owner,
        },
    ),
    SearchSource(
        kind="proposal",
        label=_("Förslag till revidering"),
        order=35,
        documents=proposal_documents,
        watches={"agreements.RevisionProposal": _proposal},
    ),
]

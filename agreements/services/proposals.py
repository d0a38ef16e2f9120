"""Revision proposals: made, checked, supported, commented on, answered and taken into a version.

Every function checks its own rule (rules.py) as well as the view does, so an admin action or
a tampered form cannot do what the page would not offer, and says why in Swedish.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from agreements import rules
from agreements.conferences import ConferenceRef
from agreements.generations import PROPOSALS
from agreements.models import (
    AgreementVersion,
    Organisation,
    ProposalComment,
    ProposalSupport,
    RevisionProposal,
)
from agreements.models.proposals import (
    ANSWER_REASON_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    HIDE_REASON_MAX_LENGTH,
    PROPOSED_TEXT_MAX_LENGTH,
    REASON_MAX_LENGTH,
)
from agreements.proposal_parts import ProposalPart, proposal_part
from agreements.selectors import agreement_document
from agreements.selectors.contacts import working_group_emails
from hok.audit import record_actor
from hok.generations import bump
from hok.mail import send_templated_mail
from hok.models import User
from hok.text import normalize_text, one_line_reason
from hok.utils import absolute_url

Status = RevisionProposal.Status
Answer = RevisionProposal.Answer


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def _text(value: str, *, maximum: int, empty: str, too_long: str, code: str) -> str:
    value = normalize_text(value)
    if not value:
        raise ValidationError(empty, code=code)
    if len(value) > maximum:
        raise ValidationError(
            too_long % {"max": _number(maximum), "count": _number(len(value))}, code=code
        )
    return value


def _part_of_version_in_force(part_key: str) -> tuple[AgreementVersion, ProposalPart]:
    document = agreement_document()
    if document is None:
        raise ValidationError(_("Det finns ingen gällande version att föreslå ändringar i."))
    # The part's label is stored, and stored in Swedish whatever language the page was in.
    with translation.override("sv"):
        part = proposal_part(document, part_key)
    if part is None:
        raise ValidationError(
            _("Delen finns inte i den gällande versionen. Välj en del i listan."), code="part"
        )
    return document.version, part


def _wording(part: ProposalPart, proposed_text: str, reason: str) -> tuple[str, str]:
    proposed_text = _text(
        proposed_text,
        maximum=PROPOSED_TEXT_MAX_LENGTH,
        empty=_("Skriv den lydelse ni föreslår."),
        too_long=_(
            "Förslaget är för långt: högst %(max)s tecken (det har %(count)s). Det du skrev "
            "finns kvar."
        ),
        code="proposed_text",
    )
    if proposed_text == normalize_text(part.text):
        raise ValidationError(
            _("Den föreslagna lydelsen är densamma som den nuvarande. Ändra texten."),
            code="proposed_text",
        )
    reason = _text(
        reason,
        maximum=REASON_MAX_LENGTH,
        empty=_("Skriv varför ni föreslår ändringen."),
        too_long=_("Motiveringen är för lång: högst %(max)s tecken (den har %(count)s)."),
        code="reason",
    )
    return proposed_text, reason


def _save(proposal: RevisionProposal, *, by: User, reason: str) -> RevisionProposal:
    record_actor(proposal, by=by, reason=reason)
    proposal.save()
    return proposal


@transaction.atomic
def proposal_submit(
    *,
    by: User,
    organisation: Organisation | None,
    part_key: str,
    proposed_text: str,
    reason: str,
) -> RevisionProposal:
    """A representative (for a signatory organisation) or the working group proposes a change
    to one part of the version in force. The working group checks it before it is public."""
    bump(PROPOSALS)
    if organisation is None:
        if not rules.can_review_proposals(by):
            raise ValidationError(
                _("Välj den organisation som står bakom förslaget."), code="organisation"
            )
        source = RevisionProposal.Source.WORKING_GROUP
    else:
        if not rules.can_propose_for(by, organisation):
            raise ValidationError(
                _(
                    "Du kan bara föreslå ändringar för en organisation som du företräder och "
                    "som har undertecknat överenskommelsen."
                ),
                code="organisation",
            )
        source = RevisionProposal.Source.ORGANISATION
    version, part = _part_of_version_in_force(part_key)
    proposed_text, reason = _wording(part, proposed_text, reason)
    proposal = RevisionProposal(
        version=version,
        part_key=part.key,
        part_label=part.label,
        current_text=part.text,
        proposed_text=proposed_text,
        reason=reason,
        source=source,
        organisation=organisation,
        proposed_by=by,
    )
    _save(proposal, by=by, reason="submitted")
    send_templated_mail(
        template="agreements/email/proposal_submitted",
        context={
            "proposal": proposal,
            "url": absolute_url(reverse("agreements:proposal_review", args=[proposal.pk])),
        },
        to=working_group_emails(),
    )
    return proposal


@transaction.atomic
def proposal_from_note(
    *,
    by: User,
    note_id: int,
    conference: ConferenceRef,
    part_key: str,
    proposed_text: str,
    reason: str,
) -> RevisionProposal:
    """The working group turns a conference note marked as a revision proposal into one.

    The working group has read it, so it is public at once. A note becomes one proposal only.
    """
    bump(PROPOSALS)
    if not rules.can_review_proposals(by):
        raise ValidationError(_("Bara arbetsgruppen kan göra förslag av anteckningar."))
    version, part = _part_of_version_in_force(part_key)
    proposed_text, reason = _wording(part, proposed_text, reason)
    now = timezone.now()
    proposal = RevisionProposal(
        version=version,
        part_key=part.key,
        part_label=part.label,
        current_text=part.text,
        proposed_text=proposed_text,
        reason=reason,
        source=RevisionProposal.Source.CONFERENCE,
        proposed_by=None,
        source_note_id=note_id,
        source_conference_id=conference.id,
        source_conference_name=conference.name[:200],
        status=Status.PUBLIC,
        checked_by=by,
        checked_at=now,
    )
    try:
        with transaction.atomic():
            _save(proposal, by=by, reason="from conference note")
    except IntegrityError as error:
        raise ValidationError(
            _("Anteckningen är redan gjord till ett förslag."), code="duplicate"
        ) from error
    return proposal


def _for_update(proposal: RevisionProposal) -> RevisionProposal:
    return RevisionProposal.objects.select_for_update().get(pk=proposal.pk)


@transaction.atomic
def proposal_publish(*, proposal: RevisionProposal, by: User) -> RevisionProposal:
    """The working group has checked the proposal: it is public from now on."""
    bump(PROPOSALS)
    if not rules.can_check_proposal(by, proposal):
        raise ValidationError(_("Bara arbetsgruppen granskar förslag."))
    proposal = _for_update(proposal)
    proposal.status = Status.PUBLIC
    proposal.hidden_reason = ""
    proposal.checked_by, proposal.checked_at = by, timezone.now()
    return _save(proposal, by=by, reason="published")


@transaction.atomic
def proposal_hide(*, proposal: RevisionProposal, by: User, reason: str) -> RevisionProposal:
    """Keep a proposal from the public, with a reason its authors can read."""
    bump(PROPOSALS)
    if not rules.can_check_proposal(by, proposal):
        raise ValidationError(_("Bara arbetsgruppen granskar förslag."))
    reason = one_line_reason(
        reason,
        maximum=HIDE_REASON_MAX_LENGTH,
        empty=_("Skriv varför förslaget döljs."),
        code="hidden_reason",
    )
    proposal = _for_update(proposal)
    if not rules.proposal_is_hideable(proposal):
        raise ValidationError(
            _("Ett besvarat förslag är en del av underlaget och kan inte döljas.")
        )
    proposal.status = Status.HIDDEN
    proposal.hidden_reason = reason
    proposal.checked_by, proposal.checked_at = by, timezone.now()
    return _save(proposal, by=by, reason="hidden")


@transaction.atomic
def proposal_answer(
    *,
    proposal: RevisionProposal,
    by: User,
    answer: str,
    reason: str = "",
    conference: ConferenceRef | None = None,
) -> RevisionProposal:
    """The working group's answer: taken into the next version, rejected (with a reason), or
    to be answered at a conference. It may change its answer until a version takes it in."""
    bump(PROPOSALS)
    proposal = _for_update(proposal)
    if not rules.can_answer_proposal(by, proposal):
        raise ValidationError(
            _("Förslaget kan inte besvaras: det är inte publicerat, eller redan med i en version.")
        )
    if answer not in (Answer.INCLUDE, Answer.REJECT, Answer.CONFERENCE):
        raise ValidationError(_("Välj ett av svaren."), code="answer")
    reason = normalize_text(reason)
    if len(reason) > ANSWER_REASON_MAX_LENGTH:
        raise ValidationError(
            _("Motiveringen är för lång: högst %(max)s tecken (den har %(count)s).")
            % {"max": _number(ANSWER_REASON_MAX_LENGTH), "count": _number(len(reason))},
            code="answer_reason",
        )
    if answer == Answer.REJECT and not reason:
        raise ValidationError(_("Skriv varför förslaget avslås."), code="answer_reason")
    if answer == Answer.CONFERENCE and conference is None:
        raise ValidationError(
            _("Välj den konferens där förslaget ska besvaras."), code="conference"
        )
    proposal.answer = answer
    proposal.answer_reason = reason
    on_conference = conference if answer == Answer.CONFERENCE else None
    proposal.answer_conference_id = on_conference.id if on_conference else None
    proposal.answer_conference_name = on_conference.name[:200] if on_conference else ""
    proposal.answered_by, proposal.answered_at = by, timezone.now()
    return _save(proposal, by=by, reason=f"answered: {answer}")


@transaction.atomic
def proposal_support(
    *, proposal: RevisionProposal, organisation: Organisation, by: User
) -> ProposalSupport:
    """Another signatory organisation backs the proposal, once."""
    bump(PROPOSALS)
    if proposal.organisation_id == organisation.pk:
        raise ValidationError(
            _("Förslaget kommer från %(name)s, som därför inte kan stödja det en gång till.")
            % {"name": organisation.name},
            code="organisation",
        )
    if not rules.can_support_proposal(by, proposal, organisation):
        raise ValidationError(
            _(
                "Det går inte att stödja förslaget för %(name)s: förslaget är avgjort, eller så "
                "företräder du inte en undertecknande organisation med det namnet."
            )
            % {"name": organisation.name},
            code="organisation",
        )
    try:
        with transaction.atomic():
            return ProposalSupport.objects.create(
                proposal=proposal, organisation=organisation, supported_by=by
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s stödjer redan förslaget.") % {"name": organisation.name},
            code="duplicate",
        ) from error


@transaction.atomic
def proposal_comment(
    *, proposal: RevisionProposal, by: User, organisation: Organisation | None, text: str
) -> ProposalComment:
    """A comment, public at once on a public proposal; the working group may hide it."""
    bump(PROPOSALS)
    if not rules.can_comment_proposal(by, proposal):
        raise ValidationError(_("Du kan inte kommentera det här förslaget."))
    if organisation is not None and not rules.is_member(by, organisation):
        raise ValidationError(_("Du företräder inte den organisationen."), code="organisation")
    if organisation is None and not rules.can_review_proposals(by):
        raise ValidationError(_("Välj den organisation du skriver för."), code="organisation")
    text = _text(
        text,
        maximum=COMMENT_MAX_LENGTH,
        empty=_("Skriv en kommentar innan du skickar."),
        too_long=_(
            "Kommentaren är för lång: högst %(max)s tecken (den har %(count)s). Det du skrev "
            "finns kvar."
        ),
        code="text",
    )
    return ProposalComment.objects.create(
        proposal=proposal, author=by, organisation=organisation, text=text
    )


@transaction.atomic
def proposal_comment_hide(*, comment: ProposalComment, by: User, reason: str) -> ProposalComment:
    bump(PROPOSALS)
    if not rules.can_moderate_comment(by, comment):
        raise ValidationError(_("Bara arbetsgruppen modererar kommentarer."))
    reason = one_line_reason(
        reason,
        maximum=HIDE_REASON_MAX_LENGTH,
        empty=_("Skriv varför kommentaren döljs."),
        code="reason",
    )
    comment.hidden, comment.hidden_reason, comment.hidden_by = True, reason, by
    comment.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    return comment


@transaction.atomic
def proposal_comment_unhide(*, comment: ProposalComment, by: User) -> ProposalComment:
    bump(PROPOSALS)
    if not rules.can_moderate_comment(by, comment):
        raise ValidationError(_("Bara arbetsgruppen modererar kommentarer."))
    comment.hidden, comment.hidden_reason, comment.hidden_by = False, "", None
    comment.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    return comment


def proposals_take_into(*, version: AgreementVersion, by: User | None) -> list[RevisionProposal]:
    """On adoption: link the proposals answered "tas med i nästa version" to the new version and
    tell their authors. Runs inside version_adopt's transaction. `by` adopted the version (None
    when the seed is loaded): each proposal's history row names them."""
    bump(PROPOSALS)
    proposals = list(
        RevisionProposal.objects.select_for_update(of=("self",))
        .filter(
            status=Status.PUBLIC,
            answer=Answer.INCLUDE,
            included_in__isnull=True,
            version__number__lt=version.number,
        )
        .select_related("proposed_by")
    )
    if not proposals:
        return []
    for proposal in proposals:
        # One save per proposal (not a bulk update): each writes its history row with the actor.
        proposal.included_in = version
        record_actor(proposal, by=by, reason=f"taken into version {version.number}")
        proposal.save(update_fields=["included_in"])
    page = absolute_url(version.get_absolute_url())
    for proposal in proposals:
        author = proposal.proposed_by
        if author is None or not author.email or not author.is_active:
            continue
        send_templated_mail(
            template="agreements/email/proposal_included",
            context={
                "proposal": proposal,
                "version": version,
                "proposal_url": absolute_url(proposal.get_absolute_url()),
                "version_url": page,
            },
            to=[author.email],
        )
    return proposals

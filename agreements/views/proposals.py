"""Revision proposals: the public list and page, making one, supporting and commenting, and the
working group's queue, check, answer and comment moderation."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import rules
from agreements.access import (
    comment_for_moderator,
    proposal_for_reviewer,
    proposal_for_viewer,
    proposers_only,
    reviewers_only,
)
from agreements.conferences import conference_by_id, conferences
from agreements.forms.proposals import (
    AnswerForm,
    CheckForm,
    CommentForm,
    HideCommentForm,
    PartChoiceForm,
    ProposalForm,
    SupportForm,
)
from agreements.generations import AGREEMENT, PROPOSALS
from agreements.models import Organisation, RevisionProposal
from agreements.proposal_parts import proposal_diff, proposal_part, proposal_parts
from agreements.selectors import agreement_document
from agreements.selectors import proposals as selectors
from agreements.services import proposals as services
from hok.access import refuse
from hok.http import AuthenticatedHttpRequest
from hok.models import User
from hok.page_cache import cached_public_page
from hok.submissions import once_per_submission
from hok.utils import add_service_errors, form_status

ANSWER_FILTERS = {
    "obesvarade": RevisionProposal.Answer.NONE,
    "tas-med": RevisionProposal.Answer.INCLUDE,
    "avslagna": RevisionProposal.Answer.REJECT,
    "konferens": RevisionProposal.Answer.CONFERENCE,
}


def _signatories(user: User | AnonymousUser) -> list[Organisation]:
    if not user.is_authenticated:
        return []
    return list(selectors.signatory_organisations_of(user=user))


# --- public -----------------------------------------------------------------------------------


@cached_public_page(PROPOSALS)
def proposal_list(request: HttpRequest) -> HttpResponse:
    shown = request.GET.get("svar", "")
    if shown and shown not in ANSWER_FILTERS:
        messages.warning(request, _("Det finns inget sådant urval. Alla förslag visas."))
        shown = ""
    proposals = selectors.proposals_public(answer=ANSWER_FILTERS.get(shown))
    context = {
        "proposals": proposals,
        "shown": shown,
        "filters": ANSWER_FILTERS,
        "can_propose": rules.can_propose(request.user),
        "own": selectors.proposals_of_user(user=request.user)
        if request.user.is_authenticated
        else [],
    }
    return render(request, "agreements/proposals/list.html", context)


def _detail_context(
    request: HttpRequest,
    proposal: RevisionProposal,
    *,
    support_form: SupportForm | None = None,
    comment_form: CommentForm | None = None,
) -> dict[str, Any]:
    user = request.user
    organisations = _signatories(user)
    supporting = {s.organisation_id for s in proposal.supports.all()}
    may_support = [
        o for o in organisations if o.pk not in supporting and o.pk != proposal.organisation_id
    ]
    can_comment = rules.can_comment_proposal(user, proposal)
    reviewer = rules.can_review_proposals(user)
    if (
        support_form is None
        and may_support
        and rules.can_support_proposal(user, proposal, may_support[0])
    ):
        support_form = SupportForm(organisations=may_support, auto_id="support-%s")
    if comment_form is None and can_comment:
        comment_form = CommentForm(
            organisations=organisations, working_group=reviewer, auto_id="comment-%s"
        )
    return {
        "proposal": proposal,
        "diff": proposal_diff(
            current_text=proposal.current_text, proposed_text=proposal.proposed_text
        ),
        "supports": list(proposal.supports.all()),
        "comments": [c for c in proposal.comments.all() if reviewer or not c.hidden],
        "support_form": support_form,
        "comment_form": comment_form if can_comment else None,
        "own_organisations_supporting": [o for o in organisations if o.pk in supporting],
        "is_reviewer": reviewer,
        "conference": conference_by_id(proposal.answer_conference_id),
    }


@cached_public_page(AGREEMENT, PROPOSALS)
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_viewer(request.user, pk)
    return render(request, "agreements/proposals/detail.html", _detail_context(request, proposal))


@once_per_submission
@proposers_only
def proposal_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step one (no `del`): choose the part. Step two: the wording beside the current one."""
    document = agreement_document()
    if document is None:
        raise Http404
    parts = proposal_parts(document)
    # Step two is asked for by a part in the address; a POST always names one (or is refused).
    asked = request.method == "POST" or "del" in request.GET
    data = request.POST if request.method == "POST" else request.GET
    choice = PartChoiceForm(data if asked else None, parts=parts)
    if not choice.is_bound or not choice.is_valid():
        status = 400 if choice.is_bound else 200
        context = {"choice": choice, "document": document}
        return render(request, "agreements/proposals/choose_part.html", context, status=status)
    part = proposal_part(document, choice.cleaned_data["del_"])
    if part is None:  # the form's choices are the document's parts: not reached
        raise Http404
    organisations = _signatories(request.user)
    working_group = rules.can_review_proposals(request.user)
    form = ProposalForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        working_group=working_group,
        initial={"proposed_text": part.text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(
                by=request.user,
                organisation=form.chosen_organisation(),
                part_key=part.key,
                proposed_text=form.cleaned_data["proposed_text"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(
                form,
                error,
                {
                    "organisation": "organisation",
                    "proposed_text": "proposed_text",
                    "reason": "reason",
                },
            )
        else:
            messages.success(
                request,
                _(
                    "Tack! Förslaget är skickat. Arbetsgruppen granskar det, och sedan blir det "
                    "synligt för alla."
                ),
            )
            return redirect(proposal.get_absolute_url())
    context = {"part": part, "form": form, "document": document}
    return render(request, "agreements/proposals/create.html", context, status=form_status(request))


@require_POST
@once_per_submission
def proposal_support(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    proposal = proposal_for_viewer(request.user, pk)
    organisations = _signatories(request.user)
    form = SupportForm(request.POST, organisations=organisations, auto_id="support-%s")
    if form.is_valid():
        organisation = form.chosen_organisation()
        if organisation is None:
            form.add_error("organisation", _("Välj vilken organisation du skriver för."))
        else:
            try:
                services.proposal_support(
                    proposal=proposal, organisation=organisation, by=request.user
                )
            except ValidationError as error:
                add_service_errors(
                    form, error, {"organisation": "organisation", "duplicate": "organisation"}
                )
            else:
                messages.success(
                    request,
                    _("%(name)s stödjer nu förslaget.") % {"name": organisation.name},
                )
                return redirect(proposal.get_absolute_url())
    context = _detail_context(request, proposal, support_form=form)
    return render(request, "agreements/proposals/detail.html", context, status=400)


@require_POST
@once_per_submission
def proposal_comment(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    proposal = proposal_for_viewer(request.user, pk)
    if not rules.can_comment_proposal(request.user, proposal):
        return refuse(request)
    form = CommentForm(
        request.POST,
        organisations=_signatories(request.user),
        working_group=rules.can_review_proposals(request.user),
        auto_id="comment-%s",
    )
    if form.is_valid():
        try:
            services.proposal_comment(
                proposal=proposal,
                by=request.user,
                organisation=form.chosen_organisation(),
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"organisation": "organisation", "text": "text"})
        else:
            messages.success(request, _("Kommentaren är publicerad."))
            return redirect(f"{proposal.get_absolute_url()}#kommentarer")
    context = _detail_context(request, proposal, comment_form=form)
    return render(request, "agreements/proposals/detail.html", context, status=400)


# --- the working group ------------------------------------------------------------------------


@reviewers_only
def proposal_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request, "agreements/proposals/queue.html", {"groups": selectors.proposals_for_review()}
    )


def _review_page(
    request: HttpRequest,
    proposal: RevisionProposal,
    *,
    check_form: CheckForm | None = None,
    answer_form: AnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if answer_form is None:
        initial = {
            "answer": proposal.answer or None,
            "answer_reason": proposal.answer_reason,
            "conference": str(proposal.answer_conference_id or ""),
        }
        answer_form = AnswerForm(conferences=conferences(), initial=initial, auto_id="answer-%s")
    context = {
        **_detail_context(request, proposal),
        "check_form": check_form or CheckForm(auto_id="check-%s"),
        "answer_form": answer_form,
        "can_answer": rules.can_answer_proposal(request.user, proposal),
        "hide_comment_form": HideCommentForm(),
    }
    return render(request, "agreements/proposals/review.html", context, status=status)


@reviewers_only
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_page(request, proposal_for_reviewer(request.user, pk))


@reviewers_only
@require_POST
def proposal_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_reviewer(request.user, pk)
    form = CheckForm(request.POST, auto_id="check-%s")
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "publish":
                services.proposal_publish(proposal=proposal, by=request.user)
                done = _("Förslaget är publicerat.")
            else:
                services.proposal_hide(
                    proposal=proposal, by=request.user, reason=form.cleaned_data["hidden_reason"]
                )
                done = _("Förslaget är dolt.")
        except ValidationError as error:
            add_service_errors(form, error, {"hidden_reason": "hidden_reason"})
        else:
            messages.success(request, done)
            return redirect("agreements:proposal_review", pk=proposal.pk)
    proposal = proposal_for_reviewer(request.user, pk)
    return _review_page(request, proposal, check_form=form, status=400)


@reviewers_only
@require_POST
def proposal_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_reviewer(request.user, pk)
    form = AnswerForm(request.POST, conferences=conferences(), auto_id="answer-%s")
    if form.is_valid():
        try:
            services.proposal_answer(
                proposal=proposal,
                by=request.user,
                answer=form.cleaned_data["answer"],
                reason=form.cleaned_data["answer_reason"],
                conference=form.chosen_conference(),
            )
        except ValidationError as error:
            add_service_errors(
                form,
                error,
                {"answer": "answer", "answer_reason": "answer_reason", "conference": "conference"},
            )
        else:
            messages.success(request, _("Svaret är sparat och visas med förslaget."))
            return redirect("agreements:proposal_review", pk=proposal.pk)
    proposal = proposal_for_reviewer(request.user, pk)
    return _review_page(request, proposal, answer_form=form, status=400)


@reviewers_only
@require_POST
def proposal_comment_moderate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = comment_for_moderator(request.user, pk)
    if request.POST.get("action") == "unhide":
        services.proposal_comment_unhide(comment=comment, by=request.user)
        messages.success(request, _("Kommentaren visas igen."))
        return redirect("agreements:proposal_review", pk=comment.proposal_id)
    form = HideCommentForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_comment_hide(
                comment=comment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Kommentaren är dold."))
            return redirect("agreements:proposal_review", pk=comment.proposal_id)
    else:
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
    proposal = proposal_for_reviewer(request.user, comment.proposal_id)
    return _review_page(request, proposal, status=400)

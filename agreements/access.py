"""Permission-checked loaders and the view decorators built from them: the only way a view of
the agreements app gets an object named by its URL.

A loader fetches (404 when missing, or when its existence must not be told) and asks
agreements.rules (PermissionDenied when refused). A child object is loaded through its
already checked parent (`membership_of(organisation, pk)`), so another organisation's ids
give 404.
"""

from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from agreements import rules
from agreements import selectors as agreement_selectors
from agreements.document import AgreementDocument
from agreements.models import (
    AgreementVersion,
    Commitment,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationDocument,
    Principle,
    ProposalComment,
    RevisionProposal,
    Signature,
)
from agreements.selectors import commitments as commitment_selectors
from agreements.selectors import directory as directory_selectors
from agreements.selectors import organisations as organisation_selectors
from agreements.selectors import proposals as proposal_selectors
from hok.access import View, permitted_by, refuse
from hok.models import User

# --- the agreement (public) -------------------------------------------------------------------


def agreement_version(number: int | None = None) -> AgreementDocument:
    """An adopted version's text (the one in force when `number` is None)."""
    document = agreement_selectors.agreement_document(number=number)
    if document is None:
        raise Http404
    return document


def current_version() -> AgreementVersion:
    version = agreement_selectors.version_current()
    if version is None:
        raise Http404
    return version


def current_principle(slug: str) -> Principle:
    principle = agreement_selectors.principle_current(slug=slug)
    if principle is None:
        raise Http404
    return principle


# --- organisations and what hangs from them ---------------------------------------------------


def organisation_by_slug(slug: str) -> Organisation:
    """Any organisation (asking to join one is open to everyone signed in)."""
    organisation = organisation_selectors.organisation_by_slug(slug=slug)
    if organisation is None:
        raise Http404
    return organisation


def organisation_for_representative(user: User | AnonymousUser, slug: str) -> Organisation:
    organisation = organisation_by_slug(slug)
    if not rules.can_manage_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def membership_of(organisation: Organisation, pk: int) -> Membership:
    membership = organisation_selectors.membership_of(organisation=organisation, pk=pk)
    if membership is None:
        raise Http404
    return membership


def join_request_of(organisation: Organisation, pk: int) -> JoinRequest:
    join_request = organisation_selectors.join_request_of(organisation=organisation, pk=pk)
    if join_request is None:
        raise Http404
    return join_request


def document_of(organisation: Organisation, pk: int) -> OrganisationDocument:
    document = commitment_selectors.document_of(organisation=organisation, pk=pk)
    if document is None:
        raise Http404
    return document


def commitment_of(organisation: Organisation, pk: int) -> Commitment:
    commitment = commitment_selectors.commitment_of(organisation=organisation, pk=pk)
    if commitment is None:
        raise Http404
    return commitment


def active_signature_of(organisation: Organisation, pk: int) -> Signature:
    """A pending or approved signature of the organisation (one that can be withdrawn)."""
    signature = organisation_selectors.signature_of(organisation=organisation, pk=pk)
    if signature is None or not rules.signature_is_withdrawable(signature):
        raise Http404
    return signature


def approved_signature_of(organisation: Organisation, pk: int) -> Signature:
    """An approved signature of the organisation (one with a certificate)."""
    signature = organisation_selectors.signature_of(organisation=organisation, pk=pk)
    if signature is None or signature.status not in rules.CERTIFIED_SIGNATURES:
        raise Http404
    return signature


def organisation_page(view: View) -> View:
    """Load the organisation named by `slug` for its page, with the directory's annotations:
    missing (404) when it is not public and the person may not preview it (the working group
    without two-factor login is sent to turn it on)."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        organisation = directory_selectors.organisation_profile(slug=slug)
        if organisation is None:
            raise Http404
        is_public = organisation.signed_since is not None
        if not rules.can_view_organisation_page(request.user, organisation, is_public=is_public):
            return refuse(request, as_missing=True)
        return view(request, organisation, *args, **kwargs)

    return wrapper


def representative_required(view: View) -> View:
    """Load the organisation named by `slug` for one of its representatives, or refuse."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = organisation_for_representative(request.user, slug)
        return view(request, organisation, *args, **kwargs)

    return wrapper


# --- signatures -------------------------------------------------------------------------------


signature_deciders_only = permitted_by(rules.can_decide_signatures)


def signature_for_decider(user: User | AnonymousUser, pk: int) -> Signature:
    """A signature on the working group's decision page (decided ones too, to read)."""
    signature = organisation_selectors.signature_for_decision(pk=pk)
    if signature is None:
        raise Http404
    if not (rules.can_decide_signatures(user) and rules.can_view_signature(user, signature)):
        raise PermissionDenied
    return signature


def signature_with_board_decision(pk: int) -> Signature:
    """The signature whose board decision is asked for (who may read it: the view's rule)."""
    signature = organisation_selectors.signature_with_organisation(pk=pk)
    if signature is None:
        raise Http404
    return signature


def board_decision_readers(view: View) -> View:
    """Load the signature named by `pk` for whoever may read its board decision: anonymous to
    the login, anyone else refused (the working group without two-factor login is sent to
    turn it on)."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        signature = signature_with_board_decision(pk)
        if not rules.can_read_board_decision(request.user, signature):
            return refuse(request)
        return view(request, signature, *args, **kwargs)

    return wrapper


# --- revision proposals -----------------------------------------------------------------------


reviewers_only = permitted_by(rules.can_review_proposals)
proposers_only = permitted_by(rules.can_propose)


def proposal_for_viewer(user: User | AnonymousUser, pk: int) -> RevisionProposal:
    """A proposal the user may read; one they may not is as missing as one that is not there."""
    proposal = proposal_selectors.proposal_for_reading(pk=pk)
    if proposal is None or not rules.can_view_proposal(user, proposal):
        raise Http404
    return proposal


def proposal_for_reviewer(user: User | AnonymousUser, pk: int) -> RevisionProposal:
    """Any proposal, for the working group's check and answer."""
    proposal = proposal_selectors.proposal_for_reading(pk=pk)
    if proposal is None:
        raise Http404
    if not rules.can_check_proposal(user, proposal):
        raise PermissionDenied
    return proposal


def comment_for_moderator(user: User | AnonymousUser, pk: int) -> ProposalComment:
    comment = proposal_selectors.comment_by_id(pk=pk)
    if comment is None:
        raise Http404
    if not rules.can_moderate_comment(user, comment):
        raise PermissionDenied
    return comment

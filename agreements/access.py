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
from django.http import HttpRequest
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
from hok.access import View, found, granted, permitted_by, refuse
from hok.models import User

# --- the agreement (public) -------------------------------------------------------------------


def agreement_version(number: int | None = None) -> AgreementDocument:
    """An adopted version's text (the one in force when `number` is None)."""
    return found(agreement_selectors.agreement_document(number=number))


def current_version() -> AgreementVersion:
    return found(agreement_selectors.version_current())


def current_principle(slug: str) -> Principle:
    return found(agreement_selectors.principle_current(slug=slug))


# --- organisations and what hangs from them ---------------------------------------------------


def organisation_by_slug(slug: str) -> Organisation:
    """Any organisation (asking to join one is open to everyone signed in)."""
    return found(organisation_selectors.organisation_by_slug(slug=slug))


def organisation_for_representative(user: User | AnonymousUser, slug: str) -> Organisation:
    organisation = organisation_by_slug(slug)
    granted(rules.can_manage_organisation(user, organisation))
    return organisation


def membership_of(organisation: Organisation, pk: int) -> Membership:
    return found(organisation_selectors.membership_of(organisation=organisation, pk=pk))


def join_request_of(organisation: Organisation, pk: int) -> JoinRequest:
    return found(organisation_selectors.join_request_of(organisation=organisation, pk=pk))


def document_of(organisation: Organisation, pk: int) -> OrganisationDocument:
    return found(commitment_selectors.document_of(organisation=organisation, pk=pk))


def commitment_of(organisation: Organisation, pk: int) -> Commitment:
    return found(commitment_selectors.commitment_of(organisation=organisation, pk=pk))


def active_signature_of(organisation: Organisation, pk: int) -> Signature:
    """A pending or approved signature of the organisation (one that can be withdrawn)."""
    signature = found(organisation_selectors.signature_of(organisation=organisation, pk=pk))
    granted(rules.signature_is_withdrawable(signature), as_missing=True)
    return signature


def approved_signature_of(organisation: Organisation, pk: int) -> Signature:
    """An approved signature of the organisation (one with a certificate)."""
    signature = found(organisation_selectors.signature_of(organisation=organisation, pk=pk))
    granted(rules.signature_is_certified(signature), as_missing=True)
    return signature


def organisation_page(view: View) -> View:
    """Load the organisation named by `slug` for its page, with the directory's annotations:
    missing (404) when it is not public and the person may not preview it (the working group
    without two-factor login is sent to turn it on)."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        organisation = found(directory_selectors.organisation_profile(slug=slug))
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
    signature = found(organisation_selectors.signature_for_decision(pk=pk))
    granted(rules.can_decide_signatures(user) and rules.can_view_signature(user, signature))
    return signature


def signature_with_board_decision(pk: int) -> Signature:
    """The signature whose board decision is asked for (who may read it: the view's rule)."""
    return found(organisation_selectors.signature_with_organisation(pk=pk))


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
    proposal = found(proposal_selectors.proposal_for_reading(pk=pk))
    granted(rules.can_view_proposal(user, proposal), as_missing=True)
    return proposal


def proposal_for_reviewer(user: User | AnonymousUser, pk: int) -> RevisionProposal:
    """Any proposal, for the working group's check and answer."""
    proposal = found(proposal_selectors.proposal_for_reading(pk=pk))
    granted(rules.can_check_proposal(user, proposal))
    return proposal


def comment_for_moderator(user: User | AnonymousUser, pk: int) -> ProposalComment:
    comment = found(proposal_selectors.comment_by_id(pk=pk))
    granted(rules.can_moderate_comment(user, comment))
    return comment

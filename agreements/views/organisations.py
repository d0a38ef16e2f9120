from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import rules, selectors
from agreements.access import (
    join_request_of,
    membership_of,
    organisation_by_slug,
    representative_required,
)
from agreements.forms.organisations import (
    InvitationForm,
    JoinRequestForm,
    OrganisationForm,
    OrganisationRegisterForm,
)
from agreements.models import Organisation
from agreements.selectors import commitments as commitment_selectors
from agreements.selectors import organisations as organisation_selectors
from agreements.services import memberships
from agreements.services import organisations as services
from hok.http import AuthenticatedHttpRequest
from hok.images import IMAGE_ERROR_CODES
from hok.submissions import once_per_submission
from hok.utils import add_service_errors, form_status, this_year

LOGO_ERRORS = dict.fromkeys(IMAGE_ERROR_CODES, "logo")


@login_required
def my_organisations(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = organisation_selectors.organisations_of_user(user=request.user)
    return render(request, "agreements/organisations/mine.html", {"organisations": organisations})


@login_required
@once_per_submission
def organisation_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OrganisationRegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation = services.organisation_register(
                by=request.user,
                org_number=data["org_number"],
                logo=data["logo"],
                **form.profile(),
            )
        except services.OrganisationAlreadyRegistered as exists:
            messages.info(
                request,
                _(
                    "%(name)s är redan registrerad i portalen. Du kan be om att få "
                    "företräda organisationen."
                )
                % {"name": exists.organisation.name},
            )
            return redirect("agreements:organisation_join", slug=exists.organisation.slug)
        except ValidationError as error:
            add_service_errors(form, error, LOGO_ERRORS)
        else:
            messages.success(
                request,
                _("%(name)s är registrerad. Nästa steg är att underteckna överenskommelsen.")
                % {"name": organisation.name},
            )
            return redirect("agreements:organisation_dashboard", slug=organisation.slug)
    return render(
        request,
        "agreements/organisations/register.html",
        {"form": form},
        status=form_status(request),
    )


@login_required
@once_per_submission
def organisation_join(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_by_slug(slug)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            memberships.join_request_create(
                organisation=organisation,
                by=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Din förfrågan är skickad till organisationens företrädare."),
            )
            return redirect("agreements:my_organisations")
    context = {"organisation": organisation, "form": form}
    return render(
        request, "agreements/organisations/join.html", context, status=form_status(request)
    )


@representative_required
def organisation_dashboard(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    context = {
        "organisation": organisation,
        "version": selectors.version_current(),
        "active_signature": organisation_selectors.signature_active(organisation=organisation),
        "latest_approved": organisation_selectors.signature_latest_approved(
            organisation=organisation
        ),
        "signatures": organisation_selectors.organisation_signatures(organisation=organisation),
        "pending_join_requests": organisation_selectors.organisation_pending_join_requests(
            organisation=organisation
        ),
        "commitments_summary": commitment_selectors.commitments_due_summary(
            organisation=organisation, year=this_year()
        ),
    }
    return render(request, "agreements/organisations/dashboard.html", context)


@representative_required
def organisation_edit(
    request: AuthenticatedHttpRequest, organisation: Organisation
) -> HttpResponse:
    initial = {
        **{name: getattr(organisation, name) for name in OrganisationForm.PROFILE_FIELDS},
        "municipalities": organisation.municipalities.all(),
        "areas": organisation.areas.all(),
        "logo": organisation.logo,
    }
    form = OrganisationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.organisation_update(
                organisation=organisation,
                by=request.user,
                **form.profile(),
                # The form hands back the stored file when nothing new was uploaded.
                logo=data["logo"] if isinstance(data["logo"], UploadedFile) else None,
                remove_logo=data["logo"] is False,
            )
        except ValidationError as error:
            add_service_errors(form, error, LOGO_ERRORS)
        else:
            messages.success(request, _("Uppgifterna är sparade."))
            return redirect("agreements:organisation_dashboard", slug=organisation.slug)
    context = {"organisation": organisation, "form": form}
    return render(
        request, "agreements/organisations/edit.html", context, status=form_status(request)
    )


@representative_required
@once_per_submission
def organisation_members(
    request: AuthenticatedHttpRequest, organisation: Organisation
) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            memberships.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error, {"already_member": "email"})
        else:
            messages.success(
                request,
                _("En inbjudan har skickats till %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("agreements:organisation_members", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "form": form,
        "members": organisation_selectors.organisation_members(organisation=organisation),
        "invitations": organisation_selectors.organisation_open_invitations(
            organisation=organisation
        ),
        "join_requests": organisation_selectors.organisation_pending_join_requests(
            organisation=organisation
        ),
    }
    return render(
        request, "agreements/organisations/members.html", context, status=form_status(request)
    )


@require_POST
@representative_required
def membership_remove(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    membership = membership_of(organisation, pk)
    try:
        memberships.membership_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(user)s företräder inte längre organisationen.") % {"user": membership.user},
        )
        if membership.user_id == request.user.pk:
            return redirect("agreements:my_organisations")
    return redirect("agreements:organisation_members", slug=organisation.slug)


@require_POST
@representative_required
def join_request_decide(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    join_request = join_request_of(organisation, pk)
    decision = request.POST.get("decision")
    if decision not in {"accept", "decline"}:
        messages.error(request, _("Välj om du vill godkänna eller avböja förfrågan."))
        return redirect("agreements:organisation_members", slug=organisation.slug)
    try:
        memberships.join_request_decide(
            join_request=join_request, by=request.user, accept=decision == "accept"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Förfrågan är besvarad."))
    return redirect("agreements:organisation_members", slug=organisation.slug)


@login_required
def invitation_accept(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    invitation = organisation_selectors.invitation_for_token(token)
    # The link is for the address it was sent to; another account sees only that, and a
    # POST from it changes nothing (the service refuses it too).
    for_someone_else = invitation is not None and not rules.can_accept_invitation(
        request.user, invitation
    )
    if request.method == "POST" and not for_someone_else:
        try:
            membership = memberships.invitation_accept(token=token, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Du företräder nu %(name)s.") % {"name": membership.organisation.name},
            )
            return redirect("agreements:organisation_dashboard", slug=membership.organisation.slug)
    status = 404 if invitation is None else 403 if for_someone_else else 200
    context = {
        "invitation": invitation,
        "for_someone_else": for_someone_else,
        "invitation_expired": invitation is not None and invitation.expires_at < timezone.now(),
    }
    return render(request, "agreements/organisations/invitation.html", context, status=status)

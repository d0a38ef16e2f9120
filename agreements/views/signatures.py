from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agreements import rules, selectors
from agreements.access import (
    active_signature_of,
    approved_signature_of,
    board_decision_readers,
    representative_required,
    signature_deciders_only,
    signature_for_decider,
)
from agreements.certificate import certificate_pdf
from agreements.forms.signatures import DecisionForm, SignForm, WithdrawForm
from agreements.models import Organisation, Signature
from agreements.selectors import organisations as organisation_selectors
from agreements.services import signatures as services
from hok.http import AuthenticatedHttpRequest
from hok.pdf_uploads import PDF_ERROR_CODES
from hok.submissions import once_per_submission
from hok.utils import add_service_errors, form_status


@representative_required
@once_per_submission
def signature_sign(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    document = selectors.agreement_document()
    if document is None:
        raise Http404
    if not rules.can_sign(request.user, organisation):
        messages.info(request, _("Organisationen har redan undertecknat den gällande versionen."))
        return redirect("agreements:organisation_dashboard", slug=organisation.slug)
    initial = {"signer_name": request.user.full_name}
    form = SignForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.signature_submit(
                organisation=organisation,
                by=request.user,
                signer_name=data["signer_name"],
                capacity=data["capacity"],
                board_decision=data["board_decision"] or None,
            )
        except ValidationError as error:
            add_service_errors(
                form,
                error,
                {
                    **dict.fromkeys(PDF_ERROR_CODES, "board_decision"),
                    "signer_name": "signer_name",
                    "capacity": "capacity",
                },
            )
        else:
            messages.success(
                request,
                _(
                    "Tack! Underskriften är mottagen. Arbetsgruppen granskar den och ni får "
                    "besked med e-post."
                ),
            )
            return redirect("agreements:organisation_dashboard", slug=organisation.slug)
    context = {"organisation": organisation, "document": document, "form": form}
    return render(request, "agreements/signatures/sign.html", context, status=form_status(request))


@representative_required
def signature_withdraw(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    signature = active_signature_of(organisation, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.signature_withdraw(
                signature=signature, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Underskriften är återkallad."))
            return redirect("agreements:organisation_dashboard", slug=organisation.slug)
    context = {"organisation": organisation, "signature": signature, "form": form}
    return render(
        request, "agreements/signatures/withdraw.html", context, status=form_status(request)
    )


@representative_required
def signature_certificate(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    signature = approved_signature_of(organisation, pk)
    response = HttpResponse(certificate_pdf(signature), content_type="application/pdf")
    filename = f"intyg-hok-{organisation.slug}-version-{signature.version.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@signature_deciders_only
def signature_queue(request: HttpRequest) -> HttpResponse:
    context = {
        "pending": organisation_selectors.signatures_pending(),
        "decided": organisation_selectors.signatures_decided(),
    }
    return render(request, "agreements/signatures/queue.html", context)


@signature_deciders_only
def signature_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    signature = signature_for_decider(request.user, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = (
            services.signature_approve
            if form.cleaned_data["decision"] == "approve"
            else services.signature_reject
        )
        try:
            decide(signature=signature, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error, {"reason": "reason"})
        else:
            messages.success(
                request,
                _("Beslutet om %(name)s är sparat och organisationen har fått besked.")
                % {"name": signature.organisation.name},
            )
            return redirect("agreements:signature_queue")
    context = {
        "signature": signature,
        "history": organisation_selectors.signature_history(signature=signature),
        "form": form,
    }
    return render(
        request, "agreements/signatures/decide.html", context, status=form_status(request)
    )


@board_decision_readers
def signature_board_decision(request: HttpRequest, signature: Signature) -> FileResponse:
    """The attached board decision: for the organisation's representatives and the working group
    (reading another organisation's file is a power: two-factor login first)."""
    if not signature.board_decision:
        raise Http404
    return FileResponse(
        signature.board_decision.open("rb"),
        as_attachment=True,
        filename=f"styrelsebeslut-{signature.organisation.slug}.pdf",
        content_type="application/pdf",
    )

"""The invitations page of a survey: add invitees, send, follow the progress, plan reminders.

Every form posts to its own address and comes back to the page; a form with errors is shown
again on the page with what was typed (status 400)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from agreements.selectors.contacts import signatory_contacts
from hok.access import is_htmx
from hok.http import AuthenticatedHttpRequest
from hok.submissions import once_per_submission
from hok.utils import add_service_errors
from surveys import rules
from surveys.access import invitation_of, reminder_round_of, with_survey_for_manager
from surveys.forms.invitations import (
    ContactsForm,
    CsvForm,
    PasteForm,
    ReminderForm,
    invalid_message,
)
from surveys.models import Survey
from surveys.selectors import invitations as selectors
from surveys.services import invitation_mail, reminders
from surveys.services import invitations as services


def _page(request: HttpRequest, survey: Survey, status: int = 200, **forms: Form) -> HttpResponse:
    contacts = signatory_contacts()
    context: dict[str, Any] = {
        "survey": survey,
        "paste_form": forms.get("paste_form") or PasteForm(),
        "csv_form": forms.get("csv_form") or CsvForm(),
        "contacts_form": forms.get("contacts_form") or ContactsForm(contacts=contacts),
        "reminder_form": forms.get("reminder_form") or ReminderForm(),
        "invitations": selectors.invitation_list(survey=survey),
        "attention": selectors.invitations_needing_attention(survey=survey),
        "reminder_rounds": selectors.reminder_rounds(survey=survey),
        "invitation_mail": _mail_preview(survey, "invitation"),
        "reminder_mail": _mail_preview(survey, "reminder"),
        **_progress_context(survey),
    }
    return render(request, "surveys/invitations/page.html", context, status=status)


def _mail_preview(survey: Survey, kind: str) -> EmailMessage:
    """The invitation ("invitation") or reminder ("reminder") mail as an invitee gets it, with
    a stand-in for the personal link, for the working group to read before sending."""
    url = invitation_mail.answer_url("personlig-kod")
    return invitation_mail.render_mail(f"surveys/email/{kind}", {"survey": survey, "url": url}, "")


def _progress_context(survey: Survey) -> dict[str, Any]:
    progress = selectors.invitation_progress(survey=survey)
    run = selectors.send_run_latest(survey=survey)
    today = timezone.localdate()
    return {
        "survey": survey,
        "progress": progress,
        "run": run,
        "polling": bool(run and run.is_active) or progress.sending > 0,
        "is_open": rules.invitations_can_be_sent(survey, today),
        "is_closed": not rules.survey_accepts_invitations(survey, today),
        "today": today,
    }


@require_GET
@with_survey_for_manager
def invitations(request: HttpRequest, survey: Survey) -> HttpResponse:
    if is_htmx(request):
        return render(
            request, "surveys/invitations/includes/progress.html", _progress_context(survey)
        )
    return _page(request, survey)


def _back(survey: Survey, anchor: str = "") -> HttpResponse:
    response = redirect("surveys:invitations", pk=survey.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _add(
    request: AuthenticatedHttpRequest,
    survey: Survey,
    form: PasteForm | CsvForm | ContactsForm,
    field: str,
) -> HttpResponse:
    """Add the form's valid addresses; show again what could not be added."""
    form_name = {PasteForm: "paste_form", CsvForm: "csv_form", ContactsForm: "contacts_form"}[
        type(form)
    ]
    if not form.is_valid():
        return _page(request, survey, status=400, **{form_name: form})
    try:
        result = services.invitations_add(
            survey=survey, emails=form.cleaned_data[field], by=request.user
        )
    except ValidationError as error:
        if error.code == "closed":
            # The page shows no forms for a closed survey: say it above everything.
            return _refused(request, survey, error)
        add_service_errors(form, error)
        return _page(request, survey, status=400, **{form_name: form})
    messages.success(request, _added_message(result))
    invalid = getattr(form, "invalid", [])
    if invalid:
        # The valid addresses are in; the field keeps only what still needs fixing.
        if isinstance(form, PasteForm):
            form = PasteForm(initial={"addresses": "\n".join(invalid)})
            form.invalid = invalid
        messages.warning(request, invalid_message(invalid))
        return _page(request, survey, status=200, **{form_name: form})
    return _back(survey, "utskick")


def _added_message(result: services.InvitationsAdded) -> str:
    added = ngettext(
        "%(count)d adress lades till.", "%(count)d adresser lades till.", result.added
    ) % {"count": result.added}
    if not result.already_invited:
        return added
    already = ngettext(
        "%(count)d var redan inbjuden och hoppades över.",
        "%(count)d var redan inbjudna och hoppades över.",
        result.already_invited,
    ) % {"count": result.already_invited}
    return f"{added} {already}"


@require_POST
@with_survey_for_manager
@once_per_submission
def invitations_paste(request: AuthenticatedHttpRequest, survey: Survey) -> HttpResponse:
    return _add(request, survey, PasteForm(request.POST), "addresses")


@require_POST
@with_survey_for_manager
@once_per_submission
def invitations_csv(request: AuthenticatedHttpRequest, survey: Survey) -> HttpResponse:
    return _add(request, survey, CsvForm(request.POST, request.FILES), "file")


@require_POST
@with_survey_for_manager
@once_per_submission
def invitations_contacts(request: AuthenticatedHttpRequest, survey: Survey) -> HttpResponse:
    form = ContactsForm(request.POST, contacts=signatory_contacts())
    return _add(request, survey, form, "organisations")


def _refused(request: HttpRequest, survey: Survey, error: ValidationError) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return _page(request, survey, status=400)


@require_POST
@with_survey_for_manager
def invitations_send(request: AuthenticatedHttpRequest, survey: Survey) -> HttpResponse:
    try:
        services.invitation_send_start(survey=survey, by=request.user)
    except ValidationError as error:
        return _refused(request, survey, error)
    messages.success(
        request,
        _("Utskicket har startat. Sidan visar hur det går; du kan lämna den under tiden."),
    )
    return _back(survey, "utskick")


@require_POST
@with_survey_for_manager
def invitations_send_again(request: AuthenticatedHttpRequest, survey: Survey) -> HttpResponse:
    """Send one failed or uncertain invitation again (`invitation`), or all of one status."""
    attention = selectors.invitations_needing_attention(survey=survey)
    status = request.POST.get("status", "")
    if status in rules.RESENDABLE_INVITATIONS:
        ids = list(attention.filter(status=status).values_list("pk", flat=True))
    else:
        ids = list(
            attention.filter(pk=_int(request.POST.get("invitation"))).values_list("pk", flat=True)
        )
    try:
        services.invitations_send_again(survey=survey, invitation_ids=ids, by=request.user)
    except ValidationError as error:
        return _refused(request, survey, error)
    messages.success(
        request,
        ngettext(
            "%(count)d inbjudan skickas igen med en ny länk.",
            "%(count)d inbjudningar skickas igen med nya länkar.",
            len(ids),
        )
        % {"count": len(ids)},
    )
    return _back(survey, "utskick")


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


@require_POST
@with_survey_for_manager
def invitation_remove(
    request: AuthenticatedHttpRequest, survey: Survey, invitation_pk: int
) -> HttpResponse:
    invitation = invitation_of(survey, invitation_pk)
    try:
        services.invitation_remove(invitation=invitation, by=request.user)
    except ValidationError as error:
        return _refused(request, survey, error)
    messages.success(
        request, _("%(email)s är borttagen från inbjudningarna.") % {"email": invitation.email}
    )
    return _back(survey, "inbjudna")


@require_POST
@with_survey_for_manager
@once_per_submission
def reminder_add(request: AuthenticatedHttpRequest, survey: Survey) -> HttpResponse:
    form = ReminderForm(request.POST)
    if form.is_valid():
        try:
            reminders.reminder_round_create(
                survey=survey, send_on=form.cleaned_data["send_on"], by=request.user
            )
        except ValidationError as error:
            if error.code == "closed":
                return _refused(request, survey, error)
            add_service_errors(form, error, {code: "send_on" for code in _REMINDER_CODES})
        else:
            messages.success(request, _("Påminnelsen är planerad."))
            return _back(survey, "paminnelser")
    return _page(request, survey, status=400, reminder_form=form)


_REMINDER_CODES = ("in_the_past", "outside_survey", "duplicate")


@require_POST
@with_survey_for_manager
def reminder_delete(
    request: AuthenticatedHttpRequest, survey: Survey, round_pk: int
) -> HttpResponse:
    reminder_round = reminder_round_of(survey, round_pk)
    try:
        reminders.reminder_round_delete(reminder_round=reminder_round, by=request.user)
    except ValidationError as error:
        return _refused(request, survey, error)
    messages.success(request, _("Påminnelsen är borttagen."))
    return _back(survey, "paminnelser")

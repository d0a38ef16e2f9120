"""The newsletter tools: write, preview, test-send, send or schedule, follow the progress,
and (admins) the subscriber list. Every form posts to its own address; a form with errors is
shown again with what was typed (status 400)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hok.access import is_htmx
from hok.csv_export import csv_response
from hok.http import AuthenticatedHttpRequest
from hok.images import IMAGE_ERROR_CODES
from hok.submissions import once_per_submission
from hok.utils import add_service_errors
from newsletters import rules, selectors
from newsletters.access import (
    admins_only,
    card_of,
    image_of,
    settings_admins_only,
    subscriber_for_admin,
    with_newsletter,
    writers_only,
)
from newsletters.forms import (
    CardForm,
    ImageForm,
    NewsletterForm,
    ResendForm,
    SendForm,
    SettingsForm,
    SubscriberSearchForm,
)
from newsletters.mail import TEST_SEND_KEY, render_newsletter
from newsletters.models import Newsletter
from newsletters.services import sending, subscribers, writing
from newsletters.services import settings as newsletter_settings
from newsletters.views.public import reading_context

SUBSCRIBERS_PER_PAGE = 50


def _back(newsletter: Newsletter, anchor: str = "") -> HttpResponse:
    response = redirect("newsletters:manage_detail", pk=newsletter.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _refused(request: HttpRequest, newsletter: Newsletter, error: ValidationError) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return _back(newsletter)


# --- list, settings, writing ---------------------------------------------------------------


@require_GET
@writers_only
def manage_list(request: HttpRequest) -> HttpResponse:
    context = {
        "newsletters": selectors.newsletters_for_management(),
        "settings_form": SettingsForm(
            initial={"working_group_may_write": selectors.working_group_may_write()}
        )
        if rules.can_change_settings(request.user)
        else None,
        "subscriber_counts": selectors.subscriber_counts(),
        "recipients": selectors.recipients_count(),
    }
    return render(request, "newsletters/manage/list.html", context)


@require_POST
@settings_admins_only
def settings_save(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST)
    form.is_valid()
    newsletter_settings.settings_save(
        working_group_may_write=form.cleaned_data.get("working_group_may_write", False),
        by=request.user,
    )
    messages.success(request, _("Inställningen är sparad."))
    return redirect("newsletters:manage_list")


@require_http_methods(["GET", "POST"])
@writers_only
@once_per_submission
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NewsletterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            newsletter = writing.newsletter_create(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Utkastet är sparat."))
            return _back(newsletter)
    return render(
        request,
        "newsletters/manage/form.html",
        {"form": form, "newsletter": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@with_newsletter
def edit(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    if not rules.can_edit_newsletter(request.user, newsletter):
        messages.error(
            request,
            _("Nyhetsbrevet kan inte ändras längre. Skriv ett nytt om något behöver rättas."),
        )
        return _back(newsletter)
    form = (
        NewsletterForm(request.POST)
        if request.method == "POST"
        else NewsletterForm.for_newsletter(newsletter)
    )
    if request.method == "POST" and form.is_valid():
        try:
            writing.newsletter_update(newsletter=newsletter, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return _back(newsletter)
    return render(
        request,
        "newsletters/manage/form.html",
        {"form": form, "newsletter": newsletter},
        status=400 if form.errors else 200,
    )


def _detail(
    request: HttpRequest, newsletter: Newsletter, status: int = 200, **forms: Any
) -> HttpResponse:
    options = selectors.card_options()
    user = request.user
    context: dict[str, Any] = {
        "newsletter": newsletter,
        "can_edit": rules.can_edit_newsletter(user, newsletter),
        "can_send": rules.can_send_newsletter(user, newsletter),
        "can_schedule": rules.can_schedule_newsletter(user, newsletter),
        "can_unschedule": rules.can_unschedule_newsletter(user, newsletter),
        "is_public": rules.newsletter_is_public(newsletter),
        "image_form": forms.get("image_form") or ImageForm(),
        "card_form": forms.get("card_form") or CardForm(options=options),
        "send_form": forms.get("send_form") or SendForm(),
        "has_card_options": any(options.values()),
        "recipients": selectors.recipients_count(),
        "send_window_minutes": selectors.send_window().total_seconds() // 60,
    }
    if rules.can_follow_sending(user, newsletter):
        context["progress"] = selectors.send_progress(newsletter=newsletter)
    return render(request, "newsletters/manage/detail.html", context, status=status)


@require_GET
@with_newsletter
def manage_detail(request: HttpRequest, newsletter: Newsletter) -> HttpResponse:
    return _detail(request, newsletter)


@require_http_methods(["GET", "POST"])
@with_newsletter
def delete(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    if request.method == "POST":
        try:
            writing.newsletter_delete(newsletter=newsletter, by=request.user)
        except ValidationError as error:
            return _refused(request, newsletter, error)
        messages.success(request, _("Utkastet är borttaget."))
        return redirect("newsletters:manage_list")
    if not rules.can_delete_newsletter(request.user, newsletter):
        return _back(newsletter)
    return render(request, "newsletters/manage/delete.html", {"newsletter": newsletter})


@require_POST
@with_newsletter
@once_per_submission
def image_add(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, newsletter, status=400, image_form=form)
    try:
        writing.newsletter_image_add(
            newsletter=newsletter,
            upload=form.cleaned_data["image"],
            alt=form.cleaned_data["alt"],
            by=request.user,
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "not_editable":
            return _refused(request, newsletter, error)
        add_service_errors(form, error, {code: "image" for code in IMAGE_ERROR_CODES})
        return _detail(request, newsletter, status=400, image_form=form)
    messages.success(request, _("Bilden är tillagd."))
    return _back(newsletter, "bilder")


@require_POST
@with_newsletter
def image_remove(
    request: AuthenticatedHttpRequest, newsletter: Newsletter, image_pk: int
) -> HttpResponse:
    image = image_of(newsletter, image_pk)
    try:
        writing.newsletter_image_remove(image=image, by=request.user)
    except ValidationError as error:
        return _refused(request, newsletter, error)
    messages.success(request, _("Bilden är borttagen."))
    return _back(newsletter, "bilder")


@require_POST
@with_newsletter
@once_per_submission
def card_add(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    form = CardForm(request.POST, options=selectors.card_options())
    if not form.is_valid():
        return _detail(request, newsletter, status=400, card_form=form)
    kind, target_id = form.cleaned_data["target"]
    try:
        writing.newsletter_card_add(
            newsletter=newsletter, kind=kind, target_id=target_id, by=request.user
        )
    except ValidationError as error:
        if error.code == "not_editable":
            return _refused(request, newsletter, error)
        add_service_errors(form, error, {"no_target": "target", "duplicate": "target"})
        return _detail(request, newsletter, status=400, card_form=form)
    messages.success(request, _("Kortet är tillagt."))
    return _back(newsletter, "kort")


@require_POST
@with_newsletter
def card_remove(
    request: AuthenticatedHttpRequest, newsletter: Newsletter, card_pk: int
) -> HttpResponse:
    card = card_of(newsletter, card_pk)
    try:
        writing.newsletter_card_remove(card=card, by=request.user)
    except ValidationError as error:
        return _refused(request, newsletter, error)
    messages.success(request, _("Kortet är borttaget."))
    return _back(newsletter, "kort")


# --- previews and the test send -------------------------------------------------------------


@require_GET
@with_newsletter
def preview_web(request: HttpRequest, newsletter: Newsletter) -> HttpResponse:
    context = reading_context(newsletter)
    context["preview"] = True
    return render(request, "newsletters/detail.html", context)


@require_GET
@with_newsletter
def preview_mail(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    message = render_newsletter(newsletter).message(
        to=request.user.email, unsubscribe_key=TEST_SEND_KEY
    )
    html, _mimetype = message.alternatives[0]
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    # The mail's own <style> block: allowed for this page only, no scripts at all.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https: http:; "
        "frame-ancestors 'none'"
    )
    return response


@require_GET
@with_newsletter
def preview_text(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    message = render_newsletter(newsletter).message(
        to=request.user.email, unsubscribe_key=TEST_SEND_KEY
    )
    return HttpResponse(message.body, content_type="text/plain; charset=utf-8")


@require_POST
@with_newsletter
def test_send(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    address = sending.newsletter_test_send(newsletter=newsletter, by=request.user)
    messages.success(request, _("Ett provutskick går till %(address)s.") % {"address": address})
    return _back(newsletter, "skicka")


# --- sending -----------------------------------------------------------------------------------


@require_POST
@with_newsletter
def publish(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    try:
        writing.newsletter_publish(newsletter=newsletter, by=request.user)
    except ValidationError as error:
        return _refused(request, newsletter, error)
    messages.success(request, _("Nyhetsbrevet är publicerat på webbplatsen. Inget mejl skickades."))
    return _back(newsletter)


@require_POST
@with_newsletter
def send(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    form = SendForm(request.POST)
    if not form.is_valid():
        return _detail(request, newsletter, status=400, send_form=form)
    try:
        if form.cleaned_data["when"] == SendForm.LATER:
            sending.newsletter_schedule(
                newsletter=newsletter, at=form.cleaned_data["send_at"], by=request.user
            )
            messages.success(request, _("Utskicket är schemalagt."))
            return _back(newsletter)
        sending.newsletter_send_start(newsletter=newsletter, by=request.user, late_ok=True)
    except ValidationError as error:
        add_service_errors(form, error)
        return _detail(request, newsletter, status=400, send_form=form)
    messages.success(request, _("Utskicket har startat."))
    return redirect("newsletters:progress", pk=newsletter.pk)


@require_POST
@with_newsletter
def unschedule(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    try:
        sending.newsletter_unschedule(newsletter=newsletter, by=request.user)
    except ValidationError as error:
        return _refused(request, newsletter, error)
    messages.success(request, _("Utskicket är avbokat; nyhetsbrevet är ett utkast igen."))
    return _back(newsletter)


def _progress_context(newsletter: Newsletter) -> dict[str, Any]:
    progress = selectors.send_progress(newsletter=newsletter)
    attention = list(selectors.deliveries_needing_attention(newsletter=newsletter))
    return {
        "newsletter": newsletter,
        "progress": progress,
        "polling": newsletter.status == Newsletter.Status.SENDING,
        "attention": attention,
    }


@require_GET
@with_newsletter
def progress(request: HttpRequest, newsletter: Newsletter) -> HttpResponse:
    if not rules.can_follow_sending(request.user, newsletter):
        return _back(newsletter)
    context = _progress_context(newsletter)
    if is_htmx(request):
        return render(request, "newsletters/manage/includes/progress.html", context)
    context["resend_form"] = _resend_form(context["attention"])
    return render(request, "newsletters/manage/progress.html", context)


def _resend_form(attention: list[Any], data: Any = None) -> ResendForm:
    choices = [
        (delivery.pk, f"{delivery.subscriber.email} ({delivery.get_status_display()})")
        for delivery in attention
    ]
    return ResendForm(data, choices=choices)


@require_POST
@with_newsletter
def resend(request: AuthenticatedHttpRequest, newsletter: Newsletter) -> HttpResponse:
    context = _progress_context(newsletter)
    form = _resend_form(context["attention"], request.POST)
    if form.is_valid():
        try:
            count = sending.deliveries_resend(
                newsletter=newsletter, delivery_ids=form.cleaned_data["deliveries"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("%(count)d mejl skickas igen.", "%(count)d mejl skickas igen.", count)
                % {"count": count},
            )
            return redirect("newsletters:progress", pk=newsletter.pk)
    context["resend_form"] = form
    return render(request, "newsletters/manage/progress.html", context, status=400)


# --- subscribers (admins) ----------------------------------------------------------------------


@require_GET
@admins_only
def subscriber_list(request: HttpRequest) -> HttpResponse:
    form = SubscriberSearchForm(request.GET or None)
    query = status = ""
    if form.is_valid():
        query, status = form.cleaned_data["q"], form.cleaned_data["status"]
    page = Paginator(
        selectors.subscribers_search(query=query, status=status), SUBSCRIBERS_PER_PAGE
    ).get_page(request.GET.get("sida"))
    return render(
        request,
        "newsletters/manage/subscribers.html",
        {
            "form": form,
            "page": page,
            "counts": selectors.subscriber_counts(),
            "query": query,
            "status": status,
        },
        status=200 if form.is_bound is False or form.is_valid() else 400,
    )


@require_GET
@admins_only
def subscriber_export(request: HttpRequest) -> StreamingHttpResponse:
    rows = (
        (
            s.email,
            s.get_status_display(),
            s.consent_at and timezone.localtime(s.consent_at).isoformat(timespec="minutes"),
            s.consent_version,
            timezone.localtime(s.created_at).date().isoformat(),
        )
        for s in selectors.subscribers_search().iterator()
    )
    return csv_response(
        filename="prenumeranter.csv",
        header=[
            _("E-postadress"),
            _("Status"),
            _("Samtycke lämnat"),
            _("Samtyckestext"),
            _("Tillagd"),
        ],
        rows=rows,
    )


@require_http_methods(["GET", "POST"])
@admins_only
def subscriber_remove(request: AuthenticatedHttpRequest, subscriber_pk: int) -> HttpResponse:
    subscriber = subscriber_for_admin(request.user, subscriber_pk)
    if request.method == "POST":
        subscribers.subscriber_remove(subscriber=subscriber, by=request.user)
        messages.success(request, _("Adressen och allt om den är borttaget."))
        return redirect("newsletters:subscribers")
    return render(request, "newsletters/manage/subscriber_remove.html", {"subscriber": subscriber})

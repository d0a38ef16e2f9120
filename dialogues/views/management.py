"""The working group's conference pages: conferences, dialogues, set questions, opening and
closing, QR codes and printable table sheets. Under /arbetsgruppen/hantera/, so the
middleware requires two-factor login."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dialogues import rules
from dialogues.access import (
    loads_conference,
    loads_conference_detail,
    loads_dialogue_for_management,
    loads_question,
    managers_only,
)
from dialogues.forms.management import (
    ConferenceForm,
    DialogueForm,
    MoveForm,
    NewDialogueForm,
    NewQuestionForm,
    QuestionForm,
    StateForm,
)
from dialogues.models import Conference, Dialogue, DialogueQuestion
from dialogues.qr import qr_svg
from dialogues.selectors import conferences as selectors
from dialogues.services import conferences as services
from dialogues.sheet import table_sheet_pdf
from hok.http import AuthenticatedHttpRequest
from hok.submissions import once_per_submission
from hok.utils import add_service_errors, form_status


def _detail_url(dialogue: Dialogue) -> str:
    url = reverse("dialogues:conference_detail", args=[dialogue.conference_id])
    return f"{url}#dialog-{dialogue.pk}"


@managers_only
def conference_list(request: HttpRequest) -> HttpResponse:
    context = {"conferences": selectors.conferences_for_management()}
    return render(request, "dialogues/management/conference_list.html", context)


def _conference_form_page(
    request: AuthenticatedHttpRequest, conference: Conference | None = None
) -> HttpResponse:
    initial = {}
    if conference is not None:
        initial = {
            field: getattr(conference, field)
            for field in ["name", "date", "place", "slug", "description", "introduction"]
        }
    form = ConferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if conference is None:
                conference = services.conference_create(**form.cleaned_data, by=request.user)
                messages.success(request, _("Konferensen är skapad. Lägg nu till dess dialoger."))
            else:
                services.conference_update(
                    conference=conference, **form.cleaned_data, by=request.user
                )
                messages.success(request, _("Ändringarna är sparade."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("dialogues:conference_detail", pk=conference.pk)
    context = {"form": form, "conference": conference}
    return render(
        request,
        "dialogues/management/conference_form.html",
        context,
        status=form_status(request),
    )


@managers_only
@once_per_submission
def conference_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _conference_form_page(request)


@managers_only
@loads_conference
def conference_edit(request: AuthenticatedHttpRequest, conference: Conference) -> HttpResponse:
    return _conference_form_page(request, conference)


@managers_only
@loads_conference_detail
def conference_detail(request: HttpRequest, conference: Conference) -> HttpResponse:
    now = timezone.now()
    dialogues = [
        {
            "dialogue": dialogue,
            "is_open": rules.dialogue_is_open(dialogue, now),
            "attendee_url": selectors.attendee_url(dialogue),
        }
        for dialogue in conference.dialogues.all()
    ]
    context = {
        "conference": conference,
        "dialogues": dialogues,
        "states": Dialogue.ManualState,
    }
    return render(request, "dialogues/management/conference_detail.html", context)


@managers_only
@once_per_submission
@loads_conference
def dialogue_create(request: AuthenticatedHttpRequest, conference: Conference) -> HttpResponse:
    form = NewDialogueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dialogue = services.dialogue_create(
                conference=conference,
                title=data["title"],
                introduction=data["introduction"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                note_cap=data["note_cap"],
                questions=form.question_list(),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error, {"too_long": "questions", "required": "questions"})
        else:
            messages.success(
                request,
                _("Dialogen är skapad med kortkoden %(code)s.") % {"code": dialogue.short_code},
            )
            return redirect(_detail_url(dialogue))
    context = {"form": form, "conference": conference, "dialogue": None}
    return render(
        request, "dialogues/management/dialogue_form.html", context, status=form_status(request)
    )


def _dialogue_edit_page(
    request: HttpRequest,
    dialogue: Dialogue,
    *,
    form: DialogueForm | None = None,
    question_form: NewQuestionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if form is None:
        form = DialogueForm(
            initial={
                "title": dialogue.title,
                "introduction": dialogue.introduction,
                "opens_at": dialogue.opens_at and timezone.localtime(dialogue.opens_at),
                "closes_at": dialogue.closes_at and timezone.localtime(dialogue.closes_at),
                "note_cap": dialogue.note_cap,
            }
        )
    context = {
        "form": form,
        "question_form": question_form or NewQuestionForm(prefix="new"),
        "conference": dialogue.conference,
        "dialogue": dialogue,
        "questions": list(dialogue.questions.all()),
    }
    return render(request, "dialogues/management/dialogue_form.html", context, status=status)


@managers_only
@loads_dialogue_for_management
def dialogue_edit(request: AuthenticatedHttpRequest, dialogue: Dialogue) -> HttpResponse:
    if request.method != "POST":
        return _dialogue_edit_page(request, dialogue)
    form = DialogueForm(request.POST)
    if form.is_valid():
        try:
            services.dialogue_update(dialogue=dialogue, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("dialogues:dialogue_edit", pk=dialogue.pk)
    return _dialogue_edit_page(request, dialogue, form=form, status=400)


@managers_only
@require_POST
@loads_dialogue_for_management
def dialogue_state(request: AuthenticatedHttpRequest, dialogue: Dialogue) -> HttpResponse:
    form = StateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Okänt läge för dialogen."))
        return redirect(_detail_url(dialogue))
    services.dialogue_set_state(
        dialogue=dialogue, state=form.cleaned_data["state"], by=request.user
    )
    message = {
        Dialogue.ManualState.OPEN: _("%(title)s är öppen: deltagarna kan skriva nu."),
        Dialogue.ManualState.CLOSED: _("%(title)s är stängd: inga fler anteckningar tas emot."),
        Dialogue.ManualState.AUTO: _("%(title)s öppnar och stänger nu enligt tiderna."),
    }[Dialogue.ManualState(dialogue.manual_state)]
    messages.success(request, message % {"title": dialogue.title})
    return redirect(_detail_url(dialogue))


@managers_only
@require_POST
@loads_dialogue_for_management
def dialogue_delete(request: AuthenticatedHttpRequest, dialogue: Dialogue) -> HttpResponse:
    conference_pk = dialogue.conference_id
    try:
        services.dialogue_delete(dialogue=dialogue, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dialogues:dialogue_edit", pk=dialogue.pk)
    messages.success(request, _("Dialogen är borttagen."))
    return redirect("dialogues:conference_detail", pk=conference_pk)


@managers_only
@require_POST
@once_per_submission
@loads_dialogue_for_management
def question_add(request: AuthenticatedHttpRequest, dialogue: Dialogue) -> HttpResponse:
    form = NewQuestionForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.question_add(
                dialogue=dialogue, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Frågan är tillagd."))
            return redirect(reverse("dialogues:dialogue_edit", args=[dialogue.pk]) + "#fragor")
    return _dialogue_edit_page(request, dialogue, question_form=form, status=400)


def _questions_url(question: DialogueQuestion) -> str:
    return reverse("dialogues:dialogue_edit", args=[question.dialogue_id]) + "#fragor"


@managers_only
@loads_question
def question_edit(request: AuthenticatedHttpRequest, question: DialogueQuestion) -> HttpResponse:
    form = QuestionForm(request.POST or None, initial={"text": question.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(
                question=question, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Frågan är ändrad."))
            return redirect(_questions_url(question))
    context = {"form": form, "question": question, "dialogue": question.dialogue}
    return render(
        request, "dialogues/management/question_form.html", context, status=form_status(request)
    )


@managers_only
@require_POST
@loads_question
def question_move(request: AuthenticatedHttpRequest, question: DialogueQuestion) -> HttpResponse:
    form = MoveForm(request.POST)
    if form.is_valid():
        services.question_move(
            question=question, up=form.cleaned_data["direction"] == "up", by=request.user
        )
    else:
        messages.error(request, _("Välj upp eller ned."))
    return redirect(_questions_url(question))


@managers_only
@require_POST
@loads_question
def question_delete(request: AuthenticatedHttpRequest, question: DialogueQuestion) -> HttpResponse:
    try:
        services.question_delete(question=question, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Frågan är borttagen."))
    return redirect(_questions_url(question))


@managers_only
@loads_dialogue_for_management
def dialogue_qr(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    title = _("QR-kod till dialogen %(title)s") % {"title": dialogue.title}
    svg = qr_svg(selectors.attendee_url(dialogue), title=title)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@managers_only
@loads_dialogue_for_management
def dialogue_sheet(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    response = HttpResponse(table_sheet_pdf(dialogue), content_type="application/pdf")
    filename = f"bordsblad-{dialogue.short_code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response

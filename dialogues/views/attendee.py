"""The attendee side: find a dialogue by its short code, read it, write notes. No account.

The page works without JavaScript (POST, redirect, a confirmation and an empty form with the
table group remembered). static/js/note-outbox.js enhances it: the same POST sent with
`Accept: application/json` answers with JSON, and the phone keeps the note until the server
confirms it.

Every refusal is a clear Swedish message with the text kept, never a 500:
- CSRF: the view is exempt from the middleware's check and runs the very same check itself
  (as Django REST framework's CSRFCheck does), so a stale page gets this page back with the
  text in the form and a fresh token, instead of Django's bare 403 page;
- a missing or forged device cookie: refused, a fresh cookie set, so the next submit goes
  through (dialogues/limits.py);
- too many notes from one device, the dialogue's global cap, a closed dialogue, the honeypot,
  an empty or too long text.
"""

import uuid
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from dialogues import limits, rules
from dialogues.forms.notes import HONEYPOT, WHOLE_DIALOGUE, NoteForm, ShortCodeForm
from dialogues.models import Dialogue, Note
from dialogues.selectors.notes import dialogue_exists, dialogue_for_attendee, note_for_client_key
from dialogues.services.notes import note_check_open, note_submit

OPEN = "open"
NOT_YET = "not_yet"
CLOSED = "closed"

# Query parameters of the page after a note was stored without JavaScript.
SAVED_PARAM = "sparad"
TABLE_GROUP_PARAM = "bord"
QUESTION_PARAM = "fraga"


class _CsrfCheck(CsrfViewMiddleware):
    """The middleware's check, with the reason handed back instead of Django's 403 page."""

    def _reject(self, request: HttpRequest, reason: str) -> str:
        return reason


def _no_view(request: HttpRequest) -> HttpResponse:
    """Stands in for the view: the check needs one, and this one is not csrf_exempt."""
    return HttpResponse()


def _csrf_refused(request: HttpRequest) -> bool:
    check = _CsrfCheck(_no_view)
    check.process_request(request)
    return check.process_view(request, _no_view, (), {}) is not None


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _state(dialogue: Dialogue) -> str:
    now = timezone.now()
    if rules.can_submit_note(dialogue, now):
        return OPEN
    if rules.dialogue_not_yet_open(dialogue, now):
        return NOT_YET
    return CLOSED


def _page_url(dialogue: Dialogue) -> str:
    return reverse("dialogues:attendee", kwargs={"code": dialogue.short_code})


def _render_page(
    request: HttpRequest,
    dialogue: Dialogue,
    *,
    form: NoteForm,
    status: int = 200,
    refusal: str = "",
    saved: bool = False,
    kept_text: str = "",
) -> HttpResponse:
    questions = list(dialogue.questions.all())
    context: dict[str, Any] = {
        "dialogue": dialogue,
        "conference": dialogue.conference,
        "questions": questions,
        "state": _state(dialogue),
        "form": form,
        "refusal": refusal,
        "saved": saved,
        "kept_text": kept_text,
    }
    response = render(request, "dialogues/attendee/page.html", context, status=status)
    limits.ensure_device_cookie(response, request)
    return response


def _fresh_form(dialogue: Dialogue, *, question: str = "", table_group: str = "") -> NoteForm:
    questions = list(dialogue.questions.all())
    valid_questions = {str(q.pk) for q in questions}
    return NoteForm(
        questions=questions,
        initial={
            "question": question if question in valid_questions else WHOLE_DIALOGUE,
            "table_group": table_group[:100],
            "client_key": str(uuid.uuid4()),
        },
    )


def _unknown_code(request: HttpRequest, code: str) -> HttpResponse:
    code = code.strip()[:40]
    form = ShortCodeForm({"kod": code})
    form.is_valid()
    form.add_error(
        "kod",
        _(
            "Vi hittar ingen dialog med koden ”%(code)s”. Kontrollera koden på bordet eller "
            "skärmen och försök igen."
        )
        % {"code": code},
    )
    # A note sent to a dialogue that is gone: the text is shown so it can be copied.
    kept_text = request.POST.get("text", "") if request.method == "POST" else ""
    context = {"form": form, "kept_text": kept_text}
    return render(request, "dialogues/attendee/find.html", context, status=404)


@require_http_methods(["GET", "HEAD"])
def find(request: HttpRequest) -> HttpResponse:
    """The short code typed on the front page (or here): on to the dialogue's page."""
    if "kod" not in request.GET:
        return render(request, "dialogues/attendee/find.html", {"form": ShortCodeForm()})
    form = ShortCodeForm(request.GET)
    if not form.is_valid():
        return render(request, "dialogues/attendee/find.html", {"form": form}, status=400)
    code = dialogue_exists(code=form.cleaned_data["kod"])
    if code is None:
        return _unknown_code(request, form.cleaned_data["kod"])
    return redirect("dialogues:attendee", code=code)


@csrf_exempt  # checked in _submit, so that a refusal keeps the text (see the module docstring)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def attendee(request: HttpRequest, code: str) -> HttpResponse:
    dialogue = dialogue_for_attendee(code=code)
    if dialogue is None:
        if request.method == "POST" and _wants_json(request):
            return _json_refusal(
                request,
                "unknown",
                _("Dialogen finns inte längre. Anteckningen är inte sparad – kopiera texten."),
                status=404,
            )
        return _unknown_code(request, code)
    if request.method == "POST":
        return _submit(request, dialogue)
    if code != dialogue.short_code:
        return redirect(_page_url(dialogue), permanent=False)
    form = _fresh_form(
        dialogue,
        question=request.GET.get(QUESTION_PARAM, ""),
        table_group=request.GET.get(TABLE_GROUP_PARAM, ""),
    )
    return _render_page(request, dialogue, form=form, saved=SAVED_PARAM in request.GET)


# --- submitting a note ---------------------------------------------------------------------


def _json_refusal(
    request: HttpRequest,
    code: str,
    message: str,
    *,
    status: int,
    errors: dict[str, list[str]] | None = None,
) -> JsonResponse:
    payload: dict[str, Any] = {"status": "refused", "code": code, "message": message}
    if errors:
        payload["errors"] = errors
    if code == "csrf":
        # A page that lost its token gets a new one; the outbox sends the note again with it.
        payload["csrf_token"] = get_token(request)
    response = JsonResponse(payload, status=status)
    limits.ensure_device_cookie(response, request)
    return response


def _refuse(
    request: HttpRequest,
    dialogue: Dialogue,
    form: NoteForm,
    *,
    code: str,
    message: str,
    status: int,
) -> HttpResponse:
    """The page again with the text in the form and the reason above it (or the same as JSON)."""
    if _wants_json(request):
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return _json_refusal(request, code, message, status=status, errors=errors)
    # Where the page shows no form (closed, not yet open), the text is shown to copy.
    kept_text = form.data.get("text", "") if _state(dialogue) != OPEN else ""
    return _render_page(
        request, dialogue, form=form, status=status, refusal=message, kept_text=kept_text
    )


def _stored(request: HttpRequest, dialogue: Dialogue, note: Note, *, created: bool) -> HttpResponse:
    message = _("Tack! Anteckningen är sparad.")
    if _wants_json(request):
        return JsonResponse(
            {
                "status": "stored" if created else "already_stored",
                "message": message,
                "client_key": str(note.client_key),
            },
            status=201 if created else 200,
        )
    params = {SAVED_PARAM: "1"}
    if note.table_group:
        params[TABLE_GROUP_PARAM] = note.table_group
    params[QUESTION_PARAM] = str(note.question_id) if note.question_id else WHOLE_DIALOGUE
    return redirect(f"{_page_url(dialogue)}?{urlencode(params)}#anteckning")


def _submit(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    data = request.POST.copy()
    # A filled honeypot is refused, and shown empty so that a person's next submit goes through.
    honeypot_filled = bool(data.get(HONEYPOT, "").strip())
    data[HONEYPOT] = ""
    form = NoteForm(data, questions=list(dialogue.questions.all()))

    if _csrf_refused(request):
        return _refuse(
            request,
            dialogue,
            form,
            code="csrf",
            message=_(
                "Sidan hade hunnit bli för gammal, så anteckningen är inte sparad än. "
                "Texten finns kvar nedan – tryck på ”Skicka anteckningen” igen."
            ),
            status=403,
        )
    now = timezone.now()
    if not rules.can_submit_note(dialogue, now):
        if form.is_valid():
            # Stored before closing time, its confirmation lost on the way: say so.
            retry = note_for_client_key(
                dialogue=dialogue, client_key=form.cleaned_data["client_key"]
            )
            if retry is not None:
                return _stored(request, dialogue, retry, created=False)
        try:
            note_check_open(dialogue=dialogue, now=now)
        except ValidationError as error:
            return _refuse(
                request,
                dialogue,
                form,
                code=error.code or CLOSED,
                message=" ".join(error.messages),
                status=409,
            )
    if not form.is_valid():
        return _refuse(
            request,
            dialogue,
            form,
            code="invalid",
            message=_("Anteckningen är inte sparad. Rätta det som står vid fälten nedan."),
            status=400,
        )
    if honeypot_filled:
        return _refuse(
            request,
            dialogue,
            form,
            code="honeypot",
            message=_(
                "Anteckningen är inte sparad: ett fält som ska vara tomt var ifyllt. "
                "Texten finns kvar – tryck på ”Skicka anteckningen” igen."
            ),
            status=400,
        )
    device_id = limits.device_id_from(request)
    if device_id is None:
        return _refuse(
            request,
            dialogue,
            form,
            code="device",
            message=_(
                "Telefonen kändes inte igen (kakor kan ha rensats), så anteckningen är inte "
                "sparad än. Texten finns kvar – tryck på ”Skicka anteckningen” igen."
            ),
            status=403,
        )
    if not limits.device_note_allowed(dialogue_id=dialogue.pk, device_id=device_id):
        return _refuse(
            request,
            dialogue,
            form,
            code="rate",
            message=_(
                "Den här telefonen har skickat många anteckningar på kort tid. Vänta några "
                "minuter och skicka sedan igen – texten finns kvar."
            ),
            status=429,
        )
    try:
        note, created = note_submit(
            dialogue=dialogue,
            question=form.chosen_question(),
            table_group=form.cleaned_data["table_group"],
            text=form.cleaned_data["text"],
            client_key=form.cleaned_data["client_key"],
            proposes_revision=form.cleaned_data["proposes_revision"],
        )
    except ValidationError as error:
        code = error.code or "invalid"
        status = 409 if code in ("cap", CLOSED, "not_open") else 400
        return _refuse(
            request, dialogue, form, code=code, message=" ".join(error.messages), status=status
        )
    return _stored(request, dialogue, note, created=created)

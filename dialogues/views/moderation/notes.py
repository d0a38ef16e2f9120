"""The working group's moderation page: a dialogue's notes, filtered and paged, and each note's
actions.

Every action is a plain POST form that works without JavaScript (post, redirect back to the
list with a message; bad input shows the note's own page with the error and what was typed,
status 400). htmx enhances the same forms: a request with `HX-Request` gets the note's updated
row back, and the list refreshes itself every few seconds through `moderation_notes` (the same
filter and page as the list's own address), keeping a half-filled form (see
dialogues/selectors/moderation.py, `note_rows`).
"""

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_POST

from dialogues import limits
from dialogues.access import (
    loads_dialogue_for_moderation,
    managers_only,
    note_of,
    theme_link_of,
)
from dialogues.forms.moderation import (
    HideForm,
    NoteFilterForm,
    NoteThemesForm,
    SuggestionForm,
)
from dialogues.models import Dialogue, Note, Theme
from dialogues.selectors import moderation as selectors
from dialogues.selectors.themes import themes_of_conference
from dialogues.services import moderation as services
from hok.access import is_htmx
from hok.http import AuthenticatedHttpRequest

# Notes on one page of the list, unhandled first: 46 notes on one page made the list 14,000 px
# tall on a phone; ten is a few screens.
NOTES_PER_PAGE = 10
# Seconds between two refreshes of the moderation list.
MODERATION_REFRESH = 5
PAGE_PARAM = "sida"
# The list refreshes every few seconds over venue wifi: it is sent gzipped. Django masks the
# CSRF token afresh in every response, which is what keeps compression safe (BREACH).


# The list ------------------------------------------------------------------------------------


def _filters(request: HttpRequest, dialogue: Dialogue) -> dict[str, Any]:
    """The filter form and what it selects; an unknown value is reported and ignored."""
    themes = list(themes_of_conference(conference=dialogue.conference))
    questions = selectors.dialogue_questions(dialogue=dialogue)
    # Only the filters that narrow the list: "Alla …" (the defaults) are left out of the URLs.
    params = {
        key: request.GET[key]
        for key in ("visa", "tema", "fraga")
        if request.GET.get(key) not in (None, "", selectors.SHOW_ALL)
    }
    form = NoteFilterForm(params or None, themes=themes, questions=questions)
    show, theme, question = selectors.SHOW_ALL, None, ""
    if form.is_bound and form.is_valid():
        show = form.cleaned_data["visa"] or selectors.SHOW_ALL
        theme = next((t for t in themes if t.pk == form.cleaned_data["tema"]), None)
        question = form.cleaned_data["fraga"]
    elif form.is_bound:
        params = {}
    return {
        "themes": themes,
        "questions": questions,
        "filter_form": form,
        "filter_params": params,
        "filtered": bool(params),
        "show": show,
        "theme": theme,
        "question": question,
    }


def _list_context(request: HttpRequest, dialogue: Dialogue) -> dict[str, Any]:
    context = _filters(request, dialogue)
    notes = selectors.moderation_notes(
        dialogue=dialogue,
        show=context["show"],
        theme=context["theme"],
        question=context["question"],
    )
    page: Page = Paginator(notes, NOTES_PER_PAGE).get_page(request.GET.get(PAGE_PARAM))
    themes_key = selectors.themes_signature(context["themes"])
    query = dict(context["filter_params"])
    if page.number > 1:
        query[PAGE_PARAM] = str(page.number)
    list_url = reverse("dialogues:moderation", args=[dialogue.pk])
    context.update(
        {
            "dialogue": dialogue,
            "page": page,
            "rows": selectors.note_rows(page.object_list, themes_key=themes_key),
            "figures": selectors.moderation_figures(dialogue=dialogue),
            "rate": selectors.note_rate(dialogue=dialogue),
            "device_limit": limits.DEVICE_LIMIT,
            "device_window_minutes": limits.DEVICE_WINDOW // 60,
            "query": urlencode(query),
            "filter_query": urlencode(context["filter_params"]),
            "back_url": f"{list_url}?{urlencode(query)}" if query else list_url,
            "refresh_seconds": MODERATION_REFRESH,
            "updated_at": timezone.localtime(),
        }
    )
    return context


@gzip_page
@never_cache
@managers_only
@loads_dialogue_for_moderation
def moderation(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    context = _list_context(request, dialogue)
    status = 400 if context["filter_form"].errors else 200
    return render(request, "dialogues/moderation/moderation.html", context, status=status)


@gzip_page
@never_cache
@managers_only
@loads_dialogue_for_moderation
def moderation_notes(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    """The list region alone, for the live refresh."""
    return render(
        request, "dialogues/moderation/includes/note_list.html", _list_context(request, dialogue)
    )


# One note and its actions --------------------------------------------------------------------


def _form_messages(form: Form) -> list[str]:
    """Every error of the form, as the messages shown beside the note."""
    return [str(message) for field_messages in form.errors.values() for message in field_messages]


def _row(
    dialogue: Dialogue, note_pk: int, themes: Sequence[Theme], **state: Any
) -> selectors.NoteRow:
    note = selectors.moderation_notes(dialogue=dialogue).filter(pk=note_pk).first()
    if note is None:
        raise Http404
    row = selectors.note_rows([note], themes_key=selectors.themes_signature(themes))[0]
    for key, value in state.items():
        setattr(row, key, value)
    return row


def _back(request: HttpRequest, dialogue: Dialogue, note: Note) -> str:
    """Where a plain POST returns to: the list the moderator came from, at the note."""
    wanted = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not wanted.startswith(reverse("dialogues:moderation", args=[dialogue.pk])):
        wanted = reverse("dialogues:moderation", args=[dialogue.pk])
    return f"{wanted}#note-{note.pk}"


def _note_response(
    request: HttpRequest,
    dialogue: Dialogue,
    note: Note,
    *,
    done: str = "",
    errors: Sequence[str] = (),
    **state: Any,
) -> HttpResponse:
    """After an action: the updated row for htmx, else back to the list (or, on an error, the
    note's own page with the message and what was typed, status 400)."""
    if not errors and not is_htmx(request):
        messages.success(request, done)
        return redirect(_back(request, dialogue, note))
    themes = list(themes_of_conference(conference=dialogue.conference))
    row = _row(dialogue, note.pk, themes, errors=list(errors), **state)
    context = {
        "dialogue": dialogue,
        "themes": themes,
        "row": row,
        "back_url": request.POST.get("next") or reverse("dialogues:moderation", args=[dialogue.pk]),
        "done": done,
    }
    if is_htmx(request):
        # 200 even with an error: htmx swaps only successful responses. The note's heading
        # takes the focus (htmx focuses [autofocus]), so the keyboard stays at this note.
        context["focus_note"] = True
        return render(request, "dialogues/moderation/includes/note.html", context)
    return render(request, "dialogues/moderation/note.html", context, status=400)


@never_cache
@managers_only
@loads_dialogue_for_moderation
def note_detail(request: HttpRequest, dialogue: Dialogue, note_pk: int) -> HttpResponse:
    """One note with its actions: a link to share, and where a refused action shows its error."""
    themes = list(themes_of_conference(conference=dialogue.conference))
    context = {
        "dialogue": dialogue,
        "themes": themes,
        "row": _row(dialogue, note_pk, themes),
        "back_url": reverse("dialogues:moderation", args=[dialogue.pk]),
    }
    return render(request, "dialogues/moderation/note.html", context)


@managers_only
@require_POST
@loads_dialogue_for_moderation
def note_hide(request: AuthenticatedHttpRequest, dialogue: Dialogue, note_pk: int) -> HttpResponse:
    note = note_of(dialogue, note_pk)
    form = HideForm(request.POST)
    errors: list[str] = []
    if form.is_valid():
        try:
            services.note_hide(note=note, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            errors = error.messages
    else:
        errors = _form_messages(form)
    return _note_response(
        request,
        dialogue,
        note,
        done=_("Anteckningen är dold."),
        errors=errors,
        typed_reason=request.POST.get("reason", ""),
        hide_open=bool(errors),
    )


@managers_only
@require_POST
@loads_dialogue_for_moderation
def note_unhide(
    request: AuthenticatedHttpRequest, dialogue: Dialogue, note_pk: int
) -> HttpResponse:
    note = note_of(dialogue, note_pk)
    services.note_unhide(note=note, by=request.user)
    return _note_response(request, dialogue, note, done=_("Anteckningen visas igen."))


@managers_only
@require_POST
@loads_dialogue_for_moderation
def note_themes(
    request: AuthenticatedHttpRequest, dialogue: Dialogue, note_pk: int
) -> HttpResponse:
    note = note_of(dialogue, note_pk)
    themes = list(themes_of_conference(conference=dialogue.conference))
    form = NoteThemesForm(request.POST, themes=themes)
    errors: list[str] = []
    if form.is_valid():
        try:
            services.note_theme_set(
                note=note, theme_ids=form.cleaned_data["themes"], by=request.user
            )
        except ValidationError as error:
            errors = error.messages
    else:
        errors = _form_messages(form)
    return _note_response(
        request,
        dialogue,
        note,
        done=_("Anteckningens teman är sparade."),
        errors=errors,
        themes_open=bool(errors),
    )


@managers_only
@require_POST
@loads_dialogue_for_moderation
def note_suggestion(
    request: AuthenticatedHttpRequest, dialogue: Dialogue, note_pk: int, link_pk: int
) -> HttpResponse:
    note = note_of(dialogue, note_pk)
    link = theme_link_of(note, link_pk)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        errors = _form_messages(form)
        return _note_response(request, dialogue, note, errors=errors)
    if form.cleaned_data["decision"] == "accept":
        services.note_theme_accept(link=link, by=request.user)
        done = _("Temat %(theme)s är godkänt för anteckningen.") % {"theme": link.theme.name}
    else:
        services.note_theme_reject(link=link, by=request.user)
        done = _("Förslaget %(theme)s är avvisat.") % {"theme": link.theme.name}
    return _note_response(request, dialogue, note, done=done)


@managers_only
@require_POST
@loads_dialogue_for_moderation
def suggest(request: AuthenticatedHttpRequest, dialogue: Dialogue) -> HttpResponse:
    """Suggest themes for every visible note of the dialogue from the keyword lists."""
    added = services.themes_suggest(dialogue=dialogue, by=request.user)
    if added:
        messages.success(
            request,
            ngettext(
                "%(count)d nytt förslag på tema. Godkänn eller avvisa det vid anteckningen.",
                "%(count)d nya förslag på teman. Godkänn eller avvisa dem vid anteckningarna.",
                added,
            )
            % {"count": added},
        )
    else:
        messages.info(
            request,
            _(
                "Inga nya förslag. Lägg till nyckelord på temasidan om du saknar något; "
                "avvisade förslag kommer inte tillbaka."
            ),
        )
    url = reverse("dialogues:moderation", args=[dialogue.pk])
    return redirect(f"{url}?{urlencode({'visa': selectors.SHOW_SUGGESTED})}" if added else url)

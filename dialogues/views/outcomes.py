"""After the conference: the working group's summaries, feedback, counts and exports; the public
conference page and the compiled document (page and PDF).

What the public may see is decided in `dialogues.selectors.outcomes` (published summaries and
feedback only, never hidden notes); these views only choose drafts=True for the working group.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.generations import PROPOSALS
from agreements.selectors.proposals import proposals_of_conference
from dialogues import access, rules
from dialogues.access import conference_managers_only, dialogue_of, theme_of
from dialogues.document import add_charts, document_context
from dialogues.exports import notes_csv_response
from dialogues.forms.outcomes import FeedbackForm, SummaryForm
from dialogues.generations import CONFERENCES
from dialogues.markdown import markdown_to_html
from dialogues.models import Conference
from dialogues.selectors.documents import document_render_finished
from dialogues.selectors.outcomes import conference_outcome, conferences_public
from dialogues.selectors.themes import theme_counts
from dialogues.services import outcomes as services
from hok.http import AuthenticatedHttpRequest
from hok.page_cache import cached_public_page
from hok.submissions import once_per_submission
from hok.utils import add_service_errors

# The buttons of the summary and feedback forms: what "publish" becomes for the service.
ACTIONS: dict[str, bool | None] = {"save": None, "publish": True, "unpublish": False}


def _outcomes_url(conference: Conference, anchor: str = "") -> str:
    url = reverse("dialogues:outcomes", kwargs={"pk": conference.pk})
    return f"{url}#{anchor}" if anchor else url


# ---- the working group ---------------------------------------------------------------------


@conference_managers_only
def outcomes(request: HttpRequest, conference: Conference) -> HttpResponse:
    """Every dialogue's summary and theme counts, every theme's feedback, and the exports."""
    outcome = conference_outcome(conference=conference, drafts=True)
    add_charts(outcome)
    themes = theme_counts(conference=conference)
    context = {"conference": conference, "outcome": outcome, "themes": themes}
    return render(request, "dialogues/outcomes/overview.html", context)


def _edit(
    request: HttpRequest,
    *,
    form: SummaryForm | FeedbackForm,
    field: str,
    save: Callable[[str, bool | None], object],
) -> tuple[str | None, bool]:
    """Handle a summary or feedback form: (the preview HTML, whether it was saved)."""
    if request.method != "POST" or not form.is_valid():
        return None, False
    text = form.cleaned_data[field]
    action = request.POST.get("action", "save")
    if action == "preview":
        return markdown_to_html(text), False
    try:
        save(text, ACTIONS.get(action))
    except ValidationError as error:
        add_service_errors(form, error)
        return None, False
    return None, True


def _edit_status(request: HttpRequest, form: SummaryForm | FeedbackForm) -> int:
    """A refused form is a 400; the page, and a preview of valid text, are a 200."""
    return 400 if request.method == "POST" and form.errors else 200


@conference_managers_only
@once_per_submission
def summary_edit(
    request: AuthenticatedHttpRequest, conference: Conference, dialogue_pk: int
) -> HttpResponse:
    dialogue = dialogue_of(conference, dialogue_pk)
    was_published = dialogue.summary_published
    form = SummaryForm(request.POST or None, initial={"summary": dialogue.summary})

    def save(text: str, publish: bool | None) -> object:
        return services.summary_save(
            dialogue=dialogue, summary=text, publish=publish, by=request.user
        )

    preview, saved = _edit(request, form=form, field="summary", save=save)
    if saved:
        if dialogue.summary_published and not was_published:
            messages.success(request, _("Sammanfattningen är sparad och publicerad."))
        elif was_published and not dialogue.summary_published:
            messages.success(request, _("Sammanfattningen är avpublicerad och sparad som utkast."))
        else:
            messages.success(request, _("Sammanfattningen är sparad."))
        return redirect(_outcomes_url(conference, f"dialog-{dialogue.pk}"))
    context = {
        "conference": conference,
        "dialogue": dialogue,
        "questions": list(dialogue.questions.order_by("position", "id")),
        "form": form,
        "preview": preview,
        "is_open": rules.dialogue_is_open(dialogue, timezone.now()),
    }
    return render(
        request,
        "dialogues/outcomes/summary_form.html",
        context,
        status=_edit_status(request, form),
    )


@conference_managers_only
@once_per_submission
def feedback_edit(
    request: AuthenticatedHttpRequest, conference: Conference, theme_pk: int
) -> HttpResponse:
    # A theme of another conference is not found here: the address names the conference.
    theme = theme_of(conference, theme_pk)
    was_published = theme.feedback_published
    form = FeedbackForm(request.POST or None, initial={"feedback": theme.feedback})

    def save(text: str, publish: bool | None) -> object:
        return services.theme_feedback_save(
            conference=conference, theme=theme, feedback=text, publish=publish, by=request.user
        )

    preview, saved = _edit(request, form=form, field="feedback", save=save)
    if saved:
        if theme.feedback_published and not was_published:
            messages.success(request, _("Återkopplingen är sparad och publicerad."))
        elif was_published and not theme.feedback_published:
            messages.success(request, _("Återkopplingen är avpublicerad och sparad som utkast."))
        else:
            messages.success(request, _("Återkopplingen är sparad."))
        return redirect(_outcomes_url(conference, f"tema-{theme.pk}"))
    note_count = next(
        (count for counted, count in theme_counts(conference=conference) if counted.pk == theme.pk),
        0,
    )
    context = {
        "conference": conference,
        "theme": theme,
        "form": form,
        "preview": preview,
        "note_count": note_count,
    }
    return render(
        request,
        "dialogues/outcomes/feedback_form.html",
        context,
        status=_edit_status(request, form),
    )


@conference_managers_only
def notes_csv(request: HttpRequest, conference: Conference) -> StreamingHttpResponse:
    """All notes, hidden ones with their reason (the working group's file; no public one)."""
    return notes_csv_response(conference)


# ---- the public ----------------------------------------------------------------------------


@cached_public_page(CONFERENCES)
def conference_public_list(request: HttpRequest) -> HttpResponse:
    """The conferences, so the public can find what became of each one's dialogues."""
    return render(
        request,
        "dialogues/outcomes/conference_list.html",
        {"conferences": conferences_public()},
    )


@cached_public_page(CONFERENCES, PROPOSALS)
def conference_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The conference, its dialogues and what became of the input, as far as published."""
    conference = access.conference_public(slug)
    outcome = conference_outcome(conference=conference)
    add_charts(outcome)
    context = {
        "conference": conference,
        "outcome": outcome,
        "can_manage": rules.can_manage_conferences(request.user),
        "pdf": document_render_finished(conference=conference, drafts=False),
        "proposals": proposals_of_conference(conference_id=conference.pk),
    }
    return render(request, "dialogues/outcomes/conference.html", context)


@cached_public_page(CONFERENCES)
def document(request: HttpRequest, slug: str) -> HttpResponse:
    """The compiled document as a page: what is published, the visible raw notes last."""
    conference = access.conference_public(slug)
    context = document_context(conference)
    context["pdf"] = document_render_finished(conference=conference, drafts=False)
    return render(request, "dialogues/outcomes/document.html", context)

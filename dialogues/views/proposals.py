"""The working group turns a conference note marked "förslag till revidering" into a revision
proposal. The proposal is the agreements app's: this page reads the agreement and writes the
proposal through that app's selectors and service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from agreements.conferences import ConferenceRef
from agreements.forms.proposals import NoteProposalForm
from agreements.proposal_parts import proposal_parts
from agreements.selectors import agreement_document
from agreements.selectors.proposals import proposal_from_note
from agreements.services.proposals import proposal_from_note as make_proposal
from dialogues.access import loads_dialogue_for_moderation, managers_only, note_of
from dialogues.models import Dialogue
from hok.http import AuthenticatedHttpRequest
from hok.submissions import once_per_submission
from hok.utils import add_service_errors, form_status


@never_cache
@managers_only
@once_per_submission
@loads_dialogue_for_moderation
def note_proposal(
    request: AuthenticatedHttpRequest, dialogue: Dialogue, note_pk: int
) -> HttpResponse:
    note = note_of(dialogue, note_pk)
    existing = proposal_from_note(note_id=note.pk)
    document = agreement_document()
    if document is None:
        raise Http404
    form = NoteProposalForm(
        request.POST if request.method == "POST" else None,
        parts=proposal_parts(document),
        initial={"proposed_text": note.text},
    )
    if request.method == "POST" and existing is None and form.is_valid():
        conference = dialogue.conference
        try:
            proposal = make_proposal(
                by=request.user,
                note_id=note.pk,
                conference=ConferenceRef(
                    id=conference.pk, name=conference.name, date=conference.date, url=""
                ),
                part_key=form.cleaned_data["part"],
                proposed_text=form.cleaned_data["proposed_text"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(
                form,
                error,
                {"part": "part", "proposed_text": "proposed_text", "reason": "reason"},
            )
        else:
            messages.success(
                request,
                _("Anteckningen är nu ett publicerat förslag till revidering. Svara på det här."),
            )
            return redirect("agreements:proposal_review", pk=proposal.pk)
    context = {"dialogue": dialogue, "note": note, "form": form, "existing": existing}
    status = (
        form_status(request) if existing is None else (409 if request.method == "POST" else 200)
    )
    return render(request, "dialogues/moderation/note_proposal.html", context, status=status)

"""After the conference: the working group's summary per dialogue and feedback per theme.

A summary or a feedback text is a draft until the working group publishes it; only then do the
public pages and the compiled document show it. Publishing needs text, and a dialogue's summary
can only be published once the dialogue has closed (while notes still come in, a summary would
describe only part of them).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogues import rules
from dialogues.generations import CONFERENCES
from dialogues.models import Conference, Dialogue, Theme
from hok.audit import record_actor
from hok.generations import bump
from hok.models import User

logger = logging.getLogger(__name__)

# Long enough for several pages of text, short enough that a pasted document is refused.
TEXT_MAX_LENGTH = 20_000


def _clean_text(text: str, *, field: str) -> str:
    text = text.strip().replace("\r\n", "\n")
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Texten får vara högst %(max)s tecken lång.") % {"max": TEXT_MAX_LENGTH},
                    code="too_long",
                )
            }
        )
    return text


def _check_summary_text(dialogue: Dialogue) -> None:
    if not dialogue.summary.strip():
        raise ValidationError(
            {
                "summary": ValidationError(
                    _("Skriv en sammanfattning innan du publicerar den."), code="empty"
                )
            }
        )


def _check_summary_publishable(dialogue: Dialogue) -> None:
    _check_summary_text(dialogue)
    if not rules.summary_is_publishable(dialogue, timezone.now()):
        raise ValidationError(
            _(
                "Dialogen är fortfarande öppen för anteckningar. Stäng den innan du "
                "publicerar sammanfattningen."
            ),
            code="dialogue_open",
        )


def _locked_dialogue(dialogue: Dialogue) -> Dialogue:
    return Dialogue.objects.select_for_update().get(pk=dialogue.pk)


def summary_save(
    *, dialogue: Dialogue, summary: str, publish: bool | None = None, by: User | None
) -> Dialogue:
    """Save a dialogue's summary (Markdown); `publish` True/False publishes or withdraws it,
    None leaves that as it is. A published summary cannot be emptied: withdraw it first."""
    with transaction.atomic():
        bump(CONFERENCES)
        locked = _locked_dialogue(dialogue)
        was_published = locked.summary_published
        locked.summary = _clean_text(summary, field="summary")
        if publish is not None:
            locked.summary_published = publish
        if locked.summary_published and not was_published:
            _check_summary_publishable(locked)
        elif locked.summary_published:
            _check_summary_text(locked)
        record_actor(locked, by=by)
        locked.save(update_fields=["summary", "summary_published"])
    dialogue.summary = locked.summary
    dialogue.summary_published = locked.summary_published
    return dialogue


def summary_publish(*, dialogue: Dialogue, by: User | None) -> Dialogue:
    """Publish the saved summary on the public pages and in the compiled document."""
    with transaction.atomic():
        bump(CONFERENCES)
        locked = _locked_dialogue(dialogue)
        if locked.summary_published:
            dialogue.summary_published = True
            return dialogue
        _check_summary_publishable(locked)
        locked.summary_published = True
        record_actor(locked, by=by)
        locked.save(update_fields=["summary_published"])
    dialogue.summary_published = True
    return dialogue


def summary_unpublish(*, dialogue: Dialogue, by: User | None) -> Dialogue:
    """Take the summary off the public pages; the text is kept as a draft."""
    with transaction.atomic():
        bump(CONFERENCES)
        locked = _locked_dialogue(dialogue)
        locked.summary_published = False
        record_actor(locked, by=by)
        locked.save(update_fields=["summary_published"])
    dialogue.summary_published = False
    return dialogue


def _locked_theme(conference: Conference, theme: Theme) -> Theme:
    if theme.conference_id != conference.pk:
        raise ValidationError(
            _("Temat hör inte till den här konferensen."), code="theme_conference"
        )
    return Theme.objects.select_for_update().get(pk=theme.pk)


def _log_feedback(theme: Theme, by: User | None) -> None:
    """Themes keep no history rows: the log names who changed a theme's feedback."""
    logger.info(
        "feedback of theme %s saved (published: %s) by user %s",
        theme.pk,
        theme.feedback_published,
        by.pk if by is not None else None,
    )


def _check_feedback_publishable(theme: Theme) -> None:
    if not theme.feedback.strip():
        raise ValidationError(
            {
                "feedback": ValidationError(
                    _("Skriv återkopplingen innan du publicerar den."), code="empty"
                )
            }
        )


def theme_feedback_save(
    *,
    conference: Conference,
    theme: Theme,
    feedback: str,
    publish: bool | None = None,
    by: User | None,
) -> Theme:
    """Save what the working group will do with a theme ("återkoppling", Markdown);
    `publish` as in `summary_save`. The theme must belong to `conference`."""
    with transaction.atomic():
        bump(CONFERENCES)
        locked = _locked_theme(conference, theme)
        locked.feedback = _clean_text(feedback, field="feedback")
        if publish is not None:
            locked.feedback_published = publish
        if locked.feedback_published:
            _check_feedback_publishable(locked)
        locked.save(update_fields=["feedback", "feedback_published"])
        _log_feedback(locked, by)
    theme.feedback = locked.feedback
    theme.feedback_published = locked.feedback_published
    return theme


def theme_feedback_publish(*, conference: Conference, theme: Theme, by: User | None) -> Theme:
    with transaction.atomic():
        bump(CONFERENCES)
        locked = _locked_theme(conference, theme)
        _check_feedback_publishable(locked)
        locked.feedback_published = True
        locked.save(update_fields=["feedback_published"])
        _log_feedback(locked, by)
    theme.feedback_published = True
    return theme


def theme_feedback_unpublish(*, conference: Conference, theme: Theme, by: User | None) -> Theme:
    with transaction.atomic():
        bump(CONFERENCES)
        locked = _locked_theme(conference, theme)
        locked.feedback_published = False
        locked.save(update_fields=["feedback_published"])
        _log_feedback(locked, by)
    theme.feedback_published = False
    return theme

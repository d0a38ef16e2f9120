"""Sending invitations: tokens and links, the survey's send lock, the mails and the send run.

Sending goes through the portal's one bulk sender (hok.bulk_mail), which survives a worker
that dies at any moment (kill -9) without mailing anyone twice: an invitation is claimed
(pending → sending, attempts + 1, new token hash) and committed before its mail is handed to
the mail server, then marked sent or failed; a run holds the survey's lock while it sends, so
invitations it still finds *sending* were left by a dead worker and become *uncertain*, listed
for the working group with a way to send again. Reminders (surveys.services.reminders) are
delivery rows of the same kind, sent under the same lock.

Tokens: only `Invitation.token_hash` (SHA-256 hex of the token) is stored. The token itself is
derived from the invitation's id and its attempt number with an HMAC keyed by SECRET_KEY (as
Django's password-reset tokens are), so a reminder can carry the same link as the invitation
without the token being stored anywhere. Sending again is a new attempt, hence a new token: the
old link stops working.

The sending functions run in autocommit on purpose (each claim must be committed before its
mail goes out), not in one transaction.
"""

import base64
import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from hok.bulk_mail import (
    BATCH_SIZE,
    BulkJob,
    SendingBusy,
    bulk_send,
    mark_interrupted,
    send_lock,
)
from hok.tokens import token_hash
from hok.utils import absolute_url
from surveys import rules
from surveys.models import Invitation, Survey
from surveys.models.invitations import InvitationSendRun, ReminderDelivery
from surveys.services.invitations import local_today

logger = logging.getLogger(__name__)

TOKEN_SALT = "surveys.invitation-token"  # noqa: S105 - an HMAC salt, not a secret
# PostgreSQL advisory lock key of a survey's sending: this namespace in the high 32 bits.
LOCK_NAMESPACE = 0x48_4F_4B_53  # "HOKS"
# The language of invitation and reminder mails (invitees have no language setting).
MAIL_LANGUAGE = "sv"


@dataclass(frozen=True)
class SendOutcome:
    sent: int
    failed: int
    found_uncertain: int


# --- tokens and links ---------------------------------------------------------------------


def invitation_token(*, invitation_id: int, attempt: int) -> str:
    """The token of an invitation's `attempt`-th send (43 URL-safe characters)."""
    digest = salted_hmac(TOKEN_SALT, f"{invitation_id}:{attempt}", algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def answer_url(token: str) -> str:
    with translation.override(MAIL_LANGUAGE):
        path = reverse("surveys:answer", kwargs={"token": token})
    return absolute_url(path)


# --- the lock and the mails ---------------------------------------------------------------


@contextmanager
def survey_send_lock(survey_id: int) -> Iterator[bool]:
    """Yield whether this process may send for the survey now (no other run is sending): the
    shared sender's lock, one per survey for invitations and reminders alike."""
    with send_lock(namespace=LOCK_NAMESPACE, key=survey_id) as acquired:
        yield acquired


def recover_interrupted(survey_id: int, now: datetime.datetime) -> int:
    """With the lock held, anything still *sending* was left by a worker that died mid-send:
    its mail may have left, so it becomes *uncertain*. Returns how many invitations were."""
    interrupted = Invitation.objects.filter(survey_id=survey_id, status=Invitation.Status.SENDING)
    # One whose link has already been used evidently arrived.
    interrupted.filter(used=True).update(status=Invitation.Status.SENT, last_error="")
    found = mark_interrupted(Invitation.objects.filter(survey_id=survey_id))
    mark_interrupted(ReminderDelivery.objects.filter(reminder_round__survey_id=survey_id))
    InvitationSendRun.objects.filter(
        survey_id=survey_id, started_at__isnull=False, finished_at__isnull=True
    ).update(finished_at=now, interrupted=True)
    if found:
        logger.warning("survey %s: %s interrupted invitations marked uncertain", survey_id, found)
    return found


def render_mail(template: str, context: dict[str, object], email: str) -> EmailMessage:
    with translation.override(MAIL_LANGUAGE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_message.txt", context)
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{' '.join(subject.split())}"
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email]
    )


# --- the sending (the Celery task calls this) ---------------------------------------------


def invitations_send_pending(*, run_id: int, batch_size: int = BATCH_SIZE) -> SendOutcome:
    """Send every pending invitation of the run's survey, `batch_size` per connection.

    Raises SendingBusy when another run holds the survey's lock (the task retries later).
    """
    run = InvitationSendRun.objects.select_related("survey").get(pk=run_id)
    survey = run.survey
    with survey_send_lock(survey.pk) as acquired:
        if not acquired:
            raise SendingBusy(survey.pk)
        now = timezone.now()
        if run.finished_at is not None and not run.interrupted:
            return SendOutcome(sent=run.sent, failed=run.failed, found_uncertain=0)
        found = recover_interrupted(survey.pk, now)
        InvitationSendRun.objects.filter(pk=run.pk).update(
            started_at=now, finished_at=None, interrupted=False, found_uncertain=found
        )
        sent = failed = 0
        if rules.invitations_can_be_sent(survey, local_today()):
            outcome = bulk_send(
                BulkJob(
                    rows=Invitation.objects.filter(survey=survey),
                    claim_fields=_new_token_fields,
                    message=lambda invitation: _invitation_mail(survey, invitation),
                    on_batch=lambda sent, failed: InvitationSendRun.objects.filter(
                        pk=run.pk
                    ).update(sent=sent, failed=failed),
                    batch_size=batch_size,
                )
            )
            sent, failed = outcome.sent, outcome.failed
        InvitationSendRun.objects.filter(pk=run.pk).update(
            sent=sent, failed=failed, finished_at=timezone.now()
        )
    return SendOutcome(sent=sent, failed=failed, found_uncertain=found)


def _new_token_fields(invitation: Invitation) -> dict[str, object]:
    """Each send is a new attempt with a new token, whose hash is written with the claim."""
    attempt = invitation.attempts + 1
    token = invitation_token(invitation_id=invitation.pk, attempt=attempt)
    return {"attempts": attempt, "token_hash": token_hash(token)}


def _invitation_mail(survey: Survey, invitation: Invitation) -> EmailMessage:
    token = invitation_token(invitation_id=invitation.pk, attempt=invitation.attempts)
    return render_mail(
        "surveys/email/invitation", {"survey": survey, "url": answer_url(token)}, invitation.email
    )

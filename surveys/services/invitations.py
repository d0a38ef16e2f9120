"""Invitations and reminders: adding invitees, asking for a send run, and the sending itself.

Sending goes through the portal's one bulk sender (hok.bulk_mail), which survives a worker
that dies at any moment (kill -9) without mailing anyone twice: an invitation is claimed
(pending → sending, attempts + 1, new token hash) and committed before its mail is handed to
the mail server, then marked sent or failed; a run holds the survey's lock while it sends, so
invitations it still finds *sending* were left by a dead worker and become *uncertain*, listed
for the working group with a way to send again. Reminders are delivery rows of the same kind.

Tokens: only `Invitation.token_hash` (SHA-256 hex of the token) is stored. The token itself is
derived from the invitation's id and its attempt number with an HMAC keyed by SECRET_KEY (as
Django's password-reset tokens are), so a reminder can carry the same link as the invitation
without the token being stored anywhere. Sending again is a new attempt, hence a new token: the
old link stops working.

The sending functions run in autocommit on purpose (each claim must be committed before its
mail goes out), not in one transaction; the use cases the working group triggers are atomic.
"""

import base64
import datetime
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from hok.bulk_mail import (
    BATCH_SIZE,
    BulkJob,
    SendingBusy,
    bulk_send,
    mark_interrupted,
    resend,
    send_lock,
)
from hok.models import User
from hok.tokens import token_hash
from hok.utils import absolute_url
from surveys.models import Invitation, Survey
from surveys.models.invitations import InvitationSendRun, ReminderDelivery, ReminderRound

logger = logging.getLogger(__name__)

TOKEN_SALT = "surveys.invitation-token"  # noqa: S105 - an HMAC salt, not a secret
# PostgreSQL advisory lock key of a survey's sending: this namespace in the high 32 bits.
LOCK_NAMESPACE = 0x48_4F_4B_53  # "HOKS"
# The language of invitation and reminder mails (invitees have no language setting).
MAIL_LANGUAGE = "sv"

__all__ = ["BATCH_SIZE", "SendingBusy"]  # the sender's, re-exported for the tasks


@dataclass(frozen=True)
class InvitationsAdded:
    added: int
    already_invited: int


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


# --- what the working group does -------------------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def _refuse_if_closed(survey: Survey, today: datetime.date) -> None:
    if survey.closes_on < today:
        raise ValidationError(
            _("Enkäten stängde %(date)s, så inga fler inbjudningar kan läggas till eller skickas.")
            % {"date": survey.closes_on.isoformat()},
            code="closed",
        )


def invitations_add(*, survey: Survey, emails: Iterable[str], by: User) -> InvitationsAdded:
    """Invite addresses (already validated and lower-cased) to the survey. Addresses already
    invited to it are skipped, so adding the same list twice changes nothing."""
    emails = list(dict.fromkeys(emails))
    if not emails:
        raise ValidationError(_("Det finns inga adresser att lägga till."), code="empty")
    _refuse_if_closed(survey, _today())
    with transaction.atomic():
        existing = set(
            Invitation.objects.filter(survey=survey, email__in=emails).values_list(
                "email", flat=True
            )
        )
        new = [Invitation(survey=survey, email=email) for email in emails if email not in existing]
        Invitation.objects.bulk_create(new, ignore_conflicts=True)
        total = Invitation.objects.filter(survey=survey, email__in=emails).count()
    added = total - len(existing)
    return InvitationsAdded(added=added, already_invited=len(emails) - added)


def invitation_send_start(*, survey: Survey, by: User) -> InvitationSendRun:
    """Ask a worker to send every pending invitation of the survey."""
    today = _today()
    _refuse_if_closed(survey, today)
    if survey.opens_on > today:
        raise ValidationError(
            _(
                "Enkäten öppnar %(date)s. Inbjudningarna kan skickas från den dagen, så att "
                "länken fungerar när den kommer fram."
            )
            % {"date": survey.opens_on.isoformat()},
            code="not_open",
        )
    with transaction.atomic():
        if not Invitation.objects.filter(survey=survey, status=Invitation.Status.PENDING).exists():
            raise ValidationError(
                _("Alla inbjudna har redan fått sin inbjudan. Lägg till adresser först."),
                code="nothing_pending",
            )
        run = InvitationSendRun.objects.create(survey=survey, requested_by=by)
        # robust: a broker that is down must not turn the page into an error; the run then
        # waits on the page, which offers to start it again.
        transaction.on_commit(lambda: _queue_send(run.pk), robust=True)
    return run


def _queue_send(run_id: int) -> None:
    from surveys.tasks import send_invitations

    send_invitations.delay(run_id=run_id)


def invitations_send_again(
    *, survey: Survey, invitation_ids: Iterable[int], by: User
) -> InvitationSendRun:
    """Send failed or uncertain invitations again, each with a new token (the link in an
    earlier mail stops working)."""
    _refuse_if_closed(survey, _today())
    ids = list(invitation_ids)
    with transaction.atomic():
        changed = resend(
            Invitation.objects.filter(survey=survey, pk__in=ids, used=False), token_hash=None
        )
        if not changed:
            raise ValidationError(
                _("Inbjudan har redan skickats igen eller finns inte längre."),
                code="not_resendable",
            )
        return invitation_send_start(survey=survey, by=by)


def invitation_remove(*, invitation: Invitation) -> None:
    """Remove an invitee whose invitation never left (pending or failed)."""
    removable = [Invitation.Status.PENDING, Invitation.Status.FAILED]
    with transaction.atomic():
        deleted, _detail = Invitation.objects.filter(
            pk=invitation.pk, status__in=removable
        ).delete()
    if not deleted:
        raise ValidationError(
            _("Bara inbjudningar som inte har skickats kan tas bort."), code="not_removable"
        )


def reminder_round_create(*, survey: Survey, send_on: datetime.date, by: User) -> ReminderRound:
    today = _today()
    _refuse_if_closed(survey, today)
    if send_on < today:
        raise ValidationError(_("Välj ett datum från och med i dag."), code="in_the_past")
    if not survey.opens_on <= send_on <= survey.closes_on:
        raise ValidationError(
            _("Välj ett datum medan enkäten är öppen (%(opens)s–%(closes)s).")
            % {"opens": survey.opens_on.isoformat(), "closes": survey.closes_on.isoformat()},
            code="outside_survey",
        )
    try:
        with transaction.atomic():
            return ReminderRound.objects.create(survey=survey, send_on=send_on, created_by=by)
    except IntegrityError as error:
        raise ValidationError(
            _("Det finns redan en påminnelse den dagen."), code="duplicate"
        ) from error


def reminder_round_delete(*, reminder_round: ReminderRound) -> None:
    with transaction.atomic():
        deleted, _detail = ReminderRound.objects.filter(
            pk=reminder_round.pk, started_at__isnull=True
        ).delete()
    if not deleted:
        raise ValidationError(
            _("Påminnelsen har redan börjat skickas och kan inte tas bort."), code="started"
        )


# --- the sending (Celery tasks call these) ----------------------------------------------------


@contextmanager
def survey_send_lock(survey_id: int) -> Iterator[bool]:
    """Yield whether this process may send for the survey now (no other run is sending): the
    shared sender's lock, one per survey for invitations and reminders alike."""
    with send_lock(namespace=LOCK_NAMESPACE, key=survey_id) as acquired:
        yield acquired


def _recover_interrupted(survey_id: int, now: datetime.datetime) -> int:
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


def _render_mail(template: str, context: dict[str, object], email: str) -> EmailMessage:
    with translation.override(MAIL_LANGUAGE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_message.txt", context)
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{' '.join(subject.split())}"
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email]
    )


def mail_preview(*, survey: Survey, kind: str) -> EmailMessage:
    """The invitation ("invitation") or reminder ("reminder") mail as an invitee gets it, with
    a stand-in for the personal link, for the working group to read before sending."""
    url = answer_url("personlig-kod")
    return _render_mail(f"surveys/mail/{kind}", {"survey": survey, "url": url}, "")


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
        found = _recover_interrupted(survey.pk, now)
        InvitationSendRun.objects.filter(pk=run.pk).update(
            started_at=now, finished_at=None, interrupted=False, found_uncertain=found
        )
        sent = failed = 0
        if survey.is_open(_today()):
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
    return _render_mail(
        "surveys/mail/invitation", {"survey": survey, "url": answer_url(token)}, invitation.email
    )


def reminder_round_send(*, round_id: int, batch_size: int = BATCH_SIZE) -> SendOutcome:
    """Send one reminder round to every invitee whose invitation was sent and who has not
    answered, once each: a delivery row per invitee, claimed before its mail goes out. Raises
    SendingBusy like invitations."""
    reminder_round = ReminderRound.objects.select_related("survey").get(pk=round_id)
    survey = reminder_round.survey
    with survey_send_lock(survey.pk) as acquired:
        if not acquired:
            raise SendingBusy(survey.pk)
        if reminder_round.finished_at is not None:
            return SendOutcome(sent=0, failed=0, found_uncertain=0)
        now = timezone.now()
        found = _recover_interrupted(survey.pk, now)
        ReminderRound.objects.filter(pk=reminder_round.pk, started_at__isnull=True).update(
            started_at=now
        )
        waiting = Invitation.objects.filter(
            survey=survey, status=Invitation.Status.SENT, used=False
        ).exclude(reminder_deliveries__reminder_round=reminder_round)
        ReminderDelivery.objects.bulk_create(
            [
                ReminderDelivery(
                    reminder_round=reminder_round,
                    invitation_id=pk,
                    status=ReminderDelivery.Status.PENDING,
                )
                for pk in waiting.values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )
        rows = ReminderDelivery.objects.filter(reminder_round=reminder_round)
        outcome = bulk_send(
            BulkJob(
                # An invitee who answers meanwhile is not reminded.
                rows=rows.filter(invitation__used=False).select_related("invitation"),
                message=lambda delivery: _reminder_mail(survey, reminder_round, delivery),
                batch_size=batch_size,
            )
        )
        rows.filter(status=ReminderDelivery.Status.PENDING).delete()
        ReminderRound.objects.filter(pk=reminder_round.pk).update(finished_at=timezone.now())
    return SendOutcome(sent=outcome.sent, failed=outcome.failed, found_uncertain=found)


def _reminder_mail(
    survey: Survey, reminder_round: ReminderRound, delivery: ReminderDelivery
) -> EmailMessage:
    invitation = delivery.invitation
    token = invitation_token(invitation_id=invitation.pk, attempt=invitation.attempts)
    if token_hash(token) != invitation.token_hash:
        # SECRET_KEY has changed since the invitation went out: the invitation's token cannot
        # be derived any more, so this reminder carries a new one (the old link stops working).
        Invitation.objects.filter(pk=invitation.pk, used=False).update(token_hash=token_hash(token))
    return _render_mail(
        "surveys/mail/reminder",
        {"survey": survey, "url": answer_url(token), "reminder_round": reminder_round},
        invitation.email,
    )

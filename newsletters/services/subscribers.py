"""Subscribing (double opt-in), confirming, unsubscribing, and an admin removing an address.

A subscribe request never tells whether the address was already on the list: the answer page
is the same, and an address that is already confirmed gets no mail at all. The confirmation
link is signed, expires after CONFIRM_MAX_AGE, and works once (it carries a nonce that the
confirmation clears; a newer request replaces it). The confirmation records when, and which
version of the consent text, the person said yes to; no IP address is kept.
"""

import datetime
import secrets

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hok.mail import send_templated_mail
from hok.models import User
from hok.utils import absolute_url
from newsletters.models import Delivery, Subscriber

# Bump when the consent text (templates/newsletters/includes/consent.html) changes.
CONSENT_VERSION = "2026-1"
CONFIRM_MAX_AGE = datetime.timedelta(days=3)
CONFIRM_SALT = "newsletters.confirm"
# A new confirmation mail for the same address at most this often (no mail bombing).
CONFIRM_RESEND_AFTER = datetime.timedelta(minutes=5)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.confirm_nonce], salt=CONFIRM_SALT)


def _confirm_url(token: str) -> str:
    with translation.override("sv"):
        path = reverse("newsletters:confirm", kwargs={"token": token})
    return absolute_url(path)


def subscriber_subscribe(*, email: str) -> None:
    """Ask for the newsletter: a confirmation mail goes to the address unless it already
    subscribes (then nothing happens, and the caller shows the same page)."""
    email = normalise_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(email=email)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return
        recent = (
            subscriber.confirm_nonce
            and subscriber.confirm_requested_at
            and now - subscriber.confirm_requested_at < CONFIRM_RESEND_AFTER
        )
        if recent:
            return
        subscriber.confirm_nonce = secrets.token_hex(16)
        subscriber.confirm_requested_at = now
        subscriber.save(update_fields=["confirm_nonce", "confirm_requested_at"])
        send_templated_mail(
            template="newsletters/email/confirm",
            context={
                "url": _confirm_url(_confirm_token(subscriber)),
                "days": CONFIRM_MAX_AGE.days,
            },
            to=[email],
        )


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm a subscription from the mailed link. Raises ValidationError with code
    "expired", "invalid", "used" or "already" (the last one is harmless)."""
    try:
        pk, nonce = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _(
                "Länken har gått ut: den gäller i %(days)s dagar. Anmäl dig igen, så får du "
                "en ny länk."
            )
            % {"days": CONFIRM_MAX_AGE.days},
            code="expired",
        ) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise _invalid_link() from error
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=pk).first()
        if subscriber is None:
            raise _invalid_link()
        if not nonce or subscriber.confirm_nonce != nonce:
            if subscriber.status == Subscriber.Status.CONFIRMED:
                raise ValidationError(
                    _("Prenumerationen är redan bekräftad. Du behöver inte göra något mer."),
                    code="already",
                )
            raise ValidationError(
                _(
                    "Länken har redan använts eller ersatts av en nyare. Anmäl dig igen om du "
                    "vill ha nyhetsbrevet."
                ),
                code="used",
            )
        _confirm(subscriber)
    return subscriber


def _invalid_link() -> ValidationError:
    return ValidationError(
        _("Länken fungerar inte. Kontrollera att hela länken kom med, eller anmäl dig igen."),
        code="invalid",
    )


def _confirm(subscriber: Subscriber) -> None:
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.consent_at = timezone.now()
    subscriber.consent_version = CONSENT_VERSION
    subscriber.confirm_nonce = ""
    subscriber.hard_bounces = 0
    subscriber.unsubscribed_at = None
    subscriber.save(
        update_fields=[
            "status",
            "consent_at",
            "consent_version",
            "confirm_nonce",
            "hard_bounces",
            "unsubscribed_at",
        ]
    )


def subscriber_unsubscribe(*, key: str) -> Subscriber:
    """Unsubscribe by the key in every mail's link. Idempotent; the key never expires."""
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(unsubscribe_key=key).first()
            if key
            else None
        )
        if subscriber is None:
            raise ValidationError(
                _(
                    "Vi hittar ingen prenumeration för den här länken. Adressen kan redan vara "
                    "borttagen ur listan."
                ),
                code="unknown",
            )
        _unsubscribe(subscriber)
    return subscriber


def _unsubscribe(subscriber: Subscriber) -> None:
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.confirm_nonce = ""
    subscriber.save(update_fields=["status", "unsubscribed_at", "confirm_nonce"])


def account_subscribe(*, user: User) -> Subscriber:
    """A signed-in user subscribes with one click: the account's address is verified already,
    so no confirmation mail; the consent is recorded as by a confirmation."""
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=normalise_email(user.email)
        )
        if subscriber.status != Subscriber.Status.CONFIRMED:
            _confirm(subscriber)
    return subscriber


def account_unsubscribe(*, user: User) -> None:
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(email=normalise_email(user.email)).first()
        )
        if subscriber is not None:
            _unsubscribe(subscriber)


def subscriber_remove(*, subscriber: Subscriber, by: User) -> None:
    """Remove the address and everything about it. Its delivery rows stay, without the
    address or anything that could name it, for the send statistics."""
    with transaction.atomic():
        Delivery.objects.filter(subscriber=subscriber).update(last_error="", subscriber=None)
        Subscriber.objects.filter(pk=subscriber.pk).delete()

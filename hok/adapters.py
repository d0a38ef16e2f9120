import base64
import hashlib
import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest

from hok.tasks import deliver_email
from hok.utils import absolute_url

# A password typed at login this recently counts as confirming it again (below).
LOGIN_COUNTS_AS_REAUTHENTICATION_SECONDS = 60


class AccountAdapter(DefaultAccountAdapter):
    def login(self, request: HttpRequest, user: Any) -> None:
        super().login(request, user)
        _count_login_password_as_reauthentication(request)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """As allauth renders it, but delivered by Celery (in process without a broker)."""
        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "portal_url": settings.PORTAL_BASE_URL,
            **{key: _on_portal_address(value, request) for key, value in context.items()},
        }
        message = self.render_mail(template_prefix, email, full_context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        deliver_email.delay(
            subject=message.subject,
            body=message.body,
            html=html,
            to=list(message.to),
            from_email=message.from_email,
        )


def _count_login_password_as_reauthentication(request: HttpRequest) -> None:
    """A password typed at login counts as a fresh confirmation of it.

    allauth asks for the password again ("Bekräfta åtkomst") before two-factor setup unless
    the session records a reauthentication; right after a login with the password that
    question only confuses. The record keeps its own time, so allauth's timeout
    (ACCOUNT_REAUTHENTICATION_TIMEOUT) still runs from the login. A login by a mailed link or
    code records another method and is left as it is.
    """
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if not isinstance(records, list):
        return
    now = time.time()
    for record in records:
        recent = now - record.get("at", 0) < LOGIN_COUNTS_AS_REAUTHENTICATION_SECONDS
        if record.get("method") == "password" and recent:
            record["reauthenticated"] = True
            request.session.modified = True


def _on_portal_address(value: Any, request: HttpRequest | None) -> Any:
    """allauth builds its links (confirm, reset, sign up) from the request's host; a mail links
    to the portal's configured address instead, like every other mail of the portal."""
    if request is None or not isinstance(value, str):
        return value
    origin = request.build_absolute_uri("/")
    if not value.startswith(origin):
        return value
    return absolute_url("/" + value.removeprefix(origin))


class MFAAdapter(DefaultMFAAdapter):
    """Two-factor secrets are encrypted in the database, with a key derived from SECRET_KEY.

    SECRET_KEY_FALLBACKS still decrypt, so the key can be rotated like Django's own signing.
    """

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()


def _fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([Fernet(_derive_key(key)) for key in keys])


def _derive_key(secret_key: str) -> bytes:
    digest = hashlib.sha256(f"hok-portalen.mfa:{secret_key}".encode()).digest()
    return base64.urlsafe_b64encode(digest)

"""What the ground floor stores about a person (the account), and the audit history that names
them. The top floor assembles a person's export and erases their account from contributions
like these, one per app (see accounts/registry.py); nothing here knows the apps above.
"""

from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from hok.models import Submission, User
from hok.roles import is_admin, role_of


@dataclass(frozen=True)
class Obstacle:
    """Why an account may not be deleted yet, and where the person can put it right."""

    message: str
    url: str = ""
    url_label: str = ""


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def user_addresses(*, user: User) -> list[str]:
    """The addresses the person has shown are theirs: their verified allauth addresses.

    An unverified address may be anyone's (a person can type any address into their account),
    so what was sent to it is neither shown to them nor deleted with their account."""
    return sorted(
        {
            address.lower()
            for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
                "email", flat=True
            )
        }
    )


def account_personal_data(*, user: User) -> dict[str, Any]:
    """The account: name, addresses, dates, role, whether two-factor login is on.

    Never a secret: no password hash, no two-factor key, no recovery codes."""
    authenticators = Authenticator.objects.filter(user=user).order_by("type")
    return {
        "email": user.email,
        "full_name": user.full_name,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "is_active": user.is_active,
        "role": str(role_of(user).label),
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "two_factor": {
            "enabled": authenticators.filter(type=Authenticator.Type.TOTP).exists(),
            "methods": [
                {
                    "type": authenticator.type,
                    "created_at": _when(authenticator.created_at),
                    "last_used_at": _when(authenticator.last_used_at),
                }
                for authenticator in authenticators
            ],
        },
    }


def _historical_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def _user_columns(model: type[models.Model]) -> list[str]:
    """The fields of a historical model that point at an account (who made the change, and the
    copies of the recorded model's own user fields, such as who created or signed it)."""
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey) and field.related_model is User
    ]


def history_personal_data(*, user: User) -> list[dict[str, Any]]:
    """Every recorded change the person made: what kind of record, which one, when and how.

    One query however many models keep a history (a UNION ALL of their tables)."""
    recorded = [
        model
        for model in _historical_models()
        # A many-to-many table's history has no history_user: who changed it is in its parent's.
        if "history_user" in {field.name for field in model._meta.get_fields()}
    ]
    queries = [
        model._default_manager.filter(history_user=user)
        .order_by()
        .annotate(record_kind=models.Value(index, output_field=models.IntegerField()))
        .values("record_kind", "id", "history_date", "history_type")
        for index, model in enumerate(recorded)
    ]
    if not queries:
        return []
    rows = queries[0].union(*queries[1:], all=True).order_by() if len(queries) > 1 else queries[0]
    return [
        {
            "record": str(recorded[row["record_kind"]].instance_type._meta.verbose_name),
            "record_id": row["id"],
            "changed_at": _when(row["history_date"]),
            "change": {"+": "created", "~": "changed", "-": "deleted"}[row["history_type"]],
        }
        for row in sorted(rows, key=lambda row: (row["history_date"], row["record_kind"]))
    ]


def submissions_personal_data(*, user: User) -> list[dict[str, Any]]:
    """The create forms the person sent in the last day, remembered so that the same submission
    sent again creates nothing more (hok/submissions.py): when, and where it led."""
    rows = Submission.objects.filter(user=user).order_by("created_at")
    return [
        {"sent_at": _when(row.created_at), "led_to": row.redirect_to}
        for row in rows.only("created_at", "redirect_to")
    ]


def history_forget(*, user: User) -> int:
    """Remove the account from the audit history: who made each change, and the recorded
    copies of user fields (created by, signed by, ...). The changes themselves stay. Returns
    the number of updated history rows."""
    updated = 0
    for model in _historical_models():
        for column in _user_columns(model):
            updated += model._default_manager.filter(**{column: user.pk}).update(**{column: None})
    return updated


def admin_log_forget(*, user: User) -> None:
    """The admin's log of changes made to this account names it (its e-mail address)."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()


def account_erasure_obstacles(*, user: User) -> list[Obstacle]:
    """Why this account may not be deleted now: the portal must keep one administrator."""
    if is_admin(user) and not (
        User.objects.filter(is_active=True, is_staff=True).exclude(pk=user.pk).exists()
    ):
        return [
            Obstacle(
                _(
                    "Du är portalens enda administratör. Ge någon annan "
                    "administratörsbehörighet innan du raderar ditt konto."
                )
            )
        ]
    return []

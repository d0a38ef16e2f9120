"""Read-only contact addresses: of the signatory organisations, for other apps that mail them
(the yearly follow-up survey invites them), and of an organisation's representatives and the
working group, whom the services mail. Nothing here writes."""

from dataclasses import dataclass

from django.db.models import Prefetch

from agreements.models import Membership, Organisation
from agreements.selectors.directory import signatories_public
from hok.models import User
from hok.roles import WORKING_GROUP_NAME


@dataclass(frozen=True)
class SignatoryContacts:
    """One public signatory and the addresses it can be reached at: its public contact address
    (if it gave one) and the addresses of its representatives, without duplicates."""

    organisation_id: int
    name: str
    emails: tuple[str, ...]


def signatory_contacts() -> list[SignatoryContacts]:
    """Every public signatory (an approved signature of any version) with its addresses, by
    name. Two queries, however many organisations and representatives."""
    organisations = (
        signatories_public()
        .only("pk", "name", "contact_email")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by("created_at"),
            )
        )
        .order_by("name", "pk")
    )
    contacts = []
    for organisation in organisations:
        emails: list[str] = []
        candidates = [organisation.contact_email] + [
            membership.user.email for membership in organisation.memberships.all()
        ]
        for email in candidates:
            email = (email or "").strip().lower()
            if email and email not in emails:
                emails.append(email)
        contacts.append(
            SignatoryContacts(
                organisation_id=organisation.pk, name=organisation.name, emails=tuple(emails)
            )
        )
    return contacts


def representative_emails(organisation: Organisation) -> list[str]:
    return list(organisation.memberships.values_list("user__email", flat=True))


def working_group_emails() -> list[str]:
    """The active members of the working group (new signatures and proposals to check)."""
    return list(
        User.objects.filter(groups__name=WORKING_GROUP_NAME, is_active=True).values_list(
            "email", flat=True
        )
    )

"""Who represents an organisation: invitations by e-mail, join requests and memberships."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import rules
from agreements.models import JoinRequest, Membership, MembershipInvitation, Organisation
from agreements.selectors.contacts import representative_emails
from hok.mail import send_templated_mail
from hok.models import User
from hok.tokens import token_hash
from hok.utils import absolute_url

INVITATION_VALID_FOR = timedelta(days=14)
INVITATION_FOR_SOMEONE_ELSE = gettext_lazy(
    "Inbjudan skickades till en annan e-postadress än den du är inloggad med. Logga in med "
    "den adress inbjudan skickades till, eller be organisationens företrädare om en ny "
    "inbjudan till din adress."
)


@transaction.atomic
def invitation_create(*, organisation: Organisation, email: str, by: User) -> MembershipInvitation:
    """Invite a colleague by e-mail. The link works once, for 14 days."""
    email = email.strip().lower()
    if rules.is_member_address(organisation, email):
        raise ValidationError(
            _("%(email)s företräder redan organisationen.") % {"email": email},
            code="already_member",
        )
    token = secrets.token_urlsafe(32)
    invitation = MembershipInvitation.objects.create(
        organisation=organisation,
        email=email,
        token_hash=token_hash(token),
        invited_by=by,
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )
    send_templated_mail(
        template="agreements/email/invitation",
        context={
            "organisation": organisation,
            "invited_by": by,
            "url": absolute_url(reverse("agreements:invitation_accept", kwargs={"token": token})),
            "expires_at": invitation.expires_at,
        },
        to=[email],
    )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, by: User) -> Membership:
    invitation = (
        MembershipInvitation.objects.select_for_update()
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise ValidationError(_("Inbjudan finns inte. Kontrollera länken."), code="unknown")
    if not rules.can_accept_invitation(by, invitation):
        # Checked first, so another account learns nothing about the invitation's state.
        raise ValidationError(INVITATION_FOR_SOMEONE_ELSE, code="someone_else")
    if invitation.used_at is not None:
        raise ValidationError(_("Inbjudan har redan använts."), code="used")
    if invitation.expires_at < timezone.now():
        raise ValidationError(_("Inbjudan har gått ut. Be om en ny inbjudan."), code="expired")
    invitation.used_at = timezone.now()
    invitation.used_by = by
    invitation.save(update_fields=["used_at", "used_by"])
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=by
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    # Locked, so two representatives removing each other at once cannot leave it without any.
    Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    if not rules.membership_is_removable(membership):
        raise ValidationError(
            _("Organisationen måste ha minst en företrädare. Bjud in någon annan först."),
            code="last_member",
        )
    membership.delete()


@transaction.atomic
def join_request_create(*, organisation: Organisation, by: User, message: str) -> JoinRequest:
    if rules.is_member(by, organisation):
        raise ValidationError(_("Du företräder redan organisationen."), code="already_member")
    if rules.has_pending_join_request(by, organisation):
        raise ValidationError(
            _("Du har redan bett om att få företräda organisationen. Vänta på svar."),
            code="pending",
        )
    join_request = JoinRequest.objects.create(
        organisation=organisation, user=by, message=message.strip()
    )
    send_templated_mail(
        template="agreements/email/join_request",
        context={
            "organisation": organisation,
            "join_request": join_request,
            "url": absolute_url(
                reverse("agreements:organisation_members", kwargs={"slug": organisation.slug})
            ),
        },
        to=representative_emails(organisation),
    )
    return join_request


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, by: User, accept: bool) -> JoinRequest:
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if not rules.join_request_is_open(join_request):
        raise ValidationError(_("Förfrågan är redan besvarad."), code="decided")
    join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    if accept:
        Membership.objects.get_or_create(
            organisation=join_request.organisation, user=join_request.user
        )
    send_templated_mail(
        template="agreements/email/join_request_decided",
        context={"join_request": join_request, "organisation": join_request.organisation},
        to=[join_request.user.email],
    )
    return join_request

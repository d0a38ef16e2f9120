"""How long the surveys app keeps personal data: invitees' e-mail addresses.

An invitation holds the address it was sent to. Once the survey has closed the address is of no
more use than answering questions about the sending, so INVITATION_ADDRESS_DAYS after the
survey's last day the invitations are deleted, with the reminder deliveries that point at them.
The responses stay: they never pointed at an invitation. The send runs keep their counts (how
many were sent, how many failed), which hold no address.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Count

from surveys.models import Invitation
from surveys.models.survey import INVITATION_ADDRESS_DAYS

logger = logging.getLogger(__name__)


@transaction.atomic
def invitation_addresses_delete(*, today: datetime.date) -> dict[int, int]:
    """Delete the invitations of every survey that closed INVITATION_ADDRESS_DAYS or more days
    before `today`. Returns {survey id: invitations deleted}; safe to run any number of times."""
    cutoff = today - datetime.timedelta(days=INVITATION_ADDRESS_DAYS)
    expired = Invitation.objects.filter(survey__closes_on__lte=cutoff)
    counts = dict(
        expired.order_by()
        .values_list("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    if counts:
        expired.delete()
    for survey_id, deleted in counts.items():
        logger.info("Survey %s: %s invitation addresses deleted (retention)", survey_id, deleted)
    return counts

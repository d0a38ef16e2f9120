"""`{% newsletter_offer %}`: a one-click subscription offered where a signed-in person has just
done something for the agreement (signing for an organisation). Pages of apps below the
newsletters load it in their templates; their views know nothing of newsletters."""

from typing import Any

from django import template

from newsletters import selectors
from newsletters.models import Subscriber

register = template.Library()


@register.inclusion_tag("newsletters/includes/offer.html", takes_context=True)
def newsletter_offer(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    show = False
    if user.is_authenticated and user.email:
        subscriber = selectors.subscriber_for_email(email=user.email)
        show = subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED
    return {"show": show, "email": getattr(user, "email", ""), "next": request.get_full_path()}

"""The public newsletter pages: archive, one newsletter, feeds, subscribing and leaving."""

from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from hok.http import AuthenticatedHttpRequest
from hok.page_cache import cached_public_page
from hok.utils import form_status
from newsletters import selectors
from newsletters.access import published_newsletter
from newsletters.forms import SubscribeForm
from newsletters.generations import NEWSLETTERS
from newsletters.mail import newsletter_context
from newsletters.models import Newsletter, Subscriber
from newsletters.services import subscribers as services

FEED_ITEMS = 20


@cached_public_page(NEWSLETTERS)
def archive(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "newsletters/archive.html",
        {"years": selectors.newsletter_archive(), "form": SubscribeForm()},
    )


@cached_public_page(NEWSLETTERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    newsletter = published_newsletter(pk)
    return render(request, "newsletters/detail.html", reading_context(newsletter))


def reading_context(newsletter: Newsletter) -> dict[str, object]:
    context = newsletter_context(newsletter)
    # On the site the images and cards are the site's own, not absolute mail links.
    context["images"] = list(newsletter.images.all())
    context["site_cards"] = list(newsletter.cards.all())
    return context


class LatestNewslettersRss(Feed):
    title = gettext_lazy("HÖK-portalens nyhetsbrev")
    description = gettext_lazy(
        "Nyhetsbrev om Halländska Överenskommelsen mellan idéburen sektor och Region Halland."
    )

    def link(self) -> str:
        from django.urls import reverse

        return reverse("newsletters:archive")

    def items(self) -> QuerySet[Newsletter]:
        return selectors.newsletters_public()[:FEED_ITEMS]

    def item_title(self, item: Newsletter) -> str:
        return item.title

    def item_description(self, item: Newsletter) -> str:
        return item.preamble

    def item_pubdate(self, item: Newsletter):  # noqa: ANN201 - Feed's hook
        return item.published_at


class LatestNewslettersAtom(LatestNewslettersRss):
    feed_type = Atom1Feed
    subtitle = LatestNewslettersRss.description


# No CSRF check: the form is on cached public pages, which carry no visitor's token, and a
# forged post can do nothing the forger could not do directly. The view reads only the posted
# address, never the visitor's session or account, and the address only gets a confirmation
# mail (double opt-in) that the same answer follows whatever the address's state.
@csrf_exempt
@require_http_methods(["GET", "POST"])
# No once_per_submission key: the form sits on cached pages shared by every visitor, so a key
# rendered into it would be shared too. Subscribing is idempotent by address anyway.
def subscribe(request: HttpRequest) -> HttpResponse:
    """The same answer whether the address was new, waiting or already subscribed."""
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.subscriber_subscribe(email=form.cleaned_data["email"])
        return redirect("newsletters:subscribe_sent")
    return render(
        request, "newsletters/subscribe.html", {"form": form}, status=form_status(request)
    )


def subscribe_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "newsletters/subscribe_sent.html",
        {"days": services.CONFIRM_MAX_AGE.days},
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (a link scanner must not subscribe anyone); POST confirms."""
    if request.method == "GET":
        return render(request, "newsletters/confirm.html", {"token": token})
    try:
        services.subscriber_confirm(token=token)
    except ValidationError as error:
        status = 200 if error.code == "already" else 400
        return render(
            request,
            "newsletters/link_problem.html",
            {
                "message": error.messages[0],
                "code": error.code,
                "title": _("Bekräfta prenumeration"),
            },
            status=status,
        )
    return render(request, "newsletters/confirmed.html")


@csrf_exempt  # RFC 8058: the mail provider posts "List-Unsubscribe=One-Click" without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, key: str) -> HttpResponse:
    """GET shows a button (a link scanner must not unsubscribe anyone); POST unsubscribes
    with no more questions. The key never expires; no sign-in needed."""
    if request.method == "GET":
        known = selectors.subscriber_for_key(key=key) is not None
        return render(
            request,
            "newsletters/unsubscribe.html",
            {"key": key, "known": known},
            status=200 if known else 404,
        )
    try:
        services.subscriber_unsubscribe(key=key)
    except ValidationError as error:
        return render(
            request,
            "newsletters/link_problem.html",
            {"message": error.messages[0], "code": error.code, "title": _("Avsluta prenumeration")},
            status=404,
        )
    return render(request, "newsletters/unsubscribed.html")


@login_required
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    subscriber = selectors.subscriber_for_email(email=request.user.email)
    subscribed = subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED
    return render(
        request,
        "newsletters/account.html",
        {"subscribed": subscribed, "subscriber": subscriber},
    )


@login_required
@require_POST
def account_toggle(request: AuthenticatedHttpRequest) -> HttpResponse:
    from django.contrib import messages

    if request.POST.get("action") == "subscribe":
        services.account_subscribe(user=request.user)
        messages.success(request, _("Du prenumererar nu på nyhetsbrevet."))
    else:
        services.account_unsubscribe(user=request.user)
        messages.success(request, _("Du prenumererar inte längre på nyhetsbrevet."))
    # Back to the page that offered the subscription, if it is one of the portal's own.
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("newsletters:account")

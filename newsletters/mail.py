"""A newsletter as a mail: multipart plain text + HTML, with the headers list mail needs.

The HTML and the text are rendered once per newsletter and the recipient's unsubscribe link
put in per mail, so a send of thousands costs one template render. Images are linked by
absolute address; there is no tracking pixel and no link is rewritten.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from dialogues.markdown import markdown_to_html
from hok.utils import absolute_url
from newsletters.models import Newsletter

MAIL_LANGUAGE = "sv"
UNSUBSCRIBE_MARK = "__AVSLUTA_PRENUMERATION__"
# A test send carries this key: its unsubscribe link opens the page that explains it is unknown.
TEST_SEND_KEY = "provutskick"


def unsubscribe_url(key: str) -> str:
    with translation.override(MAIL_LANGUAGE):
        return absolute_url(reverse("newsletters:unsubscribe", kwargs={"key": key}))


def web_url(newsletter: Newsletter) -> str:
    with translation.override(MAIL_LANGUAGE):
        return absolute_url(newsletter.get_absolute_url())


def list_id() -> str:
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
    return f"HÖK-portalens nyhetsbrev <nyhetsbrev.{host}>"


@dataclass(frozen=True)
class RenderedNewsletter:
    subject: str
    text: str
    html: str

    def message(self, *, to: str, unsubscribe_key: str) -> EmailMultiAlternatives:
        url = unsubscribe_url(unsubscribe_key)
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text.replace(UNSUBSCRIBE_MARK, url),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers={
                "List-Id": list_id(),
                "List-Unsubscribe": f"<{url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(self.html.replace(UNSUBSCRIBE_MARK, url), "text/html")
        return message


def newsletter_context(newsletter: Newsletter) -> dict[str, object]:
    images = [
        {"url": absolute_url(image.image.url), "alt": image.alt, "width": min(image.width, 592)}
        for image in newsletter.images.all()
    ]
    cards = [
        {"title": card.title, "url": absolute_url(card.path)} for card in newsletter.cards.all()
    ]
    return {
        "newsletter": newsletter,
        "body_html": markdown_to_html(newsletter.body, top_level=2),
        "images": images,
        "cards": cards,
        "web_url": web_url(newsletter),
        "unsubscribe_url": UNSUBSCRIBE_MARK,
        "base_url": settings.PORTAL_BASE_URL,
    }


def render_newsletter(newsletter: Newsletter) -> RenderedNewsletter:
    context = newsletter_context(newsletter)
    with translation.override(MAIL_LANGUAGE):
        text = render_to_string("newsletters/mail/newsletter.txt", context)
        html = render_to_string("newsletters/mail/newsletter.html", context)
    subject = " ".join(newsletter.title.split())
    return RenderedNewsletter(subject=subject, text=text, html=html)

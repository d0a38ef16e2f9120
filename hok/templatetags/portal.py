from django import template
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.html import format_html

from hok.submissions import FIELD, new_key

register = template.Library()


@register.simple_tag
def url_in_language(request: HttpRequest, language: str) -> str:
    """The address of the current page in another language."""
    return translate_url(request.get_full_path(), language)


@register.filter
def paragraphs(text: str) -> list[str]:
    """Split stored text into its paragraphs (separated by a blank line)."""
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


@register.simple_tag
def submission_key() -> str:
    """A create form's one-time key (see hok/submissions.py)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())


@register.simple_tag
def breadcrumbs(*labels_and_urls: str) -> list[tuple[str, str]]:
    """The trail for includes/breadcrumbs.html from alternating labels and addresses:
    `{% breadcrumbs _("Start") home_url as crumbs %}`."""
    if len(labels_and_urls) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes pairs of a label and an address")
    labels, urls = labels_and_urls[::2], labels_and_urls[1::2]
    return list(zip(labels, urls, strict=True))

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from agreements.comparison import Fragment

register = template.Library()

_TAGS = {"inserted": "ins", "deleted": "del"}


@register.filter
def render_fragments(fragments: list[Fragment]) -> SafeString:
    """Fragments as one run of HTML: whitespace matters, so no template markup in between."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html("<{0}>{1}</{0}>", _TAGS[f.kind], f.text) if f.kind in _TAGS else f.text,)
            for f in fragments
        ),
    )

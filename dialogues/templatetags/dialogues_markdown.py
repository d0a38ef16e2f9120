from django import template
from django.utils.safestring import SafeString

from dialogues.markdown import markdown_to_html

register = template.Library()


@register.filter
def markdown(text: str | None, top_level: int = 3) -> SafeString:
    """`{{ dialogue.summary|markdown }}`: sanitised HTML; `|markdown:2` starts headings at h2."""
    return markdown_to_html(text or "", top_level=int(top_level))

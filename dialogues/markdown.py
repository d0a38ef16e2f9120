"""Markdown the working group writes (summaries, feedback) as sanitised HTML.

Python-Markdown turns the text into HTML, then nh3 (the Rust `ammonia` sanitiser) keeps only a
small allow-list: paragraphs, headings, lists, emphasis, quotes, code and links to http(s) and
mailto addresses. Everything else is removed: raw HTML tags (their text stays, a <script> or
<style> goes with its content), attributes such as inline event handlers, `javascript:` links.

Headings are shifted so that a "#" in the text never competes with the page's own headings:
with the default `top_level=3`, "# Rubrik" becomes <h3> and deeper levels follow, capped at h6.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"


def markdown_to_html(text: str, *, top_level: int = 3) -> SafeString:
    """The Markdown `text` as HTML that is safe to put in a page or a PDF."""
    if not text or not text.strip():
        return mark_safe("")  # noqa: S308 - empty string
    if not 2 <= top_level <= 6:
        raise ValueError("top_level must be between 2 and 6")
    html = markdown_lib.markdown(
        text,
        extensions=["sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": top_level, "anchorlink": False}},
        output_format="html",
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 with the allow-list above

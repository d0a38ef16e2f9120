"""The one breadcrumbs include renders the trail the pages used to write inline."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test.html import parse_html
from django.utils import translation

# The markup every page wrote by hand before the include (examples/detail.html).
INLINE = """
<nav class="breadcrumbs" aria-label="Du är här">
    <ol>
        <li><a href="/">Start</a></li>
        <li><a href="/exempel/">Exempel på samverkan</a></li>
        <li aria-current="page">Fika &amp; samtal</li>
    </ol>
</nav>
"""


def render(source: str, **context: object) -> str:
    with translation.override("sv"):
        return Template("{% load portal %}" + source).render(Context(context))


def test_the_include_renders_the_inline_markup() -> None:
    html = render(
        '{% breadcrumbs _("Start") "/" _("Exempel på samverkan") list_url as crumbs %}'
        '{% include "includes/breadcrumbs.html" with crumbs=crumbs current=title %}',
        list_url="/exempel/",
        title="Fika & samtal",
    )
    assert parse_html(html) == parse_html(INLINE)


def test_labels_are_escaped_and_the_current_page_is_optional() -> None:
    html = render(
        '{% breadcrumbs label "/a/" as crumbs %}'
        '{% include "includes/breadcrumbs.html" with crumbs=crumbs %}',
        label="<b>Fet</b>",
    )
    assert "&lt;b&gt;Fet&lt;/b&gt;" in html
    assert "aria-current" not in html


def test_labels_are_translated() -> None:
    with translation.override("en"):
        html = Template(
            '{% load portal %}{% breadcrumbs _("Start") "/" as crumbs %}'
            '{% include "includes/breadcrumbs.html" with crumbs=crumbs current=_("Sök") %}'
        ).render(Context())
    assert '<a href="/">Home</a>' in html
    assert '<li aria-current="page">Search</li>' in html


def test_a_label_without_an_address_is_refused() -> None:
    with pytest.raises(TemplateSyntaxError):
        render('{% breadcrumbs _("Start") as crumbs %}')

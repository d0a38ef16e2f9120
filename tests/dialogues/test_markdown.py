"""Markdown from the working group becomes sanitised HTML: the allow-list holds, nothing runs."""

import pytest
from django.template import Context, Template

from dialogues.markdown import markdown_to_html


def render(text: str, **kwargs: int) -> str:
    return str(markdown_to_html(text, **kwargs))


class TestKept:
    def test_headings_start_at_h3_and_follow(self) -> None:
        html = render("# Rubrik\n\n## Underrubrik\n\n###### Djup")
        assert "<h3>Rubrik</h3>" in html
        assert "<h4>Underrubrik</h4>" in html
        assert "<h6>Djup</h6>" in html
        assert "<h1" not in html and "<h2" not in html

    def test_headings_can_start_at_h2(self) -> None:
        assert "<h2>Rubrik</h2>" in render("# Rubrik", top_level=2)

    def test_heading_ids_are_dropped(self) -> None:
        """Two summaries on one page must not bring clashing ids."""
        assert "id=" not in render("# Rubrik")

    def test_lists_emphasis_and_links(self) -> None:
        html = render(
            "- ett\n- två\n\n1. först\n2. sedan\n\n*lutande* och **fet** och "
            "[Region Halland](https://www.regionhalland.se/) och [mejla](mailto:hok@example.se)"
        )
        assert "<ul>\n<li>ett</li>\n<li>två</li>\n</ul>" in html
        assert "<ol>\n<li>först</li>\n<li>sedan</li>\n</ol>" in html
        assert "<em>lutande</em>" in html
        assert "<strong>fet</strong>" in html
        assert (
            '<a href="https://www.regionhalland.se/" rel="nofollow noopener noreferrer">'
            "Region Halland</a>"
        ) in html
        assert 'href="mailto:hok@example.se"' in html

    def test_quote_and_code(self) -> None:
        html = render("> citat\n\n`kod`")
        assert "<blockquote>" in html
        assert "<code>kod</code>" in html

    def test_swedish_text_and_ampersand(self) -> None:
        html = render("Barn & unga – åäö < 5")
        assert html == "<p>Barn &amp; unga – åäö &lt; 5</p>"

    def test_empty(self) -> None:
        assert render("") == ""
        assert render("   \n ") == ""


class TestRemoved:
    def test_script_with_its_content(self) -> None:
        html = render("Före\n\n<script>alert('x')</script>\n\nEfter")
        assert "<script" not in html
        assert "alert" not in html
        assert "Före" in html and "Efter" in html

    def test_inline_script_and_style(self) -> None:
        html = render("Text <script>alert(1)</script> och <style>p{color:red}</style> mer")
        assert "script" not in html and "alert" not in html
        assert "style" not in html and "color" not in html

    @pytest.mark.parametrize(
        "link",
        [
            "[klick](javascript:alert(1))",
            "[klick](JaVaScRiPt:alert(1))",
            "[klick](  javascript:alert(1))",
            "[klick](data:text/html;base64,PHNjcmlwdD4=)",
            "[klick](vbscript:msgbox)",
            '<a href="javascript:alert(1)">klick</a>',
        ],
    )
    def test_dangerous_link_schemes(self, link: str) -> None:
        html = render(link)
        assert "javascript" not in html.lower()
        assert "data:" not in html and "vbscript" not in html
        assert "klick" in html

    def test_inline_event_handlers(self) -> None:
        html = render(
            '<a href="https://example.se" onmouseover="alert(1)">länk</a>\n\n'
            '<p onclick="alert(2)">stycke</p>\n\n<img src="x" onerror="alert(3)">'
        )
        assert "onmouseover" not in html and "onclick" not in html and "onerror" not in html
        assert "alert" not in html
        assert "<img" not in html
        assert "länk" in html and "stycke" in html

    def test_raw_html_outside_the_allow_list(self) -> None:
        html = render(
            '<div class="x" style="color:red">ruta</div>\n\n'
            '<iframe src="https://example.se"></iframe>\n\n'
            "<form><input name=a></form>\n\n<table><tr><td>cell</td></tr></table>\n\n"
            '<span style="color:red">spann</span> <!-- kommentar -->'
        )
        for tag in ("<div", "<iframe", "<form", "<input", "<table", "<span", "style=", "class="):
            assert tag not in html
        assert "kommentar" not in html
        assert "ruta" in html and "spann" in html and "cell" in html

    def test_image_markdown(self) -> None:
        """Images would load third-party content on the public pages: not allowed."""
        html = render("![bild](https://example.se/spion.png)")
        assert "<img" not in html
        assert "spion" not in html

    def test_attributes_on_allowed_tags(self) -> None:
        html = render('<p class="x" id="y" style="a">text</p> [l](https://a.se "titel")')
        assert "class=" not in html and "id=" not in html and "style=" not in html
        assert 'title="titel"' in html


def test_template_filter() -> None:
    template = Template("{% load dialogues_markdown %}{{ text|markdown }}|{{ text|markdown:2 }}")
    html = template.render(Context({"text": "# R\n\n<script>x()</script>"}))
    assert html == "<h3>R</h3>\n|<h2>R</h2>\n"


def test_template_filter_with_none() -> None:
    template = Template("{% load dialogues_markdown %}[{{ text|markdown }}]")
    assert template.render(Context({"text": None})) == "[]"


def test_top_level_out_of_range() -> None:
    with pytest.raises(ValueError):
        markdown_to_html("# R", top_level=1)

"""Words, stems, names and highlighting: the Python half of the search (search/text.py)."""

from search.text import Highlighter, fold, index_terms, parse_query, strict_word_similarity


def test_fold_takes_off_accents_and_case() -> None:
    assert fold("Föreningen ÅÄÖ Café Øresund") == "foreningen aao cafe oresund"


def test_inflections_share_a_stem() -> None:
    assert parse_query("föreningar").stems == parse_query("Förening").stems == ("forening",)
    assert " forening " in index_terms("Föreningarna i Halland")


def test_operators_and_sql_leave_only_words() -> None:
    query = parse_query("a & b | !c:* <-> (d) '; DROP TABLE x; -- \x00 %_")
    assert query.folded_words == ("a", "b", "c", "d", "drop", "table", "x")
    assert query.tsquery_text() == "a:* & b:* & c:* & d:* & drop:* & table:* & x:*"


def test_nothing_to_search_for() -> None:
    assert parse_query("&&& !!! ::: ***").is_empty
    assert parse_query("").is_empty


def test_stop_words_are_not_required_but_count_for_names() -> None:
    query = parse_query("Kyrkan och föreningen")
    assert query.stems == ("kyrkan", "forening")
    assert query.name_text == "kyrkan och foreningen"


def test_long_queries_keep_ten_words() -> None:
    query = parse_query(" ".join(f"ord{n}" for n in range(30)))
    assert len(query.folded_words) == 10
    assert query.dropped_words == 20


def test_a_typo_in_a_name_is_still_similar() -> None:
    assert strict_word_similarity("vuxenskolen", "studieforbundet vuxenskolan halland") >= 0.5
    assert strict_word_similarity("bowling", "studieforbundet vuxenskolan halland") < 0.5


def test_highlighting_marks_matches_and_escapes_everything_else() -> None:
    highlighter = Highlighter(parse_query("förening"))
    marked = highlighter.mark("<script>alert(1)</script> Föreningarna & co")
    assert marked == ("&lt;script&gt;alert(1)&lt;/script&gt; <mark>Föreningarna</mark> &amp; co")


def test_snippet_shows_the_text_around_the_first_match() -> None:
    text = " ".join(["fyllnad"] * 100) + " samverkan " + " ".join(["slut"] * 100)
    snippet = Highlighter(parse_query("samverkan")).snippet(text)
    assert "<mark>samverkan</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet) < 400


def test_markdown_becomes_words() -> None:
    from hok.searchable import html_to_text

    assert html_to_text(
        "<h2>Rubrik</h2><p>Ett <em>viktigt</em>.</p><ul><li>a</li><li>b</li></ul>"
    ) == ("Rubrik Ett viktigt. a b")
    assert html_to_text("<p>R&amp;D &lt;3</p>") == "R&D <3"

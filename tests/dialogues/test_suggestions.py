"""Theme suggestions by Swedish stemming, tried on real notes from the 2021 conference
"Starkare än förr" (shared/seeds/002_0dd5fba53aa59a58.txt). No database."""

import pytest

from dialogues.suggestions import (
    KEYWORD_MAX_LENGTH,
    KEYWORDS_MAX_COUNT,
    NoteWords,
    ThemeMatcher,
    keyword_lines,
    keywords_normalise,
    keywords_problems,
    matchers_for,
    parse_keyword,
    stem,
    stems,
    suggest,
    words,
)

# The four themes the 2021 summary counts, with keyword lists a working group would write.
THEMES = [
    ("psykisk", "Psykisk hälsa", "psykisk\nohälsa\npsykiatri"),
    ("utanför", "Utanförskap", "segregering\nsocial utsatthet\nintegration"),
    ("ensam", "Ensamhet", "ensam*\nsocial isolering"),
    ("förening", "Föreningsutveckling", "förening*\nideella ledarskapet\nrekrytera"),
]

# Real notes, verbatim from the 2021 raw material (dialogue 2 unless marked).
PSYKISK_OHALSA = "Har vi verkligen löst frågan om psykisk ohälsa?"
UTMANINGAR = (
    "Utmaningar:\nHur engagerar vi unga? (föreningspresentation motsv. jobbmässa, prao)\n"
    "Psykisk ohälsa\nJobba vidare med att handleda strukturerat samarbete med region och "
    "idéburna"
)
SAMHALLSPROBLEM = (
    "Samhällsproblem:\nTrygghet och respekt\nKvinnors rättigheter\nEnsamhet\n"
    "Våld i nära relationer: Ekonomisk, fysisk och psykisk"
)
OFRIVILLIG = "Ofrivillig ensamhet – ett stort och kanske dolt problem"
SEGREGERING = "Segregering, utanförskap och social utsatthet: arbete, sysselsättning, fritid"
LEDARSKAP = "Stärka det ideella ledarskapet"
UTVECKLA = "Utveckla föreningslivet genom samverkan efter pandemin (få igång föreningslivet!)"
MATCHMAKING = "Matchmaking"
# Dialogue 1.
MALGRUPP = (
    "Definiera målgrupp – smalna av. Var kan vi lyckas? Börja smått och skala upp.\n"
    "t.ex. grupper i sårbarhet för att bli ensamma  nypensionärer?"
)
IDROTTSLEDARE = (
    "Förslag på möjliga insats-/utvecklingsområden att mötas kring för att främja hälsa:\n"
    "Viktiga aktörer: elevhälsa och ungdomsmottagning\n"
    "Vuxna förebilder – främja hälsa hos barn och unga\n"
    "Vår digitala värld – möjlighet och utmaning\n"
    "Utbilda idrottsledare/föreningsledare att se tecken på ohälsa"
)


def keys(text: str, themes: list[tuple[str, str, str]] = THEMES) -> list[object]:
    return [found.key for found in suggest(text, matchers_for(themes))]


class TestStemming:
    def test_inflections_of_psykisk_share_a_stem(self) -> None:
        assert stem("psykisk") == stem("psykiska") == stem("psykiskt")

    def test_definite_forms_share_the_stem(self) -> None:
        assert stem("utanförskap") == stem("utanförskapet")
        assert stem("ledarskap") == stem("ledarskapet")
        assert stem("ensamhet") == stem("ensam")

    def test_words_are_lower_cased_and_split_on_punctuation(self) -> None:
        assert words("Psykisk hälsa – kanske hitta ett annat ord!") == [
            "psykisk",
            "hälsa",
            "kanske",
            "hitta",
            "ett",
            "annat",
            "ord",
        ]

    def test_slashes_and_hyphens_split_words(self) -> None:
        assert words("idrottsledare/föreningsledare insats-/utvecklingsområden") == [
            "idrottsledare",
            "föreningsledare",
            "insats",
            "utvecklingsområden",
        ]

    def test_swedish_letters_are_kept(self) -> None:
        assert stems("ÅLDERISMEN") == [stem("ålderismen")]
        assert "å" in stem("ålderismen")

    def test_empty_text_has_no_words(self) -> None:
        assert words("") == []
        assert words(" – ! ? ") == []


class TestSuggest:
    def test_psykisk_ohalsa_suggests_psykisk_halsa(self) -> None:
        assert keys(PSYKISK_OHALSA) == ["psykisk"]

    def test_psykiska_inflection_suggests_psykisk_halsa(self) -> None:
        assert keys("Många unga mår dåligt, psykiska besvär ökar") == ["psykisk"]

    def test_the_keyword_that_matched_is_reported_as_written(self) -> None:
        found = suggest(PSYKISK_OHALSA, matchers_for(THEMES))
        assert [item.keyword for item in found] == ["psykisk"]

    def test_theme_name_counts_as_a_keyword(self) -> None:
        themes = [("u", "Utanförskap", "")]
        assert keys("Utanförskap (förebyggande)", themes) == ["u"]
        assert keys("Utanförskapet växer", themes) == ["u"]

    def test_a_note_can_get_several_themes(self) -> None:
        assert keys(SEGREGERING) == ["utanför"]
        assert keys(UTMANINGAR) == ["psykisk", "förening"]
        assert keys(SAMHALLSPROBLEM) == ["psykisk", "ensam"]

    def test_ofrivillig_ensamhet_suggests_ensamhet(self) -> None:
        assert keys(OFRIVILLIG) == ["ensam"]

    def test_prefix_catches_compounds_and_inflections(self) -> None:
        assert keys(UTVECKLA) == ["förening"]
        assert keys(MALGRUPP) == ["ensam"]

    def test_a_stem_keyword_does_not_match_a_compound(self) -> None:
        themes = [("e", "Ensamhet", "ensam")]
        assert keys("Ofrivillig ensamhet", themes) == ["e"]
        # "ensamma" stems to "ensamm": only a prefix keyword ("ensam*") catches it.
        assert keys(MALGRUPP, themes) == []

    def test_phrase_matches_only_words_in_a_row(self) -> None:
        themes = [("p", "Psykisk hälsa", "psykisk ohälsa")]
        assert keys(PSYKISK_OHALSA, [("p", "Psykhälsa", "psykisk ohälsa")]) == ["p"]
        # "fysisk och psykisk" then "Våld": neither "psykisk hälsa" nor "psykisk ohälsa".
        assert keys(SAMHALLSPROBLEM, themes) == []

    def test_phrase_with_inflected_words(self) -> None:
        themes = [("l", "Ledarskap", "ideell ledarskap")]
        assert keys(LEDARSKAP, themes) == ["l"]

    def test_note_without_any_keyword_gets_nothing(self) -> None:
        assert keys(MATCHMAKING) == []

    def test_ohalsa_after_other_words_in_a_long_note(self) -> None:
        # "ohälsa" is the very last word of the note.
        assert "psykisk" in keys(IDROTTSLEDARE)

    def test_case_does_not_matter(self) -> None:
        assert keys("PSYKISK OHÄLSA") == ["psykisk"]

    def test_order_of_themes_is_kept(self) -> None:
        reordered = list(reversed(THEMES))
        assert keys(SAMHALLSPROBLEM, reordered) == ["ensam", "psykisk"]

    def test_no_themes_no_suggestions(self) -> None:
        assert keys(PSYKISK_OHALSA, []) == []

    def test_empty_note(self) -> None:
        assert keys("") == []


class TestKeywordParsing:
    def test_word_becomes_its_stem(self) -> None:
        keyword = parse_keyword("Psykiska")
        assert keyword is not None
        assert keyword.text == "Psykiska"
        assert [term.value for term in keyword.terms] == [stem("psykiska")]
        assert not keyword.terms[0].prefix

    def test_star_makes_a_prefix_of_the_plain_word(self) -> None:
        keyword = parse_keyword("förening*")
        assert keyword is not None
        assert keyword.terms[0].prefix
        assert keyword.terms[0].value == "förening"

    def test_only_the_last_part_of_a_hyphenated_prefix_is_a_prefix(self) -> None:
        keyword = parse_keyword("barn-förening*")
        assert keyword is not None
        assert [term.prefix for term in keyword.terms] == [False, True]

    def test_line_without_words_is_no_keyword(self) -> None:
        assert parse_keyword("  – * ") is None
        assert parse_keyword("") is None

    def test_whitespace_inside_a_phrase_is_collapsed(self) -> None:
        keyword = parse_keyword("  psykisk    ohälsa ")
        assert keyword is not None
        assert keyword.text == "psykisk ohälsa"
        assert len(keyword.terms) == 2

    def test_matcher_drops_keywords_equal_to_the_name(self) -> None:
        matcher = ThemeMatcher.build(key=1, name="Ensamhet", keywords="ensamhet\nensamheten\n")
        assert len(matcher.keywords) == 1

    def test_note_words_contains(self) -> None:
        keyword = parse_keyword("social isolering")
        assert keyword is not None
        assert NoteWords.of("Social isolering").contains(keyword)
        assert not NoteWords.of("isolering social").contains(keyword)
        assert not NoteWords.of("social").contains(keyword)


class TestKeywordLists:
    def test_lines_are_trimmed_and_deduplicated_case_insensitively(self) -> None:
        assert keyword_lines(" psykisk \n\nPsykisk\n  ohälsa  \r\nohälsa\n") == [
            "psykisk",
            "ohälsa",
        ]

    def test_normalise_joins_with_newlines(self) -> None:
        assert keywords_normalise("a b\r\n\r\n c ") == "a b\nc"

    def test_valid_list_has_no_problems(self) -> None:
        assert keywords_problems("psykisk\nförening*\nsocial isolering") == []
        assert keywords_problems("") == []

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("x" * (KEYWORD_MAX_LENGTH + 1), "too_long"),
            ("\n".join(f"ord{n}" for n in range(KEYWORDS_MAX_COUNT + 1)), "too_many"),
            ("psykisk\n–", "no_word"),
            ("fö*", "short_prefix"),
        ],
    )
    def test_problems(self, text: str, problem: str) -> None:
        assert problem in keywords_problems(text)

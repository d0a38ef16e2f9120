"""The agreement's public pages, for every role, in both languages, and with bad input."""

import re

import pytest
from django.test import Client
from django.utils.html import escape

from agreements.models import AgreementVersion
from agreements.services import version_adopt, version_copy
from tests.factories import UserFactory, WorkingGroupMemberFactory

pytestmark = pytest.mark.django_db

PRINCIPLE_TITLES = [
    "Dialog",
    "Långsiktighet",
    "Öppenhet och insyn",
    "Självständighet och oberoende",
    "Mångfald",
    "Kvalitet",
]
PRINCIPLE_SLUGS = [
    "dialog",
    "langsiktighet",
    "oppenhet-och-insyn",
    "sjalvstandighet-och-oberoende",
    "mangfald",
    "kvalitet",
]
PRINCIPLE_TITLES_EN = [
    "Dialogue",
    "Long-term perspective",
    "Openness and transparency",
    "Autonomy and independence",
    "Diversity",
    "Quality",
]
AN_ACTION = "Hitta former för gemensamt språkbruk."
AN_ACTION_EN = "Find ways to develop a shared terminology."
A_GOAL = "Det finns ett upphandlingsförfarande som underlättar för idéburna aktörer."
COMPARE_URL = "/overenskommelsen/versioner/jamfor/"


def _html(response) -> str:
    return response.content.decode()


def _assert_contains(response, *texts: str) -> None:
    html = _html(response)
    missing = [text for text in texts if escape(text) not in html]
    assert missing == []


def _selected(response, name: str) -> list[str]:
    """The values of the selected options of a <select>."""
    html = _html(response)
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select name={name}>"
    return re.findall(r'<option value="([^"]*)" selected>', select.group(1))


@pytest.fixture
def edited_draft(seed: AgreementVersion) -> AgreementVersion:
    """Version 2, a draft in which one action of principle 3 is reworded."""
    draft = version_copy(source=seed)
    action = draft.principles.get(number=3).actions.get(position=3)
    action.text = "Hitta former för tydligt och begripligt språkbruk."
    action.save()
    return draft


class TestAgreementPage:
    def test_whole_agreement_for_every_role(
        self, role_client: Client, seed: AgreementVersion
    ) -> None:
        response = role_client.get("/overenskommelsen/")
        assert response.status_code == 200
        assert '<html lang="sv">' in _html(response)
        _assert_contains(response, seed.title, *PRINCIPLE_TITLES, AN_ACTION, A_GOAL)
        _assert_contains(response, "Gällande version", "Inledning", "Genomförande", "Målbild 2024")
        assert f'<code class="checksum">{seed.text_sha256}</code>' in _html(response)
        for number in range(1, 7):
            assert f'id="princip-{number}"' in _html(response)

    def test_responsibilities_name_their_bearer(self, client: Client, seed) -> None:
        html = _html(client.get("/overenskommelsen/"))
        assert html.count("bearer--all_signatories") == 6
        assert html.count("bearer--working_group") == 6
        assert "Alla undertecknande parter" in html

    def test_english(self, client: Client, seed: AgreementVersion) -> None:
        response = client.get("/en/overenskommelsen/")
        assert response.status_code == 200
        assert '<html lang="en">' in _html(response)
        _assert_contains(response, seed.title_en, *PRINCIPLE_TITLES_EN, AN_ACTION_EN)
        assert "This is the portal's English translation." in _html(response)
        assert escape(AN_ACTION) not in _html(response)
        # The checksum is of the Swedish text, whatever language the page is in.
        assert seed.text_sha256 in _html(response)

    def test_without_any_version_is_404(self, client: Client) -> None:
        response = client.get("/overenskommelsen/")
        assert response.status_code == 404
        assert "Sidan finns inte" in _html(response)

    def test_anonymous_query_budget(self, client: Client, seed, django_assert_max_num_queries):
        # 5 for the agreement, 1 for the revision proposals the version took in.
        with django_assert_max_num_queries(6):
            response = client.get("/overenskommelsen/")
        assert response.status_code == 200

    def test_signed_in_query_budget(
        self, user_client: Client, seed, django_assert_max_num_queries
    ) -> None:
        # 6 as above, then the session, the user and the working-group check.
        with django_assert_max_num_queries(9):
            response = user_client.get("/overenskommelsen/")
        assert response.status_code == 200

    def test_query_count_does_not_grow_with_the_text(
        self, client: Client, seed, django_assert_max_num_queries
    ) -> None:
        version_copy(source=seed)  # more rows in every table
        with django_assert_max_num_queries(6):
            assert client.get("/overenskommelsen/").status_code == 200


class TestVersionPages:
    def test_version_list_for_every_role(self, role_client: Client, seed) -> None:
        response = role_client.get("/overenskommelsen/versioner/")
        assert response.status_code == 200
        _assert_contains(response, "Versioner av överenskommelsen", seed.title, "Gällande", "2019")
        assert 'href="/overenskommelsen/versioner/1/"' in _html(response)
        # One version: nothing to compare yet.
        assert 'name="old"' not in _html(response)

    def test_version_list_offers_comparison_with_two_versions(self, client: Client, seed):
        version_copy(source=seed)
        response = client.get("/overenskommelsen/versioner/")
        _assert_contains(response, "Utkast", "Gällande", "Jämför två versioner")
        assert 'name="old"' in _html(response)
        assert 'name="new"' in _html(response)

    def test_version_detail_for_every_role(self, role_client: Client, seed) -> None:
        response = role_client.get("/overenskommelsen/versioner/1/")
        assert response.status_code == 200
        _assert_contains(response, *PRINCIPLE_TITLES, AN_ACTION, "Version 1")
        assert seed.text_sha256 in _html(response)

    def test_draft_is_marked_and_has_no_checksum(self, client: Client, edited_draft) -> None:
        response = client.get("/overenskommelsen/versioner/2/")
        assert response.status_code == 200
        _assert_contains(response, "Utkast, ännu inte antaget", "tydligt och begripligt")
        assert 'class="checksum"' not in _html(response)

    @pytest.mark.parametrize("number", [0, 2, 99, 123456789])
    def test_unknown_version_is_404(self, client: Client, seed, number: int) -> None:
        response = client.get(f"/overenskommelsen/versioner/{number}/")
        assert response.status_code == 404
        assert "Sidan finns inte" in _html(response)

    def test_non_numeric_version_is_404(self, client: Client, seed) -> None:
        assert client.get("/overenskommelsen/versioner/ett/").status_code == 404


class TestPrinciplePages:
    @pytest.mark.parametrize(
        ("slug", "title"), list(zip(PRINCIPLE_SLUGS, PRINCIPLE_TITLES, strict=True))
    )
    def test_each_principle_for_every_role(
        self, role_client: Client, seed: AgreementVersion, slug: str, title: str
    ) -> None:
        response = role_client.get(f"/overenskommelsen/principer/{slug}/")
        assert response.status_code == 200
        principle = seed.principles.get(slug=slug)
        _assert_contains(response, title, principle.intro.split("\n\n")[0])
        _assert_contains(response, *(a.text for a in principle.actions.all()))
        _assert_contains(response, *(r.text for r in principle.responsibilities.all()))
        _assert_contains(response, f"Princip {principle.number} av 6")

    def test_pager_links_neighbours(self, client: Client, seed) -> None:
        first = _html(client.get("/overenskommelsen/principer/dialog/"))
        assert 'rel="prev"' not in first
        assert 'href="/overenskommelsen/principer/langsiktighet/" rel="next"' in first
        last = _html(client.get("/overenskommelsen/principer/kvalitet/"))
        assert 'href="/overenskommelsen/principer/mangfald/" rel="prev"' in last
        assert 'rel="next"' not in last

    def test_english(self, client: Client, seed: AgreementVersion) -> None:
        response = client.get("/en/overenskommelsen/principer/oppenhet-och-insyn/")
        assert response.status_code == 200
        assert '<html lang="en">' in _html(response)
        _assert_contains(response, "Openness and transparency", AN_ACTION_EN)
        assert 'href="/en/overenskommelsen/principer/sjalvstandighet-och-oberoende/"' in _html(
            response
        )

    @pytest.mark.parametrize("slug", ["finns-inte", "Dialog", "1"])
    def test_unknown_slug_is_404(self, client: Client, seed, slug: str) -> None:
        response = client.get(f"/overenskommelsen/principer/{slug}/")
        assert response.status_code == 404
        assert "Sidan finns inte" in _html(response)

    def test_principle_only_in_a_draft_is_404(self, client: Client, seed) -> None:
        draft = version_copy(source=seed)
        draft.principles.filter(number=6).update(slug="kvalitet-och-uppfoljning")
        assert (
            client.get("/overenskommelsen/principer/kvalitet-och-uppfoljning/").status_code == 404
        )
        assert client.get("/overenskommelsen/principer/kvalitet/").status_code == 200

    def test_query_budget(self, client: Client, seed, django_assert_max_num_queries) -> None:
        # The principle with its actions and duties (3), its neighbours (1), commitments (1),
        # examples of it (1, examples.templatetags).
        with django_assert_max_num_queries(6):
            assert client.get("/overenskommelsen/principer/mangfald/").status_code == 200


class TestGoalsPage:
    def test_all_goals_for_every_role(self, role_client: Client, seed: AgreementVersion) -> None:
        response = role_client.get("/overenskommelsen/malbild-2024/")
        assert response.status_code == 200
        _assert_contains(response, "Målbild 2024", *(g.text for g in seed.goals.all()))
        assert _html(response).count("<li>") >= 7

    def test_english(self, client: Client, seed: AgreementVersion) -> None:
        response = client.get("/en/overenskommelsen/malbild-2024/")
        assert '<html lang="en">' in _html(response)
        _assert_contains(response, "Vision for 2024", *(g.text_en for g in seed.goals.all()))

    def test_without_any_version_is_404(self, client: Client) -> None:
        assert client.get("/overenskommelsen/malbild-2024/").status_code == 404


class TestWorkingGroupPage:
    def test_for_every_role(self, role_client: Client, seed: AgreementVersion) -> None:
        response = role_client.get("/arbetsgruppen/")
        assert response.status_code == 200
        implementation = seed.sections.get(slug="genomforande")
        _assert_contains(response, "Arbetsgruppen", "Genomförande")
        _assert_contains(response, implementation.body.split("\n\n")[0])
        _assert_contains(response, "Arbetsgruppens ansvar enligt principerna")
        for responsibility in seed.principles.get(number=5).responsibilities.all():
            if responsibility.bearer == "working_group":
                _assert_contains(response, responsibility.text)
            else:
                assert escape(responsibility.text) not in _html(response)
        # No members entered yet: the page says whom to contact.
        _assert_contains(response, "visas här när portalens administratörer har")
        assert 'href="mailto:' in _html(response)

    def test_lists_the_members(self, client: Client, seed) -> None:
        WorkingGroupMemberFactory(
            name="Anna Andersson", organisation="Region Halland", side="region"
        )
        WorkingGroupMemberFactory(
            name="Bertil Berg", organisation="Hallands bildningsförbund", is_deputy=True
        )
        WorkingGroupMemberFactory(name="Cecilia Ek", email="cecilia@exempel.se")
        response = client.get("/arbetsgruppen/")
        _assert_contains(
            response, "Anna Andersson", "Region Halland", "Bertil Berg", "Ersättare", "Ledamot"
        )
        assert '<a href="mailto:cecilia@exempel.se">Cecilia Ek</a>' in _html(response)
        assert "visas här när portalens administratörer" not in _html(response)

    def test_without_any_version(self, client: Client) -> None:
        response = client.get("/arbetsgruppen/")
        assert response.status_code == 200
        assert "Genomförande" not in _html(response)

    def test_english(self, client: Client, seed) -> None:
        response = client.get("/en/arbetsgruppen/")
        assert '<html lang="en">' in _html(response)
        _assert_contains(response, "Implementation", "The working group is responsible for")


def _unchanged_parts(html: str) -> int:
    listing = html.split('class="diff__unchanged-list"')[1].split("</ul>")[0]
    return listing.count("<li>")


class TestCompare:
    def test_empty_form_for_every_role(self, role_client: Client, edited_draft) -> None:
        response = role_client.get(COMPARE_URL)
        assert response.status_code == 200
        _assert_contains(response, "Jämför versioner av överenskommelsen", "Visa ändringar")
        assert "<ins>" not in _html(response)

    def test_shows_what_changed(self, client: Client, edited_draft) -> None:
        response = client.get(COMPARE_URL, {"old": 1, "new": 2})
        assert response.status_code == 200
        html = _html(response)
        _assert_contains(response, "Ändringar från version 1 till version 2.")
        assert "<del>gemensamt</del>" in html
        assert "<ins>tydligt och begripligt</ins>" in html
        assert html.count("<ins>") == 1
        assert html.count('class="badge badge--changed"') == 1
        # The eleven unchanged parts are folded into one list, not repeated as sections.
        assert html.count('class="badge badge--unchanged"') == 1
        assert _unchanged_parts(html) == 11
        assert "Regionens ingång" not in html.split('id="diff-unchanged"')[0].split("</h1>")[1]
        assert _selected(response, "old") == ["1"]
        assert _selected(response, "new") == ["2"]

    def test_backwards_swaps_ins_and_del(self, client: Client, edited_draft) -> None:
        html = _html(client.get(COMPARE_URL, {"old": 2, "new": 1}))
        assert "<del>tydligt och begripligt</del>" in html
        assert "<ins>gemensamt</ins>" in html

    def test_identical_versions(self, client: Client, seed) -> None:
        version_copy(source=seed)
        response = client.get(COMPARE_URL, {"old": 1, "new": 2})
        assert response.status_code == 200
        assert "<ins>" not in _html(response)
        assert "<del>" not in _html(response)
        _assert_contains(response, "Texten är densamma i båda versionerna.")
        assert _unchanged_parts(_html(response)) == 12
        assert "badge--changed" not in _html(response)

    def test_inserted_text_is_escaped(self, client: Client, seed) -> None:
        draft = version_copy(source=seed)
        action = draft.principles.get(number=1).actions.get(position=1)
        action.text = "<script>alert(1)</script> Sammanställa information."
        action.save()
        html = _html(client.get(COMPARE_URL, {"old": 1, "new": 2}))
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_same_version_twice(self, client: Client, edited_draft) -> None:
        response = client.get(COMPARE_URL, {"old": 2, "new": 2})
        assert response.status_code == 400
        _assert_contains(response, "Välj två olika versioner att jämföra.")
        assert _selected(response, "old") == ["2"]
        assert _selected(response, "new") == ["2"]
        assert "<ins>" not in _html(response)

    def test_non_numeric_version(self, client: Client, edited_draft) -> None:
        response = client.get(COMPARE_URL, {"old": "ett", "new": "2"})
        assert response.status_code == 400
        _assert_contains(response, "Välj en av versionerna i listan.")
        assert _selected(response, "old") == []
        assert _selected(response, "new") == ["2"]
        assert 'aria-describedby="id_old_error"' in _html(response)

    def test_unknown_version_number(self, client: Client, edited_draft) -> None:
        response = client.get(COMPARE_URL, {"old": "1", "new": "99"})
        assert response.status_code == 400
        _assert_contains(response, "Välj en av versionerna i listan.")
        assert _selected(response, "old") == ["1"]
        assert _selected(response, "new") == []

    def test_missing_version(self, client: Client, edited_draft) -> None:
        response = client.get(COMPARE_URL, {"old": "1"})
        assert response.status_code == 400
        _assert_contains(response, "Välj en version.")
        assert _selected(response, "old") == ["1"]

    def test_hostile_input_is_not_echoed(self, client: Client, edited_draft) -> None:
        response = client.get(COMPARE_URL, {"old": '"><script>alert(1)</script>', "new": "2"})
        assert response.status_code == 400
        assert "<script>alert(1)</script>" not in _html(response)

    def test_bad_input_in_english(self, client: Client, edited_draft) -> None:
        response = client.get(f"/en{COMPARE_URL}", {"old": "2", "new": "2"})
        assert response.status_code == 400
        assert '<html lang="en">' in _html(response)
        assert _selected(response, "old") == ["2"]

    def test_signed_in_user_gets_the_same_errors(self, client: Client, edited_draft) -> None:
        client.force_login(UserFactory())
        response = client.get(COMPARE_URL, {"old": "1", "new": "1"})
        assert response.status_code == 400
        _assert_contains(response, "Välj två olika versioner att jämföra.")


class TestCompareEdgeCases:
    def test_one_version_says_so_and_links_the_text(self, client: Client, seed) -> None:
        for query in ({}, {"old": 1, "new": 1}):
            response = client.get(COMPARE_URL, query)
            assert response.status_code == 200
            html = _html(response)
            _assert_contains(response, "finns än så länge i en enda version")
            assert 'href="/overenskommelsen/"' in html
            assert "<select" not in html
            assert "Välj två olika versioner" not in html

    def test_home_offers_comparison_only_with_two_versions(
        self, client: Client, seed, django_capture_on_commit_callbacks
    ) -> None:
        assert "Jämföra versioner" not in _html(client.get("/"))
        # Committed, as in production: the adoption's bump renews the cached home page.
        with django_capture_on_commit_callbacks(execute=True):
            draft = version_copy(source=seed)
            version_adopt(version=draft, adopted_on=None, by=None)
        assert "Jämföra versioner" in _html(client.get("/"))

    def test_crlf_from_the_admin_is_not_a_change(self, client: Client, seed) -> None:
        draft = version_copy(source=seed)
        for section in draft.sections.all():
            # What a browser's textarea sends back: CRLF, and trailing spaces left by an editor.
            section.body = section.body.replace("\n", " \r\n") + "  "
            section.save()
        response = client.get(COMPARE_URL, {"old": 1, "new": 2})
        assert response.status_code == 200
        assert "badge--changed" not in _html(response)
        _assert_contains(response, "Texten är densamma i båda versionerna.")

    def test_a_changed_part_shows_its_paragraphs_without_repeating_the_heading(
        self, client: Client, seed
    ) -> None:
        draft = version_copy(source=seed)
        section = draft.sections.get(slug="inledning")
        paragraphs = section.body.split("\n\n")
        assert len(paragraphs) > 2
        paragraphs[0] = paragraphs[0] + " Ny mening om samverkan."
        section.body = "\n\n".join(paragraphs)
        section.save()
        html = _html(client.get(COMPARE_URL, {"old": 1, "new": 2}))
        changed = html.split('class="diff diff--changed"')[1].split("</section>")[0]
        assert "<ins>Ny mening om samverkan.</ins>" in changed.replace("<ins> ", "<ins>")
        assert changed.count(section.heading) == 1
        assert "oförändrade stycken" in changed
        assert "<details" in changed


class TestEmptyPortal:
    def test_home_invites_the_first_signatory_instead_of_a_zero(self, client: Client, seed) -> None:
        html = _html(client.get("/"))
        assert "Bli först att underteckna" in html
        assert '<span class="figures__number">0</span>' not in html

"""The portal's own pages for every role, in both languages, and the headers every page gets."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils.html import escape

from agreements.models import AgreementVersion
from tests.conftest import service_or_skip

pytestmark = pytest.mark.django_db

PRINCIPLE_TITLES = [
    "Dialog",
    "Långsiktighet",
    "Öppenhet och insyn",
    "Självständighet och oberoende",
    "Mångfald",
    "Kvalitet",
]

# Every public page and a text only that page has.
PUBLIC_PAGES = [
    ("/", "Halländska Överenskommelsen"),
    ("/overenskommelsen/", "Regionens ingång"),
    ("/overenskommelsen/principer/dialog/", "Princip 1 av 6"),
    ("/overenskommelsen/malbild-2024/", "Överenskommelsens mål"),
    ("/overenskommelsen/versioner/", "Alla versioner, den senaste först"),
    ("/overenskommelsen/versioner/1/", "Version 1"),
    ("/overenskommelsen/versioner/jamfor/", "Jämför versioner av överenskommelsen"),
    ("/arbetsgruppen/", "Arbetsgruppens ansvar enligt principerna"),
    ("/tillganglighet/", "Tillgänglighetsredogörelse"),
    ("/integritet/", "Personuppgifter och kakor"),
]


def _html(response) -> str:
    return response.content.decode()


def _figure(html: str, number: int, label: str) -> bool:
    return f'<span class="figures__number">{number}</span> {label}' in html


class TestEveryPublicPage:
    @pytest.mark.parametrize(("path", "text"), PUBLIC_PAGES)
    def test_every_role_sees_it(self, role_client: Client, seed, path: str, text: str) -> None:
        response = role_client.get(path)
        assert response.status_code == 200
        html = _html(response)
        assert '<html lang="sv">' in html
        assert escape(text) in html
        assert '<main id="main"' in html
        assert 'href="#main"' in html  # skip link

    @pytest.mark.parametrize(("path", "text"), PUBLIC_PAGES)
    def test_in_english(self, client: Client, seed, path: str, text: str) -> None:
        response = client.get(f"/en{path}")
        assert response.status_code == 200
        html = _html(response)
        assert '<html lang="en">' in html
        # The language switch leads back to the same page in Swedish.
        assert f'href="{path}" hreflang="sv"' in html

    @pytest.mark.parametrize(("path", "text"), PUBLIC_PAGES)
    def test_swedish_page_offers_english(self, client: Client, seed, path: str, text: str):
        assert f'href="/en{path}" hreflang="en"' in _html(client.get(path))

    def test_signed_in_menu(self, user_client: Client, anonymous_client: Client, seed) -> None:
        signed_in = _html(user_client.get("/"))
        assert "Logga ut" in signed_in
        assert 'href="/konto/login/"' not in signed_in
        anonymous = _html(anonymous_client.get("/"))
        assert 'href="/konto/login/"' in anonymous
        assert 'href="/konto/signup/"' in anonymous
        assert "Logga ut" not in anonymous

    def test_current_page_is_marked_in_the_menu(self, client: Client, seed) -> None:
        html = _html(client.get("/overenskommelsen/malbild-2024/"))
        current = re.findall(r'<a href="([^"]+)"\s+aria-current="page"', html)
        assert current == ["/overenskommelsen/malbild-2024/"]


class TestHome:
    def test_figures_and_principles(self, client: Client, seed: AgreementVersion) -> None:
        html = _html(client.get("/"))
        assert _figure(html, 6, "principer")
        assert _figure(html, 24, "åtgärder")
        assert _figure(html, 12, "ansvarsområden")
        assert _figure(html, 7, "mål i målbilden")
        for title in PRINCIPLE_TITLES:
            assert escape(title) in html
        assert 'href="/overenskommelsen/principer/sjalvstandighet-och-oberoende/"' in html

    def test_in_english_uses_the_translated_titles(self, client: Client, seed) -> None:
        html = _html(client.get("/en/"))
        assert '<html lang="en">' in html
        for title in ["Dialogue", "Long-term perspective", "Openness and transparency"]:
            assert title in html
        assert 'href="/en/overenskommelsen/principer/dialog/"' in html

    def test_without_an_agreement(self, client: Client) -> None:
        response = client.get("/")
        assert response.status_code == 200
        html = _html(response)
        assert "Halländska Överenskommelsen" in html
        assert "figures__number" not in html

    def test_query_budget(self, client: Client, seed, django_assert_max_num_queries) -> None:
        with django_assert_max_num_queries(6):
            assert client.get("/").status_code == 200


class TestStaticPages:
    def test_accessibility_statement(self, client: Client, settings) -> None:
        settings.PORTAL_CONTACT_EMAIL = "kontakt@hok.exempel.se"
        html = _html(client.get("/tillganglighet/"))
        assert "WCAG 2.1 nivå AA" in html
        assert "Digg" in html
        assert "kontakt@hok.exempel.se" in html

    def test_privacy(self, client: Client, settings) -> None:
        settings.PORTAL_CONTACT_EMAIL = "kontakt@hok.exempel.se"
        html = _html(client.get("/integritet/"))
        assert "Integritetsskyddsmyndigheten (IMY)" in html
        assert "kontakt@hok.exempel.se" in html

    def test_contact_address_in_every_footer(self, client: Client, settings) -> None:
        settings.PORTAL_CONTACT_EMAIL = "kontakt@hok.exempel.se"
        assert 'href="mailto:kontakt@hok.exempel.se"' in _html(client.get("/"))


class TestNotFound:
    @pytest.mark.parametrize("path", ["/finns-inte/", "/overenskommelsen/okand/", "/sv/"])
    def test_swedish_404_page(self, client: Client, path: str) -> None:
        response = client.get(path)
        assert response.status_code == 404
        assert '<html lang="sv">' in _html(response)
        assert "Sidan finns inte" in _html(response)

    def test_english_404_page(self, client: Client) -> None:
        response = client.get("/en/finns-inte/")
        assert response.status_code == 404
        assert '<html lang="en">' in _html(response)


class TestEnglishInterface:
    """The interface's own strings come from locale/en (compiled by `make messages`)."""

    @pytest.fixture(autouse=True)
    def _compiled(self, settings) -> None:
        catalogue = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.mo"
        service_or_skip(
            "The compiled English catalogue",
            catalogue.exists(),
            f"{catalogue} is missing: run `make messages`",
        )

    def test_home(self, client: Client, seed) -> None:
        html = _html(client.get("/en/"))
        assert "Read the agreement" in html
        assert "The agreement in numbers" in html
        assert "Läs överenskommelsen" not in html

    def test_404(self, client: Client) -> None:
        assert "Page not found" in _html(client.get("/en/finns-inte/"))


class TestSecurityHeaders:
    @pytest.mark.parametrize(
        "path", ["/", "/overenskommelsen/", "/konto/login/", "/konto/signup/", "/finns-inte/"]
    )
    def test_content_security_policy(self, client: Client, seed, path: str) -> None:
        policy = client.get(path)["Content-Security-Policy"]
        directives = {
            part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()
        }
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"]
        assert "'unsafe-inline'" not in policy
        assert "'unsafe-eval'" not in policy

    def test_other_headers(self, client: Client, seed) -> None:
        response = client.get("/overenskommelsen/")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"

    def test_no_inline_scripts_or_styles(self, role_client: Client, seed) -> None:
        # The policy forbids them, so a page that has one is broken in the browser.
        for path in ["/", "/overenskommelsen/", "/konto/login/", "/konto/signup/"]:
            html = _html(role_client.get(path))
            assert "<script>" not in html
            assert "<style" not in html
            assert " style=" not in html
            assert " onclick=" not in html

    def test_health_has_the_headers_too(self, client: Client) -> None:
        response = client.get("/health/")
        assert "Content-Security-Policy" in response
        assert response["X-Content-Type-Options"] == "nosniff"

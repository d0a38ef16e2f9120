"""Cached public pages (hok/page_cache.py, hok/generations.py): served from the cache to
anonymous visitors, renewed by a bump, never holding anything of one visitor for another,
answered 304 on a matching ETag, and rendered as usual when Redis is down."""

import re

import pytest
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse

from agreements.models import Organisation
from hok import generations
from hok.cache import ResilientRedisCache
from hok.models import User
from hok.page_cache import CACHE_HEADER, cached_public_page
from tests.conftest import service_or_skip
from tests.factories import PASSWORD, PublicOrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def redis_cache(settings) -> None:
    service_or_skip(
        "Redis cache", settings.PAGE_CACHE, "REDIS_URL is not set, so no page is cached"
    )


@pytest.fixture
def redis_down(settings) -> None:
    default = settings.CACHES["default"]
    settings.CACHES = {**settings.CACHES, "default": {**default, "LOCATION": CLOSED_PORT}}


def get(url: str, client: Client | None = None, **headers: str):
    response = (client or Client()).get(url, headers=headers)
    return response


class TestServedFromTheCache:
    def test_the_second_anonymous_visit_is_served_from_the_cache(self, seed) -> None:
        first = get("/")
        second = get("/")
        assert (first.status_code, second.status_code) == (200, 200)
        assert (first[CACHE_HEADER], second[CACHE_HEADER]) == ("miss", "hit")
        assert first.content == second.content
        assert first["ETag"] == second["ETag"]
        assert "no-cache" in second["Cache-Control"]
        assert "Cookie" in second["Vary"]

    def test_a_change_without_a_bump_is_not_seen_so_the_cache_is_real(self, seed) -> None:
        organisation = PublicOrganisationFactory(name="Föreningen Före")
        url = reverse("agreements:directory")
        assert "Föreningen Före" in get(url).content.decode()
        Organisation.objects.filter(pk=organisation.pk).update(name="Föreningen Efter")
        assert "Föreningen Före" in get(url).content.decode()
        generations.bump_now("signatories")
        page = get(url)
        assert page[CACHE_HEADER] == "miss"
        assert "Föreningen Efter" in page.content.decode()

    def test_languages_and_query_strings_are_pages_of_their_own(self, seed) -> None:
        url = reverse("agreements:directory")
        swedish = get(url)
        assert get(url + "?kommun=halmstad")[CACHE_HEADER] == "miss"
        english = get("/en" + url)
        assert english[CACHE_HEADER] == "miss"
        assert swedish.content != english.content
        assert get("/en" + url)[CACHE_HEADER] == "hit"

    def test_a_page_that_is_not_200_is_not_stored(self, seed) -> None:
        url = reverse("agreements:organisation_detail", kwargs={"slug": "finns-inte"})
        assert get(url).status_code == 404
        response = get(url)
        assert response.status_code == 404
        assert CACHE_HEADER not in response

    def test_a_bump_waits_for_the_commit_and_a_rollback_keeps_the_page(self, seed) -> None:
        get("/")
        assert get("/")[CACHE_HEADER] == "hit"
        with pytest.raises(RuntimeError), transaction.atomic():
            generations.bump("agreement")
            raise RuntimeError
        assert get("/")[CACHE_HEADER] == "hit"


class TestConditionalGet:
    def test_the_same_etag_is_answered_304_with_no_body(self, seed) -> None:
        etag = get("/")["ETag"]
        response = get("/", **{"If-None-Match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag

    def test_after_a_change_the_old_etag_gets_the_new_page(self, seed) -> None:
        etag = get("/")["ETag"]
        generations.bump_now("signatories")
        response = get("/", **{"If-None-Match": etag})
        assert response.status_code == 200
        assert response["ETag"] != etag

    def test_a_signed_in_user_is_never_answered_304(self, seed, user: User) -> None:
        etag = get("/")["ETag"]
        client = Client()
        client.force_login(user)
        response = client.get("/", headers={"If-None-Match": etag})
        assert response.status_code == 200
        assert "ETag" not in response


class TestNothingOfOneVisitorForAnother:
    def test_a_signed_in_user_gets_a_fresh_page_and_leaves_nothing_behind(
        self, seed, user: User
    ) -> None:
        client = Client()
        client.force_login(user)
        for _visit in range(2):
            response = client.get("/")
            assert response.status_code == 200
            assert CACHE_HEADER not in response
            assert "Logga ut" in response.content.decode()
        anonymous = get("/")
        assert anonymous[CACHE_HEADER] == "miss"
        assert "Logga ut" not in anonymous.content.decode()
        assert "Logga in" in anonymous.content.decode()

    def test_a_message_is_shown_to_its_visitor_and_never_cached(self, seed) -> None:
        # Signing in and out leaves "Du har loggat ut." waiting for this visitor only.
        visitor = Client()
        user = UserFactory()
        assert visitor.post("/konto/login/", {"login": user.email, "password": PASSWORD})
        visitor.post(reverse("account_logout"))
        with_message = visitor.get("/")
        assert "Du har loggat ut." in with_message.content.decode()
        assert CACHE_HEADER not in with_message
        other = get("/")
        assert other[CACHE_HEADER] == "miss"
        assert "Du har loggat ut." not in other.content.decode()
        assert "Du har loggat ut." not in get("/").content.decode()

    def test_a_message_added_while_rendering_keeps_the_page_out_of_the_cache(self) -> None:
        @cached_public_page("test")
        def view(request: HttpRequest) -> HttpResponse:
            messages.info(request, "Bara för dig")
            return HttpResponse("sida")

        for _visit in range(2):
            request = RequestFactory().get("/meddelande/")
            request.session = Client().session
            request.user = AnonymousUser()
            request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
            assert CACHE_HEADER not in view(request)

    def test_a_page_that_asked_for_a_csrf_token_is_never_stored(self) -> None:
        template = engines["django"].from_string("<form>{% csrf_token %}</form>")

        @cached_public_page("test")
        def view(request: HttpRequest) -> HttpResponse:
            return HttpResponse(template.render({}, request))

        first = _middleware_request(view, "/med-formular/")
        second = _middleware_request(view, "/med-formular/")
        assert CSRF_INPUT.search(first.content.decode())
        assert CACHE_HEADER not in first and CACHE_HEADER not in second
        assert CSRF_INPUT.search(first.content.decode()).group(1) != (
            CSRF_INPUT.search(second.content.decode()).group(1)
        )

    @pytest.mark.parametrize(
        "url_name", ["home", "agreements:directory", "newsletters:archive", "agreements:goals"]
    )
    def test_cached_pages_hold_no_csrf_token(self, seed, url_name: str) -> None:
        url = reverse(url_name)
        get(url)
        cached = get(url)
        assert cached[CACHE_HEADER] == "hit"
        assert "csrfmiddlewaretoken" not in cached.content.decode()
        assert not cached.cookies

    def test_the_subscribe_form_of_the_cached_archive_works_without_a_token(
        self, seed, mailoutbox, django_capture_on_commit_callbacks
    ) -> None:
        url = reverse("newsletters:archive")
        get(url)
        page = get(url)
        assert page[CACHE_HEADER] == "hit"
        html = page.content.decode()
        assert f'action="{reverse("newsletters:subscribe")}"' in html
        visitor = Client(enforce_csrf_checks=True)
        with django_capture_on_commit_callbacks(execute=True):  # the mail goes on commit
            response = visitor.post(reverse("newsletters:subscribe"), {"email": "ny@exempel.se"})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert [mail.to for mail in mailoutbox] == [["ny@exempel.se"]]


def _middleware_request(view, path: str) -> HttpResponse:
    """`view` behind the CSRF middleware, as an anonymous first visit."""
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    middleware = CsrfViewMiddleware(lambda r: view(r))
    middleware.process_request(request)
    return middleware(request)


class TestRedisDown:
    @pytest.mark.parametrize(
        "url", ["/", "/overenskommelsen/", "/undertecknare/", "/en/undertecknare/"]
    )
    def test_pages_are_rendered_as_usual(self, seed, redis_down, url: str) -> None:
        for _visit in range(2):
            response = get(url)
            assert response.status_code == 200
            assert CACHE_HEADER not in response

    def test_a_bump_during_the_outage_reaches_redis_when_it_is_back(self, seed, settings) -> None:
        get("/")
        assert get("/")[CACHE_HEADER] == "hit"
        cache = caches["default"]
        assert isinstance(cache, ResilientRedisCache)
        working = cache._cache  # the connection pool of the working Redis
        # Redis goes away for this process; the bump is written to the fallback.
        cache._redis_failed("test", ConnectionError("gone"))
        generations.bump_now("signatories")
        assert cache.fallback.get(generations.MISSED_KEY) == ["signatories"]
        # Back: the first operation on Redis replays the bump before the page is looked up.
        cache._down_until = 0.0
        assert cache._cache is working
        response = get("/")
        assert response[CACHE_HEADER] == "miss"
        assert cache.fallback.get(generations.MISSED_KEY) is None
        assert get("/")[CACHE_HEADER] == "hit"


class TestGenerations:
    def test_a_lost_generation_gets_a_new_token_never_an_old_one(self) -> None:
        before = generations.current(["x"])["x"]
        caches["default"].delete(generations.PREFIX + "x")
        after = generations.current(["x"])["x"]
        assert after != before
        assert generations.current(["x"])["x"] == after

    def test_several_are_read_together_and_bumped_alone(self) -> None:
        first = generations.current(["a", "b"])
        generations.bump_now("a")
        second = generations.current(["a", "b"])
        assert second["a"] != first["a"]
        assert second["b"] == first["b"]


class TestAdminChanges:
    def test_a_change_logged_by_the_admin_renews_every_cached_page(
        self, seed, admin_user: User, django_capture_on_commit_callbacks
    ) -> None:
        # The admin saves the model, then logs the change; the log entry bumps SITE.
        organisation = PublicOrganisationFactory(name="Föreningen Före")
        url = reverse("agreements:directory")
        get(url)
        assert get(url)[CACHE_HEADER] == "hit"
        Organisation.objects.filter(pk=organisation.pk).update(name="Föreningen Efter")
        assert "Föreningen Före" in get(url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            LogEntry.objects.log_actions(
                user_id=admin_user.pk,
                queryset=[organisation],
                action_flag=CHANGE,
                change_message="Ändrade namn.",
            )
        page = get(url)
        assert page[CACHE_HEADER] == "miss"
        assert "Föreningen Efter" in page.content.decode()

"""`hok.access`: the check in front of every page that needs a role (`permitted_by`), and the
plumbing of the apps' loaders (`found`, `granted`, `loads`)."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from hok.access import found, granted, loads, permitted_by
from hok.models import User
from tests.surveys.factories import SurveyFactory


@pytest.mark.django_db
class TestEndedSessionDuringALiveRefresh:
    """htmx follows a redirect and would swap the login page into the refreshed region."""

    def test_the_invitation_progress_sends_the_whole_page_to_the_login(
        self, client: Client
    ) -> None:
        survey = SurveyFactory()
        page = f"/arbetsgruppen/hantera/enkater/{survey.pk}/inbjudningar/"
        response = client.get(
            page, headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"}
        )
        assert response.status_code == 204
        assert response["HX-Redirect"] == f"/konto/login/?next={page}"

    def test_without_htmx_it_is_the_plain_redirect(self, client: Client) -> None:
        response = client.get("/arbetsgruppen/hantera/")
        assert response.status_code == 302
        assert response["Location"] == "/konto/login/?next=/arbetsgruppen/hantera/"


class TestFound:
    """A loader's first half: the fetched object, or 404 when there is none."""

    def test_an_object_is_handed_back_as_it_is(self) -> None:
        thing = object()
        assert found(thing) is thing

    @pytest.mark.parametrize("falsy", [0, "", [], False])
    def test_a_falsy_object_is_still_found(self, falsy: object) -> None:
        assert found(falsy) is falsy

    def test_none_is_missing(self) -> None:
        with pytest.raises(Http404):
            found(None)


class TestGranted:
    """A loader's second half: the rule's answer, 403 when it refuses (404 `as_missing`)."""

    def test_allowed_passes(self) -> None:
        assert granted(True) is None
        assert granted(True, as_missing=True) is None

    def test_refused_is_permission_denied(self) -> None:
        with pytest.raises(PermissionDenied):
            granted(False)

    def test_refused_as_missing_is_404(self) -> None:
        with pytest.raises(Http404):
            granted(False, as_missing=True)


got: list[tuple[object, tuple[Any, ...], dict[str, Any]]] = []


def _echo(request: HttpRequest, obj: object, *args: Any, **kwargs: Any) -> HttpResponse:
    """A view that notes what it got (in `got`), to see what `loads` handed it."""
    got.append((obj, args, kwargs))
    return HttpResponse()


class TestLoads:
    """The view gets `fetch(kwargs[arg])` in place of the URL argument."""

    @pytest.fixture(autouse=True)
    def _forget(self) -> None:
        got.clear()

    def test_the_view_gets_the_fetched_object_in_place_of_pk(self, rf: RequestFactory) -> None:
        fetched: list[int] = []

        def fetch(pk: int) -> str:
            fetched.append(pk)
            return f"object {pk}"

        loads(fetch)(_echo)(rf.get("/"), pk=7, question_pk=3)
        assert fetched == [7]
        assert got == [("object 7", (), {"question_pk": 3})]

    def test_another_url_argument_can_name_the_object(self, rf: RequestFactory) -> None:
        loads(str.upper, arg="slug")(_echo)(rf.get("/"), slug="vår", pk=1)
        assert got == [("VÅR", (), {"pk": 1})]

    def test_a_missing_object_is_404_and_the_view_is_not_called(self, rf: RequestFactory) -> None:
        called: list[object] = []

        def view(request: HttpRequest, obj: object) -> HttpResponse:
            called.append(obj)
            return HttpResponse()

        with pytest.raises(Http404):
            loads(lambda pk: found(None))(view)(rf.get("/"), pk=1)
        assert called == []

    def test_the_view_keeps_its_name(self) -> None:
        assert loads(str)(_echo).__name__ == "_echo"

    @pytest.mark.django_db
    def test_under_a_role_decorator_the_refused_never_learn_whether_it_exists(
        self, rf: RequestFactory, user: User
    ) -> None:
        fetched: list[int] = []

        def fetch(pk: int) -> object:
            fetched.append(pk)
            raise Http404

        view = permitted_by(lambda person: False)(loads(fetch)(_echo))
        anonymous = rf.get("/sida/")
        anonymous.user = AnonymousUser()
        assert view(anonymous, pk=1).status_code == 302
        refused = rf.get("/sida/")
        refused.user = user
        with pytest.raises(PermissionDenied):
            view(refused, pk=1)
        assert fetched == []
        assert got == []

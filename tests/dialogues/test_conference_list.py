"""The public list of conferences: open to everyone, newest first, counts what is published."""

import pytest
from django.test import Client

from hok.models import User
from tests.dialogues.factories import ConferenceFactory, DialogueFactory

URL = "/konferenser/"


@pytest.fixture
def conferences() -> None:
    older = ConferenceFactory(name="Konferensen 2030", slug="k-2030")
    newer = ConferenceFactory(name="Konferensen 2031", slug="k-2031")
    DialogueFactory(conference=older, summary="Vi hörde er.", summary_published=True)
    DialogueFactory(conference=older)
    DialogueFactory(conference=newer)


@pytest.mark.django_db
@pytest.mark.usefixtures("conferences")
class TestConferenceList:
    @pytest.mark.parametrize("role", [None, "user", "working_group_user", "admin_user"])
    def test_everyone_sees_the_conferences_newest_first(
        self, request: pytest.FixtureRequest, role: str | None
    ) -> None:
        client = Client()
        if role:
            member: User = request.getfixturevalue(role)
            client.force_login(member)
        response = client.get(URL)
        assert response.status_code == 200
        body = response.content.decode()
        assert body.index("Konferensen 2031") < body.index("Konferensen 2030")
        assert 'href="/konferenser/k-2030/"' in body
        assert "2 dialoger, 1 med publicerad sammanfattning." in body
        assert "1 dialog, 0 med publicerad sammanfattning." in body

    def test_the_main_menu_leads_here(self, client: Client) -> None:
        body = client.get("/").content.decode()
        assert f'href="{URL}"' in body
        assert 'href="/enkater/"' in body

    def test_queries_do_not_grow_with_conferences(
        self, client: Client, django_assert_max_num_queries
    ) -> None:
        for _ in range(5):
            DialogueFactory(conference=ConferenceFactory())
        with django_assert_max_num_queries(3):
            assert client.get(URL).status_code == 200

    def test_english(self, client: Client) -> None:
        body = client.get("/en" + URL).content.decode()
        assert "2 dialogues, 1 with a published summary." in body
        assert "<h1>Conferences</h1>" in body


@pytest.mark.django_db
def test_without_conferences_the_page_says_so(client: Client) -> None:
    assert "Inga konferenser ännu." in client.get(URL).content.decode()

"""`hok.access.permitted_by`: the check in front of every page that needs a role."""

import pytest
from django.test import Client

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

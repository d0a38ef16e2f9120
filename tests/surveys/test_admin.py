"""The admin lists every survey model; responses and answers are read-only there."""

import pytest
from django.test import Client
from django.urls import reverse

from surveys.models import InvitationSendRun, ReminderRound
from tests.factories import AdminUserFactory, TotpAuthenticatorFactory
from tests.surveys.factories import AnswerFactory, InvitationFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> Client:
    person = AdminUserFactory()
    TotpAuthenticatorFactory(user=person)
    client = Client()
    client.force_login(person)
    return client


@pytest.mark.parametrize(
    "model", ["surveyseries", "survey", "question", "invitation", "response", "answer"]
)
def test_changelists_load(admin, model):
    AnswerFactory()
    InvitationFactory()
    assert admin.get(reverse(f"admin:surveys_{model}_changelist")).status_code == 200


def test_responses_and_answers_cannot_be_changed_or_deleted(admin):
    answer = AnswerFactory()
    response_url = reverse("admin:surveys_response_change", args=[answer.response.pk])
    page = admin.get(response_url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin.get(reverse("admin:surveys_response_add")).status_code == 403
    assert admin.get(reverse("admin:surveys_answer_add")).status_code == 403
    delete_url = reverse("admin:surveys_answer_delete", args=[answer.pk])
    assert admin.post(delete_url, {"post": "yes"}).status_code == 403
    assert type(answer).objects.filter(pk=answer.pk).exists()


def test_send_runs_and_reminder_rounds_open_but_cannot_be_changed(admin):
    survey = SurveyFactory()
    run = InvitationSendRun.objects.create(survey=survey)
    reminder = ReminderRound.objects.create(survey=survey, send_on=survey.closes_on)
    for name, obj in [("invitationsendrun", run), ("reminderround", reminder)]:
        assert admin.get(reverse(f"admin:surveys_{name}_changelist")).status_code == 200
        page = admin.get(reverse(f"admin:surveys_{name}_change", args=[obj.pk]))
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        assert admin.get(reverse(f"admin:surveys_{name}_add")).status_code == 403

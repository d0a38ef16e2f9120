# ruff: noqa: F811 - pytest fixtures imported from test_results_data
"""Every view of the surveys app for every role, in one table that must name every URL of the
app: a view added without a line here fails `test_the_table_names_every_view`.

- working group: anonymous → login, a plain user → 403, the working group or an admin without
  two-factor login → setting it up, with it → the page (or its redirect / form message), and
  a refused role changes nothing in the database;
- public (published results): the page for everyone;
- respondent (a personal link, the open link, the thank-you page): the page for everyone.

The detailed behaviour of each view is tested beside it (test_builder_views.py, test_answering.py,
test_invitation_views.py, test_results.py, test_exports.py).
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, reverse
from django.utils import timezone

from surveys.models import Answer, Invitation, Option, Question, ReminderRound, Survey
from surveys.urls import urlpatterns
from tests.surveys.factories import InvitationFactory, QuestionFactory, SurveyFactory
from tests.surveys.test_results_data import (  # noqa: F401 - fixtures
    ROLES,
    SECRET_TEXT,
    Built,
    build_2020,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("account_login")
MFA_ACTIVATE_URL = reverse("mfa_activate_totp")
WITH_POWERS = {"working_group_mfa", "admin_mfa"}
TOKEN = "personlig-kod-per-roll"


@dataclass
class World:
    closed: Built  # the 2020 survey: closed, 13 responses, results published
    open: Survey  # open, with an open link, a personal invitation and a reminder round
    invitation: Invitation
    reminder: ReminderRound

    def kwargs(self, name: str) -> dict[str, object]:
        closed = self.closed.survey.pk
        question = self.closed.questions["know"].pk
        wish = self.closed.questions["wish"].pk
        secret = Answer.objects.get(text=SECRET_TEXT).pk
        return {
            "survey_list": {},
            "survey_create": {},
            "survey_detail": {"pk": self.open.pk},
            "survey_edit": {"pk": self.open.pk},
            "survey_delete": {"pk": self.open.pk},
            "survey_copy": {"pk": closed},
            "question_create": {"pk": self.open.pk},
            "question_edit": {"pk": closed, "question_pk": question},
            "question_delete": {"pk": closed, "question_pk": question},
            "question_move": {"pk": closed, "question_pk": question},
            "invitations": {"pk": self.open.pk},
            "invitations_paste": {"pk": self.open.pk},
            "invitations_csv": {"pk": self.open.pk},
            "invitations_contacts": {"pk": self.open.pk},
            "invitations_send": {"pk": self.open.pk},
            "invitations_send_again": {"pk": self.open.pk},
            "invitation_remove": {"pk": self.open.pk, "invitation_pk": self.invitation.pk},
            "reminder_add": {"pk": self.open.pk},
            "reminder_delete": {"pk": self.open.pk, "round_pk": self.reminder.pk},
            "preview": {"pk": self.open.pk},
            "results": {"pk": closed},
            "results_publish": {"pk": closed},
            "results_unpublish": {"pk": closed},
            "answer_hide": {"pk": closed, "answer_id": secret},
            "answer_unhide": {"pk": closed, "answer_id": secret},
            "results_texts": {"pk": closed, "question_pk": wish},
            "results_csv": {"pk": closed},
            "results_xlsx": {"pk": closed},
            "responses_csv": {"pk": closed},
            "responses_xlsx": {"pk": closed},
            "public_list": {},
            "public_results": {"pk": closed},
            "public_results_texts": {"pk": closed, "question_pk": wish},
            "public_results_csv": {"pk": closed},
            "public_results_xlsx": {"pk": closed},
            "answer": {"token": TOKEN},
            "answer_open": {"key": self.open.open_link_key},
            "answer_thanks": {"pk": self.open.pk},
        }[name]


def _csv_upload() -> io.BytesIO:
    upload = io.BytesIO(b"e-post\nny@example.se\n")
    upload.name = "adresser.csv"
    return upload


# Each view: whom it is for, the request's method and its data.
VIEWS: dict[str, tuple[str, str, Callable[[], dict[str, object]]]] = {
    "survey_list": ("group", "get", dict),
    "survey_create": ("group", "post", lambda: {"title": "Ny", "year": "2030"}),
    "survey_detail": ("group", "get", dict),
    "survey_edit": ("group", "get", dict),
    "survey_delete": ("group", "post", dict),
    "survey_copy": ("group", "post", dict),
    "question_create": ("group", "get", dict),
    "question_edit": ("group", "get", dict),
    "question_delete": ("group", "post", dict),
    "question_move": ("group", "post", lambda: {"direction": "down"}),
    "invitations": ("group", "get", dict),
    "invitations_paste": ("group", "post", lambda: {"addresses": "ny@example.se"}),
    "invitations_csv": ("group", "post", lambda: {"file": _csv_upload()}),
    "invitations_contacts": ("group", "post", lambda: {"organisations": []}),
    "invitations_send": ("group", "post", dict),
    "invitations_send_again": ("group", "post", dict),
    "invitation_remove": ("group", "post", dict),
    "reminder_add": ("group", "post", lambda: {"send_on": _in_days(5).isoformat()}),
    "reminder_delete": ("group", "post", dict),
    "preview": ("group", "get", dict),
    "results": ("group", "get", dict),
    "results_publish": ("group", "post", dict),
    "results_unpublish": ("group", "post", dict),
    "answer_hide": ("group", "post", lambda: {"reason": "Pekar ut en person"}),
    "answer_unhide": ("group", "post", dict),
    "results_texts": ("group", "get", dict),
    "results_csv": ("group", "get", dict),
    "results_xlsx": ("group", "get", dict),
    "responses_csv": ("group", "get", dict),
    "responses_xlsx": ("group", "get", dict),
    "public_list": ("public", "get", dict),
    "public_results": ("public", "get", dict),
    "public_results_texts": ("public", "get", dict),
    "public_results_csv": ("public", "get", dict),
    "public_results_xlsx": ("public", "get", dict),
    "answer": ("respondent", "get", dict),
    "answer_open": ("respondent", "get", dict),
    "answer_thanks": ("respondent", "get", dict),
}


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def world(db: None) -> World:
    closed = build_2020()
    closed.survey.results_published_at = timezone.now()
    closed.survey.save(update_fields=["results_published_at"])
    survey = SurveyFactory(
        title="Öppen enkät",
        opens_on=_in_days(-1),
        closes_on=_in_days(30),
        open_link_enabled=True,
    )
    QuestionFactory(survey=survey, kind="text", text="Vad tycker du?", required=False)
    invitation = InvitationFactory(survey=survey, token=TOKEN)
    reminder = ReminderRound.objects.create(survey=survey, send_on=_in_days(7))
    return World(closed=closed, open=survey, invitation=invitation, reminder=reminder)


def _state() -> tuple[object, ...]:
    """What a refused request must leave as it was."""
    return (
        list(Survey.objects.order_by("pk").values_list("pk", "title", "results_published_at")),
        list(Question.objects.order_by("pk").values_list("pk", "position", "text")),
        Option.objects.count(),
        list(Invitation.objects.order_by("pk").values_list("pk", "status", "used")),
        ReminderRound.objects.count(),
        list(Answer.objects.filter(hidden=True).values_list("pk", flat=True)),
    )


def test_the_table_names_every_view() -> None:
    names = {pattern.name for pattern in urlpatterns if isinstance(pattern, URLPattern)}
    assert names == set(VIEWS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_view_per_role(world: World, client_as, role: str, name: str) -> None:
    audience, method, data = VIEWS[name]
    url = reverse(f"surveys:{name}", kwargs=world.kwargs(name))
    client = client_as(role)
    before = _state()
    response = getattr(client, method)(url, data())
    where = f"{role} {method.upper()} {url}"
    location = response.get("Location", "")

    if audience in ("public", "respondent"):
        assert response.status_code == 200, where
        return
    if role in WITH_POWERS:
        assert response.status_code in (200, 302, 400), where
        assert not location.startswith((LOGIN_URL, MFA_ACTIVATE_URL)), where
        return
    match role:
        case "anonymous":
            assert response.status_code == 302, where
            assert location == f"{LOGIN_URL}?next={url}", where
        case "user":
            assert response.status_code == 403, where
        case _:
            assert response.status_code == 302, where
            assert location == MFA_ACTIVATE_URL, where
    assert _state() == before, where

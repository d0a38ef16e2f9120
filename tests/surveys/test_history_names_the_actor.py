"""The survey-level write services name their user on the survey's newest history row.

The services are called directly, outside any request, so simple-history's request
middleware cannot supply the user: only the service can.
"""

import datetime

import pytest

from hok.models import User
from surveys.models import Survey
from surveys.services import results
from surveys.services.builder import SurveySettings, survey_create, survey_delete, survey_update
from tests.factories import WorkingGroupUserFactory
from tests.surveys.test_results_data import Built, survey_2020  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

SETTINGS = SurveySettings(
    title="Uppföljning 2026",
    introduction="Tack för att du svarar.",
    opens_on=datetime.date(2026, 3, 1),
    closes_on=datetime.date(2026, 3, 31),
    min_group_size=5,
    open_link_enabled=False,
)


def _newest_user(survey_id: int) -> User | None:
    history = Survey.history.filter(id=survey_id).order_by("-history_date", "-history_id")
    return history.first().history_user


def test_create_update_delete() -> None:
    creator, editor, remover = (WorkingGroupUserFactory() for _ in range(3))
    survey = survey_create(user=creator, settings=SETTINGS)
    assert _newest_user(survey.pk) == creator
    survey_update(user=editor, survey=survey, settings=SETTINGS)
    assert _newest_user(survey.pk) == editor
    survey_delete(user=remover, survey=survey)
    assert _newest_user(survey.pk) == remover


def test_results_publish_and_unpublish(survey_2020: Built) -> None:  # noqa: F811
    publisher, withdrawer = WorkingGroupUserFactory(), WorkingGroupUserFactory()
    survey = results.results_publish(survey=survey_2020.survey, by=publisher)
    assert _newest_user(survey.pk) == publisher
    results.results_unpublish(survey=survey, by=withdrawer)
    assert _newest_user(survey.pk) == withdrawer

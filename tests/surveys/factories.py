"""factory_boy factories for the surveys app, one per model."""

import datetime
import hashlib

import factory

from surveys.models import Answer, Invitation, Option, Question, Response, Survey, SurveySeries
from tests.factories import WorkingGroupUserFactory


class SurveySeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveySeries

    name = factory.Sequence(lambda n: f"Uppföljning {n}")


class SurveyFactory(factory.django.DjangoModelFactory):
    """A survey open all of 2026 (tests pass `today` explicitly to `is_open`)."""

    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Uppföljning av HÖK {n}")
    introduction = "Tack för att du svarar på årets uppföljning."
    year = 2026
    opens_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    closes_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))
    series = factory.SubFactory(SurveySeriesFactory)
    created_by = factory.SubFactory(WorkingGroupUserFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single-choice question; pass `kind` for another kind."""

    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n)
    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: f"Fråga {n}?")


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Alternativ {n}")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    class Params:
        token = factory.Sequence(lambda n: f"token-{n}")

    survey = factory.SubFactory(SurveyFactory)
    email = factory.Sequence(lambda n: f"inbjuden{n}@exempel.se")
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    submitted_on = factory.LazyAttribute(lambda o: o.survey.opens_on)


class AnswerFactory(factory.django.DjangoModelFactory):
    """An answer choosing one option; pass option=None with scale_value or text instead."""

    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(
        QuestionFactory, survey=factory.SelfAttribute("..response.survey")
    )
    option = factory.SubFactory(OptionFactory, question=factory.SelfAttribute("..question"))

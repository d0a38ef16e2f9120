"""The builder's services: settings, questions and options, the lock once answered, copies."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from surveys.models import Option, Question, Survey, SurveySeries
from surveys.services.builder import (
    OptionChange,
    QuestionData,
    SurveySettings,
    question_create,
    question_delete,
    question_move,
    question_update,
    survey_copy_to_next_year,
    survey_create,
    survey_delete,
    survey_update,
)
from tests.factories import WorkingGroupUserFactory
from tests.surveys.factories import (
    AnswerFactory,
    InvitationFactory,
    OptionFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return WorkingGroupUserFactory()


def settings_for(**changes) -> SurveySettings:
    values = {
        "title": "Uppföljning 2026",
        "introduction": "  Tack för att du svarar.  ",
        "opens_on": datetime.date(2026, 3, 1),
        "closes_on": datetime.date(2026, 3, 31),
        "min_group_size": 5,
        "open_link_enabled": False,
    }
    values.update(changes)
    return SurveySettings(**values)


def choice(**changes) -> QuestionData:
    values = {"kind": Question.Kind.SINGLE, "text": "Känner du till HÖK?"}
    values.update(changes)
    return QuestionData(**values)


def texts(question: Question) -> list[str]:
    return list(question.options.order_by("position").values_list("text", flat=True))


def answered(survey: Survey) -> None:
    ResponseFactory(survey=survey)


# Settings


def test_create_makes_a_survey_in_its_own_series(user):
    survey = survey_create(by=user, settings=settings_for())
    assert survey.year == 2026
    assert survey.introduction == "Tack för att du svarar."
    assert survey.series.name == "Uppföljning"
    assert survey.created_by == user
    assert survey.open_link_key
    other = survey_create(by=user, settings=settings_for(title="Uppföljning 2026"))
    assert other.series != survey.series


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"closes_on": datetime.date(2026, 2, 28)}, "closes_on"),
        ({"title": "  "}, "title"),
        ({"min_group_size": 0}, "min_group_size"),
    ],
)
def test_create_refuses_bad_settings(user, changes, field):
    with pytest.raises(ValidationError) as error:
        survey_create(by=user, settings=settings_for(**changes))
    assert field in error.value.message_dict
    assert Survey.objects.count() == 0


def test_closing_on_the_opening_day_is_fine(user):
    survey_create(by=user, settings=settings_for(closes_on=datetime.date(2026, 3, 1)))


def test_update_changes_settings_and_year(user):
    survey = SurveyFactory(year=2026)
    survey_update(
        by=user,
        survey=survey,
        settings=settings_for(
            title="Ny titel",
            opens_on=datetime.date(2027, 1, 10),
            closes_on=datetime.date(2027, 2, 10),
            min_group_size=3,
            open_link_enabled=True,
        ),
    )
    survey.refresh_from_db()
    assert (survey.title, survey.year, survey.min_group_size, survey.open_link_enabled) == (
        "Ny titel",
        2027,
        3,
        True,
    )


def test_update_is_allowed_with_responses(user):
    survey = SurveyFactory()
    answered(survey)
    survey_update(by=user, survey=survey, settings=settings_for(title="Rättad titel"))
    survey.refresh_from_db()
    assert survey.title == "Rättad titel"


def test_update_refuses_a_year_the_series_already_has(user):
    survey = SurveyFactory(year=2026)
    SurveyFactory(series=survey.series, year=2027)
    with pytest.raises(ValidationError) as error:
        survey_update(
            by=user,
            survey=survey,
            settings=settings_for(
                opens_on=datetime.date(2027, 1, 1), closes_on=datetime.date(2027, 2, 1)
            ),
        )
    assert "opens_on" in error.value.message_dict


def test_update_refuses_closing_before_opening(user):
    survey = SurveyFactory()
    with pytest.raises(ValidationError):
        survey_update(
            by=user, survey=survey, settings=settings_for(closes_on=datetime.date(2026, 1, 1))
        )


def test_delete_removes_an_unanswered_survey_and_its_empty_series(user):
    survey = SurveyFactory()
    QuestionFactory(survey=survey)
    InvitationFactory(survey=survey)
    survey_delete(by=user, survey=survey)
    assert not Survey.objects.exists()
    assert not SurveySeries.objects.exists()
    assert not Question.objects.exists()


def test_delete_keeps_a_series_with_other_years(user):
    survey = SurveyFactory(year=2026)
    SurveyFactory(series=survey.series, year=2025)
    survey_delete(by=user, survey=survey)
    assert SurveySeries.objects.count() == 1


def test_delete_refuses_an_answered_survey(user):
    survey = SurveyFactory()
    answered(survey)
    with pytest.raises(ValidationError, match="har svar"):
        survey_delete(by=user, survey=survey)
    assert Survey.objects.filter(pk=survey.pk).exists()


# Copy to next year


def test_copy_keeps_series_identities_and_moves_dates(user):
    survey = SurveyFactory(
        title="Uppföljning 2024",
        year=2024,
        opens_on=datetime.date(2024, 2, 29),
        closes_on=datetime.date(2024, 3, 31),
        min_group_size=4,
    )
    single = QuestionFactory(survey=survey, position=1, allow_other=True, other_label="Annat")
    first = OptionFactory(question=single, position=1, text="Ja")
    OptionFactory(question=single, position=2, text="Nej")
    scale = QuestionFactory(
        survey=survey,
        position=2,
        kind=Question.Kind.SCALE,
        scale_max=7,
        scale_min_label="Dåligt",
        scale_max_label="Bra",
    )
    InvitationFactory(survey=survey)
    answered(survey)

    copy = survey_copy_to_next_year(by=user, survey=survey)

    assert copy.series == survey.series
    assert copy.year == 2025
    assert copy.title == "Uppföljning 2025"
    assert copy.opens_on == datetime.date(2025, 2, 28)
    assert copy.closes_on == datetime.date(2025, 3, 31)
    assert copy.min_group_size == 4
    assert copy.open_link_key != survey.open_link_key
    assert copy.results_published_at is None
    assert not copy.invitations.exists()
    assert not copy.has_responses
    copied = list(copy.questions.all())
    assert [q.identity for q in copied] == [single.identity, scale.identity]
    assert [q.pk for q in copied] != [single.pk, scale.pk]
    assert copied[0].allow_other
    assert (copied[1].scale_max, copied[1].scale_min_label, copied[1].scale_max_label) == (
        7,
        "Dåligt",
        "Bra",
    )
    assert texts(copied[0]) == ["Ja", "Nej"]
    assert copied[0].options.get(text="Ja").identity == first.identity
    # The original is untouched.
    assert list(survey.questions.values_list("pk", flat=True)) == [single.pk, scale.pk]
    assert Option.objects.filter(question=single).count() == 2


def test_copy_twice_to_the_same_year_is_refused(user):
    survey = SurveyFactory(year=2026)
    survey_copy_to_next_year(by=user, survey=survey)
    with pytest.raises(ValidationError, match="2027"):
        survey_copy_to_next_year(by=user, survey=survey)


# Questions


def test_create_question_appends_with_options_in_order(user):
    survey = SurveyFactory()
    QuestionFactory(survey=survey, position=4)
    question = question_create(
        by=user,
        survey=survey,
        data=choice(help_text=" Välj ett ", required=True),
        options=["Ja", "", "  Nej  ", "Vagt"],
    )
    assert question.position == 5
    assert question.help_text == "Välj ett"
    assert question.required
    assert texts(question) == ["Ja", "Nej", "Vagt"]


@pytest.mark.parametrize(
    "kind", [Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.BACKGROUND, "units"]
)
@pytest.mark.parametrize("options", [[], ["Bara ett"], ["", "  "]])
def test_choice_kinds_need_two_options(user, kind, options):
    survey = SurveyFactory()
    with pytest.raises(ValidationError) as error:
        question_create(by=user, survey=survey, data=choice(kind=kind), options=options)
    assert "new_options" in error.value.message_dict
    assert not survey.questions.exists()


def test_duplicate_options_are_refused(user):
    with pytest.raises(ValidationError, match="två gånger"):
        question_create(by=user, survey=SurveyFactory(), data=choice(), options=["Ja", "ja", "Nej"])


@pytest.mark.parametrize("scale_max", [1, 0, 11, 100])
def test_scale_out_of_range_is_refused(user, scale_max):
    with pytest.raises(ValidationError) as error:
        question_create(
            by=user,
            survey=SurveyFactory(),
            data=choice(kind=Question.Kind.SCALE, scale_max=scale_max),
        )
    assert "scale_max" in error.value.message_dict


@pytest.mark.parametrize("scale_max", [2, 10])
def test_scale_ends_are_allowed(user, scale_max):
    question = question_create(
        by=user,
        survey=SurveyFactory(),
        data=choice(kind=Question.Kind.SCALE, scale_max=scale_max, scale_min_label="Dåligt"),
        options=["ignored", "too"],
    )
    assert question.scale_max == scale_max
    assert question.scale_min_label == "Dåligt"
    assert not question.options.exists()


def test_text_question_has_no_options_or_other(user):
    question = question_create(
        by=user, survey=SurveyFactory(), data=choice(kind=Question.Kind.TEXT, scale_max=99)
    )
    assert question.kind == "text"
    assert question.scale_max == 5


@pytest.mark.parametrize("kind", [Question.Kind.SCALE, Question.Kind.BACKGROUND, "units"])
def test_other_only_for_single_and_multiple(user, kind):
    with pytest.raises(ValidationError) as error:
        question_create(
            by=user,
            survey=SurveyFactory(),
            data=choice(kind=kind, allow_other=True),
            options=["A", "B"],
        )
    assert "allow_other" in error.value.message_dict


def test_other_needs_a_label(user):
    with pytest.raises(ValidationError) as error:
        question_create(
            by=user,
            survey=SurveyFactory(),
            data=choice(allow_other=True, other_label=" "),
            options=["A", "B"],
        )
    assert "other_label" in error.value.message_dict


def test_empty_text_and_unknown_kind_are_refused(user):
    with pytest.raises(ValidationError) as error:
        question_create(by=user, survey=SurveyFactory(), data=choice(kind="ranking", text=""))
    assert {"kind", "text"} <= set(error.value.message_dict)


def test_one_units_question_per_survey(user):
    survey = SurveyFactory()
    question_create(by=user, survey=survey, data=choice(kind="units"), options=["A", "B"])
    with pytest.raises(ValidationError, match="redan en fråga om vilka enheter"):
        question_create(by=user, survey=survey, data=choice(kind="units"), options=["C", "D"])


def test_questions_may_be_added_after_responses(user):
    survey = SurveyFactory()
    answered(survey)
    question_create(by=user, survey=survey, data=choice(), options=["Ja", "Nej"])


# Updating a question and its options


@pytest.fixture
def single():
    question = QuestionFactory(kind=Question.Kind.SINGLE, allow_other=True)
    for position, text in enumerate(["Ja", "Nej", "Vagt"], start=1):
        OptionFactory(question=question, position=position, text=text)
    return question


def rows(question: Question, **by_text) -> list[OptionChange]:
    """An OptionChange per option, as the builder sends them; by_text overrides some."""
    changes = []
    for option in question.options.order_by("position"):
        override = by_text.get(option.text, {})
        changes.append(
            OptionChange(
                option_id=option.pk,
                text=override.get("text", option.text),
                position=override.get("position", option.position),
                delete=override.get("delete", False),
            )
        )
    return changes


def test_update_edits_reorders_deletes_and_adds_options(user, single):
    ja = single.options.get(text="Ja")
    question_update(
        by=user,
        question=single,
        data=choice(text="Känner du till överenskommelsen?", allow_other=True),
        option_changes=rows(
            single,
            Ja={"text": "Ja, väl", "position": 3},
            Nej={"delete": True},
        ),
        new_options=["Inte alls", ""],
    )
    single.refresh_from_db()
    assert single.text == "Känner du till överenskommelsen?"
    assert texts(single) == ["Vagt", "Ja, väl", "Inte alls"]
    assert list(single.options.order_by("position").values_list("position", flat=True)) == [1, 2, 3]
    assert single.options.get(text="Ja, väl").identity == ja.identity


def test_update_refuses_an_option_of_another_question(user, single):
    stranger = OptionFactory()
    with pytest.raises(ValidationError, match="hör inte till frågan"):
        question_update(
            by=user,
            question=single,
            data=choice(allow_other=True),
            option_changes=[OptionChange(option_id=stranger.pk, text="X", position=1)],
        )
    assert Option.objects.filter(pk=stranger.pk, text=stranger.text).exists()


def test_update_refuses_leaving_fewer_than_two_options(user, single):
    with pytest.raises(ValidationError, match="minst två"):
        question_update(
            by=user,
            question=single,
            data=choice(allow_other=True),
            option_changes=rows(single, Ja={"delete": True}, Nej={"delete": True}),
        )
    assert single.options.count() == 3


def test_update_refuses_an_emptied_option_text(user, single):
    with pytest.raises(ValidationError, match="saknar text"):
        question_update(
            by=user,
            question=single,
            data=choice(allow_other=True),
            option_changes=rows(single, Ja={"text": "  "}),
        )


def test_update_to_scale_drops_the_options(user, single):
    question_update(
        by=user,
        question=single,
        data=choice(kind=Question.Kind.SCALE, scale_max=4),
    )
    single.refresh_from_db()
    assert single.kind == "scale"
    assert single.scale_max == 4
    assert not single.allow_other
    assert not single.options.exists()


def test_update_from_text_to_choice_takes_new_options(user):
    question = QuestionFactory(kind=Question.Kind.TEXT)
    question_update(
        by=user, question=question, data=choice(kind="multiple"), new_options=["A", "B"]
    )
    assert texts(question) == ["A", "B"]


# The lock once a survey has responses


def test_harmless_edits_are_allowed_after_responses(user, single):
    answered(single.survey)
    question_update(
        by=user,
        question=single,
        data=choice(
            text="Rättat stavfel?", help_text="Ny hjälptext", required=True, allow_other=True
        ),
        option_changes=rows(single, Ja={"text": "Ja!", "position": 5}),
        new_options=["Kanske"],
    )
    single.refresh_from_db()
    assert (single.text, single.help_text, single.required) == (
        "Rättat stavfel?",
        "Ny hjälptext",
        True,
    )
    assert texts(single) == ["Nej", "Vagt", "Ja!", "Kanske"]


@pytest.mark.parametrize(
    ("data", "deletion"),
    [
        (choice(kind="multiple", allow_other=True), False),  # kind changes
        (choice(allow_other=False), False),  # "annat" taken away
        (choice(allow_other=True), True),  # an option deleted
    ],
)
def test_breaking_edits_are_refused_after_responses(user, single, data, deletion):
    answered(single.survey)
    changes = rows(single, Nej={"delete": True}) if deletion else rows(single)
    with pytest.raises(ValidationError, match="redan svar") as error:
        question_update(by=user, question=single, data=data, option_changes=changes)
    assert error.value.code == "locked"
    single.refresh_from_db()
    assert single.kind == "single"
    assert single.allow_other
    assert texts(single) == ["Ja", "Nej", "Vagt"]


def test_scale_change_is_refused_after_responses_but_labels_are_not(user):
    question = QuestionFactory(kind=Question.Kind.SCALE, scale_max=5)
    AnswerFactory(question=question, response__survey=question.survey, option=None, scale_value=3)
    with pytest.raises(ValidationError, match="ändra skalan"):
        question_update(by=user, question=question, data=choice(kind="scale", scale_max=7))
    question_update(
        by=user, question=question, data=choice(kind="scale", scale_max=5, scale_max_label="Bra")
    )
    question.refresh_from_db()
    assert (question.scale_max, question.scale_max_label) == (5, "Bra")


def test_delete_question_renumbers(user):
    survey = SurveyFactory()
    first, second, third = (QuestionFactory(survey=survey, position=n) for n in (1, 2, 3))
    question_delete(by=user, question=second)
    assert list(survey.questions.values_list("pk", "position")) == [(first.pk, 1), (third.pk, 2)]


def test_delete_question_refused_after_responses(user, single):
    answered(single.survey)
    with pytest.raises(ValidationError, match="redan svar"):
        question_delete(by=user, question=single)
    assert Question.objects.filter(pk=single.pk).exists()


def test_move_swaps_neighbours_and_stops_at_the_ends(user):
    survey = SurveyFactory()
    first, second, third = (QuestionFactory(survey=survey, position=n * 10) for n in (1, 2, 3))

    def order():
        return list(survey.questions.order_by("position").values_list("pk", flat=True))

    question_move(by=user, question=third, up=True)
    assert order() == [first.pk, third.pk, second.pk]
    question_move(by=user, question=first, up=True)
    assert order() == [first.pk, third.pk, second.pk]
    question_move(by=user, question=second, up=False)
    assert order() == [first.pk, third.pk, second.pk]
    question_move(by=user, question=first, up=False)
    assert order() == [third.pk, first.pk, second.pk]
    assert list(survey.questions.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
    ]


def test_move_is_allowed_after_responses(user):
    survey = SurveyFactory()
    first, second = (QuestionFactory(survey=survey, position=n) for n in (1, 2))
    answered(survey)
    question_move(by=user, question=second, up=True)
    assert list(survey.questions.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]


def test_moving_an_option_up_puts_it_before_the_one_in_its_place(user, single):
    question_update(
        by=user,
        question=single,
        data=choice(allow_other=True),
        option_changes=rows(single, Vagt={"position": 1}),
    )
    assert texts(single) == ["Vagt", "Ja", "Nej"]

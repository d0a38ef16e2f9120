"""Hand-built survey data for the results and export tests (no tests of its own).

`survey_2020` rebuilds part of the real 2020 survey of the region's committee secretaries
(../shared/seeds/000_7e6ddfd0533ef82d.txt): 13 responses (one per committee); 9 of 13 know
the agreement ("69 %"), 4 vaguely ("31 %"); the scale question answered for 8 committees with
a mean of 2,75; "Vilken nivå" answered for 10 of 13 ("77 %"); the two branches of the region
as the background question.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from surveys.models import Answer, Option, Question, Response, Survey, SurveySeries
from tests.surveys.factories import SurveyFactory

Kind = Question.Kind


@dataclass
class Built:
    survey: Survey
    questions: dict[str, Question] = field(default_factory=dict)
    options: dict[str, dict[str, Option]] = field(default_factory=dict)
    responses: list[Response] = field(default_factory=list)


def add_question(
    built: Built,
    name: str,
    *,
    kind: str,
    text: str,
    options: Sequence[str] = (),
    allow_other: bool = False,
    scale_max: int = 5,
    scale_min_label: str = "",
    scale_max_label: str = "",
    identity=None,
    option_identities: dict[str, object] | None = None,
) -> Question:
    extra = {"identity": identity} if identity else {}
    question = Question.objects.create(
        survey=built.survey,
        position=len(built.questions),
        kind=kind,
        text=text,
        allow_other=allow_other,
        scale_max=scale_max,
        scale_min_label=scale_min_label,
        scale_max_label=scale_max_label,
        **extra,
    )
    built.questions[name] = question
    built.options[name] = {}
    for position, label in enumerate(options):
        option_extra = {}
        if option_identities and label in option_identities:
            option_extra["identity"] = option_identities[label]
        built.options[name][label] = Option.objects.create(
            question=question, position=position, text=label, **option_extra
        )
    return question


def respond(built: Built, answers: dict[str, object], *, unit: str | None = None) -> Response:
    """One response. Values: an option label, a list of labels, an int (scale), a text, or
    ("annat", text) for the "annat" answer; a list may hold ("annat", text) too."""
    unit_option = built.options["units"][unit] if unit else None
    response = Response.objects.create(
        survey=built.survey, submitted_on=built.survey.opens_on, unit=unit_option
    )
    rows = []
    for name, value in answers.items():
        question = built.questions[name]
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, tuple):
                rows.append(
                    Answer(response=response, question=question, text=item[1], is_other=True)
                )
            elif isinstance(item, int):
                rows.append(Answer(response=response, question=question, scale_value=item))
            elif question.kind == Kind.TEXT:
                rows.append(Answer(response=response, question=question, text=item))
            else:
                rows.append(
                    Answer(response=response, question=question, option=built.options[name][item])
                )
    Answer.objects.bulk_create(rows)
    built.responses.append(response)
    return response


KNOW = "Känner du till den Halländska Överenskommelsen?"
SCALE = "Hur tycker du att samverkan fungerar idag?"
OBSTACLES = "Vilka hinder finns för att etablera en bättre samverkan?"
WISH = "Hur skulle du vilja att samverkan mellan Region Halland och idéburna aktörer fungerade?"
LEVEL = "Vilken nivå av samverkan använder ni er av?"
BRANCH = "Arbetar din nämnd främst med hälso- och sjukvård eller regional utveckling?"
HS = "Hälso- och sjukvård"
RU = "Regional utveckling"
SECRET_TEXT = "Jag heter Karin Hemlig och sitter i nämnden"


def build_2020(series: SurveySeries | None = None, *, min_group_size: int = 5) -> Built:
    kwargs = {"series": series} if series else {}
    survey = SurveyFactory(
        title="Kartläggning 2020",
        year=2020,
        opens_on=datetime.date(2020, 9, 1),
        closes_on=datetime.date(2020, 10, 1),
        min_group_size=min_group_size,
        **kwargs,
    )
    built = Built(survey=survey)
    add_question(built, "know", kind=Kind.SINGLE, text=KNOW, options=["Ja", "Nej", "Vagt"])
    add_question(
        built,
        "scale",
        kind=Kind.SCALE,
        text=SCALE,
        scale_min_label="dåligt, ger inget!",
        scale_max_label="utmärkt, berikande!",
    )
    add_question(
        built,
        "obstacles",
        kind=Kind.MULTIPLE,
        text=OBSTACLES,
        options=["Tid", "Ekonomi", "Kunskap om relevanta idéburna organisationer"],
        allow_other=True,
    )
    add_question(built, "wish", kind=Kind.TEXT, text=WISH)
    add_question(
        built,
        "level",
        kind=Kind.SINGLE,
        text=LEVEL,
        options=["Finansiär", "Samverkande dialoger", "Finns inte"],
    )
    add_question(built, "branch", kind=Kind.BACKGROUND, text=BRANCH, options=[HS, RU])

    # 13 committees: 6 in health care, 7 in regional development.
    scale_values = [1, 2, 3, 3, 3, 3, 4, 3]  # 8 answers, mean 22 / 8 = 2,75
    for index in range(13):
        answers: dict[str, object] = {
            "know": "Ja" if index < 9 else "Vagt",
            "branch": HS if index < 6 else RU,
        }
        if index < 8:
            answers["scale"] = scale_values[index]
        if index < 11:
            chosen: list = ["Tid"] if index % 2 else ["Tid", "Ekonomi"]
            if index == 0:
                chosen.append(("annat", "Finns inga hinder"))
            answers["obstacles"] = chosen
        if index < 6:
            answers["wish"] = (
                SECRET_TEXT if index == 0 else f"Arbeta vidare med det som finns {index}"
            )
        if index < 10:
            answers["level"] = "Finansiär" if index < 7 else "Samverkande dialoger"
        respond(built, answers)
    return built


@pytest.fixture
def survey_2020(db: None) -> Built:
    return build_2020()


# --- clients per role ---------------------------------------------------------------------------

ROLES = ["anonymous", "user", "working_group", "working_group_mfa", "admin", "admin_mfa"]
# Roles that may read unpublished results (the middleware sends the others to set up MFA).
WITH_POWERS = ["working_group_mfa", "admin_mfa"]
POWERS_WITHOUT_MFA = ["working_group", "admin"]
NO_POWERS = ["anonymous", "user"]

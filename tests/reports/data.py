"""A year with something of everything, for the report's tests: signatories (one withdrawn),
commitments with progress, a survey shaped like the 2020 one (13 responses, 69 % / 31 %, a
question answered by 10 of them: "(77 %)") and a conference with published themes."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from agreements.models import Municipality, Organisation, Signature
from dialogues.models import Conference, NoteTheme
from surveys.models import Question, Survey
from tests.dialogues.factories import (
    ConferenceFactory,
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)
from tests.factories import (
    CommitmentFactory,
    OrganisationFactory,
    ProgressReportFactory,
    SignatureFactory,
    WorkingGroupMemberFactory,
)
from tests.surveys.factories import (
    AnswerFactory,
    OptionFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)


@dataclass
class Year:
    year: int
    signatories: list[Organisation]
    survey: Survey
    conference: Conference


def municipality(slug: str, name: str, position: int) -> Municipality:
    found, _created = Municipality.objects.get_or_create(
        slug=slug, defaults={"name": name, "name_en": name, "position": position}
    )
    return found


def build_year(*, signatories: int = 3, extra_signatories: int = 0) -> Year:
    """Needs the agreement seed (goals and principles of the current version)."""
    year = timezone.localdate().year
    halmstad = municipality("halmstad", "Halmstad", 1)
    varberg = municipality("varberg", "Varberg", 5)
    organisations = []
    for number in range(signatories + extra_signatories):
        organisation = OrganisationFactory(
            name=f"Föreningen Årsrapport {number:04d}",
            municipalities=[halmstad if number % 3 else varberg],
        )
        SignatureFactory(organisation=organisation, approved=True)
        organisations.append(organisation)
    # One organisation signed last year and withdrew this year.
    gone = OrganisationFactory(name="Föreningen Som Gick", municipalities=[halmstad])
    approved = timezone.now() - datetime.timedelta(days=400)
    SignatureFactory(
        organisation=gone,
        status=Signature.Status.WITHDRAWN,
        decided_at=approved,
        withdrawn_at=timezone.now(),
    )
    for organisation in organisations[:2]:
        commitment = CommitmentFactory(organisation=organisation, start_year=year)
        ProgressReportFactory(
            commitment=commitment,
            year=year,
            status="ongoing",
            text="Vi har haft två dialogträffar.",
        )
    CommitmentFactory(organisation=organisations[-1], start_year=year)
    WorkingGroupMemberFactory(name="Anna Region", organisation="Region Halland", side="region")
    WorkingGroupMemberFactory(name="Bo Förening", organisation="Hallands bildningsförbund")

    survey = SurveyFactory(
        title="Kartläggning av HÖK",
        year=year,
        opens_on=datetime.date(year, 1, 10),
        closes_on=datetime.date(year, 2, 10),
        min_group_size=5,
    )
    know = QuestionFactory(survey=survey, text="Känner du till HÖK?", position=1)
    yes = OptionFactory(question=know, text="Ja", position=1)
    vaguely = OptionFactory(question=know, text="Vagt", position=2)
    scale = QuestionFactory(
        survey=survey,
        text="Hur väl fungerar samverkan?",
        kind=Question.Kind.SCALE,
        scale_max=5,
        position=2,
    )
    for number in range(13):
        response = ResponseFactory(survey=survey)
        AnswerFactory(response=response, question=know, option=yes if number < 9 else vaguely)
        if number < 10:
            AnswerFactory(
                response=response, question=scale, option=None, scale_value=(number % 4) + 1
            )

    conference = ConferenceFactory(
        name="Starkare än förr", date=datetime.date(year, 11, 18), slug=f"starkare-{year}"
    )
    dialogue = DialogueFactory(
        conference=conference,
        title="Psykisk hälsa",
        summary="Borden talade mest om **psykisk hälsa**.",
        summary_published=True,
    )
    DialogueQuestionFactory(dialogue=dialogue, text="Hur kan vi samverka bättre?")
    health = ThemeFactory(
        conference=conference,
        name="psykisk hälsa",
        feedback="Arbetsgruppen bjuder in till ett nätverk.",
        feedback_published=True,
    )
    loneliness = ThemeFactory(conference=conference, name="ensamhet")
    for number in range(5):
        note = NoteFactory(dialogue=dialogue)
        NoteThemeFactory(note=note, theme=health, status=NoteTheme.Status.ACCEPTED)
        if number < 2:
            NoteThemeFactory(note=note, theme=loneliness, status=NoteTheme.Status.ACCEPTED)
    return Year(year=year, signatories=organisations, survey=survey, conference=conference)

"""Each source keeps the index current: a change shows or disappears on the next search.

Writes run inside `django_capture_on_commit_callbacks(execute=True)`: the index is refreshed
when the writing transaction commits, as in production.
"""

import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest
from django.core.management import call_command
from django.utils import timezone

from agreements.models import Principle
from agreements.services.signatures import signature_approve, signature_withdraw
from dialogues.models import Dialogue
from dialogues.services.outcomes import (
    summary_publish,
    summary_save,
    summary_unpublish,
    theme_feedback_publish,
    theme_feedback_save,
)
from newsletters.services.writing import newsletter_publish
from reports.services import version_unpublish
from search.models import SearchEntry
from tests.dialogues.factories import ConferenceFactory, DialogueFactory, ThemeFactory
from tests.factories import (
    CommitmentFactory,
    OrganisationFactory,
    PublicOrganisationFactory,
    SignatureFactory,
)
from tests.newsletters.factories import NewsletterFactory
from tests.reports.conftest import finished_version
from tests.search.helpers import found
from tests.surveys.factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

Committing = Callable[..., AbstractContextManager]


@pytest.fixture
def committed(
    django_capture_on_commit_callbacks: Committing,
) -> Callable[[], AbstractContextManager]:
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_agreement_in_force_is_found(seed, committed) -> None:
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert "3. Öppenhet och insyn" in found("öppenhet", "agreement")
    principle = Principle.objects.get(version=seed, number=3)
    with committed():
        principle.title = "Genomlysning och insyn"
        principle.save(update_fields=["title"])
    assert "3. Öppenhet och insyn" not in found("öppenhet", "agreement")
    assert "3. Genomlysning och insyn" in found("genomlysning", "agreement")


def test_an_organisation_appears_when_approved_and_leaves_when_withdrawn(
    seed, committed, working_group_user
) -> None:
    with committed():
        signature = SignatureFactory(organisation__name="Hylte Bygdegårdsförening")
    assert found("bygdegårdsförening", "organisation") == []
    with committed():
        signature_approve(signature=signature, by=working_group_user)
    assert found("bygdegårdsförening", "organisation") == ["Hylte Bygdegårdsförening"]
    with committed():
        signature_withdraw(signature=signature, by=signature.signed_by)
    assert found("bygdegårdsförening", "organisation") == []


def test_an_edited_name_and_municipality_are_found(seed, committed) -> None:
    with committed():
        organisation = PublicOrganisationFactory(name="Laholms Scoutkår")
    with committed():
        organisation.name = "Laholms Friluftskår"
        organisation.save(update_fields=["name"])
        organisation.municipalities.set([_municipality("hylte", "Hylte")])
    assert found("scoutkår", "organisation") == []
    assert found("friluftskår", "organisation") == ["Laholms Friluftskår"]
    assert found("hylte", "organisation") == ["Laholms Friluftskår"]


def _municipality(slug: str, name: str):
    from agreements.models import Municipality

    return Municipality.objects.get_or_create(slug=slug, defaults={"name": name, "position": 9})[0]


def test_a_typo_in_an_organisations_name_still_finds_it(seed, committed) -> None:
    with committed():
        PublicOrganisationFactory(name="Studieförbundet Vuxenskolan Halland")
    assert found("vuxenskolen", "organisation") == ["Studieförbundet Vuxenskolan Halland"]
    assert found("STUDIEFORBUNDET", "organisation") == ["Studieförbundet Vuxenskolan Halland"]


def test_commitments_follow_their_organisation(seed, committed, working_group_user) -> None:
    with committed():
        signature = SignatureFactory(organisation__name="Falkenbergs Idrottsallians")
        commitment = CommitmentFactory(
            organisation=signature.organisation,
            title="Simskola för nyanlända",
            description="Vi lär barn simma varje sommar.",
        )
    assert found("simskola", "commitment") == []  # not yet a public signatory
    with committed():
        signature_approve(signature=signature, by=working_group_user)
    assert found("simskolor", "commitment") == [
        "Simskola för nyanlända – Falkenbergs Idrottsallians"
    ]
    with committed():
        commitment.description = "Vi lär vuxna cykla."
        commitment.save(update_fields=["description"])
    assert found("cykla", "commitment") != []
    assert found("simma", "commitment") == []
    with committed():
        commitment.delete()
    assert found("cykla", "commitment") == []


def test_only_published_survey_results_are_found(committed, working_group_user) -> None:
    with committed():
        survey = SurveyFactory(title="Uppföljning 2031")
        QuestionFactory(survey=survey, text="Hur ser ni på samverkan med regionen?")
    assert found("samverkan", "survey") == []
    with committed():
        survey.results_published_at = timezone.now()
        survey.save(update_fields=["results_published_at"])
    assert found("samverkan", "survey") == ["Hur ser ni på samverkan med regionen?"]
    with committed():
        survey.results_published_at = None
        survey.save(update_fields=["results_published_at"])
    assert found("samverkan", "survey") == []


def test_conferences_summaries_and_feedback(committed) -> None:
    with committed():
        dialogue = DialogueFactory(
            conference__name="Mötesplats Halland 2031",
            title="Ungas röst",
            manual_state=Dialogue.ManualState.CLOSED,
        )
        summary_save(dialogue=dialogue, summary="Ungdomarna vill ha **mötesplatser**.", by=None)
        theme = ThemeFactory(conference=dialogue.conference, name="Lokaler")
        theme_feedback_save(
            conference=dialogue.conference,
            theme=theme,
            feedback="Vi inventerar samlingslokaler.",
            by=None,
        )
    assert found("mötesplats", "conference") == ["Mötesplats Halland 2031"]
    assert found("mötesplatsen", "conference") == ["Mötesplats Halland 2031"]
    assert found("ungdomarna", "summary") == []
    assert found("samlingslokaler", "feedback") == []
    with committed():
        summary_publish(dialogue=dialogue, by=None)
        theme_feedback_publish(conference=dialogue.conference, theme=theme, by=None)
    assert found("ungdomar", "summary") == ["Ungas röst – Mötesplats Halland 2031"]
    assert found("samlingslokal", "feedback") == ["Lokaler – Mötesplats Halland 2031"]
    with committed():
        summary_unpublish(dialogue=dialogue, by=None)
    assert found("ungdomar", "summary") == []


def test_a_conference_found_by_its_dialogue_questions(committed) -> None:
    from tests.dialogues.factories import DialogueQuestionFactory

    with committed():
        dialogue = DialogueFactory(conference=ConferenceFactory(name="Höstmötet"))
        DialogueQuestionFactory(dialogue=dialogue, text="Hur når vi äldre på landsbygden?")
    assert found("landsbygden", "conference") == ["Höstmötet"]


def test_a_newsletter_is_found_once_published(committed, admin_user) -> None:
    with committed():
        newsletter = NewsletterFactory(title="Nytt om bidrag", preamble="Ansök senast i maj.")
    assert found("bidrag", "newsletter") == []
    with committed():
        newsletter_publish(newsletter=newsletter, by=admin_user)
    assert found("bidragen", "newsletter") == ["Nytt om bidrag"]


def test_a_report_is_found_while_published(
    seed, committed, working_group_user, private_media
) -> None:
    from reports.models import Report

    with committed():
        report = Report.objects.create(year=2030, analysis="Fler **studiecirklarna** än väntat.")
        version = finished_version(report, 1, published=True)
    assert found("studiecirklar", "report") == ["Uppföljning av Halländska Överenskommelsen 2030"]
    with committed():
        version_unpublish(version=version, by=working_group_user)
    assert found("studiecirklar", "report") == []


def test_a_draft_or_hidden_thing_is_never_indexed(seed, committed) -> None:
    with committed():
        OrganisationFactory(name="Hemliga sällskapet")  # never signed
        NewsletterFactory(title="Hemligt utkast")
    assert not SearchEntry.objects.filter(title__icontains="hemlig").exists()


def test_the_rebuild_command_restores_a_damaged_index(seed, committed) -> None:
    with committed():
        PublicOrganisationFactory(name="Varbergs Konstförening")
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(kind="gone", scope="1", key="1", title="Borttaget", url="/")
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert found("konstförening", "organisation") == ["Varbergs Konstförening"]
    assert not SearchEntry.objects.filter(kind="gone").exists()


@pytest.fixture
def private_media(settings, tmp_path) -> Iterator[None]:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    yield


def test_a_write_in_english_is_indexed_in_swedish(seed, committed) -> None:
    from django.utils import translation

    with translation.override("en"), committed():
        organisation = PublicOrganisationFactory(name="Halmstads Kooperativ")
    entry = SearchEntry.objects.get(kind="organisation", key=str(organisation.pk))
    assert entry.url == f"/organisationer/{organisation.slug}/"
    assert "Förening" in entry.body

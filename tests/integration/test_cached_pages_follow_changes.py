"""Every service that changes public data bumps the generation of the pages that show it: the
change is on the next anonymous request, never after the cached page expires.

Each case warms the page's cache (the second visit is a hit), runs the service with its
transaction's on_commit callbacks executed (as a commit would), and reads the page again.
`test_the_cache_would_hide_a_change_without_a_bump` shows the same kind of change made
without a service stays hidden, so these tests fail when a bump is missing.
"""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agreements.models import AgreementVersion, Organisation, OrganisationDocument, Signature
from agreements.services import version_adopt, version_copy
from agreements.services.commitments import (
    commitment_create,
    commitment_delete,
    commitment_update,
    progress_report,
)
from agreements.services.documents import document_delete, document_upload
from agreements.services.organisations import organisation_update
from agreements.services.signatures import signature_approve, signature_withdraw
from dialogues.generations import CONFERENCES
from dialogues.services import conferences, moderation, outcomes
from dialogues.services.conferences import conference_update
from dialogues.services.moderation import note_hide
from dialogues.services.notes import note_submit
from dialogues.services.outcomes import summary_save, theme_feedback_save
from hok import generations
from hok.page_cache import CACHE_HEADER
from newsletters.services.writing import newsletter_publish
from reports.services import version_publish, version_unpublish
from surveys.generations import SURVEYS, survey_generation
from surveys.models import Answer
from surveys.services import results as survey_services
from surveys.services.builder import SurveySettings, survey_update
from tests.conftest import service_or_skip
from tests.dialogues.factories import (
    ConferenceFactory,
    DialogueFactory,
    DialogueQuestionFactory,
    NoteFactory,
    ThemeFactory,
)
from tests.factories import (
    CommitmentFactory,
    OrganisationDocumentFactory,
    ProgressReportFactory,
    PublicOrganisationFactory,
    SignatureFactory,
    UserFactory,
    WorkingGroupUserFactory,
    current_version,
    principle_number,
)
from tests.newsletters.factories import NewsletterFactory
from tests.reports.conftest import finished_version
from tests.surveys.test_results_data import SECRET_TEXT, Built, build_2020
from tests.uploads import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings, seed) -> None:
    service_or_skip("Redis cache", settings.PAGE_CACHE, "REDIS_URL is not set")


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path


def page(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def warm(url: str) -> str:
    """The page as the cache now serves it (the second anonymous visit is a hit)."""
    page(url)
    response = Client().get(url)
    assert response[CACHE_HEADER] == "hit"
    return response.content.decode()


@dataclass
class Change:
    """Run `service` under on_commit; `url` shows `before` until then and `after` from then."""

    url: str
    before: str
    after: str
    service: Callable[[], object]


def check(change: Change, run_on_commit) -> None:
    cached = warm(change.url)
    assert change.before in cached
    assert change.after not in cached
    with run_on_commit(execute=True):
        change.service()
    assert change.after in page(change.url)


DIRECTORY = "/undertecknare/"
HOME = "/"


def organisation_url(organisation: Organisation) -> str:
    return reverse("agreements:organisation_detail", kwargs={"slug": organisation.slug})


# --- agreements ------------------------------------------------------------------------------


def test_the_cache_would_hide_a_change_without_a_bump(django_capture_on_commit_callbacks):
    organisation = PublicOrganisationFactory(name="Föreningen Gammalt Namn")
    warm(DIRECTORY)
    Organisation.objects.filter(pk=organisation.pk).update(name="Föreningen Nytt Namn")
    assert "Föreningen Nytt Namn" not in page(DIRECTORY)


def test_signature_approve(django_capture_on_commit_callbacks):
    signature = SignatureFactory(organisation__name="Föreningen Nyss Godkänd")
    wg = WorkingGroupUserFactory()
    check(
        Change(
            DIRECTORY,
            "Undertecknare",
            "Föreningen Nyss Godkänd",
            lambda: signature_approve(signature=signature, by=wg),
        ),
        django_capture_on_commit_callbacks,
    )


def test_signature_withdraw(django_capture_on_commit_callbacks):
    organisation = PublicOrganisationFactory(name="Föreningen Som Drar Sig Ur")
    signature = Signature.objects.get(organisation=organisation)
    cached = warm(DIRECTORY)
    assert "Föreningen Som Drar Sig Ur" in cached
    with django_capture_on_commit_callbacks(execute=True):
        signature_withdraw(signature=signature, by=signature.signed_by)
    assert "Föreningen Som Drar Sig Ur" not in page(DIRECTORY)


def test_organisation_update(django_capture_on_commit_callbacks):
    organisation = PublicOrganisationFactory(description="Vi spelar schack.")
    check(
        Change(
            organisation_url(organisation),
            "Vi spelar schack.",
            "Vi spelar go.",
            lambda: organisation_update(
                organisation=organisation,
                by=UserFactory(),
                name=organisation.name,
                party_side=organisation.party_side,
                form=organisation.form,
                municipalities=[],
                areas=[],
                website=organisation.website,
                contact_email=organisation.contact_email,
                description="Vi spelar go.",
            ),
        ),
        django_capture_on_commit_callbacks,
    )


def test_commitment_create_update_and_delete(django_capture_on_commit_callbacks):
    organisation = PublicOrganisationFactory()
    by = Signature.objects.get(organisation=organisation).signed_by
    url = organisation_url(organisation)
    created: list = []

    def create() -> None:
        created.append(
            commitment_create(
                organisation=organisation,
                by=by,
                principle=principle_number(1),
                action=None,
                title="Vi öppnar lokalen",
                description="Varje tisdag.",
                start_year=timezone.localdate().year,
            )
        )

    check(
        Change(url, organisation.name, "Vi öppnar lokalen", create),
        django_capture_on_commit_callbacks,
    )
    commitment = created[0]
    check(
        Change(
            url,
            "Vi öppnar lokalen",
            "Vi öppnar köket",
            lambda: commitment_update(
                commitment=commitment,
                by=by,
                principle=commitment.principle,
                action=None,
                title="Vi öppnar köket",
                description=commitment.description,
                start_year=commitment.start_year,
            ),
        ),
        django_capture_on_commit_callbacks,
    )
    warm(url)
    with django_capture_on_commit_callbacks(execute=True):
        commitment_delete(commitment=commitment, by=by)
    assert "Vi öppnar köket" not in page(url)


def test_progress_report(django_capture_on_commit_callbacks):
    organisation = PublicOrganisationFactory()
    commitment = CommitmentFactory(organisation=organisation)
    by = Signature.objects.get(organisation=organisation).signed_by
    check(
        Change(
            organisation_url(organisation),
            commitment.title,
            "Tre träffar hölls under våren.",
            lambda: progress_report(
                commitment=commitment,
                by=by,
                year=commitment.start_year,
                status=ProgressReportFactory._meta.model.Status.ONGOING,
                text="Tre träffar hölls under våren.",
            ),
        ),
        django_capture_on_commit_callbacks,
    )


def test_document_upload_and_delete(django_capture_on_commit_callbacks, media_root):
    organisation = PublicOrganisationFactory()
    by = Signature.objects.get(organisation=organisation).signed_by
    url = organisation_url(organisation)
    check(
        Change(
            url,
            organisation.name,
            "Stadgar antagna 2025",
            lambda: document_upload(
                organisation=organisation,
                by=by,
                kind=OrganisationDocument.Kind.GOVERNING,
                title="Stadgar antagna 2025",
                year=2025,
                upload=pdf_upload(),
            ),
        ),
        django_capture_on_commit_callbacks,
    )
    document = OrganisationDocumentFactory(organisation=organisation, title="Årsberättelse 2024")
    cached = page(url)
    assert "Årsberättelse 2024" not in cached  # made by a factory, no bump: still hidden
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(
            document=OrganisationDocument.objects.get(title="Stadgar antagna 2025"), by=by
        )
    fresh = page(url)
    assert "Stadgar antagna 2025" not in fresh
    assert document.title in fresh


def test_version_adopt(django_capture_on_commit_callbacks):
    draft = version_copy(source=current_version())
    AgreementVersion.objects.filter(pk=draft.pk).update(title="Överenskommelsen, andra upplagan")
    draft.refresh_from_db()
    check(
        Change(
            reverse("agreements:agreement_detail"),
            current_version().title,
            "Överenskommelsen, andra upplagan",
            lambda: version_adopt(version=draft, adopted_on=datetime.date(2030, 1, 1), by=None),
        ),
        django_capture_on_commit_callbacks,
    )


# --- surveys -------------------------------------------------------------------------------


def _closed_survey() -> Built:
    return build_2020()


def test_results_publish_and_unpublish(django_capture_on_commit_callbacks):
    built = _closed_survey()
    wg = WorkingGroupUserFactory()
    url = reverse("surveys:public_list")
    check(
        Change(
            url,
            "Uppföljning",
            built.survey.title,
            lambda: survey_services.results_publish(survey=built.survey, by=wg),
        ),
        django_capture_on_commit_callbacks,
    )
    results = reverse("surveys:public_results", args=[built.survey.pk])
    warm(results)
    with django_capture_on_commit_callbacks(execute=True):
        survey_services.results_unpublish(survey=built.survey, by=wg)
    assert Client().get(results).status_code == 404
    assert built.survey.title not in page(url)


def test_answer_hide_and_unhide(django_capture_on_commit_callbacks):
    built = _closed_survey()
    wg = WorkingGroupUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        survey_services.results_publish(survey=built.survey, by=wg)
    url = reverse("surveys:public_results", args=[built.survey.pk])
    secret = Answer.objects.get(text=SECRET_TEXT)
    assert SECRET_TEXT in warm(url)
    with django_capture_on_commit_callbacks(execute=True):
        survey_services.answer_hide(answer=secret, reason="Pekar ut en person", by=wg)
    assert SECRET_TEXT not in page(url)
    assert SECRET_TEXT not in warm(url)
    with django_capture_on_commit_callbacks(execute=True):
        survey_services.answer_unhide(answer=secret, by=wg)
    assert SECRET_TEXT in page(url)


# --- dialogues -----------------------------------------------------------------------------


def _conference_urls(conference) -> tuple[str, str]:
    return (
        reverse("dialogues:conference_public", kwargs={"slug": conference.slug}),
        reverse("dialogues:document", kwargs={"slug": conference.slug}),
    )


def test_conference_update(django_capture_on_commit_callbacks):
    conference = ConferenceFactory(name="Höstkonferensen")
    public, _document = _conference_urls(conference)
    check(
        Change(
            public,
            "Höstkonferensen",
            "Vårkonferensen",
            lambda: conference_update(
                conference=conference,
                name="Vårkonferensen",
                date=conference.date,
                slug=conference.slug,
                by=WorkingGroupUserFactory(),
            ),
        ),
        django_capture_on_commit_callbacks,
    )


def test_summary_and_feedback_published(django_capture_on_commit_callbacks):
    dialogue = DialogueFactory(manual_state="closed")
    NoteFactory(dialogue=dialogue)
    theme = ThemeFactory(conference=dialogue.conference, name="mötesplatser")
    public, document = _conference_urls(dialogue.conference)
    for url in (public, document):
        check(
            Change(
                url,
                dialogue.conference.name,
                f"Sammanfattning för {url}",
                lambda url=url: summary_save(
                    dialogue=dialogue, summary=f"Sammanfattning för {url}", publish=True, by=None
                ),
            ),
            django_capture_on_commit_callbacks,
        )
    check(
        Change(
            public,
            dialogue.conference.name,
            "Vi ordnar två mötesplatser",
            lambda: theme_feedback_save(
                conference=dialogue.conference,
                theme=theme,
                feedback="Vi ordnar två mötesplatser",
                publish=True,
                by=None,
            ),
        ),
        django_capture_on_commit_callbacks,
    )


def test_note_submit_and_hide(django_capture_on_commit_callbacks):
    # The document shows the notes of the dialogues whose summary is published.
    dialogue = DialogueFactory(summary="Vi samlade idéer.", summary_published=True)
    _public, document = _conference_urls(dialogue.conference)
    notes: list = []
    check(
        Change(
            document,
            dialogue.conference.name,
            "Fler träffpunkter på landsbygden",
            lambda: notes.append(
                note_submit(
                    dialogue=dialogue,
                    question=None,
                    table_group="Bord 3",
                    text="Fler träffpunkter på landsbygden",
                    client_key=uuid.uuid4(),
                )[0]
            ),
        ),
        django_capture_on_commit_callbacks,
    )
    warm(document)
    with django_capture_on_commit_callbacks(execute=True):
        note_hide(note=notes[0], by=WorkingGroupUserFactory(), reason="Dubblett")
    assert "Fler träffpunkter på landsbygden" not in page(document)


# --- newsletters and reports -----------------------------------------------------------------


def test_newsletter_publish(django_capture_on_commit_callbacks):
    newsletter = NewsletterFactory(title="Nyhetsbrev om hösten")
    admin = UserFactory(is_staff=True, is_superuser=True)
    for url in (HOME, reverse("newsletters:archive")):
        cached = warm(url)
        assert "Nyhetsbrev om hösten" not in cached
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_publish(newsletter=newsletter, by=admin)
    for url in (HOME, reverse("newsletters:archive")):
        assert "Nyhetsbrev om hösten" in page(url)


def test_report_version_publish_and_unpublish(django_capture_on_commit_callbacks, media_root):
    from reports.models import Report
    from tests.reports.data import build_year

    year = build_year()
    report = Report.objects.create(year=year.year, summary="Årets sammanfattning.")
    version = finished_version(report, 1, published=False)
    url = reverse("reports:public_list")
    wg = WorkingGroupUserFactory()
    cached = warm(url)
    assert str(reverse("reports:public_report", args=[year.year])) not in cached
    with django_capture_on_commit_callbacks(execute=True):
        version_publish(version=version, by=wg)
    assert str(reverse("reports:public_report", args=[year.year])) in page(url)
    warm(url)
    with django_capture_on_commit_callbacks(execute=True):
        version_unpublish(version=version, by=wg)
    assert str(reverse("reports:public_report", args=[year.year])) not in page(url)


# --- the other writes: each renews its generation when it commits ----------------------------


def _dialogue_writes() -> dict[str, Callable[[], object]]:
    wg = WorkingGroupUserFactory()
    dialogue = DialogueFactory()
    conference = dialogue.conference
    question = DialogueQuestionFactory(dialogue=dialogue)
    other_question = DialogueQuestionFactory(dialogue=dialogue)
    empty_dialogue = DialogueFactory(conference=conference)
    hidden = NoteFactory(dialogue=dialogue, hidden=True, hidden_reason="Dubblett")
    note = NoteFactory(dialogue=dialogue, text="Fler mötesplatser")
    theme = ThemeFactory(conference=conference, name="mötesplatser")
    other_theme = ThemeFactory(conference=conference, name="träffar")
    published = DialogueFactory(conference=conference, summary="Klar", summary_published=True)
    feedback_theme = ThemeFactory(
        conference=conference, feedback="Vi gör så", feedback_published=True
    )
    return {
        "conference_create": lambda: conferences.conference_create(
            name="Vinterkonferensen", date=datetime.date(2031, 2, 1), by=wg
        ),
        "dialogue_create": lambda: conferences.dialogue_create(
            conference=conference, title="Ny dialog", by=wg
        ),
        "dialogue_update": lambda: conferences.dialogue_update(
            dialogue=dialogue, title="Omdöpt dialog", note_cap=500, by=wg
        ),
        "dialogue_set_state": lambda: conferences.dialogue_set_state(
            dialogue=dialogue, state="closed", by=wg
        ),
        "dialogue_delete": lambda: conferences.dialogue_delete(dialogue=empty_dialogue, by=wg),
        "question_add": lambda: conferences.question_add(dialogue=dialogue, text="Hur?", by=wg),
        "question_update": lambda: conferences.question_update(
            question=question, text="Varför?", by=wg
        ),
        "question_move": lambda: conferences.question_move(question=other_question, up=True, by=wg),
        "question_delete": lambda: conferences.question_delete(question=other_question, by=wg),
        "note_unhide": lambda: moderation.note_unhide(note=hidden, by=wg),
        "note_theme_set": lambda: moderation.note_theme_set(note=note, theme_ids=[theme.pk], by=wg),
        "theme_create": lambda: moderation.theme_create(conference=conference, name="ny", by=wg),
        "theme_update": lambda: moderation.theme_update(
            theme=theme, name="mötesplatser i hela länet", keywords="", by=wg
        ),
        "theme_merge": lambda: moderation.theme_merge(source=other_theme, target=theme, by=wg),
        "summary_unpublish": lambda: outcomes.summary_unpublish(dialogue=published, by=wg),
        "theme_feedback_unpublish": lambda: outcomes.theme_feedback_unpublish(
            conference=conference, theme=feedback_theme, by=wg
        ),
    }


DIALOGUE_WRITES = [
    "conference_create",
    "dialogue_create",
    "dialogue_update",
    "dialogue_set_state",
    "dialogue_delete",
    "question_add",
    "question_update",
    "question_move",
    "question_delete",
    "note_unhide",
    "note_theme_set",
    "theme_create",
    "theme_update",
    "theme_merge",
    "summary_unpublish",
    "theme_feedback_unpublish",
]


@pytest.mark.parametrize("write", DIALOGUE_WRITES)
def test_every_conference_write_renews_the_conference_pages(
    write: str, django_capture_on_commit_callbacks
):
    writes = _dialogue_writes()
    before = generations.current([CONFERENCES])[CONFERENCES]
    with django_capture_on_commit_callbacks() as callbacks:
        writes[write]()
    assert generations.current([CONFERENCES])[CONFERENCES] == before  # not before the commit
    for callback in callbacks:
        callback()
    assert generations.current([CONFERENCES])[CONFERENCES] != before


def test_survey_update_renews_the_results(django_capture_on_commit_callbacks):
    built = _closed_survey()
    names = [SURVEYS, survey_generation(built.survey.pk)]
    before = generations.current(names)
    survey = built.survey
    settings = SurveySettings(
        title="Kartläggning 2020, rättad titel",
        introduction=survey.introduction,
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        min_group_size=survey.min_group_size,
    )
    with django_capture_on_commit_callbacks(execute=True):
        survey_update(by=WorkingGroupUserFactory(), survey=survey, settings=settings)
    after = generations.current(names)
    assert all(after[name] != before[name] for name in names)

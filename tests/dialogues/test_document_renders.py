"""The compiled document's PDF on the worker pipeline: the job row, its task (test settings run
it in process when the transaction commits), one active job per conference held by the
database, the stale job shown as interrupted with "Försök igen", "out of date" when the
content changes, the working group's page with htmx polling, and the downloads."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import dialogues.services.documents as document_services
from dialogues.models import Conference, Dialogue, DocumentRender, Note
from dialogues.selectors.documents import document_version
from dialogues.services.documents import document_render_request, document_render_run
from dialogues.tasks import render_compiled_document
from hok.models import User
from tests.dialogues import roles
from tests.dialogues.factories import ConferenceFactory, DialogueFactory, NoteFactory

pytestmark = pytest.mark.django_db

LIMIT = timedelta(seconds=settings.PDF_RENDER_TIME_LIMIT + 120)


@pytest.fixture
def conference() -> Conference:
    conference = ConferenceFactory(name="Starkare än förr", slug="starkare")
    first = DialogueFactory(
        conference=conference,
        title="Psykisk hälsa",
        manual_state=Dialogue.ManualState.CLOSED,
        summary="Vi hörde er.",
        summary_published=True,
    )
    NoteFactory(dialogue=first, text="Fler mötesplatser i Hylte")
    second = DialogueFactory(
        conference=conference,
        position=2,
        title="Framtidsfokus",
        manual_state=Dialogue.ManualState.CLOSED,
        summary="Ett hemligt utkast",
    )
    NoteFactory(dialogue=second, text="Anteckning under moderering")
    return conference


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks) -> Callable[..., DocumentRender]:
    def request(conference: Conference, *, drafts: bool = False) -> DocumentRender:
        with django_capture_on_commit_callbacks(execute=True):
            job = document_render_request(conference=conference, drafts=drafts, by=None)
        job.refresh_from_db()
        return job

    return request


def _read(job: DocumentRender) -> bytes:
    with job.file.open("rb") as handle:
        return handle.read()


# ---- the service and the task --------------------------------------------------------------


def test_a_request_queues_the_task_on_the_pdf_queue(
    conference, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    queued: list[dict] = []
    monkeypatch.setattr(render_compiled_document, "delay", lambda **kw: queued.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        job = document_render_request(conference=conference, drafts=False, by=None)
        assert queued == []  # only once the row is committed
    assert queued == [{"job_id": job.pk}]
    route = render_compiled_document.app.amqp.router.route({}, render_compiled_document.name)
    assert route["queue"].name == settings.CELERY_PDF_QUEUE
    assert render_compiled_document.soft_time_limit == settings.PDF_RENDER_SOFT_TIME_LIMIT
    assert render_compiled_document.time_limit == settings.PDF_RENDER_TIME_LIMIT


def test_the_worker_stores_the_pdf_with_its_figures(conference, run_on_commit) -> None:
    job = run_on_commit(conference)
    assert job.status == DocumentRender.Status.DONE
    assert job.step == DocumentRender.Step.FINISHED
    content = _read(job)
    assert content.startswith(b"%PDF-")
    assert job.size == len(content) and job.pages >= 1
    assert len(job.sha256) == 64 and len(job.source_sha256) == 64
    assert job.started_at <= job.finished_at
    assert job.render_seconds > 0
    assert job.error == ""


def test_running_the_task_twice_renders_once(conference, run_on_commit) -> None:
    job = run_on_commit(conference)
    assert document_render_run(job_id=job.pk) is None
    assert render_compiled_document.run(job_id=job.pk) is None
    again = DocumentRender.objects.get(pk=job.pk)
    assert (again.file.name, again.sha256, again.finished_at) == (
        job.file.name,
        job.sha256,
        job.finished_at,
    )


def test_a_job_another_worker_is_rendering_is_left_alone(conference) -> None:
    job = DocumentRender.objects.create(
        conference=conference, status=DocumentRender.Status.RUNNING, started_at=timezone.now()
    )
    assert document_render_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert job.status == DocumentRender.Status.RUNNING and not job.file


def test_a_stale_running_job_is_taken_over_when_delivered_again(conference) -> None:
    """acks_late: a worker killed mid-render leaves the message to be delivered again."""
    job = DocumentRender.objects.create(
        conference=conference,
        status=DocumentRender.Status.RUNNING,
        started_at=timezone.now() - LIMIT,
    )
    assert document_render_run(job_id=job.pk).status == DocumentRender.Status.DONE


def test_a_second_press_starts_nothing_new(conference) -> None:
    first = document_render_request(conference=conference, drafts=False, by=None)
    with pytest.raises(ValidationError) as error:
        document_render_request(conference=conference, drafts=True, by=None)
    assert error.value.code == "busy"
    assert error.value.messages == [
        "En PDF av sammanställningen skapas redan. Vänta tills den är klar."
    ]
    assert list(DocumentRender.objects.values_list("pk", flat=True)) == [first.pk]


def test_the_database_holds_one_active_job_per_conference(conference) -> None:
    DocumentRender.objects.create(conference=conference)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentRender.objects.create(
            conference=conference, drafts=True, status=DocumentRender.Status.RUNNING
        )
    # another conference, or a finished job beside the active one, is fine
    DocumentRender.objects.create(conference=ConferenceFactory())
    DocumentRender.objects.create(
        conference=conference, status=DocumentRender.Status.FAILED, error="x"
    )


def test_a_finished_job_must_have_its_file(conference) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentRender.objects.create(
            conference=conference, status=DocumentRender.Status.DONE, finished_at=timezone.now()
        )


def test_the_public_pdf_needs_something_published(db: None) -> None:
    conference = ConferenceFactory()
    DialogueFactory(conference=conference, summary="Utkast")
    with pytest.raises(ValidationError) as error:
        document_render_request(conference=conference, drafts=False, by=None)
    assert error.value.code == "nothing_published"
    assert not DocumentRender.objects.exists()
    # the working group's version with the drafts can always be made
    document_render_request(conference=conference, drafts=True, by=None)


def test_a_stale_job_is_given_up_when_asked_again(conference, run_on_commit) -> None:
    stale = DocumentRender.objects.create(conference=conference)
    DocumentRender.objects.filter(pk=stale.pk).update(requested_at=timezone.now() - LIMIT)
    job = run_on_commit(conference)
    stale.refresh_from_db()
    assert stale.status == DocumentRender.Status.FAILED
    assert stale.error == "Avbruten: arbetaren blev inte klar inom tidsgränsen."
    assert job.status == DocumentRender.Status.DONE
    # its message, delivered late, finds it given up and renders nothing
    assert document_render_run(job_id=stale.pk) is None


def test_a_failure_is_recorded_with_its_reason(conference, run_on_commit, monkeypatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("typsnittet saknas")

    monkeypatch.setattr(document_services, "document_pdf", broken)
    job = run_on_commit(conference)
    assert job.status == DocumentRender.Status.FAILED
    assert job.error == "RuntimeError: typsnittet saknas"
    assert job.finished_at is not None and not job.file


def test_steps_are_recorded_while_rendering(conference, monkeypatch) -> None:
    seen: list[str] = []
    real = document_services.document_pdf

    def spying(conference: Conference, **kwargs):  # noqa: ANN202
        def on_step(step: str) -> None:
            kwargs["on_step"](step)
            seen.append(DocumentRender.objects.get().step)

        return real(conference, drafts=kwargs["drafts"], on_step=on_step)

    monkeypatch.setattr(document_services, "document_pdf", spying)
    job = DocumentRender.objects.create(conference=conference)
    document_render_run(job_id=job.pk)
    assert seen == ["collecting", "drawing", "writing"]


def test_a_pdf_goes_out_of_date_when_the_content_changes(conference, run_on_commit) -> None:
    run_on_commit(conference)
    now = timezone.now()
    assert document_version(conference=conference, drafts=False, now=now).out_of_date is False
    Note.objects.filter(text="Fler mötesplatser i Hylte").update(hidden=True)
    assert document_version(conference=conference, drafts=False, now=now).out_of_date is True


def test_a_draft_change_leaves_the_public_pdf_current(conference, run_on_commit) -> None:
    run_on_commit(conference)
    Dialogue.objects.filter(title="Framtidsfokus").update(summary="Nytt utkast")
    now = timezone.now()
    assert document_version(conference=conference, drafts=False, now=now).out_of_date is False


# ---- the working group's page --------------------------------------------------------------


def renders_url(conference: Conference) -> str:
    return reverse("dialogues:document_renders", kwargs={"pk": conference.pk})


def start_url(conference: Conference) -> str:
    return reverse("dialogues:document_render_start", kwargs={"pk": conference.pk})


@pytest.fixture
def wg(give_mfa: Callable[[User], str]) -> Client:
    return roles.client_as("working_group_mfa", give_mfa)


@pytest.mark.parametrize("role", roles.ROLES)
def test_page_and_start_per_role(
    role: str, conference, give_mfa, django_capture_on_commit_callbacks
) -> None:
    client = roles.client_as(role, give_mfa)
    page = client.get(renders_url(conference))
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(start_url(conference), {"version": "drafts"})
    if role in roles.ALLOWED:
        assert page.status_code == 200
        assert started.status_code == 302 and started["Location"] == renders_url(conference)
        assert DocumentRender.objects.get().status == DocumentRender.Status.DONE
    else:
        roles.assert_role_outcome(role, page, renders_url(conference))
        roles.assert_role_outcome(role, started, start_url(conference))
        assert not DocumentRender.objects.exists()


def test_page_before_any_pdf(wg, conference) -> None:
    page = wg.get(renders_url(conference)).content.decode()
    assert page.count("Ingen PDF är skapad ännu.") == 2
    assert page.count('value="public"') == 1 and page.count('value="drafts"') == 1
    assert 'hx-trigger="every 2s"' not in page


def test_page_polls_while_a_job_runs_and_offers_a_reload_link(wg, conference) -> None:
    DocumentRender.objects.create(
        conference=conference,
        status=DocumentRender.Status.RUNNING,
        step=DocumentRender.Step.DRAWING,
        started_at=timezone.now(),
    )
    page = wg.get(renders_url(conference)).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert f'<a href="{renders_url(conference)}">Uppdatera</a>' in page
    assert 'aria-current="step"' in page and "Ritar diagram" in page
    assert "Skapa PDF" not in page  # no second press while it runs
    fragment = wg.get(renders_url(conference), headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert text.lstrip().startswith('<div id="document-renders"')
    assert "<html" not in text and 'hx-trigger="every 2s"' in text


def test_finished_page_stops_polling_and_links_the_download(wg, conference, run_on_commit):
    run_on_commit(conference)
    page = wg.get(renders_url(conference)).content.decode()
    assert 'hx-trigger="every 2s"' not in page
    assert reverse("dialogues:document_pdf", kwargs={"slug": conference.slug}) in page
    assert "Aktuell" in page and "Skapa ny PDF" in page
    Note.objects.filter(text="Fler mötesplatser i Hylte").update(hidden=True)
    assert "Inaktuell, skapa ny" in wg.get(renders_url(conference)).content.decode()


def test_a_stale_job_shows_as_interrupted_with_try_again(wg, conference) -> None:
    job = DocumentRender.objects.create(
        conference=conference,
        status=DocumentRender.Status.RUNNING,
        started_at=timezone.now() - LIMIT,
    )
    page = wg.get(renders_url(conference)).content.decode()
    assert "blev aldrig klar" in page and "Försök igen" in page
    assert 'hx-trigger="every 2s"' not in page
    wg.post(start_url(conference), {"version": "public"})
    job.refresh_from_db()
    assert job.status == DocumentRender.Status.FAILED
    assert DocumentRender.objects.filter(status__in=["queued", "running", "done"]).count() == 1


def test_a_failed_job_shows_its_reason(wg, conference) -> None:
    DocumentRender.objects.create(
        conference=conference,
        status=DocumentRender.Status.FAILED,
        error="SoftTimeLimitExceeded: ",
        finished_at=timezone.now(),
    )
    page = wg.get(renders_url(conference)).content.decode()
    assert "Det gick inte att skapa PDF:en" in page and "SoftTimeLimitExceeded" in page
    assert "Försök igen" in page


@pytest.mark.parametrize("version", ["", "everything", "1"])
def test_a_bad_version_is_refused_with_a_message(wg, conference, version: str) -> None:
    response = wg.post(start_url(conference), {"version": version})
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Välj vilken PDF som ska skapas."]
    assert not DocumentRender.objects.exists()


def test_a_busy_conference_gets_a_message(wg, conference) -> None:
    DocumentRender.objects.create(conference=conference)
    response = wg.post(start_url(conference), {"version": "drafts"})
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["En PDF av sammanställningen skapas redan. Vänta tills den är klar."]
    assert DocumentRender.objects.count() == 1


def test_an_unknown_conference_is_not_found(wg) -> None:
    page = wg.get("/arbetsgruppen/hantera/konferenser/999999/sammanstallning/pdf/")
    assert page.status_code == 404
    response = wg.post(
        "/arbetsgruppen/hantera/konferenser/999999/sammanstallning/pdf/skapa/",
        {"version": "drafts"},
    )
    assert response.status_code == 404


# ---- the downloads -------------------------------------------------------------------------


def test_the_public_downloads_only_a_finished_public_pdf(client, conference, run_on_commit):
    url = reverse("dialogues:document_pdf", kwargs={"slug": conference.slug})
    assert client.get(url).status_code == 404  # nothing made yet
    run_on_commit(conference, drafts=True)
    assert client.get(url).status_code == 404  # the drafts are never public
    DocumentRender.objects.create(conference=conference)  # queued, not finished
    assert client.get(url).status_code == 404
    DocumentRender.objects.all().delete()
    job = run_on_commit(conference)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _read(job)
    assert response["ETag"] == f'"{job.sha256}"'


def test_the_public_pdf_goes_when_everything_is_unpublished(client, conference, run_on_commit):
    run_on_commit(conference)
    Dialogue.objects.update(summary_published=False)
    url = reverse("dialogues:document_pdf", kwargs={"slug": conference.slug})
    assert client.get(url).status_code == 404


def test_the_draft_download_is_the_latest_finished_draft(wg, conference, run_on_commit):
    url = reverse("dialogues:document_draft_pdf", kwargs={"pk": conference.pk})
    response = wg.get(url)
    assert response.status_code == 302 and response["Location"] == renders_url(conference)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Ingen PDF med utkasten är skapad ännu. Skapa den här."]
    job = run_on_commit(conference, drafts=True)
    response = wg.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == _read(job)


def test_a_broker_that_cannot_be_reached_fails_the_job_not_the_request(
    wg, conference, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    def unreachable(**kwargs: object) -> None:
        raise ConnectionError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(render_compiled_document, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        response = wg.post(start_url(conference), {"version": "drafts"})
    assert response.status_code == 302
    job = DocumentRender.objects.get()
    assert job.status == DocumentRender.Status.FAILED
    assert job.error == (
        "Kunde inte lägga jobbet i kön: Error 111 connecting to redis:6379. Connection refused."
    )
    assert "Försök igen" in wg.get(renders_url(conference)).content.decode()


def test_the_partial_file_of_an_interrupted_job_is_removed(
    conference, run_on_commit, settings, tmp_path
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    stale = DocumentRender.objects.create(
        conference=conference,
        status=DocumentRender.Status.RUNNING,
        started_at=timezone.now() - LIMIT,
    )
    folder = tmp_path / "dialogues" / "documents"
    folder.mkdir(parents=True)
    partial = folder / f".partial-{stale.pk}.pdf"
    partial.write_bytes(b"%PDF-1.7 half of it")
    job = run_on_commit(conference)
    assert [path.name for path in folder.iterdir()] == [job.file.name.rsplit("/", 1)[1]]

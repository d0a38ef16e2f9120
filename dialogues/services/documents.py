"""The compiled document as a PDF, rendered by the Celery worker (the `pdf` queue).

The working group asks for a PDF (`document_render_request`): a job row is written and the task
queued once the transaction commits. The database holds one waiting or running job per
conference (a partial unique constraint), so a second press starts nothing new. The worker
(`document_render_run`) claims the job, records its steps, writes the file under a temporary
name and moves it into place before the row points at it, so a worker killed mid-render leaves
nothing half-written that anyone could download. A job left queued or running long after the
task's time limit is shown as interrupted; asking again marks it failed and starts a new one.
"""

import logging
import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogues import rules
from dialogues.document import document_pdf
from dialogues.generations import CONFERENCES
from dialogues.models import Conference, DocumentRender
from dialogues.selectors.outcomes import conference_outcome
from hok.generations import bump
from hok.models import User

logger = logging.getLogger(__name__)

ERROR_MAX_LENGTH = 2000
FOLDER = "dialogues/documents"


def _queue(job_id: int) -> None:
    """Runs once the job row is committed. If the broker cannot be reached, the job fails with
    the reason on the page (and can be tried again) instead of the request failing."""
    from dialogues.tasks import render_compiled_document

    try:
        render_compiled_document.delay(job_id=job_id)
    except Exception as error:  # noqa: BLE001 - kombu's and redis' errors alike
        logger.exception("compiled document %s could not be queued", job_id)
        DocumentRender.objects.filter(pk=job_id, status=DocumentRender.Status.QUEUED).update(
            status=DocumentRender.Status.FAILED,
            error=_("Kunde inte lägga jobbet i kön: %(error)s") % {"error": error},
            finished_at=timezone.now(),
        )


def document_render_request(
    *, conference: Conference, drafts: bool, by: User | None
) -> DocumentRender:
    """Queue a new PDF of the compiled document (with the drafts, or as the public sees it)."""
    if not drafts and not rules.public_document_available(
        conference_outcome(conference=conference)
    ):
        raise ValidationError(
            _(
                "Inget av sammanställningen är publicerat ännu, så allmänhetens PDF skulle vara "
                "tom. Publicera en sammanfattning först, eller skapa PDF:en med utkasten."
            ),
            code="nothing_published",
        )
    now = timezone.now()
    with transaction.atomic():
        active = (
            DocumentRender.objects.select_for_update()
            .filter(conference=conference, status__in=["queued", "running"])
            .first()
        )
        if active is not None and active.is_stale(now):
            active.status = DocumentRender.Status.FAILED
            active.error = _("Avbruten: arbetaren blev inte klar inom tidsgränsen.")
            active.finished_at = now
            active.save(update_fields=["status", "error", "finished_at"])
            _discard_partial(active)  # a worker killed while writing leaves no trace
        elif active is not None:
            raise ValidationError(
                _("En PDF av sammanställningen skapas redan. Vänta tills den är klar."),
                code="busy",
            )
        try:
            with transaction.atomic():
                job = DocumentRender.objects.create(
                    conference=conference, drafts=drafts, requested_by=by
                )
        except IntegrityError as error:  # another press won the race
            raise ValidationError(
                _("En PDF av sammanställningen skapas redan. Vänta tills den är klar."),
                code="busy",
            ) from error
        transaction.on_commit(lambda: _queue(job.pk))
    return job


def _claim(job_id: int) -> DocumentRender | None:
    """Take the job for this worker; None when it is finished or another worker has it."""
    now = timezone.now()
    with transaction.atomic():
        job = (
            DocumentRender.objects.select_for_update()
            .select_related("conference")
            .filter(pk=job_id)
            .first()
        )
        if job is None or not job.is_active:
            return None
        if job.status == DocumentRender.Status.RUNNING and not job.is_stale(now):
            return None  # delivered twice while the first worker still renders
        job.status = DocumentRender.Status.RUNNING
        job.step = DocumentRender.Step.COLLECTING
        job.started_at = now
        job.save(update_fields=["status", "step", "started_at"])
    return job


def _partial_path(job: DocumentRender) -> Path:
    """Where the job's file is written before it is moved into place (one name per job)."""
    return Path(job.file.storage.path(f"{FOLDER}/.partial-{job.pk}.pdf"))


def _discard_partial(job: DocumentRender) -> None:
    _partial_path(job).unlink(missing_ok=True)


def _write_file(job: DocumentRender, content: bytes, sha256: str) -> str:
    """Write under a temporary name, then move into place: never a half-written PDF."""
    slug = job.conference.slug
    kind = "-utkast" if job.drafts else ""
    name = f"{FOLDER}/sammanstallning-{slug}{kind}-{job.pk}-{sha256[:12]}.pdf"
    final = Path(job.file.storage.path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial_path(job)
    partial.write_bytes(content)
    os.replace(partial, final)
    return name


def document_render_run(*, job_id: int) -> DocumentRender | None:
    """Render the job's PDF (the worker's side). Safe to run twice: a finished job, or one
    another worker is rendering, is left alone."""
    job = _claim(job_id)
    if job is None:
        return None
    running = DocumentRender.objects.filter(pk=job.pk, status=DocumentRender.Status.RUNNING)

    def on_step(step: str) -> None:
        running.update(step=step)

    try:
        pdf, source = document_pdf(job.conference, drafts=job.drafts, on_step=on_step)
        name = _write_file(job, pdf.content, pdf.sha256)
    except Exception as error:  # noqa: BLE001 - any failure (time limit too) is shown
        logger.exception("compiled document %s of conference %s failed", job.pk, job.conference)
        running.update(
            status=DocumentRender.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH],
            finished_at=timezone.now(),
        )
        _discard_partial(job)
        job.refresh_from_db()
        return job
    updated = running.update(
        status=DocumentRender.Status.DONE,
        step=DocumentRender.Step.FINISHED,
        file=name,
        sha256=pdf.sha256,
        pages=pdf.pages,
        size=pdf.size,
        render_seconds=pdf.seconds,
        source_sha256=source.sha256,
        finished_at=timezone.now(),
    )
    if not updated:  # given up on meanwhile ("Försök igen"): keep no file nobody points at
        job.file.storage.delete(name)
    else:
        bump(CONFERENCES)  # the public pages link the finished PDF
    job.refresh_from_db()
    return job

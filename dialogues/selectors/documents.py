"""Reads for the compiled document's PDFs (see dialogues.services.documents)."""

from dataclasses import dataclass
from datetime import datetime

from dialogues.document import document_source
from dialogues.models import Conference, DocumentRender

RENDER_STEPS = [
    DocumentRender.Step.COLLECTING,
    DocumentRender.Step.DRAWING,
    DocumentRender.Step.WRITING,
]


def document_render_latest(*, conference: Conference, drafts: bool) -> DocumentRender | None:
    """The latest job of the kind, whatever its state (the one the page reports on)."""
    return DocumentRender.objects.filter(conference=conference, drafts=drafts).first()


def document_render_finished(*, conference: Conference, drafts: bool) -> DocumentRender | None:
    """The latest finished PDF of the kind: the one that is downloaded."""
    return (
        DocumentRender.objects.filter(
            conference=conference, drafts=drafts, status=DocumentRender.Status.DONE
        )
        .order_by("-finished_at", "-pk")
        .first()
    )


@dataclass
class DocumentVersion:
    """What the working group's PDF page says about one version (public or with drafts)."""

    drafts: bool
    latest: DocumentRender | None
    finished: DocumentRender | None
    interrupted: bool
    # None when not checked (while a job runs, or when there is no finished PDF)
    out_of_date: bool | None

    @property
    def running(self) -> bool:
        return bool(self.latest and self.latest.is_active and not self.interrupted)

    @property
    def steps(self) -> list[tuple[DocumentRender.Step, str]]:
        """While it runs: each step and "done", "current" or "todo" (the page shows its label)."""
        if not self.running or self.latest is None:
            return []
        order = [step.value for step in RENDER_STEPS]
        current = order.index(self.latest.step) if self.latest.step in order else -1
        return [
            (step, "done" if i < current else "current" if i == current else "todo")
            for i, step in enumerate(RENDER_STEPS)
        ]


def document_version(
    *, conference: Conference, drafts: bool, now: datetime, check_content: bool = True
) -> DocumentVersion:
    latest = document_render_latest(conference=conference, drafts=drafts)
    finished = (
        latest
        if latest and latest.status == DocumentRender.Status.DONE
        else document_render_finished(conference=conference, drafts=drafts)
    )
    interrupted = bool(latest and latest.is_stale(now))
    out_of_date = None
    if finished and check_content and not (latest and latest.is_active and not interrupted):
        # the HTML only (milliseconds), not the PDF
        out_of_date = document_source(conference, drafts=drafts).sha256 != finished.source_sha256
    return DocumentVersion(
        drafts=drafts,
        latest=latest,
        finished=finished,
        interrupted=interrupted,
        out_of_date=out_of_date,
    )

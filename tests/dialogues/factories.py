"""factory_boy factories for the dialogues app, one per model.

People and roles (UserFactory, WorkingGroupUserFactory, AdminUserFactory …) are in
tests/factories.py.
"""

import datetime
import hashlib
import uuid

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from dialogues.models import (
    Conference,
    Dialogue,
    DialogueQuestion,
    DocumentRender,
    Note,
    NoteTheme,
    Theme,
)


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    name = factory.Sequence(lambda n: f"Samverkanskonferensen {2030 + n}")
    slug = factory.Sequence(lambda n: f"samverkanskonferensen-{2030 + n}")
    date = factory.Sequence(lambda n: datetime.date(2030 + n, 11, 18))
    place = "Halmstad"
    description = "Årets konferens om samverkan mellan idéburen sektor och Region Halland."


class DialogueFactory(factory.django.DjangoModelFactory):
    """An open dialogue (opened by hand) with no questions; see OpenDialogueFactory for times."""

    class Meta:
        model = Dialogue

    conference = factory.SubFactory(ConferenceFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Dialog {n + 1}")
    introduction = "Vad vill ni att Överenskommelsen arbetar vidare med?"
    manual_state = Dialogue.ManualState.OPEN


class TimedDialogueFactory(DialogueFactory):
    """Opened and closed by its times: open from an hour ago for two hours."""

    manual_state = Dialogue.ManualState.AUTO
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + datetime.timedelta(hours=2))


class DialogueQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueQuestion

    dialogue = factory.SubFactory(DialogueFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Vilka roller behöver vara med? ({n})")


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    dialogue = factory.SubFactory(DialogueFactory)
    question = None
    table_group = ""
    text = factory.Sequence(lambda n: f"Skapa mötesplatser där olika grupper möts ({n})")
    client_key = factory.LazyFunction(uuid.uuid4)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"tema {n}")
    keywords = ""


class NoteThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoteTheme

    note = factory.SubFactory(NoteFactory)
    theme = factory.LazyAttribute(lambda o: ThemeFactory(conference=o.note.dialogue.conference))
    status = NoteTheme.Status.ACCEPTED


class FinishedDocumentRenderFactory(factory.django.DjangoModelFactory):
    """A finished PDF job with a stored file of the given bytes, for tests of who may download
    it. The tests of what the PDF says render it for real (test_document_renders.py)."""

    class Meta:
        model = DocumentRender

    class Params:
        content = b"%PDF-1.7\n% a stored test file\n%%EOF\n"

    conference = factory.SubFactory(ConferenceFactory)
    drafts = False
    status = DocumentRender.Status.DONE
    step = DocumentRender.Step.FINISHED
    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name="sammanstallning.pdf"))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    pages = 1
    size = factory.LazyAttribute(lambda o: len(o.content))
    render_seconds = 0.1
    source_sha256 = "0" * 64

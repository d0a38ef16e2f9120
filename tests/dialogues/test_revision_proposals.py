"""Conference notes marked "förslag till revidering": sent without an account, turned into a
revision proposal by the working group, and listed on the conference's public page."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import RevisionProposal
from agreements.services.proposals import proposal_answer
from dialogues import limits
from dialogues.models import Note
from tests.conftest import client_for, person_in_role
from tests.dialogues.factories import DialogueFactory, NoteFactory
from tests.factories import RevisionProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"proposals-{uuid.uuid4()}",
        }
    }


@pytest.fixture
def dialogue(seed):
    return DialogueFactory(manual_state="open")


@pytest.fixture
def reviewer_client(give_mfa) -> Client:
    return client_for(person_in_role("working_group_mfa", give_mfa))


def test_an_attendee_marks_a_note_as_a_revision_proposal(dialogue) -> None:
    client = Client()
    url = reverse("dialogues:attendee", args=[dialogue.short_code])
    page = client.get(url).content.decode()
    assert 'name="proposes_revision"' in page
    assert 'aria-describedby="id_proposes_revision_helptext"' in page
    assert 'id="id_proposes_revision_helptext"' in page
    assert limits.DEVICE_COOKIE in client.cookies
    data = {
        "question": "hela",
        "text": "Lägg till ett mål om unga i föreningslivet.",
        "client_key": str(uuid.uuid4()),
        "webbplats": "",
        "proposes_revision": "on",
    }
    assert client.post(url, data).status_code == 302
    assert Note.objects.get().proposes_revision
    data.update(client_key=str(uuid.uuid4()), text="En vanlig anteckning.")
    del data["proposes_revision"]
    assert client.post(url, data).status_code == 302
    assert not Note.objects.get(text="En vanlig anteckning.").proposes_revision


class TestTurningANoteIntoAProposal:
    def url(self, note: Note) -> str:
        return reverse("dialogues:moderation_note_proposal", args=[note.dialogue_id, note.pk])

    def test_the_moderation_list_links_marked_notes(self, dialogue, reviewer_client) -> None:
        marked = NoteFactory(dialogue=dialogue, proposes_revision=True)
        NoteFactory(dialogue=dialogue)
        page = reviewer_client.get(reverse("dialogues:moderation", args=[dialogue.pk]))
        html = page.content.decode()
        assert html.count("Gör till ett förslag till revidering") == 1
        assert self.url(marked) in html

    def test_the_working_group_makes_one_public_proposal(self, dialogue, reviewer_client) -> None:
        note = NoteFactory(dialogue=dialogue, proposes_revision=True, text="Fler unga.")
        response = reviewer_client.get(self.url(note))
        assert response.status_code == 200
        assert response.context["form"].initial["proposed_text"] == "Fler unga."
        data = {"part": "new-goal", "proposed_text": "Fler unga deltar.", "reason": "Bord 3."}
        response = reviewer_client.post(self.url(note), data)
        proposal = RevisionProposal.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("agreements:proposal_review", args=[proposal.pk])
        assert (proposal.source_note_id, proposal.status) == (note.pk, "public")
        assert proposal.source_conference_name == dialogue.conference.name
        again = reviewer_client.post(self.url(note), data)
        assert again.status_code == 409
        assert "redan gjord till" in again.content.decode()
        assert RevisionProposal.objects.count() == 1

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"part": "goal:99", "proposed_text": "x", "reason": "y"}, "Delen finns inte"),
            ({"part": "new-goal", "proposed_text": "x" * 5001, "reason": "y"}, "för långt"),
            ({"part": "new-goal", "proposed_text": "x", "reason": ""}, "Skriv varför"),
        ],
    )
    def test_bad_input_is_a_400_with_the_text_kept(
        self, dialogue, reviewer_client, data, message
    ) -> None:
        note = NoteFactory(dialogue=dialogue, proposes_revision=True)
        response = reviewer_client.post(self.url(note), data)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not RevisionProposal.objects.exists()

    def test_a_note_of_another_dialogue_is_404(self, dialogue, reviewer_client) -> None:
        other = NoteFactory(proposes_revision=True)
        url = reverse("dialogues:moderation_note_proposal", args=[dialogue.pk, other.pk])
        assert reviewer_client.get(url).status_code == 404


def test_the_conference_page_lists_its_proposals(dialogue, give_mfa) -> None:
    conference = dialogue.conference
    reviewer = person_in_role("working_group_mfa", give_mfa)
    to_answer = RevisionProposalFactory(part_label="Princip 2, åtgärd 1")
    RevisionProposalFactory(part_label="Princip 5, ansvar 1")  # not for this conference
    from agreements.conferences import conference_by_id

    ref = conference_by_id(conference.pk)
    assert ref is not None and ref.name == conference.name
    proposal_answer(proposal=to_answer, by=reviewer, answer="conference", conference=ref)
    page = Client().get(reverse("dialogues:conference_public", args=[conference.slug]))
    html = page.content.decode()
    assert "Förslag till revidering som besvaras på konferensen" in html
    assert "Princip 2, åtgärd 1" in html
    assert "Princip 5, ansvar 1" not in html
    detail = Client().get(to_answer.get_absolute_url()).content.decode()
    assert reverse("dialogues:conference_public", args=[conference.slug]) in detail

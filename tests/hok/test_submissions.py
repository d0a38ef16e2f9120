"""The one-time submission key of create forms (hok/submissions.py): a repeat creates nothing
more and lands where the first went; a refused form frees its key; a key is one person's and one
form's; a missing or malformed key is a fresh submission; old keys are deleted; two copies of
one submission arriving at once on PostgreSQL create one thing."""

import datetime
import threading
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import registry
from agreements.models import Commitment, Organisation
from agreements.services import commitments as commitment_services
from hok.models import Submission, User
from hok.submissions import FIELD, submissions_delete_old
from hok.tasks import delete_old_submissions
from tests.conftest import service_or_skip
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.submissions import ALREADY_SENT, messages_of

THIS_YEAR = timezone.localdate().year


def _data(seed, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "principle": seed.principles.order_by("number").first().pk,
        "action": "",
        "title": "Öppna styrelsemöten",
        "description": "Vi bjuder in medlemmar och regionen till styrelsens möten.",
        "start_year": THIS_YEAR,
    }
    data.update(overrides)
    return data


@pytest.fixture
def organisation(db: None) -> Organisation:
    return OrganisationFactory()


@pytest.fixture
def representative(organisation: Organisation) -> User:
    person = UserFactory()
    MembershipFactory(organisation=organisation, user=person)
    return person


def _client(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _url(organisation: Organisation) -> str:
    return reverse("agreements:commitment_create", args=[organisation.slug])


def test_without_the_key_the_same_post_creates_twice(seed, organisation, representative) -> None:
    """What the key prevents (and what a missing key still does: a fresh submission)."""
    client = _client(representative)
    for _ in range(2):
        assert client.post(_url(organisation), _data(seed)).status_code == 302
    assert Commitment.objects.count() == 2
    assert not Submission.objects.exists()


def test_a_repeat_goes_where_the_first_went(seed, organisation, representative) -> None:
    client = _client(representative)
    key = str(uuid.uuid4())
    first = client.post(_url(organisation), _data(seed, **{FIELD: key}))
    second = client.post(_url(organisation), _data(seed, **{FIELD: key}), follow=True)
    assert Commitment.objects.count() == 1
    assert second.redirect_chain == [(first["Location"], 302)]
    assert ALREADY_SENT in second.content.decode()
    submission = Submission.objects.get()
    assert (submission.user, submission.redirect_to) == (representative, first["Location"])


def test_a_new_key_is_a_new_submission(seed, organisation, representative) -> None:
    client = _client(representative)
    for _ in range(2):
        client.post(_url(organisation), _data(seed, **{FIELD: str(uuid.uuid4())}))
    assert Commitment.objects.count() == 2


@pytest.mark.parametrize("key", ["", "inte-en-nyckel", "x" * 5000, "1234"])
def test_a_malformed_key_is_a_fresh_submission(seed, organisation, representative, key) -> None:
    client = _client(representative)
    response = client.post(_url(organisation), _data(seed, **{FIELD: key}))
    assert response.status_code == 302
    assert Commitment.objects.count() == 1
    assert ALREADY_SENT not in messages_of(response)


def test_a_refused_form_frees_its_key(seed, organisation, representative) -> None:
    """The corrected form goes through with the same key: nothing was created the first time."""
    client = _client(representative)
    key = str(uuid.uuid4())
    refused = client.post(_url(organisation), _data(seed, title="", **{FIELD: key}))
    assert refused.status_code == 400
    assert not Submission.objects.exists()
    accepted = client.post(_url(organisation), _data(seed, **{FIELD: key}))
    assert accepted.status_code == 302
    assert Commitment.objects.count() == 1


def test_another_persons_key_is_not_honoured(seed, organisation, representative) -> None:
    colleague = UserFactory()
    MembershipFactory(organisation=organisation, user=colleague)
    key = str(uuid.uuid4())
    _client(representative).post(_url(organisation), _data(seed, **{FIELD: key}))
    response = _client(colleague).post(_url(organisation), _data(seed, **{FIELD: key}))
    assert response.status_code == 302
    assert ALREADY_SENT not in messages_of(response)
    assert Commitment.objects.count() == 2


def test_a_refused_person_leaves_no_key(seed, organisation) -> None:
    """The permission check comes first: a stranger's post records nothing."""
    response = _client(UserFactory()).post(
        _url(organisation), _data(seed, **{FIELD: str(uuid.uuid4())})
    )
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_old_keys_are_deleted(db, representative) -> None:
    now = timezone.now()
    hours = settings.SUBMISSION_KEY_RETENTION_HOURS
    for age, digest in ((hours + 1, "old"), (hours - 1, "recent")):
        Submission.objects.create(
            digest=digest,
            user=representative,
            redirect_to="/",
            created_at=now - datetime.timedelta(hours=age),
        )
    assert submissions_delete_old(now=now) == 1
    assert list(Submission.objects.values_list("digest", flat=True)) == ["recent"]
    assert delete_old_submissions.apply().get() == 0
    assert settings.CELERY_BEAT_SCHEDULE["hok-delete-old-submissions"]["task"] == (
        "hok.tasks.delete_old_submissions"
    )


def test_the_person_sees_and_loses_their_keys(db, representative) -> None:
    Submission.objects.create(
        digest="a", user=representative, redirect_to="/x/", created_at=timezone.now()
    )
    data = registry.personal_data_of(representative)
    assert [row["led_to"] for row in data["recent_submissions"]] == ["/x/"]
    representative.delete()
    assert not Submission.objects.exists()


def _waiting_on_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_copies_at_once_create_one(seed, monkeypatch) -> None:
    """The second copy arrives while the first is still creating: it waits on the key's unique
    index, then finds the finished submission and goes where it went."""
    service_or_skip(
        "PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not PostgreSQL"
    )
    organisation = OrganisationFactory()
    person = UserFactory()
    MembershipFactory(organisation=organisation, user=person)
    url, data = _url(organisation), _data(seed, **{FIELD: str(uuid.uuid4())})
    creating, release = threading.Event(), threading.Event()
    calls: list[int] = []
    create = commitment_services.commitment_create

    def slow_create(**kwargs: object) -> Commitment:
        calls.append(1)
        commitment = create(**kwargs)
        creating.set()
        release.wait(timeout=30)
        return commitment

    monkeypatch.setattr(commitment_services, "commitment_create", slow_create)
    responses: dict[str, object] = {}

    def send(name: str) -> None:
        try:
            responses[name] = _client(person).post(url, data)
        finally:
            connections.close_all()

    first = threading.Thread(target=send, args=("first",))
    first.start()
    assert creating.wait(timeout=30)
    second = threading.Thread(target=send, args=("second",))
    second.start()
    for _ in range(300):  # until the second copy waits on the key's unique index
        if _waiting_on_a_lock():
            break
        time.sleep(0.05)
    waited = _waiting_on_a_lock()
    release.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert waited
    assert len(calls) == 1
    assert Commitment.objects.count() == 1
    assert responses["first"].status_code == responses["second"].status_code == 302
    assert responses["second"]["Location"] == responses["first"]["Location"]


def test_the_privacy_page_states_how_long_a_key_is_kept(client: Client, settings) -> None:
    settings.SUBMISSION_KEY_RETENTION_HOURS = 30
    html = client.get(reverse("privacy")).content.decode()
    assert "samma formulär som skickas två gånger bara skapar en sak" in html
    assert "Det raderas efter 30 timmar." in html

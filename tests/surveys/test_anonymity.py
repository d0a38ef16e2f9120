"""Anonymity at the database level: after answering through an invitation nothing stored links
the response to the invitation, to the user, or to a time finer than the date.

Two kinds of check: the schema (every concrete field of every model of every installed app) and
the data (a snapshot of every table, read with plain SQL, before and after the answer, and
after the answer is counted from the sealed pool). What a PostgreSQL reader sees beyond the
columns (transaction ids, physical order, a dump) is in test_anonymity_postgresql.py.
"""

import datetime
import uuid
from collections import Counter
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db import connection, models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hok.models import User
from surveys.models import Answer, Invitation, Response, SealedSubmission
from surveys.services.submission_pool import NONCE_BYTES, PAD_BYTES
from tests.factories import UserFactory
from tests.surveys.factories import InvitationFactory
from tests.surveys.test_answering import Built, build_survey, count_waiting, valid_answers

pytestmark = pytest.mark.django_db

TOKEN = "anonym-inbjudan"

Row = tuple[object, ...]
Snapshot = dict[str, tuple[list[str], Counter[Row]]]


def every_table() -> Snapshot:
    """Every table of the database (models, many-to-many, history, cache, sessions ...)."""
    found: Snapshot = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            found[table] = (columns, Counter(tuple(row) for row in cursor.fetchall()))
    return found


def changes(before: Snapshot, after: Snapshot) -> dict[str, tuple[list[str], list[Row], list[Row]]]:
    """Per changed table: its columns, the rows gone and the rows new."""
    changed = {}
    for table, (columns, rows_after) in after.items():
        rows_before = before.get(table, (columns, Counter()))[1]
        gone = list((rows_before - rows_after).elements())
        new = list((rows_after - rows_before).elements())
        if gone or new:
            changed[table] = (columns, gone, new)
    return changed


def concrete_models() -> Iterator[type[models.Model]]:
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.proxy:
            yield model


def cells(value: object) -> list[str]:
    """How an id may appear in a cell: as text with or without dashes."""
    if isinstance(value, uuid.UUID):
        return [str(value), value.hex]
    return [str(value)]


@pytest.fixture
def built() -> Built:
    return build_survey(with_units=True)


@pytest.fixture
def respondent() -> User:
    return UserFactory(email="svarande@exempel.se")


@pytest.fixture
def invitation(built: Built, respondent: User) -> Invitation:
    # The invitee is the signed-in user: the strongest case for a link that must not exist.
    return InvitationFactory(survey=built.survey, email=respondent.email, token=TOKEN)


def _answer(client: Client, built: Built) -> None:
    assert built.units is not None
    units = [str(option.pk) for option in built.units.options.all()[:2]]
    data = {f"q{built.units.pk}": units, "mode": "separately", "step": "answers"}
    for unit in units:
        data.update(valid_answers(built, prefix=f"u{unit}"))
    response = client.post(reverse("surveys:answer", kwargs={"token": TOKEN}), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200


# ----------------------------------------------------------------------------- schema


def test_response_and_answer_have_no_column_that_could_link_them() -> None:
    response_fields = {f.name: f for f in Response._meta.concrete_fields}
    assert set(response_fields) == {"id", "survey", "submitted_on", "unit"}
    assert isinstance(response_fields["id"], models.UUIDField)
    assert response_fields["id"].default is uuid.uuid4
    # A date, never a datetime (DateTimeField is a subclass of DateField).
    assert type(response_fields["submitted_on"]) is models.DateField
    for model in (Response, Answer):
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateTimeField | models.TimeField), field
            assert not getattr(field, "auto_now", False), field
            assert not getattr(field, "auto_now_add", False), field
            if field.is_relation:
                assert field.related_model not in (Invitation, User), field
            assert not isinstance(field, models.GenericIPAddressField), field


def test_a_sealed_submission_has_only_an_id_its_survey_and_sealed_bytes() -> None:
    fields = {f.name: f for f in SealedSubmission._meta.concrete_fields}
    assert set(fields) == {"id", "survey", "sealed"}
    assert isinstance(fields["id"], models.UUIDField)
    assert fields["id"].default is uuid.uuid4
    assert type(fields["sealed"]) is models.BinaryField


def test_no_column_anywhere_points_at_a_response_or_an_answer_except_answer_response() -> None:
    pointing = [
        f"{model._meta.label}.{field.name}"
        for model in concrete_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in (Response, Answer)
    ]
    assert pointing == ["surveys.Answer.response"]


def test_invitation_has_no_link_to_a_response_and_used_is_a_plain_boolean() -> None:
    for field in Invitation._meta.concrete_fields:
        if field.is_relation:
            assert field.related_model not in (Response, Answer), field
    assert type(Invitation._meta.get_field("used")) is models.BooleanField
    assert not any(
        getattr(field, "auto_now", False) for field in Invitation._meta.concrete_fields
    ), "an auto_now column would stamp the time of the answer on the invitation"


def test_no_audit_history_is_kept_of_responses_answers_or_invitations() -> None:
    from simple_history.models import registered_models

    recorded = {model._meta.label for model in registered_models.values()}
    kept_private = {
        "surveys.Response",
        "surveys.Answer",
        "surveys.Invitation",
        "surveys.SealedSubmission",
    }
    assert not recorded & kept_private
    history_of = {
        model.instance_type._meta.label  # type: ignore[attr-defined]
        for model in concrete_models()
        if hasattr(model, "instance_type")
    }
    assert not history_of & kept_private


# ------------------------------------------------------------------------------- data


@pytest.mark.parametrize("signed_in", [False, True])
def test_answering_changes_only_the_used_flag_and_adds_one_sealed_row(
    built: Built, invitation: Invitation, respondent: User, signed_in: bool
) -> None:
    """Changed for the pool (issue 11, finding 1): an answer no longer writes responses. It
    marks the invitation used and adds one sealed row that reads as noise; responses are
    written later, in a batch (next test)."""
    client = Client()
    if signed_in:
        client.force_login(respondent)
    # Load the page first, like a person would (sessions, cache, anything it might touch).
    assert client.get(reverse("surveys:answer", kwargs={"token": TOKEN})).status_code == 200
    before = every_table()
    _answer(client, built)
    after = every_table()

    changed = changes(before, after)
    pool_table = SealedSubmission._meta.db_table
    invitation_table = Invitation._meta.db_table
    assert set(changed) == {pool_table, invitation_table}, set(changed)

    # One sealed row (for both units), added: its id, its survey and bytes of a padded size.
    columns, gone, new = changed[pool_table]
    assert gone == []
    assert len(new) == 1
    assert sorted(columns) == ["id", "sealed", "survey_id"]
    sealed = bytes(dict(zip(columns, new[0], strict=True))["sealed"])
    assert (len(sealed) - NONCE_BYTES - 16) % PAD_BYTES == 0
    for needle in ("Mer dialog", "Idrott", TOKEN, respondent.email, invitation.token_hash):
        assert needle.encode() not in sealed

    # The invitation: one row, and only `used` went from false to true.
    columns, gone, new = changed[invitation_table]
    assert len(gone) == len(new) == 1
    old_row, new_row = (
        dict(zip(columns, gone[0], strict=True)),
        dict(zip(columns, new[0], strict=True)),
    )
    differing = {column for column in columns if old_row[column] != new_row[column]}
    assert differing == {"used"}
    assert not old_row["used"] and new_row["used"]


def test_counting_the_pool_only_adds_responses_and_answers_and_empties_the_pool(
    built: Built, invitation: Invitation
) -> None:
    _answer(Client(), built)
    before = every_table()
    count_waiting(built.survey)
    after = every_table()

    changed = changes(before, after)
    response_table = Response._meta.db_table
    answer_table = Answer._meta.db_table
    pool_table = SealedSubmission._meta.db_table
    # Not the invitation: counting never touches one.
    assert set(changed) == {response_table, answer_table, pool_table}, set(changed)
    assert changed[pool_table][2] == [] and len(changed[pool_table][1]) == 1
    columns, gone, new = changed[response_table]
    assert gone == []
    assert len(new) == 2  # one per unit
    assert sorted(columns) == ["id", "submitted_on", "survey_id", "unit_id"]
    for row in new:
        stored = dict(zip(columns, row, strict=True))
        assert str(stored["submitted_on"])[:10] == timezone.localdate().isoformat()
        assert len(str(stored["submitted_on"])) == 10, "submitted_on must be a date only"
    assert changed[answer_table][1] == []


def test_no_cell_of_any_table_holds_a_response_id_except_its_own_rows(
    built: Built, invitation: Invitation, respondent: User
) -> None:
    client = Client()
    client.force_login(respondent)
    _answer(client, built)
    count_waiting(built.survey)
    ids = list(Response.objects.values_list("id", flat=True))
    assert len(ids) == 2
    needles = [text for response_id in ids for text in cells(response_id)]
    allowed = {(Response._meta.db_table, "id"), (Answer._meta.db_table, "response_id")}
    for table, (columns, rows) in every_table().items():
        for row in rows:
            for column, value in zip(columns, row, strict=True):
                if (table, column) in allowed or value is None:
                    continue
                text = value.hex() if isinstance(value, bytes | memoryview) else str(value)
                assert not any(needle in text for needle in needles), (table, column)


def test_no_datetime_written_during_the_answer(
    built: Built, invitation: Invitation, respondent: User
) -> None:
    """Every datetime value in the database existed before the answer: none records its time."""

    def datetimes(snapshot: Snapshot) -> Counter[tuple[str, str, object]]:
        found: Counter[tuple[str, str, object]] = Counter()
        datetime_columns = {
            (model._meta.db_table, field.column)
            for model in concrete_models()
            for field in model._meta.concrete_fields
            if isinstance(field, models.DateTimeField | models.TimeField)
        }
        for table, (columns, rows) in snapshot.items():
            for row in rows.elements():
                for column, value in zip(columns, row, strict=True):
                    if (table, column) in datetime_columns or isinstance(
                        value, datetime.datetime | datetime.time
                    ):
                        found[(table, column, value)] += 1
        return found

    client = Client()
    client.force_login(respondent)
    before = datetimes(every_table())
    _answer(client, built)
    count_waiting(built.survey)
    after = datetimes(every_table())
    assert after - before == Counter()


def test_response_ids_are_random_not_sequential(built: Built, invitation: Invitation) -> None:
    _answer(Client(), built)
    count_waiting(built.survey)
    assert Response.objects.exists()
    for response_id in Response.objects.values_list("id", flat=True):
        assert response_id.version == 4


def test_nothing_about_the_response_stays_in_the_session_or_cookies(
    built: Built, invitation: Invitation, respondent: User
) -> None:
    client = Client()
    client.force_login(respondent)
    session_before = dict(client.session.items())
    _answer(client, built)
    count_waiting(built.survey)
    needles = [text for rid in Response.objects.values_list("id", flat=True) for text in cells(rid)]
    session_after = dict(client.session.items())
    assert session_after == session_before
    for morsel in client.cookies.values():
        assert not any(needle in morsel.value for needle in needles)
    thanks = client.get(reverse("surveys:answer_thanks", kwargs={"pk": built.survey.pk}))
    assert not any(needle in thanks.content.decode() for needle in needles)
    assert TOKEN not in thanks.content.decode()


def test_an_anonymous_respondent_gets_no_session_at_all(
    built: Built, invitation: Invitation
) -> None:
    client = Client()
    client.get(reverse("surveys:answer", kwargs={"token": TOKEN}))
    _answer(client, built)
    assert "sessionid" not in client.cookies


# ---------------------------------------------------------------------- the privacy page


@pytest.mark.parametrize(
    ("prefix", "heading", "reader", "out_of_scope"),
    [
        ("", "Så skyddas anonymiteten i uppföljningsenkäten", "pg_dump", "(WAL)"),
        ("/en", "How anonymity is protected in the follow-up survey", "pg_dump", "(WAL)"),
    ],
)
def test_the_privacy_page_states_the_threat_model(
    client: Client, prefix: str, heading: str, reader: str, out_of_scope: str
) -> None:
    page = client.get(f"{prefix}/integritet/")
    assert page.status_code == 200
    content = " ".join(page.content.decode().split())
    assert f'<h2 id="survey-anonymity">{heading}</h2>' in content
    assert reader in content and out_of_scope in content


def test_the_answer_page_links_to_how_anonymity_is_protected(
    client: Client, built: Built, invitation: Invitation
) -> None:
    page = client.get(reverse("surveys:answer", kwargs={"token": TOKEN}))
    assert 'href="/integritet/#survey-anonymity"' in page.content.decode()

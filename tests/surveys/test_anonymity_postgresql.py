"""Anonymity against a reader of the PostgreSQL database itself (issue 11, finding 1).

The threat model is in surveys/services/submission_pool.py: someone with SQL access to the live
database, a pg_dump or a backup must not learn which response came from which invitation,
through a system column (xmin, ctid), the physical or dump order of rows, or a time.

Before the pool, answering marked the invitation used in the same transaction that wrote the
response, so `JOIN surveys_invitation i ON i.xmin = r.xmin` named every respondent, and the
responses lay in the table (and in a dump) in the order people answered. Each test below
failed on that code (checked before the change): the join returned every respondent, the
responses had one transaction each, and the physical order was the order of answering.

These tests need real PostgreSQL and commit for real (transaction=True), since system columns
and physical order are what is under test.
"""

import datetime
import os
import shutil
import subprocess
import uuid
from collections.abc import Sequence

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from surveys.models import Answer, Invitation, Response, SealedSubmission
from surveys.services.submission_pool import PAD_BYTES
from surveys.tasks import flush_waiting_submissions
from tests.conftest import service_or_skip
from tests.surveys.factories import InvitationFactory
from tests.surveys.test_answering import Built, answer_url, build_survey, valid_answers

pytestmark = pytest.mark.django_db(transaction=True)

RESPONDENTS = 40
GROUP = 5  # the survey's minimum group size: batches of at least this many

RESPONSE = Response._meta.db_table
ANSWER = Answer._meta.db_table
INVITATION = Invitation._meta.db_table
POOL = SealedSubmission._meta.db_table


@pytest.fixture(autouse=True)
def postgresql() -> None:
    service_or_skip(
        "PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not PostgreSQL"
    )


def sql(query: str, params: Sequence[object] = ()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def text_of(number: int) -> str:
    return f"Svar från person {number:02d}"


def invite(built: Built, count: int) -> None:
    for number in range(count):
        InvitationFactory(
            survey=built.survey, email=f"person{number:02d}@exempel.se", token=f"kod-{number:02d}"
        )


def answer(client: Client, built: Built, number: int) -> None:
    """Person `number` answers through their own link, with a free text that names them (so
    the test, not the database, can tell whose response is whose)."""
    data = valid_answers(built)
    data[f"q{built.text.pk}"] = text_of(number)
    response = client.post(answer_url(f"kod-{number:02d}"), data)
    assert response.status_code == 302, response.content.decode()[:1000]


def close(built: Built) -> None:
    """The survey closes; the beat task counts whatever still waits."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    type(built.survey).objects.filter(pk=built.survey.pk).update(closes_on=yesterday)
    flush_waiting_submissions()


def everyone_answers(count: int = RESPONDENTS) -> Built:
    built = build_survey(min_group_size=GROUP)
    invite(built, count)
    client = Client()
    for number in range(count):
        answer(client, built, number)
    return built


def numbers_in(order: Sequence[uuid.UUID], built: Built) -> list[int]:
    """Who wrote each response, in the given order of response ids."""
    whose = {
        response_id: int(text[-2:])
        for response_id, text in Answer.objects.filter(question=built.text).values_list(
            "response_id", "text"
        )
    }
    return [whose[response_id] for response_id in order]


def in_order_share(numbers: Sequence[int], batches: Sequence[str]) -> float:
    """Of all pairs of responses in the same batch, the share that lie in the order their
    writers answered (1.0 when the table keeps the order of answering, about 0.5 when shuffled)."""
    in_order = pairs = 0
    for i in range(len(numbers)):
        for j in range(i + 1, len(numbers)):
            if batches[i] == batches[j]:
                pairs += 1
                in_order += numbers[i] < numbers[j]
    assert pairs, "no two responses share a batch"
    return in_order / pairs


def test_the_xmin_join_names_nobody() -> None:
    """The finding's query, while the survey is open (some answers waiting) and after it has
    closed (all counted)."""
    built = everyone_answers()
    joins = [
        f"SELECT r.id, i.email FROM {RESPONSE} r JOIN {INVITATION} i ON i.xmin = r.xmin",  # noqa: S608
        f"SELECT a.id, i.email FROM {ANSWER} a JOIN {INVITATION} i ON i.xmin = a.xmin",  # noqa: S608
    ]
    assert Response.objects.count() > 0  # batches were counted while the survey was open
    for query in joins:
        assert sql(query) == []
    close(built)
    assert Response.objects.count() == RESPONDENTS
    assert not SealedSubmission.objects.exists()
    for query in joins:
        assert sql(query) == []
    # Every response shares its transaction with at least GROUP others: one per batch.
    batches = sql(f"SELECT xmin::text, count(*) FROM {RESPONSE} GROUP BY xmin")  # noqa: S608
    assert all(size >= GROUP for _xmin, size in batches), batches
    assert sum(size for _xmin, size in batches) == RESPONDENTS


def test_physical_and_dump_order_do_not_follow_the_order_of_answering() -> None:
    built = everyone_answers()
    close(built)
    rows = sql(f"SELECT id, xmin::text FROM {RESPONSE} ORDER BY ctid")  # noqa: S608
    physical = numbers_in([row[0] for row in rows], built)
    batches = [row[1] for row in rows]
    assert sorted(physical) == list(range(RESPONDENTS))
    assert physical != sorted(physical)
    # Within a batch the order is random: about half of the pairs lie in the order of
    # answering (all of them did before). Batches follow each other in time, which is what a
    # reader may learn: a response is one of at least GROUP people's, never whose.
    assert in_order_share(physical, batches) < 0.8
    # Answers lie in the order of their responses, so in no better order.
    answer_rows = sql(
        f"SELECT a.response_id FROM {ANSWER} a WHERE a.question_id = %s ORDER BY a.ctid",  # noqa: S608
        [built.text.pk],
    )
    assert numbers_in([row[0] for row in answer_rows], built) == physical

    # A dump is written in physical order: the same as above, from pg_dump itself.
    pg_dump = shutil.which("pg_dump")
    service_or_skip("pg_dump", pg_dump is not None, "pg_dump is not installed")
    settings = connection.settings_dict
    dumped = subprocess.run(  # noqa: S603 - fixed arguments, our own test database
        [
            pg_dump,
            "--data-only",
            f"--table={RESPONSE}",
            "--host",
            settings["HOST"] or "localhost",
            "--port",
            str(settings["PORT"] or 5432),
            "--username",
            settings["USER"],
            settings["NAME"],
        ],
        env={**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    lines = dumped.split(f"COPY public.{RESPONSE} ", 1)[1].split("\n\\.\n", 1)[0].splitlines()[1:]
    assert numbers_in([uuid.UUID(line.split("\t")[0]) for line in lines], built) == physical


def snapshot() -> dict[str, dict[str, tuple]]:
    """Every row of the four tables with its system columns, keyed by table and ctid."""
    found: dict[str, dict[str, tuple]] = {}
    for table in (INVITATION, POOL, RESPONSE, ANSWER):
        found[table] = {
            row[0]: row[1:]
            for row in sql(f"SELECT ctid::text, xmin::text, * FROM {table}")  # noqa: S608
        }
    return found


def test_tables_before_and_after_one_answer_and_after_its_batch() -> None:
    built = build_survey(min_group_size=GROUP)
    invite(built, 2 * GROUP)
    client = Client()

    before = snapshot()
    answer(client, built, 0)
    after = snapshot()
    # The answer wrote the invitation's mark and one sealed row, and nothing response-shaped.
    assert after[RESPONSE] == before[RESPONSE] == {}
    assert after[ANSWER] == before[ANSWER] == {}
    changed_invitations = {
        ctid: row
        for ctid, row in after[INVITATION].items()
        if row not in before[INVITATION].values()
    }
    assert len(changed_invitations) == 1
    ((mark_xmin, *_invitation),) = changed_invitations.values()
    ((pool_xmin, pool_id, sealed, survey_id),) = after[POOL].values()  # columns as migrated
    assert (survey_id, type(pool_id)) == (built.survey.pk, uuid.UUID)
    # One transaction (so a crash loses nothing and the token works once); the sealed row
    # holds nothing a reader can use: see the next assertions.
    assert pool_xmin == mark_xmin
    sealed = bytes(sealed)
    assert (len(sealed) - 12 - 16) % PAD_BYTES == 0
    invitation = Invitation.objects.get(email="person00@exempel.se")
    for needle in (text_of(0), "person00", "kod-00", invitation.token_hash, "Idrott"):
        assert needle.encode() not in sealed

    # Nine more answer; the tenth fills the pool to 2 × GROUP, and a batch is counted.
    for number in range(1, 2 * GROUP - 1):
        answer(client, built, number)
    before = snapshot()
    answer(client, built, 2 * GROUP - 1)
    after = snapshot()
    new_responses = [row for ctid, row in after[RESPONSE].items() if ctid not in before[RESPONSE]]
    assert len(new_responses) == GROUP
    batch_xmins = {row[0] for row in new_responses}
    assert len(batch_xmins) == 1
    invitation_xmins = {row[0] for row in after[INVITATION].values()}
    assert not batch_xmins & invitation_xmins
    # The batch touched no invitation: only the tenth person's mark changed.
    assert len(set(after[INVITATION].values()) - set(before[INVITATION].values())) == 1
    # GROUP sealed rows wait on, kept back at random: the pool never empties to fewer.
    assert len(after[POOL]) == GROUP
    assert not {row[0] for row in after[ANSWER].values()} - batch_xmins


def test_dead_sealed_rows_are_vacuumed_right_after_a_batch() -> None:
    """Deleted rows stay readable (with their xmin) to tools that read pages until vacuum:
    after a batch the pool table holds only its live rows."""
    available = sql("SELECT count(*) FROM pg_available_extensions WHERE name = 'pageinspect'")
    service_or_skip(
        "pageinspect", available == [(1,)], "the PostgreSQL contrib modules are not installed"
    )
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
    built = build_survey(min_group_size=GROUP)
    invite(built, 2 * GROUP)
    client = Client()
    for number in range(2 * GROUP):
        answer(client, built, number)
    assert Response.objects.count() == GROUP
    pages = sql("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [POOL])[0][0]
    with_data = 0
    for page in range(pages):
        with_data += sql(
            "SELECT count(*) FROM heap_page_items(get_raw_page(%s, %s)) WHERE t_data IS NOT NULL",
            [POOL, page],
        )[0][0]
    assert with_data == SealedSubmission.objects.count() == GROUP

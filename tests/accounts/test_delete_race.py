"""Two representatives of the same organisation delete their accounts at the same moment: the
organisation's row is locked while the last-representative rule is checked, so one of them is
refused and the organisation keeps a representative. Real concurrency needs PostgreSQL."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from accounts.services import account_delete
from agreements.models import Membership
from hok.models import User
from tests.conftest import service_or_skip
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def _waiting_on_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_representatives_deleting_at_once_leave_one() -> None:
    service_or_skip(
        "PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not PostgreSQL"
    )
    first, second = UserFactory(), UserFactory()
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=first)
    MembershipFactory(organisation=organisation, user=second)
    first_deleted = threading.Event()
    release_first = threading.Event()
    outcomes: dict[str, str] = {}

    def delete_first() -> None:
        """Deletes inside a transaction that stays open until the second one waits."""
        try:
            with transaction.atomic():
                account_delete(user=User.objects.get(pk=first.pk))
                first_deleted.set()
                release_first.wait(timeout=30)
            outcomes["first"] = "deleted"
        finally:
            connections.close_all()

    def delete_second() -> None:
        try:
            account_delete(user=User.objects.get(pk=second.pk))
            outcomes["second"] = "deleted"
        except ValidationError as error:
            outcomes["second"] = ",".join(str(item.code) for item in error.error_list)
        finally:
            connections.close_all()

    one = threading.Thread(target=delete_first)
    one.start()
    assert first_deleted.wait(timeout=30)
    two = threading.Thread(target=delete_second)
    two.start()
    for _ in range(300):  # until the second deletion waits for the organisation's lock
        if _waiting_on_a_lock():
            break
        time.sleep(0.05)
    release_first.set()
    one.join(timeout=30)
    two.join(timeout=30)

    assert outcomes == {"first": "deleted", "second": "last_representative"}
    assert list(
        Membership.objects.filter(organisation=organisation).values_list("user", flat=True)
    ) == [second.pk]

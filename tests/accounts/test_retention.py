"""The nightly retention task: expired organisation invitations and accounts that were never
confirmed are deleted after the periods the privacy page states; running it again is harmless."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from accounts import tasks
from accounts.services import retention_apply, unconfirmed_accounts_delete
from agreements.models import Membership, MembershipInvitation
from agreements.services.personal_data import invitations_expired_delete
from hok.models import User
from tests.factories import (
    MembershipFactory,
    MembershipInvitationFactory,
    OrganisationFactory,
    UserFactory,
    WorkingGroupUserFactory,
)

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def now():
    return timezone.now()


def _unconfirmed(joined, **kwargs) -> User:
    return UserFactory(date_joined=joined, verified_email=False, **kwargs)


class TestInvitations:
    def test_deleted_thirty_days_after_expiry_used_or_not(self, now) -> None:
        organisation = OrganisationFactory()
        old_open = MembershipInvitationFactory(organisation=organisation, expires_at=now - 31 * DAY)
        newcomer = UserFactory()
        old_used = MembershipInvitationFactory(
            organisation=organisation,
            expires_at=now - 31 * DAY,
            used_at=now - 40 * DAY,
            used_by=newcomer,
        )
        MembershipFactory(organisation=organisation, user=newcomer)
        recently_expired = MembershipInvitationFactory(
            organisation=organisation, expires_at=now - 29 * DAY
        )
        still_valid = MembershipInvitationFactory(organisation=organisation, expires_at=now + DAY)

        assert invitations_expired_delete(now=now) == 2
        remaining = set(MembershipInvitation.objects.values_list("pk", flat=True))
        assert remaining == {recently_expired.pk, still_valid.pk}
        assert old_open.pk not in remaining and old_used.pk not in remaining
        assert Membership.objects.filter(user=newcomer).exists()

    def test_idempotent(self, now) -> None:
        MembershipInvitationFactory(expires_at=now - 60 * DAY)
        assert invitations_expired_delete(now=now) == 1
        assert invitations_expired_delete(now=now) == 0

    def test_the_period_follows_the_setting(self, now, settings) -> None:
        settings.ORGANISATION_INVITATION_DELETE_AFTER_DAYS = 5
        MembershipInvitationFactory(expires_at=now - 6 * DAY)
        assert invitations_expired_delete(now=now) == 1


class TestUnconfirmedAccounts:
    def test_only_old_unconfirmed_accounts_without_a_role_go(self, now) -> None:
        old = now - 15 * DAY
        gone = _unconfirmed(old)
        with_unverified_address = _unconfirmed(old)
        EmailAddress.objects.create(
            user=with_unverified_address, email=with_unverified_address.email, verified=False
        )
        kept = {
            "recent": _unconfirmed(now - 13 * DAY),
            "verified": UserFactory(date_joined=old),
            "staff": _unconfirmed(old, is_staff=True),
            "working_group": WorkingGroupUserFactory(date_joined=old, verified_email=False),
            "signed_in_once": _unconfirmed(old, last_login=old),
        }
        assert unconfirmed_accounts_delete(now=now) == 2
        assert not User.objects.filter(pk__in=[gone.pk, with_unverified_address.pk]).exists()
        assert set(User.objects.values_list("pk", flat=True)) == {p.pk for p in kept.values()}

    def test_one_that_must_hand_over_first_is_kept(self, now) -> None:
        """An administrator made the unconfirmed account an organisation's only representative:
        deleting it would leave the organisation without anyone, so it stays."""
        alone = _unconfirmed(now - 30 * DAY)
        MembershipFactory(organisation=OrganisationFactory(), user=alone)
        gone = _unconfirmed(now - 30 * DAY)
        assert unconfirmed_accounts_delete(now=now) == 1
        assert User.objects.filter(pk=alone.pk).exists()
        assert not User.objects.filter(pk=gone.pk).exists()

    def test_idempotent(self, now) -> None:
        _unconfirmed(now - 20 * DAY)
        assert unconfirmed_accounts_delete(now=now) == 1
        assert unconfirmed_accounts_delete(now=now) == 0

    def test_the_period_follows_the_setting(self, now, settings) -> None:
        settings.ACCOUNT_UNCONFIRMED_DELETE_AFTER_DAYS = 3
        _unconfirmed(now - 4 * DAY)
        assert unconfirmed_accounts_delete(now=now) == 1


class TestTask:
    def test_applies_both_and_is_safe_twice(self, now) -> None:
        MembershipInvitationFactory(expires_at=now - 31 * DAY)
        _unconfirmed(now - 15 * DAY)
        outcome = retention_apply(now=now)
        assert (outcome.invitations_deleted, outcome.accounts_deleted) == (1, 1)
        again = retention_apply(now=now)
        assert (again.invitations_deleted, again.accounts_deleted) == (0, 0)

    def test_the_task_runs_the_service(self) -> None:
        UserFactory(date_joined=timezone.now() - 100 * DAY, verified_email=False)
        assert tasks.apply_retention.delay().get() == {
            "invitations_deleted": 0,
            "accounts_deleted": 1,
        }

    def test_the_beat_schedule_runs_it_every_night(self, settings) -> None:
        entry = settings.CELERY_BEAT_SCHEDULE["accounts-apply-retention"]
        assert entry["task"] == "accounts.tasks.apply_retention"
        assert entry["task"] == tasks.apply_retention.name
        assert entry["schedule"].hour == {3}


class TestPrivacyPage:
    def test_states_each_period_in_swedish(self, client: Client, settings) -> None:
        settings.ACCOUNT_UNCONFIRMED_DELETE_AFTER_DAYS = 14
        settings.ORGANISATION_INVITATION_DELETE_AFTER_DAYS = 30
        html = client.get("/integritet/").content.decode()
        assert "aldrig har bekräftats raderas 14 dagar efter att det skapades" in html
        assert "raderas 30 dagar efter att" in html
        assert 'href="/konto/mina-uppgifter/"' in html
        assert "En avslagen underskrift fick aldrig verkan" in html

    def test_and_in_english(self, client: Client) -> None:
        html = client.get("/en/integritet/").content.decode()
        assert "deleted 14 days after it was created" in html
        assert "30 days after" in html
        assert "Rensningen" not in html

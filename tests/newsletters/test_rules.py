"""newsletters.rules as a role × state matrix: who may do what with a newsletter in each state,
with the admins' "the working group may write" setting off and on; and the loaders of
newsletters.access."""

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from hok.models import User
from newsletters import access, rules, selectors
from newsletters.models import Newsletter, NewsletterCard, NewsletterImage, NewsletterSettings
from tests.conftest import person_in_role
from tests.newsletters.factories import NewsletterFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

S = Newsletter.Status
ROLES = ["anonymous", "outsider", "working_group", "working_group_mfa", "admin", "admin_mfa"]
EVERYONE = set(ROLES)
ADMIN = {"admin_mfa"}
ADMIN_AND_GROUP = {"admin_mfa", "working_group_mfa"}
NOBODY: set[str] = set()

# The role-only rules: setting ("off"/"on") -> rule -> the roles it allows.
ROLE_RULES: dict[str, dict[str, set[str]]] = {
    "off": {
        "can_write_newsletters": ADMIN,
        "can_manage_subscribers": ADMIN,
        "can_change_settings": ADMIN,
    },
    "on": {
        "can_write_newsletters": ADMIN_AND_GROUP,
        "can_manage_subscribers": ADMIN,
        "can_change_settings": ADMIN,
    },
}

# setting -> rule -> state -> the roles it allows.
MATRIX: dict[str, dict[str, dict[str, set[str]]]] = {
    "off": {
        "can_view_newsletter": {
            S.DRAFT: NOBODY,
            S.SCHEDULED: NOBODY,
            S.SENDING: EVERYONE,
            S.SENT: EVERYONE,
            S.PUBLISHED: EVERYONE,
        },
        "can_preview_newsletter": {
            S.DRAFT: ADMIN,
            S.SCHEDULED: ADMIN,
            S.SENDING: ADMIN,
            S.SENT: ADMIN,
            S.PUBLISHED: ADMIN,
        },
        "can_edit_newsletter": {
            S.DRAFT: ADMIN,
            S.SCHEDULED: NOBODY,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_delete_newsletter": {
            S.DRAFT: ADMIN,
            S.SCHEDULED: NOBODY,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_publish_newsletter": {
            S.DRAFT: ADMIN,
            S.SCHEDULED: NOBODY,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_send_newsletter": {
            S.DRAFT: ADMIN,
            S.SCHEDULED: ADMIN,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_schedule_newsletter": {
            S.DRAFT: ADMIN,
            S.SCHEDULED: NOBODY,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_unschedule_newsletter": {
            S.DRAFT: NOBODY,
            S.SCHEDULED: ADMIN,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_follow_sending": {
            S.DRAFT: NOBODY,
            S.SCHEDULED: NOBODY,
            S.SENDING: ADMIN,
            S.SENT: ADMIN,
            S.PUBLISHED: NOBODY,
        },
    },
    "on": {
        "can_view_newsletter": {
            S.DRAFT: NOBODY,
            S.SCHEDULED: NOBODY,
            S.SENDING: EVERYONE,
            S.SENT: EVERYONE,
            S.PUBLISHED: EVERYONE,
        },
        "can_preview_newsletter": {
            S.DRAFT: ADMIN_AND_GROUP,
            S.SCHEDULED: ADMIN_AND_GROUP,
            S.SENDING: ADMIN_AND_GROUP,
            S.SENT: ADMIN_AND_GROUP,
            S.PUBLISHED: ADMIN_AND_GROUP,
        },
        "can_edit_newsletter": {
            S.DRAFT: ADMIN_AND_GROUP,
            S.SCHEDULED: NOBODY,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_delete_newsletter": {
            S.DRAFT: ADMIN_AND_GROUP,
            S.SCHEDULED: NOBODY,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_publish_newsletter": {
            S.DRAFT: ADMIN_AND_GROUP,
            S.SCHEDULED: NOBODY,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_send_newsletter": {
            S.DRAFT: ADMIN_AND_GROUP,
            S.SCHEDULED: ADMIN_AND_GROUP,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_schedule_newsletter": {
            S.DRAFT: ADMIN_AND_GROUP,
            S.SCHEDULED: NOBODY,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_unschedule_newsletter": {
            S.DRAFT: NOBODY,
            S.SCHEDULED: ADMIN_AND_GROUP,
            S.SENDING: NOBODY,
            S.SENT: NOBODY,
            S.PUBLISHED: NOBODY,
        },
        "can_follow_sending": {
            S.DRAFT: NOBODY,
            S.SCHEDULED: NOBODY,
            S.SENDING: ADMIN_AND_GROUP,
            S.SENT: ADMIN_AND_GROUP,
            S.PUBLISHED: NOBODY,
        },
    },
}


@pytest.fixture
def people(give_mfa: Callable[[User], str]) -> dict[str, User | AnonymousUser]:
    def person(role: str) -> User | AnonymousUser:
        found = person_in_role("user" if role == "outsider" else role, give_mfa)
        return found if found is not None else AnonymousUser()

    return {role: person(role) for role in ROLES}


def _setting(value: str) -> None:
    NewsletterSettings.objects.update_or_create(
        pk=1, defaults={"working_group_may_write": value == "on"}
    )


def _newsletter(status: str) -> Newsletter:
    now = timezone.now()
    return NewsletterFactory(
        status=status,
        scheduled_for=now + datetime.timedelta(days=1) if status == S.SCHEDULED else None,
        published_at=now if status in {S.SENDING, S.SENT, S.PUBLISHED} else None,
    )


@pytest.mark.parametrize("setting", ["off", "on"])
def test_role_rules(setting: str, people: dict[str, User | AnonymousUser]) -> None:
    _setting(setting)
    for rule_name, expected in ROLE_RULES[setting].items():
        rule = getattr(rules, rule_name)
        allowed = {role for role, person in people.items() if rule(person)}
        assert allowed == expected, rule_name


@pytest.mark.parametrize("setting", ["off", "on"])
@pytest.mark.parametrize("status", list(S))
def test_matrix(status: str, setting: str, people: dict[str, User | AnonymousUser]) -> None:
    _setting(setting)
    newsletter = _newsletter(status)
    for rule_name, by_state in MATRIX[setting].items():
        rule = getattr(rules, rule_name)
        allowed = {role for role, person in people.items() if rule(person, newsletter)}
        assert allowed == by_state[status], rule_name


def test_a_missed_schedule_needs_a_writers_confirmation() -> None:
    newsletter = _newsletter(S.SCHEDULED)
    assert not rules.send_needs_confirmation(newsletter)
    newsletter.schedule_missed_at = timezone.now()
    assert rules.send_needs_confirmation(newsletter)


def test_the_public_query_shows_what_the_rule_calls_public() -> None:
    assert set(selectors.PUBLIC) == rules.PUBLIC


# --- loaders -------------------------------------------------------------------------------


def test_published_newsletter() -> None:
    published, draft = _newsletter(S.SENT), _newsletter(S.DRAFT)
    assert access.published_newsletter(published.pk) == published
    with pytest.raises(Http404):
        access.published_newsletter(draft.pk)
    with pytest.raises(Http404):
        access.published_newsletter(draft.pk + 1000)


def test_newsletter_for_writer(people: dict[str, User | AnonymousUser]) -> None:
    newsletter = _newsletter(S.SENT)
    admin, group = people["admin_mfa"], people["working_group_mfa"]
    assert isinstance(admin, User) and isinstance(group, User)
    assert access.newsletter_for_writer(admin, newsletter.pk) == newsletter
    with pytest.raises(PermissionDenied):
        access.newsletter_for_writer(group, newsletter.pk)  # the setting is off
    with pytest.raises(Http404):
        access.newsletter_for_writer(admin, newsletter.pk + 1000)


def test_image_and_card_of_their_own_newsletter_only() -> None:
    newsletter, other = _newsletter(S.DRAFT), _newsletter(S.DRAFT)
    image = NewsletterImage.objects.create(
        newsletter=newsletter, image="newsletters/a.png", width=10, height=10, alt="En bild"
    )
    card = NewsletterCard.objects.create(
        newsletter=newsletter, kind="conference", target_id=1, title="Konferens", path="/k/"
    )
    assert access.image_of(newsletter, image.pk) == image
    assert access.card_of(newsletter, card.pk) == card
    with pytest.raises(Http404):
        access.image_of(other, image.pk)
    with pytest.raises(Http404):
        access.card_of(other, card.pk)


def test_subscriber_for_admin(people: dict[str, User | AnonymousUser]) -> None:
    _setting("on")
    subscriber = SubscriberFactory()
    admin, group = people["admin_mfa"], people["working_group_mfa"]
    assert isinstance(admin, User) and isinstance(group, User)
    assert access.subscriber_for_admin(admin, subscriber.pk) == subscriber
    with pytest.raises(PermissionDenied):
        access.subscriber_for_admin(group, subscriber.pk)
    with pytest.raises(Http404):
        access.subscriber_for_admin(admin, subscriber.pk + 1000)

"""Who may do what with newsletters, in one place (role × state). Views ask only here; the
services check the state again through the state predicates below.

A writer is an admin with two-factor login, or a member of the working group with two-factor
login while the admins let the working group write (the setting).

| state     | a writer                                                       | everyone      |
|-----------|----------------------------------------------------------------|---------------|
| draft     | edit, add/remove images and cards, delete, publish, send,      | -             |
|           | schedule, preview, test-send                                   |               |
| scheduled | send now (also a missed schedule, confirmed), unschedule,      | -             |
|           | preview, test-send                                             |               |
| sending   | follow the progress, send failed deliveries again, preview     | read the page |
| sent      | follow the progress, send failed deliveries again, preview     | read the page |
| published | preview (published on the site only: nobody was mailed)        | read the page |

Once sent or published a newsletter is never edited again: a correction is a new one. Only
admins (with two-factor login) see the subscriber list and change the setting.
"""

from django.contrib.auth.models import AnonymousUser

from hok.models import User
from hok.roles import is_admin, uses_powers
from newsletters.models import Newsletter
from newsletters.selectors import working_group_may_write

Status = Newsletter.Status

EDITABLE = frozenset({Status.DRAFT})
DELETABLE = EDITABLE
PUBLISHABLE = EDITABLE
SCHEDULABLE = frozenset({Status.DRAFT})
UNSCHEDULABLE = frozenset({Status.SCHEDULED})
SENDABLE = frozenset({Status.DRAFT, Status.SCHEDULED})
# Deliveries exist: the progress page and sending failed ones again.
WITH_DELIVERIES = frozenset({Status.SENDING, Status.SENT})
PUBLIC = frozenset({Status.SENDING, Status.SENT, Status.PUBLISHED})


# --- roles -----------------------------------------------------------------------------------


def can_write_newsletters(user: User | AnonymousUser) -> bool:
    """Admins write, preview and send newsletters; the working group too when an admin lets
    it."""
    if not uses_powers(user):
        return False
    return is_admin(user) or working_group_may_write()


def can_manage_subscribers(user: User | AnonymousUser) -> bool:
    """The subscriber list holds people's addresses: admins only."""
    return is_admin(user) and uses_powers(user)


def can_change_settings(user: User | AnonymousUser) -> bool:
    return is_admin(user) and uses_powers(user)


# --- states (the services ask these) ---------------------------------------------------------


def newsletter_is_editable(newsletter: Newsletter) -> bool:
    """Its text, images and cards change only while it is a draft."""
    return newsletter.status in EDITABLE


def newsletter_is_sendable(newsletter: Newsletter) -> bool:
    return newsletter.status in SENDABLE


def newsletter_is_schedulable(newsletter: Newsletter) -> bool:
    return newsletter.status in SCHEDULABLE


def newsletter_is_unschedulable(newsletter: Newsletter) -> bool:
    return newsletter.status in UNSCHEDULABLE


def newsletter_has_deliveries(newsletter: Newsletter) -> bool:
    """Sending or sent: there is a progress to follow and deliveries to send again."""
    return newsletter.status in WITH_DELIVERIES


def newsletter_is_public(newsletter: Newsletter) -> bool:
    return newsletter.status in PUBLIC


def send_needs_confirmation(newsletter: Newsletter) -> bool:
    """The beat found its schedule too late: only a writer's explicit send starts it."""
    return newsletter.schedule_missed_at is not None


# --- role × state ----------------------------------------------------------------------------


def can_view_newsletter(user: User | AnonymousUser, newsletter: Newsletter) -> bool:
    """The public page: everyone reads a sent or published newsletter, nobody reads a draft or
    a scheduled one there (writers preview it instead). The page is cached for everyone, so
    the role plays no part."""
    return newsletter_is_public(newsletter)


def can_preview_newsletter(user: User | AnonymousUser, newsletter: Newsletter) -> bool:
    """Writers see every newsletter's tool page and previews, and test-send it, in any
    state."""
    return can_write_newsletters(user)


def can_edit_newsletter(user: User | AnonymousUser, newsletter: Newsletter) -> bool:
    """The text, the images and the cards."""
    return newsletter_is_editable(newsletter) and can_write_newsletters(user)


def can_delete_newsletter(user: User | AnonymousUser, newsletter: Newsletter) -> bool:
    return newsletter.status in DELETABLE and can_write_newsletters(user)


def can_publish_newsletter(user: User | AnonymousUser, newsletter: Newsletter) -> bool:
    """Publish on the site only, without mailing anyone."""
    return newsletter.status in PUBLISHABLE and can_write_newsletters(user)


def can_send_newsletter(user: User | AnonymousUser, newsletter: Newsletter) -> bool:
    """Send it now, or (a draft) at a set time."""
    return newsletter_is_sendable(newsletter) and can_write_newsletters(user)


def can_schedule_newsletter(user: User | AnonymousUser, newsletter: Newsletter) -> bool:
    return newsletter_is_schedulable(newsletter) and can_write_newsletters(user)


def can_unschedule_newsletter(user: User | AnonymousUser, newsletter: Newsletter) -> bool:
    return newsletter_is_unschedulable(newsletter) and can_write_newsletters(user)


def can_follow_sending(user: User | AnonymousUser, newsletter: Newsletter) -> bool:
    """The progress page and sending failed or uncertain deliveries again."""
    return newsletter_has_deliveries(newsletter) and can_write_newsletters(user)

"""Writing a newsletter: the text, its images and cards, publishing it on the site only."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hok.audit import record_actor
from hok.generations import bump
from hok.images import image_reencode
from hok.models import User
from newsletters import rules, selectors
from newsletters.generations import NEWSLETTERS
from newsletters.models import Newsletter, NewsletterCard, NewsletterImage

IMAGE_MAX_BYTES = 10 * 2**20
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_MAX_SIDE = 1600
IMAGES_PER_NEWSLETTER = 12


def _not_editable() -> ValidationError:
    return ValidationError(
        _(
            "Nyhetsbrevet har redan skickats, schemalagts eller publicerats och kan inte "
            "ändras. Skriv ett nytt om något behöver rättas."
        ),
        code="not_editable",
    )


def _locked_draft(newsletter: Newsletter) -> Newsletter:
    locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if not rules.newsletter_is_editable(locked):
        raise _not_editable()
    return locked


def newsletter_create(*, title: str, preamble: str, body: str, by: User) -> Newsletter:
    newsletter = Newsletter(title=title, preamble=preamble, body=body, created_by=by)
    newsletter.full_clean()
    with transaction.atomic():
        record_actor(newsletter, by=by)
        newsletter.save()
    return newsletter


def newsletter_update(
    *, newsletter: Newsletter, title: str, preamble: str, body: str, by: User
) -> Newsletter:
    with transaction.atomic():
        locked = _locked_draft(newsletter)
        locked.title, locked.preamble, locked.body = title, preamble, body
        locked.full_clean()
        record_actor(locked, by=by)
        locked.save(update_fields=["title", "preamble", "body", "updated_at"])
    return locked


def newsletter_delete(*, newsletter: Newsletter, by: User) -> None:
    with transaction.atomic():
        locked = _locked_draft(newsletter)
        record_actor(locked, by=by)
        locked.delete()


def newsletter_image_add(
    *, newsletter: Newsletter, upload: UploadedFile, alt: str, by: User
) -> NewsletterImage:
    """Add an image, re-encoded (its metadata and anything else in the file do not survive)."""
    alt = " ".join(alt.split())
    if not alt:
        raise ValidationError(
            {"alt": _("Beskriv bilden för den som inte ser den.")}, code="alt_missing"
        )
    content = image_reencode(
        upload, max_pixels=IMAGE_MAX_PIXELS, max_side=IMAGE_MAX_SIDE, max_bytes=IMAGE_MAX_BYTES
    )
    with transaction.atomic():
        locked = _locked_draft(newsletter)
        count = locked.images.count()
        if count >= IMAGES_PER_NEWSLETTER:
            raise ValidationError(
                _("Ett nyhetsbrev kan ha högst %(count)s bilder.")
                % {"count": IMAGES_PER_NEWSLETTER},
                code="too_many_images",
            )
        image = NewsletterImage(newsletter=locked, alt=alt, position=count)
        image.image.save(content.name or "bild.png", content, save=False)
        image.save()
    return image


def newsletter_image_remove(*, image: NewsletterImage, by: User) -> None:
    with transaction.atomic():
        _locked_draft(image.newsletter)
        stored = image.image
        image.delete()
        transaction.on_commit(lambda: stored.delete(save=False))


def newsletter_card_add(
    *, newsletter: Newsletter, kind: str, target_id: int, by: User
) -> NewsletterCard:
    options = {pk: (title, path) for pk, title, path in selectors.card_options().get(kind, [])}
    if target_id not in options:
        raise ValidationError(
            _("Det valda innehållet finns inte, eller är inte publicerat."), code="no_target"
        )
    title, path = options[target_id]
    try:
        with transaction.atomic():
            locked = _locked_draft(newsletter)
            return NewsletterCard.objects.create(
                newsletter=locked,
                kind=kind,
                target_id=target_id,
                title=title[:300],
                path=path,
                position=locked.cards.count(),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Det kortet finns redan i nyhetsbrevet."), code="duplicate"
        ) from error


def newsletter_card_remove(*, card: NewsletterCard, by: User) -> None:
    with transaction.atomic():
        _locked_draft(card.newsletter)
        card.delete()


def newsletter_publish(*, newsletter: Newsletter, by: User) -> Newsletter:
    """Publish on the site only: nobody is mailed."""
    with transaction.atomic():
        bump(NEWSLETTERS)
        locked = _locked_draft(newsletter)
        locked.status = Newsletter.Status.PUBLISHED
        locked.published_at = timezone.now()
        record_actor(locked, by=by)
        locked.save(update_fields=["status", "published_at", "updated_at"])
    return locked

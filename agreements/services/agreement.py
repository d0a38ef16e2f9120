import datetime
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.generations import AGREEMENT, SIGNATORIES
from agreements.models import (
    Action,
    AgreementVersion,
    Goal,
    Principle,
    Responsibility,
    Section,
    Signature,
)
from agreements.selectors import agreement_document
from agreements.services.proposals import proposals_take_into
from hok.generations import bump
from hok.mail import send_templated_mail
from hok.models import User
from hok.utils import absolute_url

SEED_FILE = Path(__file__).resolve().parent.parent / "seed_data" / "agreement_v1.yaml"


@transaction.atomic
def agreement_load_seed(*, path: Path = SEED_FILE) -> tuple[AgreementVersion, bool]:
    """Load an agreement version from its data file. Returns (version, created); idempotent."""
    bump(AGREEMENT, SIGNATORIES)
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    existing = AgreementVersion.objects.filter(number=data["number"]).first()
    if existing is not None:
        return existing, False
    version = AgreementVersion.objects.create(
        number=data["number"],
        title=data["title"],
        title_en=data.get("title_en", ""),
        adopted_year=data.get("adopted_year"),
        goals_heading=data["goals"]["heading"],
        goals_heading_en=data["goals"].get("heading_en", ""),
    )
    for position, section in enumerate(data["sections"], start=1):
        Section.objects.create(
            version=version,
            position=position,
            slug=section["slug"],
            placement=section["placement"],
            heading=section["heading"],
            heading_en=section.get("heading_en", ""),
            body=section["body"].strip(),
            body_en=section.get("body_en", "").strip(),
        )
    for item in data["principles"]:
        principle = Principle.objects.create(
            version=version,
            number=item["number"],
            slug=item["slug"],
            title=item["title"],
            title_en=item.get("title_en", ""),
            intro=item["intro"].strip(),
            intro_en=item.get("intro_en", "").strip(),
        )
        Action.objects.bulk_create(
            Action(principle=principle, position=position, text=a["text"], text_en=a["text_en"])
            for position, a in enumerate(item["actions"], start=1)
        )
        Responsibility.objects.bulk_create(
            Responsibility(
                principle=principle,
                position=position,
                bearer=r["bearer"],
                text=r["text"],
                text_en=r["text_en"],
            )
            for position, r in enumerate(item["responsibilities"], start=1)
        )
    Goal.objects.bulk_create(
        Goal(version=version, position=position, text=g["text"], text_en=g["text_en"])
        for position, g in enumerate(data["goals"]["items"], start=1)
    )
    has_current = AgreementVersion.objects.filter(is_current=True).exists()
    version = version_adopt(version=version, adopted_on=None, by=None, make_current=not has_current)
    return version, True


@transaction.atomic
def version_adopt(
    *,
    version: AgreementVersion,
    adopted_on: datetime.date | None,
    by: User | None,
    make_current: bool = True,
) -> AgreementVersion:
    """Fix the text of a version (its SHA-256) and make it the version people sign. `by` is the
    admin who adopts it (None when the seed is loaded); the proposals it takes in name them."""
    bump(AGREEMENT, SIGNATORIES)
    version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_adopted:
        raise ValidationError(
            _("Version %(number)s är redan antagen.") % {"number": version.number}
        )
    document = agreement_document(number=version.number)
    if document is None or not document.principles:
        raise ValidationError(_("En version utan principer kan inte antas."))
    version.text_sha256 = document.sha256()
    version.adopted_on = adopted_on
    if adopted_on is not None:
        version.adopted_year = adopted_on.year
    fields = ["text_sha256", "adopted_on", "adopted_year"]
    previous = AgreementVersion.objects.filter(is_current=True).first() if make_current else None
    if make_current:
        AgreementVersion.objects.filter(is_current=True).update(is_current=False)
        version.is_current = True
        fields.append("is_current")
    version.save(update_fields=fields)
    if previous is not None:
        _ask_signatories_to_sign(previous=previous, new=version)
    if make_current:
        proposals_take_into(version=version, by=by)
    return version


def _ask_signatories_to_sign(*, previous: AgreementVersion, new: AgreementVersion) -> None:
    """Tell every approved signatory of an older version what changed and ask them to sign."""
    compare = reverse("agreements:version_compare") + f"?old={previous.number}&new={new.number}"
    emails = (
        Signature.objects.filter(status=Signature.Status.APPROVED, version__number__lt=new.number)
        .values_list("organisation__memberships__user__email", flat=True)
        .distinct()
    )
    send_templated_mail(
        template="agreements/email/new_version",
        context={
            "previous": previous,
            "version": new,
            "compare_url": absolute_url(compare),
            "organisations_url": absolute_url(reverse("agreements:my_organisations")),
        },
        to=[email for email in emails if email],
    )


@transaction.atomic
def version_copy(*, source: AgreementVersion) -> AgreementVersion:
    """Start a new draft version as a copy of `source`, to be edited in the admin."""
    bump(AGREEMENT, SIGNATORIES)
    next_number = (AgreementVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    copy = AgreementVersion.objects.create(
        number=next_number,
        title=source.title,
        title_en=source.title_en,
        goals_heading=source.goals_heading,
        goals_heading_en=source.goals_heading_en,
    )
    for section in source.sections.all():
        section.pk = None
        section.version = copy
        section.save()
    for principle in source.principles.prefetch_related("actions", "responsibilities"):
        actions = list(principle.actions.all())
        responsibilities = list(principle.responsibilities.all())
        principle.pk = None
        principle.version = copy
        principle.save()
        children: list[Action | Responsibility] = [*actions, *responsibilities]
        for child in children:
            child.pk = None
            child.principle = principle
            child.save()
    for goal in source.goals.all():
        goal.pk = None
        goal.version = copy
        goal.save()
    return copy

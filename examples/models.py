"""The knowledge base: collaborations told by the signatories ("Exempel på samverkan").

An example belongs to the organisation whose representative wrote it. It is public only once
the working group has published it; until then only the organisation's representatives and
the working group see it. Its files (PDFs and re-encoded pictures) live in private storage
and are served by the examples views, which ask the same rule as the page.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hok.storage import private_storage
from hok.text import NormalizedCharField, NormalizedTextField

TITLE_MAX = 200
SUMMARY_MAX = 400
TEXT_MAX = 6000
PARTY_NAME_MAX = 200
# The agreement was launched in 2019, but organisations collaborated with the region before it.
FIRST_YEAR = 1990


def _private_name(folder: str, filename: str) -> str:
    """A name nobody can guess: the files of an unpublished example are not public."""
    return f"examples/{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def document_path(instance: "ExampleDocument", filename: str) -> str:
    return _private_name("documents", filename)


def image_path(instance: "ExampleImage", filename: str) -> str:
    return _private_name("images", filename)


class Example(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Väntar på granskning")
        CHANGES_REQUESTED = "changes_requested", _("Ändringar efterfrågade")
        PUBLISHED = "published", _("Publicerat")
        WITHDRAWN = "withdrawn", _("Tillbakadraget")

    class ContactKind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisationens kontaktuppgifter")
        PERSON = "person", _("En kontaktperson som har samtyckt")

    organisation = models.ForeignKey(
        "agreements.Organisation",
        on_delete=models.CASCADE,
        related_name="examples",
        verbose_name=_("organisation"),
    )
    title = NormalizedCharField(_("rubrik"), max_length=TITLE_MAX)
    summary = NormalizedTextField(
        _("sammanfattning"), max_length=SUMMARY_MAX, validators=[MaxLengthValidator(SUMMARY_MAX)]
    )
    municipalities = models.ManyToManyField(
        "agreements.Municipality", verbose_name=_("kommuner"), related_name="+"
    )
    principles = models.ManyToManyField(
        "agreements.Principle", verbose_name=_("principer"), related_name="+"
    )
    areas = models.ManyToManyField(
        "agreements.ActivityArea", verbose_name=_("verksamhetsområden"), related_name="+"
    )
    start_year = models.PositiveSmallIntegerField(
        _("startår"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("slutår"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)],
    )
    what_was_done = NormalizedTextField(
        _("vad som gjordes"), max_length=TEXT_MAX, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    outcome = NormalizedTextField(
        _("vad det ledde till"), max_length=TEXT_MAX, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    lessons = NormalizedTextField(
        _("vad vi lärde oss"), max_length=TEXT_MAX, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    contact_kind = models.CharField(
        _("kontakt"), max_length=20, choices=ContactKind, default=ContactKind.ORGANISATION
    )
    contact_name = NormalizedCharField(_("kontaktens namn"), max_length=120, blank=True)
    contact_email = models.EmailField(_("kontaktens e-postadress"), max_length=254, blank=True)
    contact_phone = NormalizedCharField(_("kontaktens telefonnummer"), max_length=40, blank=True)
    # A private person is shown only with their consent, and who recorded it when is kept.
    contact_consent_at = models.DateTimeField(_("samtycke registrerat"), null=True, blank=True)
    contact_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samtycke registrerat av"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("skickat för granskning"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True)

    # Who changed what, and when (each service names its user). A contact person's name and
    # addresses are shown only with their consent and only while the example shows them, so
    # the history keeps that a person was the contact and who recorded the consent, not who
    # they were: their details live in one place, which the export and erasure cover.
    history = HistoricalRecords(excluded_fields=["contact_name", "contact_email", "contact_phone"])

    class Meta:
        verbose_name = _("exempel på samverkan")
        verbose_name_plural = _("exempel på samverkan")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="example_period_in_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(contact_kind="person")
                | models.Q(contact_consent_at__isnull=False),
                name="example_contact_person_has_consent",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="example_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("examples:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ExampleParty(models.Model):
    """Who took part besides the organisation: a signatory in the directory, or another party
    named in words (one of Region Halland's units, a municipality, a company …)."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "agreements.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="example_parties",
    )
    name = NormalizedCharField(_("namn"), max_length=PARTY_NAME_MAX, blank=True)
    is_region_unit = models.BooleanField(_("en del av Region Halland"), default=False)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["example", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(organisation__isnull=False) & models.Q(name=""))
                | (models.Q(organisation__isnull=True) & ~models.Q(name="")),
                name="example_party_directory_or_named",
            ),
            models.UniqueConstraint(
                fields=["example", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="example_party_organisation_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.organisation)


class ExampleReview(models.Model):
    """One step of an example's way to publication, with who took it and why: the audit trail
    the representatives and the working group both read."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Skickade för granskning")
        CHANGES_REQUESTED = "changes_requested", _("Bad om ändringar")
        PUBLISHED = "published", _("Publicerade")
        WITHDRAWN = "withdrawn", _("Drog tillbaka")
        REOPENED = "reopened", _("Tog upp igen som utkast")

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="reviews")
    action = models.CharField(_("händelse"), max_length=20, choices=Action)
    message = NormalizedTextField(
        _("meddelande"), max_length=2000, blank=True, validators=[MaxLengthValidator(2000)]
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("granskningshändelse")
        verbose_name_plural = _("granskningshändelser")
        ordering = ["example", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.example}: {self.get_action_display()}"


class ExampleDocument(models.Model):
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="documents")
    title = NormalizedCharField(_("titel"), max_length=200)
    file = models.FileField(_("fil (PDF)"), upload_to=document_path, storage=private_storage)
    size = models.PositiveIntegerField(_("storlek i byte"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        ordering = ["example", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("examples:document", kwargs={"pk": self.example_id, "document": self.pk})


class ExampleImage(models.Model):
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("bild"),
        upload_to=image_path,
        storage=private_storage,
        width_field="width",
        height_field="height",
    )
    # Stored, so a page lays out its pictures without opening their files.
    width = models.PositiveIntegerField(_("bredd"), default=0)
    height = models.PositiveIntegerField(_("höjd"), default=0)
    alt = NormalizedCharField(_("bildbeskrivning"), max_length=300)
    caption = NormalizedCharField(_("bildtext"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bild")
        verbose_name_plural = _("bilder")
        ordering = ["example", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(alt=""), name="example_image_has_alt"),
        ]

    def __str__(self) -> str:
        return self.alt

    def get_absolute_url(self) -> str:
        return reverse("examples:image", kwargs={"pk": self.example_id, "image": self.pk})

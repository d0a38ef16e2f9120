from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.translation import TranslatedField


class Municipality(models.Model):
    """Halland's six municipalities and "hela Halland"."""

    slug = models.SlugField(_("adress"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=60)
    name_en = models.CharField(_("namn (engelska)"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"))

    display_name = TranslatedField("name")

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class ActivityArea(models.Model):
    """An area of activity: the 20 options of the 2020 survey's question on collaboration."""

    slug = models.SlugField(_("adress"), max_length=80, unique=True)
    name = models.CharField(_("namn"), max_length=120)
    name_en = models.CharField(_("namn (engelska)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"))

    display_name = TranslatedField("name")

    class Meta:
        verbose_name = _("verksamhetsområde")
        verbose_name_plural = _("verksamhetsområden")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class PartySide(models.TextChoices):
        CIVIL_SOCIETY = "civil_society", _("Idéburen sektor")
        REGION = "region", _("Region Halland")

    class Form(models.TextChoices):
        FORENING = "forening", _("Förening")
        SOCIALT_FORETAG = "socialt_foretag", _("Socialt företag")
        KOOPERATIV = "kooperativ", _("Kooperativ")
        STIFTELSE = "stiftelse", _("Stiftelse")
        TROSSAMFUND = "trossamfund", _("Trossamfund")
        LIKNANDE = "liknande_sammanslutning", _("Liknande sammanslutning")

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("adress"), max_length=220, unique=True)
    org_number = models.CharField(
        _("organisationsnummer"), max_length=11, unique=True, help_text=_("NNNNNN-NNNN")
    )
    party_side = models.CharField(
        _("part"), max_length=20, choices=PartySide, default=PartySide.CIVIL_SOCIETY
    )
    form = models.CharField(_("organisationsform"), max_length=30, choices=Form, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("kommuner där organisationen verkar"), blank=True
    )
    areas = models.ManyToManyField(ActivityArea, verbose_name=_("verksamhetsområden"), blank=True)
    website = models.URLField(_("webbplats"), max_length=300, blank=True)
    contact_email = models.EmailField(_("kontaktadress (publik)"), blank=True)
    description = models.TextField(_("kort beskrivning"), max_length=2000, blank=True)
    logo = models.ImageField(_("logotyp"), upload_to="logos/", blank=True)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["logo"], m2m_fields=[municipalities, areas])
    # Set by agreements.selectors.directory.attach_relations; not fields.
    municipality_list: list[Municipality]
    area_list: list[ActivityArea]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(party_side="region") | ~models.Q(form=""),
                name="organisation_civil_society_has_form",
            ),
            models.CheckConstraint(
                condition=models.Q(org_number__regex=r"^\d{6}-\d{4}$"),
                name="organisation_org_number_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agreements:organisation_detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    """A user represents an organisation. Every member is a representative."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("sedan"), auto_now_add=True)

    class Meta:
        verbose_name = _("företrädare")
        verbose_name_plural = _("företrädare")
        ordering = ["organisation", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class MembershipInvitation(models.Model):
    """A single-use, expiring link that lets a colleague join. Only a hash of the token is kept."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-postadress"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class JoinRequest(models.Model):
    """Someone who tried to register an organisation that already exists asks to join it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar")
        ACCEPTED = "accepted", _("Godkänd")
        DECLINED = "declined", _("Avböjd")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("meddelande"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("förfrågan om att gå med")
        verbose_name_plural = _("förfrågningar om att gå med")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(status="pending"),
                name="join_request_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agreements.translation import TranslatedField
from hok.text import NormalizedCharField, NormalizedTextField


class AgreementVersion(models.Model):
    """One adopted (or drafted) text of the agreement. Signatures point at a version."""

    number = models.PositiveIntegerField(_("versionsnummer"), unique=True)
    title = NormalizedCharField(_("titel"), max_length=300)
    title_en = NormalizedCharField(_("titel (engelska)"), max_length=300, blank=True)
    adopted_year = models.PositiveSmallIntegerField(_("antagen år"), null=True, blank=True)
    adopted_on = models.DateField(_("antagen datum"), null=True, blank=True)
    text_sha256 = models.CharField(
        _("SHA-256 av texten"),
        max_length=64,
        blank=True,
        help_text=_("Sätts när versionen antas; därefter ändras texten inte."),
    )
    is_current = models.BooleanField(_("gällande version"), default=False)
    goals_heading = NormalizedCharField(_("rubrik för målbilden"), max_length=200)
    goals_heading_en = NormalizedCharField(
        _("rubrik för målbilden (engelska)"), max_length=200, blank=True
    )
    change_note = NormalizedTextField(_("vad som ändrats"), blank=True)
    change_note_en = NormalizedTextField(_("vad som ändrats (engelska)"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    display_title = TranslatedField("title")
    display_goals_heading = TranslatedField("goals_heading")
    display_change_note = TranslatedField("change_note")

    class Meta:
        verbose_name = _("version av överenskommelsen")
        verbose_name_plural = _("versioner av överenskommelsen")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="agreement_one_current_version",
            ),
            models.CheckConstraint(
                condition=~models.Q(is_current=True) | ~models.Q(text_sha256=""),
                name="agreement_current_version_is_adopted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"

    def get_absolute_url(self) -> str:
        return reverse("agreements:version_detail", kwargs={"number": self.number})

    @property
    def is_adopted(self) -> bool:
        return bool(self.text_sha256)


class Section(models.Model):
    """A part of the agreement that is not a principle: the introduction, Genomförande …"""

    class Placement(models.TextChoices):
        BEFORE_PRINCIPLES = "before_principles", _("före principerna")
        AFTER_PRINCIPLES = "after_principles", _("efter principerna")

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("ordning"))
    slug = models.SlugField(_("ankare"), max_length=60)
    placement = models.CharField(_("placering"), max_length=20, choices=Placement)
    heading = NormalizedCharField(_("rubrik"), max_length=200)
    heading_en = NormalizedCharField(_("rubrik (engelska)"), max_length=200, blank=True)
    body = NormalizedTextField(_("text"), help_text=_("Stycken skiljs åt med en tom rad."))
    body_en = NormalizedTextField(_("text (engelska)"), blank=True)

    display_heading = TranslatedField("heading")
    display_body = TranslatedField("body")

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "slug"], name="section_unique_slug"),
            models.UniqueConstraint(fields=["version", "position"], name="section_unique_position"),
        ]

    def __str__(self) -> str:
        return self.heading


class Principle(models.Model):
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="principles"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    slug = models.SlugField(_("adress"), max_length=60)
    title = NormalizedCharField(_("titel"), max_length=200)
    title_en = NormalizedCharField(_("titel (engelska)"), max_length=200, blank=True)
    intro = NormalizedTextField(_("inledning"))
    intro_en = NormalizedTextField(_("inledning (engelska)"), blank=True)

    display_title = TranslatedField("title")
    display_intro = TranslatedField("intro")

    class Meta:
        verbose_name = _("princip")
        verbose_name_plural = _("principer")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="principle_unique_number"),
            models.UniqueConstraint(fields=["version", "slug"], name="principle_unique_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:principle_detail", kwargs={"slug": self.slug})

    @property
    def anchor(self) -> str:
        return f"princip-{self.number}"


class Action(models.Model):
    """One of a principle's "Åtgärder"."""

    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField(_("ordning"))
    text = NormalizedTextField(_("text"))
    text_en = NormalizedTextField(_("text (engelska)"), blank=True)

    display_text = TranslatedField("text")

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["principle", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["principle", "position"], name="action_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Responsibility(models.Model):
    """One of a principle's "Ansvar", resting on all signatories or on the working group."""

    class Bearer(models.TextChoices):
        ALL_SIGNATORIES = "all_signatories", _("alla undertecknande parter")
        WORKING_GROUP = "working_group", _("arbetsgruppen")

    principle = models.ForeignKey(
        Principle, on_delete=models.CASCADE, related_name="responsibilities"
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    bearer = models.CharField(_("vilar på"), max_length=20, choices=Bearer)
    text = NormalizedTextField(_("text"))
    text_en = NormalizedTextField(_("text (engelska)"), blank=True)

    display_text = TranslatedField("text")

    class Meta:
        verbose_name = _("ansvar")
        verbose_name_plural = _("ansvar")
        ordering = ["principle", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["principle", "position"], name="responsibility_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Goal(models.Model):
    """One statement of "Målbild 2024"."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField(_("ordning"))
    text = NormalizedTextField(_("text"))
    text_en = NormalizedTextField(_("text (engelska)"), blank=True)

    display_text = TranslatedField("text")

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="goal_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text


class WorkingGroupMember(models.Model):
    """A seat in the working group as shown on its public page; entered by admins."""

    class Side(models.TextChoices):
        REGION = "region", _("Region Halland")
        CIVIL_SOCIETY = "civil_society", _("idéburen sektor")

    name = models.CharField(_("namn"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    side = models.CharField(_("part"), max_length=20, choices=Side)
    is_deputy = models.BooleanField(_("ersättare"), default=False)
    email = models.EmailField(_("e-post"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("ledamot i arbetsgruppen")
        verbose_name_plural = _("arbetsgruppens ledamöter")
        ordering = ["side", "is_deputy", "position", "name"]

    def __str__(self) -> str:
        return self.name

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(
        self, email: str, password: str | None = None, **extra_fields: object
    ) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: object
    ) -> "User":
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The e-mail address is the login."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-postadress"), unique=True)
    full_name = models.CharField(_("fullständigt namn"), max_length=200, blank=True)

    # Django recommends BaseUserManager for a custom user; the stubs want auth.UserManager.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    # Cached per user object by hok.roles.has_two_factor; not a field.
    _hok_two_factor: bool

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email


class Submission(models.Model):
    """One create form's submission, recorded so the same submission sent again (a double click,
    a browser retry) creates nothing more and lands where the first went (hok/submissions.py).

    `digest` names the form's one-time key together with the address it was sent to and who
    sent it, so a key is only honoured for the same person at the same form. Rows are deleted
    a day later (hok.tasks.delete_old_submissions)."""

    digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    redirect_to = models.CharField(max_length=2000)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("skickat formulär")
        verbose_name_plural = _("skickade formulär")

    def __str__(self) -> str:
        return self.redirect_to

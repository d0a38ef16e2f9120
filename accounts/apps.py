from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The person's own data: the download of everything stored about them, the deletion of
    their account, and the retention rules. It sits on top and gathers each app's part."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Mina uppgifter")

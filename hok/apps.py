from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HokConfig(AppConfig):
    name = "hok"
    verbose_name = _("HÖK-portalen")

"""Production: refuses to start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from hok.settings.environment import env_bool, env_int, env_list, env_str

try:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
except ImproperlyConfigured as error:
    sys.stderr.write(f"HÖK-portalen cannot start: {error}\n")
    sys.exit(2)

os.environ["DJANGO_DEBUG"] = "0"
from hok.settings.base import *  # noqa: E402, F403
from hok.settings.base import smtp_mailers  # noqa: E402

DEBUG = False

# Production always sends over SMTP; without EMAIL_HOST, to a mail server on this host.
MAILERS = smtp_mailers(env_str("EMAIL_HOST", "localhost"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# The container healthcheck asks over plain HTTP from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_NAME = "__Host-language"
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]

# Keep database connections between requests (checked before reuse).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

"""Settings shared by every environment; each value can be set from the environment."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from hok.settings.environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
# Old keys, comma-separated, while rotating: sessions, signed links and survey answers waiting
# sealed in the pool (surveys.services.submission_pool) still open with them.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "hok",
    "agreements",
    "surveys",
    "dialogues",
    "accounts",
    "reports",
    "newsletters",
    "search",
    "examples",
    "portal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.syndication",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Every audited change records the signed-in user who made it.
    "simple_history.middleware.HistoryRequestMiddleware",
    "hok.middleware.RequireMfaForPowersMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "hok.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hok.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    # Redis, and the database cache while Redis cannot be reached (hok/cache.py): rate limits
    # keep counting and nobody meets a 500. Short timeouts: an unreachable host must not hang.
    CACHES = {
        "default": {
            "BACKEND": "hok.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "hok"),
            "FALLBACK": "database",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        },
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hok_cache",
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "hok"),
        },
    }
else:
    # allauth's rate limits need a cache shared by every process: the database is one.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hok_cache",
        }
    }

# Public pages served from the cache to anonymous visitors (hok/page_cache.py). Worth it only
# with Redis: the database cache would cost queries of its own, and a page is cheap to render.
PAGE_CACHE = env_bool("PAGE_CACHE", bool(REDIS_URL))

AUTH_USER_MODEL = "hok.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "home"
LOGIN_URL = "account_login"

# django-allauth: the e-mail address is the login and must be verified.
ACCOUNT_ADAPTER = "hok.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[HÖK-portalen] "
MFA_ADAPTER = "hok.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "HÖK-portalen"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
# locale_overrides: the login library's Swedish reworded to the portal's own (its README).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT: Path | None = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
# Files only some may read (board decisions): served by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("DJANGO_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Mail: SMTP when EMAIL_HOST is set, otherwise files in var/mail (see README).
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "HÖK-portalen <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def smtp_mailers(host: str) -> dict[str, dict[str, object]]:
    port = env_int("EMAIL_PORT", 587)
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": host,
                "port": port,
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", port == 587),
                "timeout": 30,
            },
        }
    }


if env_str("EMAIL_HOST", ""):
    MAILERS = smtp_mailers(env_str("EMAIL_HOST"))
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {
                "file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail")),
            },
        }
    }

# Celery: a real broker when CELERY_BROKER_URL is set, otherwise tasks run in process
# (dev.py sets a folder broker, so `make run` has a real worker).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
# Must exceed the longest task, or Redis hands an unacknowledged task to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
    "visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT
}
# Redis shared by several portals (or test processes): each one's broker keys and queues start
# with its own prefix, so no worker takes another's tasks.
if env_str("CELERY_BROKER_KEY_PREFIX", ""):
    CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = env_str("CELERY_BROKER_KEY_PREFIX")
CELERY_TIMEZONE = TIME_ZONE
# PDFs are rendered on their own queue (its own worker in production: a time limit, a memory
# limit, a fresh process every few tasks). Name a rendering task `render_...` to route it there.
CELERY_PDF_QUEUE = "pdf"
CELERY_TASK_ROUTES = {"*.render_*": {"queue": CELERY_PDF_QUEUE}}
# A render task is stopped after these seconds (soft: SoftTimeLimitExceeded, the job is marked
# failed; hard: the worker process is killed). A page shows a job still running after the hard
# limit as interrupted, with "Försök igen". The pdf worker's memory limit and fresh process per
# few tasks are on its command line (docker-compose.yml, `worker-pdf`).
PDF_RENDER_SOFT_TIME_LIMIT = env_int("PDF_RENDER_SOFT_TIME_LIMIT", 5 * 60)
PDF_RENDER_TIME_LIMIT = env_int("PDF_RENDER_TIME_LIMIT", PDF_RENDER_SOFT_TIME_LIMIT + 60)

# Celery beat (the `beat` service in docker-compose.yml): periodic tasks.
CELERY_BEAT_SCHEDULE = {
    # Survey reminder rounds go out from 08:00 on their day; each round is sent once.
    "surveys-send-due-reminders": {
        "task": "surveys.tasks.send_due_reminders",
        "schedule": env_int("SURVEY_REMINDERS_EVERY_SECONDS", 15 * 60),
    },
    # Survey answers waiting in the sealed pool are counted once a survey has closed (and in
    # batches while it is open); see surveys.services.submission_pool.
    "surveys-flush-waiting-submissions": {
        "task": "surveys.tasks.flush_waiting_submissions",
        "schedule": 15 * 60,
    },
    # Survey invitees' addresses are deleted 90 days after the survey closes.
    "surveys-delete-expired-invitation-addresses": {
        "task": "surveys.tasks.delete_expired_invitation_addresses",
        "schedule": 6 * 60 * 60,
    },
}

# Personal data retention (the privacy page states both periods; accounts.tasks applies them
# every night): an account whose e-mail address was never confirmed is deleted this many days
# after sign-up; an organisation invitation this many days after its link expired.
ACCOUNT_UNCONFIRMED_DELETE_AFTER_DAYS = env_int("ACCOUNT_UNCONFIRMED_DELETE_AFTER_DAYS", 14)
ORGANISATION_INVITATION_DELETE_AFTER_DAYS = env_int("ORGANISATION_INVITATION_DELETE_AFTER_DAYS", 30)
CELERY_BEAT_SCHEDULE["accounts-apply-retention"] = {
    "task": "accounts.tasks.apply_retention",
    "schedule": crontab(hour=3, minute=30),
}

# A create form's one-time key is remembered this long, so the same submission sent again
# creates nothing more (hok/submissions.py); hok.tasks deletes older ones every hour.
SUBMISSION_KEY_RETENTION_HOURS = env_int("SUBMISSION_KEY_RETENTION_HOURS", 24)
CELERY_BEAT_SCHEDULE["hok-delete-old-submissions"] = {
    "task": "hok.tasks.delete_old_submissions",
    "schedule": 60 * 60,
}

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

# Absolute links in mail (invitations, decisions) start with this.
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# The address published on every page (footer, accessibility statement, privacy).
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL", "hok-portalen@localhost")

# Every log record passes through hok.log_redaction first (a record factory installed here):
# survey tokens in request paths are cut from every logger and handler, Django's own included.
LOGGING_CONFIG = "hok.log_redaction.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Newsletters (newsletters/): the mail server's pace, how late a scheduled send may still
# start on its own, and how many permanent refusals in a row make an address "bouncing".
NEWSLETTER_MAILS_PER_MINUTE = env_int("NEWSLETTER_MAILS_PER_MINUTE", 0) or None
NEWSLETTER_SEND_WINDOW_MINUTES = env_int("NEWSLETTER_SEND_WINDOW_MINUTES", 120)
NEWSLETTER_BOUNCE_LIMIT = env_int("NEWSLETTER_BOUNCE_LIMIT", 3)
# One send task sends this long at most, then queues its continuation (tasks stay short).
NEWSLETTER_TASK_SECONDS = env_int("NEWSLETTER_TASK_SECONDS", 60)
CELERY_BEAT_SCHEDULE["newsletters-start-due-sends"] = {
    "task": "newsletters.tasks.start_due_sends",
    "schedule": 60,
}

"""The Celery app. Development (`make run`) uses a folder broker and a real worker; the test
settings run every task in process unless CELERY_BROKER_URL is set."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hok.settings.dev")

app = Celery("hok")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

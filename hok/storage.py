"""Where uploaded files live. Private files are never under MEDIA_URL; views check who asks."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read from the settings each time (tests override it)."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:  # type: ignore[override]  # the stub says str; Django allows None
        return None


def private_storage() -> FileSystemStorage:
    return PrivateStorage()

"""Organisation logos: an upload is re-encoded before it is stored (see hok.images)."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from hok.images import image_reencode

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_SIDE = 600
LOGO_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})
# A logo is shown at most 600 pixels wide; a 16-megapixel photo (4,000 × 4,000) is more than any
# logo needs and decodes within about 64 MB. Refused by the header, before decoding.
LOGO_MAX_PIXELS = 16_000_000


def logo_reencode(upload: UploadedFile) -> ContentFile:
    """The logo's pixels, at most 600 pixels a side, saved anew as PNG: nothing else survives."""
    return image_reencode(
        upload,
        max_pixels=LOGO_MAX_PIXELS,
        max_side=LOGO_MAX_SIDE,
        max_bytes=LOGO_MAX_BYTES,
        formats=LOGO_FORMATS,
        name="logo.png",
    )

"""Every image the portal accepts goes through here: checked, decoded once, saved anew.

An uploaded image is never stored as sent. Pillow reads its header, and the image is refused
by the pixel count the header DECLARES before a single pixel is decoded: a PNG of one colour
compresses 12,000 × 12,000 pixels into a few kilobytes, and decoding it would take hundreds
of megabytes and seconds of a worker. Pillow's own bomb guard (``Image.MAX_IMAGE_PIXELS``,
89 million pixels, a warning below twice that) is far above what any use here needs, so each
use passes its own ``max_pixels``.

Then the file's structure is verified, a cut-off JPEG is refused (WeasyPrint turns Pillow's
``LOAD_TRUNCATED_IMAGES`` on for the whole process, which would otherwise fill the missing
part with grey), and the pixels are decoded, shrunk and saved as a fresh PNG: metadata,
comments and anything else in the upload do not survive.
"""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError

DEFAULT_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})

# The codes image_reencode raises, for views that show them at the image's form field.
IMAGE_ERROR_CODES = ("image_too_large", "image_too_many_pixels", "image_invalid")


def _jpeg_is_complete(upload: UploadedFile) -> bool:
    """A JPEG ends with its end-of-image marker; a cut-off upload does not."""
    upload.seek(-16, 2)
    tail = upload.read()
    upload.seek(0)
    return b"\xff\xd9" in tail


def _too_many_pixels(width: int, height: int, max_pixels: int) -> ValidationError:
    millions = max_pixels / 1_000_000
    return ValidationError(
        ngettext(
            "Bilden är %(width)s × %(height)s bildpunkter. Den får ha högst "
            "%(millions)s miljon bildpunkter; förminska den och försök igen.",
            "Bilden är %(width)s × %(height)s bildpunkter. Den får ha högst "
            "%(millions)s miljoner bildpunkter; förminska den och försök igen.",
            max(1, int(millions)),
        )
        % {"width": width, "height": height, "millions": f"{millions:g}"},
        code="image_too_many_pixels",
    )


def _invalid() -> ValidationError:
    return ValidationError(
        _("Filen är ingen bild vi kan läsa. Ladda upp en PNG-, JPEG- eller WebP-bild."),
        code="image_invalid",
    )


def image_reencode(
    upload: UploadedFile,
    *,
    max_pixels: int,
    max_side: int | None = None,
    max_bytes: int | None = None,
    formats: frozenset[str] = DEFAULT_FORMATS,
    name: str = "image.png",
) -> ContentFile:
    """The upload's pixels as a new PNG, at most ``max_side`` wide and high.

    Refused with a Swedish ValidationError (codes in IMAGE_ERROR_CODES): more than
    ``max_bytes``; more than ``max_pixels`` declared in the header (checked before any
    decoding); a format outside ``formats``; anything Pillow cannot read whole.
    """
    if max_bytes is not None and upload.size and upload.size > max_bytes:
        raise ValidationError(
            _("Bilden får vara högst %(megabytes)s MB.") % {"megabytes": f"{max_bytes / 2**20:g}"},
            code="image_too_large",
        )
    try:
        upload.seek(0)
        # Image.open reads the header only; its own bomb check raises for the very largest.
        with Image.open(upload) as probe:
            width, height = probe.size
            if width * height > max_pixels:
                raise _too_many_pixels(width, height, max_pixels)
            image_format = probe.format
            probe.verify()  # structure and checksums, whatever Pillow's global settings
        if image_format not in formats:
            raise _invalid()
        upload.seek(0)
        if image_format == "JPEG" and not _jpeg_is_complete(upload):
            raise _invalid()
        image: Image.Image  # opened as an ImageFile, converted to a plain Image
        with Image.open(upload) as image:
            if image.size != (width, height):  # the same bytes must declare the same size
                raise _invalid()
            if max_side is not None:
                image.draft("RGB", (max_side, max_side))  # JPEG: decode at a smaller scale
            image.load()
            image = image.convert("RGBA")
            if max_side is not None:
                image.thumbnail((max_side, max_side))
            output = BytesIO()
            image.save(output, format="PNG", optimize=True)
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("Bilden har för många bildpunkter; förminska den och försök igen."),
            code="image_too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise _invalid() from error
    return ContentFile(output.getvalue(), name=name)

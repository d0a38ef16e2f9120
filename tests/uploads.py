"""Files for the tests, made in memory: pictures, PDFs and the uploads that carry them."""

import functools
import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

# The smallest file every PDF reader opens: a header, one empty page, a trailer.
MINIMAL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n"
    b"%%EOF\n"
)


def png_bytes(width: int = 40, height: int = 30, *, comment: str | None = None) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 60))
    info = None
    if comment is not None:
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", comment)
    output = BytesIO()
    image.save(output, format="PNG", pnginfo=info)
    return output.getvalue()


def jpeg_bytes(width: int = 40, height: int = 30) -> bytes:
    output = BytesIO()
    Image.new("RGB", (width, height), (10, 120, 60)).save(output, format="JPEG")
    return output.getvalue()


def gradient_jpeg_bytes() -> bytes:
    """A 256×256 JPEG with enough detail that cutting it in half cuts into the picture data."""
    output = BytesIO()
    Image.radial_gradient("L").convert("RGB").save(output, format="JPEG", quality=95)
    return output.getvalue()


@functools.cache
def pdf_bytes() -> bytes:
    """A real one-page PDF, written by Pillow once: its CreationDate would differ per second."""
    output = BytesIO()
    Image.new("RGB", (20, 20), (255, 255, 255)).save(output, format="PDF")
    return output.getvalue()


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_upload(
    width: int = 40, height: int = 30, *, comment: str | None = None
) -> SimpleUploadedFile:
    return upload("logo.png", png_bytes(width, height, comment=comment), "image/png")


def text_upload(name: str = "logo.png") -> SimpleUploadedFile:
    return upload(name, b"Det har ar ingen bild, bara text.\n", "image/png")


def pdf_upload() -> SimpleUploadedFile:
    return upload("beslut.pdf", pdf_bytes(), "application/pdf")


def fake_pdf_upload() -> SimpleUploadedFile:
    return upload("beslut.pdf", b"Protokoll fran styrelsemotet, inte en PDF.\n", "application/pdf")


@functools.cache
def huge_png_bytes(width: int = 12_000, height: int = 12_000) -> bytes:
    """A valid one-colour PNG that declares width × height pixels in a few kilobytes.

    Written chunk by chunk (one bit a pixel, every row zero), so making it costs a zlib pass
    over width × height / 8 bytes, never the decoded picture.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte and the row's bits
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )

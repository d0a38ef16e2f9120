"""Files for the tests, made in memory: pictures, PDFs and the uploads that carry them."""

import functools
import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin


def build_pdf(objects: list[bytes], *, trailer: bytes = b"", comment: int = 0) -> bytes:
    """A PDF written by hand: object 1 is the catalogue, then a correct xref table and trailer.

    `comment` puts a comment line of that many bytes after the header (to reach a size)."""
    out = b"%PDF-1.4\n"
    if comment:
        out += b"%" + b"x" * comment + b"\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return out


def one_page_pdf(
    *,
    catalogue: bytes = b"",
    page: bytes = b"",
    extra: tuple[bytes, ...] = (),
    comment: int = 0,
) -> bytes:
    """A one-page PDF; `catalogue` and `page` add entries to those dictionaries, `extra` adds
    objects 4, 5, … (refer to them as 4 0 R …)."""
    return build_pdf(
        [
            b"<</Type/Catalog/Pages 2 0 R" + catalogue + b">>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]" + page + b">>",
            *extra,
        ],
        comment=comment,
    )


# The smallest file every PDF reader opens: a header, one empty page, xref and trailer.
MINIMAL_PDF = one_page_pdf()


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

"""QR codes for dialogues: SVG from segno, for the overview page, the image URL and the PDF."""

import io

import segno


def qr_code(url: str) -> segno.QRCode:
    # Error correction M: still readable with a crease or a coffee ring on a table sheet.
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, *, title: str = "") -> str:
    """A standalone SVG (no XML declaration) that fills its box: a viewBox and no size, so
    the page and the PDF set the size in CSS."""
    buffer = io.BytesIO()
    qr_code(url).save(
        buffer,
        kind="svg",
        scale=1,
        border=4,
        xmldecl=False,
        svgns=True,
        omitsize=True,
        title=title or None,
        svgclass="qr-code",
        dark="#000",
        light="#fff",
    )
    return buffer.getvalue().decode("utf-8")

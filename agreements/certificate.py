"""The signature certificate: one A4 page, rendered with WeasyPrint."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from agreements.models import Signature


def certificate_pdf(signature: Signature) -> bytes:
    from PIL import ImageFile
    from weasyprint import HTML

    # WeasyPrint turns this on for the whole process on import; the certificate has no raster
    # images, and uploaded logos must keep being refused when truncated.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with translation.override("sv"):
        html = render_to_string("agreements/signatures/certificate.html", {"signature": signature})
    stylesheet = finders.find("css/certificate.css")
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])

"""The signature certificate: one A4 page, rendered with WeasyPrint."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from agreements.models import Signature


def certificate_pdf(signature: Signature) -> bytes:
    # Imported here: importing WeasyPrint makes Pillow accept truncated images process-wide.
    from weasyprint import HTML

    with translation.override("sv"):
        html = render_to_string("agreements/signatures/certificate.html", {"signature": signature})
    stylesheet = finders.find("css/certificate.css")
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])

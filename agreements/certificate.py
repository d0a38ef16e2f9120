"""The signature certificate: one A4 page, small enough to render in the request (through
hok.pdf, tagged, with its title and language)."""

from django.template.loader import render_to_string
from django.utils import translation

from agreements.models import Signature
from hok.pdf import render_pdf, static_file_path


def certificate_pdf(signature: Signature) -> bytes:
    with translation.override("sv"):
        html = render_to_string("agreements/signatures/certificate.html", {"signature": signature})
    stylesheet = static_file_path("css/certificate.css")
    return render_pdf(html, stylesheets=[stylesheet]).content

"""The signature certificate: one A4 page, small enough to render in the request (through
hok.pdf, tagged, with its title and language)."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from agreements.models import Signature
from hok.pdf import render_pdf


def certificate_pdf(signature: Signature) -> bytes:
    with translation.override("sv"):
        html = render_to_string("agreements/signatures/certificate.html", {"signature": signature})
    stylesheet = finders.find("css/certificate.css")
    return render_pdf(html, stylesheets=[stylesheet]).content

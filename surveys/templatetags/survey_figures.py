"""How the survey figures read: percentages and means in the language of the page.

The selectors (surveys.selectors.results) return numbers; the results page, its charts and
the yearly report format them here (`{{ row.percent|percent }}`).
"""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


def format_percent(value: Decimal | float | None) -> str:
    """ "69 %" in Swedish, "69%" in English (the catalogue decides), with a non-breaking space."""
    if value is None:
        return ""
    text = _("%(number)s %%") % {"number": number_format(value, decimal_pos=0)}
    return text.replace(" %", "\xa0%")  # never broken from its number


def format_mean(value: Decimal | None) -> str:
    """ "2,75" in Swedish, "2.75" in English."""
    if value is None:
        return ""
    return number_format(value, decimal_pos=2)


@register.filter
def percent(value: Decimal | float | None) -> str:
    return format_percent(value)


@register.filter
def mean(value: Decimal | None) -> str:
    return format_mean(value)

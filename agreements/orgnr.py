"""Swedish organisationsnummer: ten digits, the last a Luhn check digit, stored as NNNNNN-NNNN."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SHAPE = re.compile(r"^([0-9]{6})-?([0-9]{4})$")  # ASCII digits only, not any Unicode digit


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_org_number(raw: str) -> str:
    """Return the number as NNNNNN-NNNN, or raise ValidationError with a Swedish message."""
    cleaned = re.sub(r"\s", "", raw or "")
    match = _SHAPE.match(cleaned)
    if match is None:
        raise ValidationError(
            _("Skriv organisationsnumret som tio siffror, till exempel 802000-1007."),
            code="org_number_shape",
        )
    digits = match.group(1) + match.group(2)
    if not luhn_valid(digits):
        raise ValidationError(
            _("Organisationsnumret stämmer inte: kontrollsiffran är fel. Kontrollera siffrorna."),
            code="org_number_checksum",
        )
    return f"{match.group(1)}-{match.group(2)}"

"""Text as the portal stores it: one form for text that is compared or hashed.

A browser's textarea sends CRLF line endings, editors leave trailing spaces, and the same
letter can arrive composed ("å") or decomposed ("a" + ring). Stored as typed, an unchanged
paragraph would compare as changed and hash differently. `normalize_text` gives the one form.
"""

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """LF line endings, no trailing spaces, at most one blank line in a row, Unicode NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return unicodedata.normalize("NFC", text).strip()


def one_line_reason(text: str, *, maximum: int, empty: str, code: str) -> str:
    """A reason typed to hide something (a note, a proposal, a comment): on one line, not
    empty (`empty` says what to write), at most `maximum` characters."""
    text = " ".join(text.split())
    if not text:
        raise ValidationError(empty, code=code)
    if len(text) > maximum:
        raise ValidationError(
            _("Skälet får vara högst %(max)s tecken.") % {"max": maximum}, code=code
        )
    return text


if TYPE_CHECKING:
    _FieldBase = models.Field[Any, Any]
else:
    _FieldBase = object  # a mixin: the model field comes after it in the bases


class _Normalized(_FieldBase):
    """Normalises the value whenever the model is cleaned or saved, however it was written."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return normalize_text(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = normalize_text(value)
            setattr(model_instance, self.attname, value)
        return value


class NormalizedCharField(_Normalized, models.CharField):
    pass


class NormalizedTextField(_Normalized, models.TextField):
    pass

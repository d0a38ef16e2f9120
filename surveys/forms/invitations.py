"""Input for the invitations page: addresses pasted or in a CSV file, signatory organisations
picked from a list, and reminder dates. Validation only; the services do the writing."""

import csv
import io
import re
from email.utils import parseaddr
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements.selectors.contacts import SignatoryContacts
from hok.utils import field_max_length
from surveys.models import Invitation

MAX_PASTE_CHARS = 200_000
# An invitation's address column holds 254 characters (RFC 5321's limit on a path).
MAX_ADDRESS_LENGTH = field_max_length(Invitation, "email")
MAX_CSV_BYTES = 2 * 1024 * 1024
# Headers (lower case, no spaces around) that name the e-mail column of a CSV file.
EMAIL_HEADERS = {
    "e-post",
    "epost",
    "e-postadress",
    "epostadress",
    "e-postadresser",
    "e-mail",
    "email",
    "email address",
    "e-mail address",
    "mail",
    "mejl",
    "mejladress",
    "adress",
}
# How many invalid values a message lists before it says "and N more".
LISTED_INVALID = 20

_SEPARATORS = re.compile(r"[\n\r,;\t]+")


def normalise_email(value: str) -> str | None:
    """The address in `value` ("anna@x.se" or "Anna <anna@x.se>"), lower case, or None when it
    is not an e-mail address."""
    value = value.strip()
    if len(value) > 1 and value[0] == value[-1] == '"' and value.count('"') == 2:
        value = value[1:-1].strip()  # a quoted address, as some exports write it
    if not value:
        return None
    _name, address = parseaddr(value)
    if not address or ("<" in value and ">" not in value):
        return None
    address = address.strip().lower()
    if len(address) > MAX_ADDRESS_LENGTH:
        return None
    try:
        validate_email(address)
    except ValidationError:
        return None
    return address


def split_addresses(values: list[str]) -> tuple[list[str], list[str]]:
    """Valid addresses (in order, each once) and the values that are not addresses."""
    valid: list[str] = []
    seen: set[str] = set()
    invalid: list[str] = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        address = normalise_email(value)
        if address is None:
            invalid.append(value)
        elif address not in seen:
            seen.add(address)
            valid.append(address)
    return valid, invalid


def invalid_message(invalid: list[str]) -> str:
    """A Swedish sentence listing the values that are not addresses (the first 20)."""
    listed = ", ".join(f"”{value}”" for value in invalid[:LISTED_INVALID])
    message = ngettext(
        "Det här är inte en e-postadress och lades inte till: %(listed)s.",
        "De här %(count)d är inte e-postadresser och lades inte till: %(listed)s.",
        len(invalid),
    ) % {"count": len(invalid), "listed": listed}
    if len(invalid) > LISTED_INVALID:
        message += " " + ngettext(
            "Och %(count)d till.", "Och %(count)d till.", len(invalid) - LISTED_INVALID
        ) % {"count": len(invalid) - LISTED_INVALID}
    return message


class PasteForm(forms.Form):
    """Addresses pasted one per line, or separated by commas or semicolons. The form is valid
    when at least one address is; `invalid` then holds the values that are not."""

    addresses = forms.CharField(
        label=_("E-postadresser"),
        help_text=_(
            "En per rad, eller åtskilda med komma eller semikolon. "
            "”Namn <adress>” går också bra. Adresser som redan är inbjudna hoppas över."
        ),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        max_length=MAX_PASTE_CHARS,
        error_messages={"required": _("Klistra in minst en e-postadress.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Help texts are rendered as HTML; this one shows "<adress>" literally.
        field = self.fields["addresses"]
        field.help_text = escape(field.help_text)

    def clean_addresses(self) -> list[str]:
        text = self.cleaned_data["addresses"]
        valid, invalid = split_addresses(_SEPARATORS.split(text))
        self.invalid = invalid
        if not valid and not invalid:
            raise ValidationError(_("Klistra in minst en e-postadress."), code="empty")
        if not valid:
            raise ValidationError(invalid_message(invalid), code="invalid_addresses")
        return valid


class CsvForm(forms.Form):
    """A CSV file with a column of addresses, headed "e-post", "email" or similar; UTF-8 with or
    without a byte order mark (Excel's "CSV UTF-8"), separated by semicolons or commas."""

    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_(
            "Första raden ska ha en rubrik som ”e-post” eller ”email” över kolumnen med "
            "adresserna. Spara från Excel som ”CSV UTF-8”; semikolon eller komma går bra."
        ),
        error_messages={
            "required": _("Välj en CSV-fil att läsa in."),
            "empty": _("Filen är tom."),
            "invalid": _("Välj en CSV-fil att läsa in."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> list[str]:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(
                _("Filen måste vara en CSV-fil (namnet slutar på .csv)."), code="not_csv"
            )
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError(_("Filen är större än 2 MB."), code="too_large")
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _(
                    "Filen kunde inte läsas som text i UTF-8. Spara den som ”CSV UTF-8” "
                    "och försök igen."
                ),
                code="not_utf8",
            ) from error
        if "\x00" in text:
            raise ValidationError(
                _("Filen är inte en CSV-fil med text. Spara den som ”CSV UTF-8” och försök igen."),
                code="not_csv",
            )
        lines = text.splitlines()
        if not any(line.strip() for line in lines):
            raise ValidationError(_("Filen är tom."), code="empty")
        header_line = next(line for line in lines if line.strip())
        delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error as error:
            raise ValidationError(
                _("Filen kunde inte läsas som CSV: %(error)s") % {"error": error}, code="not_csv"
            ) from error
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        header = [cell.strip().strip('"').lower() for cell in rows[0]]
        column = next((i for i, name in enumerate(header) if name in EMAIL_HEADERS), None)
        if column is None:
            raise ValidationError(
                _(
                    "Filen saknar en kolumn för e-postadresser. Första raden ska ha en rubrik "
                    "som ”e-post” eller ”email” över adresserna."
                ),
                code="no_email_column",
            )
        values = [row[column] for row in rows[1:] if column < len(row)]
        valid, invalid = split_addresses(values)
        self.invalid = invalid
        if not valid and not invalid:
            raise ValidationError(_("Filen har inga adresser under rubriken."), code="empty")
        if not valid:
            raise ValidationError(invalid_message(invalid), code="invalid_addresses")
        return valid


class ContactsForm(forms.Form):
    """Signatory organisations to invite: each brings its public contact address and its
    representatives' addresses."""

    organisations = forms.MultipleChoiceField(
        label=_("Undertecknande organisationer"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Välj minst en organisation."),
            "invalid_choice": _("Organisationen finns inte längre bland de undertecknande."),
        },
    )

    def __init__(self, *args: Any, contacts: list[SignatoryContacts], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contacts = {str(contact.organisation_id): contact for contact in contacts}
        cast(forms.ChoiceField, self.fields["organisations"]).choices = [
            (str(contact.organisation_id), _choice_label(contact))
            for contact in contacts
            if contact.emails
        ]

    def clean_organisations(self) -> list[str]:
        emails: list[str] = []
        for key in self.cleaned_data["organisations"]:
            for email in self.contacts[key].emails:
                if email not in emails:
                    emails.append(email)
        return emails


def _choice_label(contact: SignatoryContacts) -> str:
    return ngettext(
        "%(name)s (%(count)d adress)", "%(name)s (%(count)d adresser)", len(contact.emails)
    ) % {"name": contact.name, "count": len(contact.emails)}


class ReminderForm(forms.Form):
    send_on = forms.DateField(
        label=_("Datum för påminnelse"),
        help_text=_("ÅÅÅÅ-MM-DD. Påminnelsen skickas från klockan 8 den dagen."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Ange ett datum för påminnelsen."),
            "invalid": _("Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-15."),
        },
    )

"""Reading addresses: pasted text, CSV files, and the signatories' contacts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.selectors.contacts import signatory_contacts
from surveys.forms.invitations import CsvForm, PasteForm, normalise_email, split_addresses
from tests.factories import MembershipFactory, PublicOrganisationFactory, UserFactory


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("anna@example.se", "anna@example.se"),
        ("  ANNA@Example.SE ", "anna@example.se"),
        ("Anna Ek <anna@example.se>", "anna@example.se"),
        ('"Ek, Anna" <anna@example.se>', "anna@example.se"),
        ('"anna@example.se"', "anna@example.se"),
        ("anna.ek+hok@förening.example.se", "anna.ek+hok@förening.example.se"),
        ("anna", None),
        ("anna@", None),
        ("@example.se", None),
        ("anna@example", None),
        ("Anna <anna@example.se", None),
        ("anna@@example.se", None),
        ("", None),
    ],
)
def test_normalise_email(value: str, expected: str | None) -> None:
    assert normalise_email(value) == expected


def test_split_keeps_order_drops_repeats_and_lists_the_rest() -> None:
    valid, invalid = split_addresses(["b@example.se", "a@example.se", "B@example.se", "x", " "])
    assert valid == ["b@example.se", "a@example.se"]
    assert invalid == ["x"]


def test_paste_separators() -> None:
    form = PasteForm({"addresses": "a@example.se;b@example.se,c@example.se\r\n\td@example.se"})
    assert form.is_valid()
    assert form.cleaned_data["addresses"] == [
        "a@example.se",
        "b@example.se",
        "c@example.se",
        "d@example.se",
    ]
    assert form.invalid == []


def test_many_invalid_values_are_summarised() -> None:
    text = "\n".join(f"fel{n}" for n in range(25))
    form = PasteForm({"addresses": text})
    assert not form.is_valid()
    (message,) = form.errors["addresses"]
    assert "De här 25 är inte e-postadresser" in message
    assert "”fel19”" in message and "”fel20”" not in message
    assert "Och 5 till." in message


def test_the_paste_help_text_shows_angle_brackets_as_text() -> None:
    assert "&lt;adress&gt;" in str(PasteForm().fields["addresses"].help_text)


def test_a_quoted_csv_header_with_extra_columns() -> None:
    content = b'"Organisation";"E-post"\n"Kustlaget";"info@kustlaget.example"\n"Tom";\n'
    form = CsvForm({}, {"file": SimpleUploadedFile("lista.CSV", content)})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["file"] == ["info@kustlaget.example"]


def test_a_too_large_csv() -> None:
    content = b"email\n" + b"a@example.se\n" * 200_000
    form = CsvForm({}, {"file": SimpleUploadedFile("stor.csv", content)})
    assert not form.is_valid()
    assert form.errors["file"] == ["Filen är större än 2 MB."]


@pytest.mark.django_db
def test_signatory_contacts_are_the_public_signatories_with_their_addresses(
    seed, django_assert_num_queries
) -> None:
    kustlaget = PublicOrganisationFactory(name="Kustlaget", contact_email="Info@Kustlaget.example")
    MembershipFactory(organisation=kustlaget, user=UserFactory(email="info@kustlaget.example"))
    MembershipFactory(organisation=kustlaget, user=UserFactory(email="rut@kustlaget.example"))
    anonymous = PublicOrganisationFactory(name="Anonyma", contact_email="")
    PublicOrganisationFactory(name="Inte godkänd", approved=False)
    with django_assert_num_queries(2):
        contacts = signatory_contacts()
    by_name = {contact.name: contact for contact in contacts}
    assert "Inte godkänd" not in by_name
    emails = by_name["Kustlaget"].emails
    assert emails[:2] == ("info@kustlaget.example", emails[1])
    assert "rut@kustlaget.example" in emails
    assert len(emails) == len(set(emails))
    assert by_name["Anonyma"].organisation_id == anonymous.pk

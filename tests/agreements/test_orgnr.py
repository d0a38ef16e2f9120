"""Organisationsnummer: shape, Luhn check digit and the stored form NNNNNN-NNNN."""

import pytest
from django.core.exceptions import ValidationError

from agreements.orgnr import luhn_valid, normalise_org_number
from tests.factories import REAL_ORG_NUMBER, luhn_check_digit, org_number

SHAPE_MESSAGE = "Skriv organisationsnumret som tio siffror, till exempel 802000-1007."
CHECKSUM_MESSAGE = (
    "Organisationsnumret stämmer inte: kontrollsiffran är fel. Kontrollera siffrorna."
)


class TestLuhn:
    @pytest.mark.parametrize(
        "digits",
        [
            "5560360793",  # a real company's number
            "2120000142",  # a real public authority's number
            "5565475489",
            "0000000000",
            "18",  # 1·2 = 2, + 8 = 10
            "59",  # 5·2 = 10 → 1, + 9 = 10
        ],
    )
    def test_valid(self, digits: str) -> None:
        assert luhn_valid(digits)

    @pytest.mark.parametrize(
        "digits",
        [
            "5560360794",  # last digit off by one
            "5560360792",
            "5506360793",  # two digits swapped
            "8020001234",  # the example in the error message is only a shape
            "19",
        ],
    )
    def test_invalid(self, digits: str) -> None:
        assert not luhn_valid(digits)

    def test_doubling_over_nine_subtracts_nine(self) -> None:
        # 9·2 = 18 → 9, so "91" sums to 9 + 1 = 10; a naive 18 + 1 = 19 would fail.
        assert luhn_valid("91")
        assert not luhn_valid("92")

    def test_every_single_digit_change_is_caught(self) -> None:
        digits = REAL_ORG_NUMBER.replace("-", "")
        for position in range(len(digits)):
            for replacement in "0123456789":
                if replacement == digits[position]:
                    continue
                changed = digits[:position] + replacement + digits[position + 1 :]
                assert not luhn_valid(changed), changed

    def test_the_factory_numbers_are_valid(self) -> None:
        numbers = [org_number(n) for n in range(50)]
        assert len(set(numbers)) == 50
        assert all(luhn_valid(number.replace("-", "")) for number in numbers)
        assert luhn_check_digit("556036079") == "3"


class TestNormalise:
    @pytest.mark.parametrize(
        "raw",
        [
            "556036-0793",
            "5560360793",
            " 556036-0793 ",
            "556036 0793",
            "55 60 36 07 93",
            "556036-\t0793",
            "556036\u00a00793",  # a non-breaking space, as pasted from a web page
        ],
    )
    def test_valid_numbers_are_stored_with_a_dash(self, raw: str) -> None:
        assert normalise_org_number(raw) == "556036-0793"

    @pytest.mark.parametrize(
        "raw",
        [
            "",
            "55603607",  # too short
            "556036-079",
            "55603607930",  # too long
            "556036-07931",
            "5560-360793",  # dash in the wrong place
            "556036--0793",
            "55603A-0793",  # a letter
            "ABCDEF-GHIJ",
            "16556036-0793",  # twelve digits (with century) are not an organisationsnummer
        ],
    )
    def test_wrong_shape(self, raw: str) -> None:
        with pytest.raises(ValidationError) as error:
            normalise_org_number(raw)
        assert error.value.messages == [SHAPE_MESSAGE]
        assert error.value.code == "org_number_shape"

    def test_none_is_a_wrong_shape(self) -> None:
        with pytest.raises(ValidationError) as error:
            normalise_org_number(None)  # type: ignore[arg-type]
        assert error.value.code == "org_number_shape"

    @pytest.mark.parametrize("raw", ["556036-0794", "5560360790", "802000-1234"])
    def test_bad_check_digit(self, raw: str) -> None:
        with pytest.raises(ValidationError) as error:
            normalise_org_number(raw)
        assert error.value.messages == [CHECKSUM_MESSAGE]
        assert error.value.code == "org_number_checksum"

    @pytest.mark.parametrize(
        "raw",
        [
            "５５６０３６-０７９３",  # full-width digits
            "٥٥٦٠٣٦-٠٧٩٣",  # Arabic-Indic digits
        ],
    )
    def test_non_ascii_digits_never_come_out(self, raw: str) -> None:
        """\\d would match them, and the same number would be stored as another string."""
        try:
            result = normalise_org_number(raw)
        except ValidationError:
            return
        assert result == "556036-0793"

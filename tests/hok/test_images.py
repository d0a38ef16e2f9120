"""hok.images.image_reencode: the one way an uploaded image is accepted; bombs refused."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from hok.images import IMAGE_ERROR_CODES, image_reencode
from tests.uploads import gradient_jpeg_bytes, huge_png_bytes, png_upload, upload


def _fail_on_decoding(self: Image.Image) -> None:
    raise AssertionError("the image was decoded")


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any decoding fails the test, and Pillow's own bomb guard is out of the way."""
    monkeypatch.setattr(Image.Image, "load", _fail_on_decoding)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)


class TestDeclaredPixels:
    @pytest.mark.usefixtures("no_decoding")
    def test_a_small_file_declaring_144_million_pixels_is_refused_undecoded(self) -> None:
        data = huge_png_bytes(12_000, 12_000)
        assert len(data) < 50_000
        with pytest.raises(ValidationError) as error:
            image_reencode(upload("bomb.png", data, "image/png"), max_pixels=16_000_000)
        assert error.value.code == "image_too_many_pixels"
        assert error.value.messages == [
            "Bilden är 12000 × 12000 bildpunkter. Den får ha högst 16 miljoner bildpunkter; "
            "förminska den och försök igen."
        ]

    def test_one_pixel_over_the_limit_is_refused_undecoded(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        over = png_upload(101, 100)
        monkeypatch.setattr(Image.Image, "load", _fail_on_decoding)
        with pytest.raises(ValidationError) as error:
            image_reencode(over, max_pixels=100 * 100)
        assert error.value.code == "image_too_many_pixels"

    def test_exactly_the_limit_is_accepted(self) -> None:
        result = image_reencode(png_upload(100, 100), max_pixels=100 * 100)
        assert Image.open(BytesIO(result.read())).size == (100, 100)

    def test_pillows_own_bomb_error_is_the_same_swedish_refusal(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # Image.open raises past 2000
        with pytest.raises(ValidationError) as error:
            image_reencode(png_upload(100, 100), max_pixels=10**9)
        assert error.value.code == "image_too_many_pixels"


class TestReencode:
    def test_the_result_is_a_fresh_png_within_max_side(self) -> None:
        result = image_reencode(png_upload(1200, 800), max_pixels=10**7, max_side=300, name="x.png")
        image = Image.open(BytesIO(result.read()))
        assert (image.format, image.size, result.name) == ("PNG", (300, 200), "x.png")

    def test_a_large_jpeg_is_decoded_at_a_reduced_scale_and_shrunk(self) -> None:
        result = image_reencode(
            upload("g.jpg", gradient_jpeg_bytes(), "image/jpeg"), max_pixels=10**6, max_side=64
        )
        assert Image.open(BytesIO(result.read())).size == (64, 64)

    def test_more_bytes_than_allowed(self) -> None:
        with pytest.raises(ValidationError) as error:
            image_reencode(
                upload("a.png", b"\0" * (2 * 2**20 + 1), "image/png"),
                max_pixels=10,
                max_bytes=2 * 2**20,
            )
        assert error.value.code == "image_too_large"
        assert error.value.messages == ["Bilden får vara högst 2 MB."]

    def test_a_format_outside_the_list(self) -> None:
        with pytest.raises(ValidationError) as error:
            image_reencode(png_upload(), max_pixels=10**6, formats=frozenset({"JPEG"}))
        assert error.value.code == "image_invalid"

    def test_every_code_is_listed_for_the_views(self) -> None:
        assert set(IMAGE_ERROR_CODES) == {
            "image_too_large",
            "image_too_many_pixels",
            "image_invalid",
        }

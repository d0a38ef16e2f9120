"""Organisation services: registering, logos, editing, invitations, members and join requests."""

import hashlib
import re
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageFile

from agreements.models import (
    ActivityArea,
    JoinRequest,
    Membership,
    MembershipInvitation,
    Municipality,
    Organisation,
)
from agreements.selectors.organisations import invitation_for_token
from agreements.services.logos import LOGO_MAX_BYTES, logo_reencode
from agreements.services.memberships import (
    invitation_accept,
    invitation_create,
    join_request_create,
    join_request_decide,
    membership_remove,
)
from agreements.services.organisations import (
    OrganisationAlreadyRegistered,
    organisation_register,
    organisation_update,
)
from hok.models import User
from tests.factories import (
    REAL_ORG_NUMBER,
    JoinRequestFactory,
    MembershipFactory,
    MembershipInvitationFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.uploads import (
    gradient_jpeg_bytes,
    huge_png_bytes,
    jpeg_bytes,
    png_bytes,
    png_upload,
    text_upload,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

FROZEN_NOW = timezone.now().replace(microsecond=0)


def _register(user: User, **overrides: object) -> Organisation:
    data: dict[str, object] = {
        "by": user,
        "name": "Föreningen Havsörnen",
        "org_number": REAL_ORG_NUMBER,
        "party_side": Organisation.PartySide.CIVIL_SOCIETY,
        "form": Organisation.Form.FORENING,
        "municipalities": [],
        "areas": [],
    }
    data.update(overrides)
    return organisation_register(**data)  # type: ignore[arg-type]


def _image(content: bytes) -> Image.Image:
    image = Image.open(BytesIO(content))
    image.load()
    return image


def _freeze(monkeypatch: pytest.MonkeyPatch, moment) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _token_from(body: str) -> str:
    match = re.search(r"/inbjudan/([^/\s]+)/", body)
    assert match, body
    return match.group(1)


class TestOrganisationRegister:
    def test_the_creator_becomes_the_first_representative(self, user: User) -> None:
        organisation = _register(user)
        assert list(organisation.memberships.values_list("user", flat=True)) == [user.pk]
        assert organisation.created_by == user
        assert Organisation.objects.count() == 1

    def test_fields_are_stored_cleaned(self, user: User) -> None:
        organisation = _register(
            user,
            name="  Föreningen Havsörnen  ",
            org_number="556036 0793",
            website="https://havsornen.se",
            contact_email="info@havsornen.se",
            description="  Vi simmar.  ",
        )
        organisation.refresh_from_db()
        assert organisation.name == "Föreningen Havsörnen"
        assert organisation.org_number == "556036-0793"
        assert organisation.slug == "foreningen-havsornen"
        assert organisation.website == "https://havsornen.se"
        assert organisation.contact_email == "info@havsornen.se"
        assert organisation.description == "Vi simmar."
        assert not organisation.logo

    def test_municipalities_and_areas_are_set(self, user: User) -> None:
        municipalities = list(Municipality.objects.order_by("position")[:2])
        areas = list(ActivityArea.objects.order_by("position")[:3])
        assert len(municipalities) == 2 and len(areas) == 3  # loaded by migration 0003
        organisation = _register(user, municipalities=municipalities, areas=areas)
        assert list(organisation.municipalities.all()) == municipalities
        assert list(organisation.areas.all()) == areas

    def test_the_same_name_gets_a_numbered_slug(self, user: User) -> None:
        slugs = [
            _register(user, org_number=number).slug
            for number in ["556036-0793", "212000-0142", "556547-5489"]
        ]
        assert slugs == ["foreningen-havsornen", "foreningen-havsornen-2", "foreningen-havsornen-3"]

    def test_a_name_without_latin_letters_still_gets_a_slug(self, user: User) -> None:
        assert _register(user, name="Ассоциация").slug == "organisation"

    @pytest.mark.parametrize("spelling", ["556036-0793", "5560360793", " 556036 0793 "])
    def test_a_registered_number_raises_already_registered(self, user: User, spelling: str) -> None:
        existing = OrganisationFactory(org_number=REAL_ORG_NUMBER)
        newcomer = UserFactory()
        with pytest.raises(OrganisationAlreadyRegistered) as error:
            _register(newcomer, name="Ett annat namn", org_number=spelling)
        assert error.value.organisation == existing
        assert Organisation.objects.count() == 1
        assert not Membership.objects.filter(user=newcomer).exists()

    def test_the_same_number_in_other_digits_is_no_second_organisation(self, user: User) -> None:
        OrganisationFactory(org_number=REAL_ORG_NUMBER)
        with pytest.raises((ValidationError, OrganisationAlreadyRegistered)):
            _register(UserFactory(), org_number="５５６０３６-０７９３")  # full-width digits
        assert Organisation.objects.count() == 1

    @pytest.mark.parametrize(
        ("number", "code"),
        [("556036-0794", "org_number_checksum"), ("55603607", "org_number_shape")],
    )
    def test_a_bad_number_is_refused(self, user: User, number: str, code: str) -> None:
        with pytest.raises(ValidationError) as error:
            _register(user, org_number=number)
        assert error.value.code == code
        assert not Organisation.objects.exists()

    def test_civil_society_without_form_is_refused(self, user: User) -> None:
        with pytest.raises(ValidationError):
            _register(user, form="")
        assert not Organisation.objects.exists()
        assert not Membership.objects.exists()

    def test_region_side_without_form_is_fine(self, user: User) -> None:
        organisation = _register(
            user, name="Region Halland", party_side=Organisation.PartySide.REGION, form=""
        )
        assert organisation.party_side == "region"
        assert organisation.form == ""

    def test_an_unknown_form_is_refused(self, user: User) -> None:
        with pytest.raises(ValidationError) as error:
            _register(user, form="aktiebolag")
        assert "form" in error.value.error_dict
        assert not Organisation.objects.exists()

    def test_the_logo_is_stored_as_png(self, user: User, media_root: Path) -> None:
        organisation = _register(user, logo=png_upload(1200, 800))
        organisation.refresh_from_db()
        assert organisation.logo.name.startswith("logos/")
        assert organisation.logo.name.endswith(".png")
        stored = _image(organisation.logo.read())
        assert stored.format == "PNG"
        assert stored.size == (600, 400)
        assert Path(organisation.logo.path).is_relative_to(media_root)

    def test_a_registration_that_loses_the_race_is_sent_to_join(
        self, user: User, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Two people register the same number at once: the second gets the first's."""
        first = _register(UserFactory(), name="Föreningen Först")
        # The existence check ran before the other registration was committed.
        monkeypatch.setattr(
            "agreements.services.organisations.Organisation.objects.filter",
            lambda **kwargs: Organisation.objects.none(),
        )
        with pytest.raises(OrganisationAlreadyRegistered) as raised:
            _register(user, name="Föreningen Tvåa")
        assert raised.value.organisation == first
        assert Organisation.objects.count() == 1

    def test_a_text_file_as_logo_refuses_the_registration(self, user: User) -> None:
        with pytest.raises(ValidationError) as error:
            _register(user, logo=text_upload())
        assert error.value.code == "image_invalid"
        assert not Organisation.objects.exists()


class TestLogoReencode:
    def test_a_gif_is_refused_as_the_help_text_promises(self) -> None:
        output = BytesIO()
        Image.new("RGB", (10, 10), (0, 90, 70)).save(output, format="GIF")
        with pytest.raises(ValidationError) as error:
            logo_reencode(SimpleUploadedFile("logo.gif", output.getvalue(), "image/gif"))
        assert error.value.code == "image_invalid"

    def test_a_large_png_is_shrunk_to_600_pixels(self) -> None:
        result = logo_reencode(png_upload(1200, 800))
        image = _image(result.read())
        assert image.format == "PNG"
        assert image.size == (600, 400)
        assert result.name == "logo.png"

    def test_a_tall_image_is_shrunk_by_its_height(self) -> None:
        image = _image(logo_reencode(png_upload(300, 1500)).read())
        assert image.size == (120, 600)

    def test_a_small_image_is_not_enlarged(self) -> None:
        image = _image(logo_reencode(png_upload(40, 30)).read())
        assert image.size == (40, 30)

    def test_a_jpeg_becomes_a_png(self) -> None:
        image = _image(logo_reencode(upload("logo.jpg", jpeg_bytes(), "image/jpeg")).read())
        assert image.format == "PNG"
        assert image.size == (40, 30)

    def test_nothing_but_the_pixels_survives(self) -> None:
        original = png_upload(comment="<script>alert(1)</script>")
        assert _image(original.read()).info.get("Comment")
        original.seek(0)
        image = _image(logo_reencode(original).read())
        assert "Comment" not in image.info

    @pytest.mark.parametrize(
        "bad",
        [
            text_upload(),
            upload("logo.png", b"", "image/png"),
            upload("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
        ],
        ids=["text", "empty", "svg"],
    )
    def test_a_file_that_is_no_image_is_refused(self, bad: SimpleUploadedFile) -> None:
        with pytest.raises(ValidationError) as error:
            logo_reencode(bad)
        assert error.value.code == "image_invalid"
        assert error.value.messages == [
            "Filen är ingen bild vi kan läsa. Ladda upp en PNG-, JPEG- eller WebP-bild."
        ]

    @pytest.fixture
    def weasyprint_loaded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Importing WeasyPrint (at the first certificate) turns this on for the whole process."""
        monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)

    @pytest.mark.parametrize("loaded", [False, True], ids=["before", "after-weasyprint"])
    def test_a_truncated_png_is_refused(
        self, monkeypatch: pytest.MonkeyPatch, loaded: bool
    ) -> None:
        monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", loaded)
        data = png_bytes(400, 300)
        for cut in [60, len(data) // 2, len(data) - 20]:
            with pytest.raises(ValidationError) as error:
                logo_reencode(upload("logo.png", data[:cut], "image/png"))
            assert error.value.code == "image_invalid", cut

    def test_a_truncated_jpeg_is_refused_before_weasyprint_is_loaded(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)
        data = gradient_jpeg_bytes()
        with pytest.raises(ValidationError) as error:
            logo_reencode(upload("logo.jpg", data[: len(data) // 2], "image/jpeg"))
        assert error.value.code == "image_invalid"

    @pytest.mark.usefixtures("weasyprint_loaded")
    def test_a_truncated_jpeg_is_refused_after_weasyprint_is_loaded(self) -> None:
        data = gradient_jpeg_bytes()
        with pytest.raises(ValidationError) as error:
            logo_reencode(upload("logo.jpg", data[: len(data) // 2], "image/jpeg"))
        assert error.value.code == "image_invalid"

    def test_a_decompression_bomb_is_refused_by_its_header(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """12,000 × 12,000 pixels in 17 kB: refused before Pillow decodes a pixel."""
        bomb = upload("logo.png", huge_png_bytes(12_000, 12_000), "image/png")
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # not Pillow's guard that holds

        def load(self: Image.Image) -> None:
            raise AssertionError("the logo was decoded")

        monkeypatch.setattr(Image.Image, "load", load)
        with pytest.raises(ValidationError) as error:
            logo_reencode(bomb)
        assert error.value.code == "image_too_many_pixels"

    def test_a_photo_of_16_megapixels_is_still_a_logo(self) -> None:
        image = _image(
            logo_reencode(upload("logo.jpg", jpeg_bytes(4000, 4000), "image/jpeg")).read()
        )
        assert image.size == (600, 600)

    def test_more_than_2_mb_is_refused(self) -> None:
        big = upload("logo.png", b"\0" * (LOGO_MAX_BYTES + 1), "image/png")
        with pytest.raises(ValidationError) as error:
            logo_reencode(big)
        assert error.value.code == "image_too_large"
        assert error.value.messages == ["Bilden får vara högst 2 MB."]

    def test_exactly_2_mb_is_not_too_large(self) -> None:
        at_limit = upload("logo.png", b"\0" * LOGO_MAX_BYTES, "image/png")
        with pytest.raises(ValidationError) as error:
            logo_reencode(at_limit)
        assert error.value.code == "image_invalid"


class TestOrganisationUpdate:
    def _update(self, organisation: Organisation, **overrides: object) -> Organisation:
        data: dict[str, object] = {
            "organisation": organisation,
            "by": UserFactory(),
            "name": organisation.name,
            "party_side": organisation.party_side,
            "form": organisation.form,
            "municipalities": list(organisation.municipalities.all()),
            "areas": list(organisation.areas.all()),
            "website": organisation.website,
            "contact_email": organisation.contact_email,
            "description": organisation.description,
        }
        data.update(overrides)
        return organisation_update(**data)  # type: ignore[arg-type]

    def test_fields_change_but_number_and_slug_stay(self, organisation: Organisation) -> None:
        number, slug = organisation.org_number, organisation.slug
        first, second = Municipality.objects.order_by("position")[:2]
        organisation.municipalities.set([first])
        self._update(
            organisation,
            name="  Kustlaget i Halland ",
            form=Organisation.Form.KOOPERATIV,
            municipalities=[second],
            website="https://kustlaget.se",
            contact_email="hej@kustlaget.se",
            description=" Nytt. ",
        )
        organisation.refresh_from_db()
        assert organisation.name == "Kustlaget i Halland"
        assert organisation.form == "kooperativ"
        assert organisation.website == "https://kustlaget.se"
        assert organisation.contact_email == "hej@kustlaget.se"
        assert organisation.description == "Nytt."
        assert list(organisation.municipalities.all()) == [second]
        assert (organisation.org_number, organisation.slug) == (number, slug)

    def test_civil_society_without_form_is_refused_and_nothing_changes(
        self, organisation: Organisation
    ) -> None:
        with pytest.raises(ValidationError):
            self._update(organisation, name="Nytt namn", form="")
        organisation.refresh_from_db()
        assert organisation.name == "Föreningen Kustlaget"
        assert organisation.form == "forening"

    def test_moving_to_the_region_side_without_form(self, organisation: Organisation) -> None:
        self._update(organisation, party_side=Organisation.PartySide.REGION, form="")
        organisation.refresh_from_db()
        assert (organisation.party_side, organisation.form) == ("region", "")

    def test_a_new_logo_and_then_removing_it(self, organisation: Organisation) -> None:
        self._update(organisation, logo=png_upload(900, 900))
        organisation.refresh_from_db()
        path = Path(organisation.logo.path)
        assert path.exists()
        assert _image(path.read_bytes()).size == (600, 600)

        self._update(organisation, remove_logo=True)
        organisation.refresh_from_db()
        assert not organisation.logo
        assert not path.exists()

    def test_a_bad_logo_changes_nothing(self, organisation: Organisation) -> None:
        with pytest.raises(ValidationError) as error:
            self._update(organisation, name="Nytt namn", logo=text_upload())
        assert error.value.code == "image_invalid"
        organisation.refresh_from_db()
        assert organisation.name == "Föreningen Kustlaget"


class TestInvitationCreate:
    def test_only_the_hash_of_the_token_is_stored(
        self,
        organisation: Organisation,
        representative: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        _freeze(monkeypatch, FROZEN_NOW)
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invitation_create(
                organisation=organisation, email=" Kollega@Exempel.SE ", by=representative
            )
        assert len(mailoutbox) == 1
        message = mailoutbox[0]
        assert message.to == ["kollega@exempel.se"]
        assert message.subject == "[HÖK-portalen] Inbjudan att företräda Föreningen Kustlaget"
        assert "Rut Företrädare bjuder in dig att företräda Föreningen Kustlaget" in message.body
        token = _token_from(message.body)
        assert len(token) >= 40
        invitation.refresh_from_db()
        assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
        stored = [str(value) for value in MembershipInvitation.objects.values().get().values()]
        assert not any(token in value for value in stored)
        assert invitation.email == "kollega@exempel.se"
        assert invitation.invited_by == representative
        assert invitation.expires_at == FROZEN_NOW + timedelta(days=14)
        assert invitation.used_at is None

    def test_every_invitation_gets_its_own_token(
        self, organisation: Organisation, representative: User
    ) -> None:
        hashes = {
            invitation_create(
                organisation=organisation, email="a@exempel.se", by=representative
            ).token_hash
            for _ in range(3)
        }
        assert len(hashes) == 3

    def test_someone_who_already_represents_is_refused(
        self,
        organisation: Organisation,
        representative: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(ValidationError) as error:
                invitation_create(
                    organisation=organisation,
                    email=representative.email.upper(),
                    by=representative,
                )
        assert error.value.code == "already_member"
        assert error.value.messages == [f"{representative.email} företräder redan organisationen."]
        assert not MembershipInvitation.objects.exists()
        assert mailoutbox == []


class TestInvitationAccept:
    def test_accepting_makes_a_representative(self, organisation: Organisation) -> None:
        colleague = UserFactory(email="kollega@exempel.se")
        invitation = MembershipInvitationFactory(
            organisation=organisation, token="abc-123", email=colleague.email
        )
        membership = invitation_accept(token="abc-123", by=colleague)
        assert membership.organisation == organisation
        assert membership.user == colleague
        invitation.refresh_from_db()
        assert invitation.used_by == colleague
        assert invitation.used_at is not None

    def test_the_link_works_only_once(self, organisation: Organisation) -> None:
        MembershipInvitationFactory(
            organisation=organisation, token="abc-123", email="kollega@exempel.se"
        )
        colleague = UserFactory(email="kollega@exempel.se")
        invitation_accept(token="abc-123", by=colleague)
        with pytest.raises(ValidationError) as error:
            invitation_accept(token="abc-123", by=colleague)
        assert error.value.code == "used"
        assert error.value.messages == ["Inbjudan har redan använts."]
        assert organisation.memberships.filter(user=colleague).count() == 1

    def test_an_unknown_token_is_refused(self, organisation: Organisation) -> None:
        MembershipInvitationFactory(organisation=organisation, token="abc-123")
        with pytest.raises(ValidationError) as error:
            invitation_accept(token="abc-124", by=UserFactory())
        assert error.value.code == "unknown"
        assert error.value.messages == ["Inbjudan finns inte. Kontrollera länken."]

    def test_the_hash_itself_is_not_a_token(self, organisation: Organisation) -> None:
        invitation = MembershipInvitationFactory(organisation=organisation, token="abc-123")
        with pytest.raises(ValidationError) as error:
            invitation_accept(token=invitation.token_hash, by=UserFactory())
        assert error.value.code == "unknown"

    def test_it_expires_after_14_days(
        self, organisation: Organisation, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        invitation = MembershipInvitationFactory(
            organisation=organisation, token="abc-123", expires_at=FROZEN_NOW
        )
        colleague = UserFactory(email=invitation.email)
        _freeze(monkeypatch, FROZEN_NOW + timedelta(seconds=1))
        with pytest.raises(ValidationError) as error:
            invitation_accept(token="abc-123", by=colleague)
        assert error.value.code == "expired"
        assert error.value.messages == ["Inbjudan har gått ut. Be om en ny inbjudan."]
        invitation.refresh_from_db()
        assert invitation.used_at is None
        assert not organisation.memberships.filter(user=colleague).exists()

    def test_it_still_works_at_the_last_moment(
        self, organisation: Organisation, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        invitation = MembershipInvitationFactory(
            organisation=organisation, token="abc-123", expires_at=FROZEN_NOW
        )
        _freeze(monkeypatch, FROZEN_NOW)
        assert invitation_accept(token="abc-123", by=UserFactory(email=invitation.email))

    def test_a_created_invitation_expires_after_14_days(
        self,
        organisation: Organisation,
        representative: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        _freeze(monkeypatch, FROZEN_NOW)
        with django_capture_on_commit_callbacks(execute=True):
            invitation_create(organisation=organisation, email="k@exempel.se", by=representative)
        token = _token_from(mailoutbox[0].body)
        _freeze(monkeypatch, FROZEN_NOW + timedelta(days=14, seconds=1))
        with pytest.raises(ValidationError) as error:
            invitation_accept(token=token, by=UserFactory(email="k@exempel.se"))
        assert error.value.code == "expired"

    def test_an_expired_date_set_by_hand(self, organisation: Organisation) -> None:
        invitation = MembershipInvitationFactory(organisation=organisation, token="abc-123")
        MembershipInvitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        with pytest.raises(ValidationError) as error:
            invitation_accept(token="abc-123", by=UserFactory(email=invitation.email))
        assert error.value.code == "expired"

    def test_a_representative_accepting_stays_one_membership(
        self, organisation: Organisation, representative: User
    ) -> None:
        MembershipInvitationFactory(
            organisation=organisation, token="abc-123", email=representative.email
        )
        membership = invitation_accept(token="abc-123", by=representative)
        assert membership.user == representative
        assert organisation.memberships.filter(user=representative).count() == 1

    def test_another_account_is_refused_and_nothing_changes(
        self, organisation: Organisation
    ) -> None:
        invitation = MembershipInvitationFactory(
            organisation=organisation, token="abc-123", email="c@exempel.se"
        )
        stranger = UserFactory(email="annan@exempel.se")
        with pytest.raises(ValidationError) as error:
            invitation_accept(token="abc-123", by=stranger)
        assert error.value.code == "someone_else"
        assert "c@exempel.se" not in error.value.messages[0]
        invitation.refresh_from_db()
        assert (invitation.used_at, invitation.used_by) == (None, None)
        assert not organisation.memberships.filter(user=stranger).exists()
        # The invited person can still accept afterwards.
        invited = UserFactory(email="c@exempel.se")
        assert invitation_accept(token="abc-123", by=invited).user == invited

    def test_another_account_learns_nothing_of_a_used_invitation(
        self, organisation: Organisation
    ) -> None:
        MembershipInvitationFactory(
            organisation=organisation, token="abc-123", used_at=timezone.now()
        )
        with pytest.raises(ValidationError) as error:
            invitation_accept(token="abc-123", by=UserFactory())
        assert error.value.code == "someone_else"

    def test_the_address_is_compared_in_any_case(self, organisation: Organisation) -> None:
        MembershipInvitationFactory(
            organisation=organisation, token="abc-123", email="c.kollega@exempel.se"
        )
        invited = UserFactory(email="C.Kollega@Exempel.SE")
        assert invitation_accept(token="abc-123", by=invited).user == invited

    @pytest.mark.parametrize("verified", [True, False])
    def test_a_second_address_counts_when_verified(
        self, organisation: Organisation, verified: bool
    ) -> None:
        MembershipInvitationFactory(
            organisation=organisation, token="abc-123", email="jobb@exempel.se"
        )
        person = UserFactory(email="privat@exempel.se")
        EmailAddress.objects.create(
            user=person, email="Jobb@exempel.se", verified=verified, primary=False
        )
        if verified:
            assert invitation_accept(token="abc-123", by=person).user == person
        else:
            with pytest.raises(ValidationError) as error:
                invitation_accept(token="abc-123", by=person)
            assert error.value.code == "someone_else"

    def test_invitation_for_token(self, organisation: Organisation) -> None:
        invitation = MembershipInvitationFactory(organisation=organisation, token="abc-123")
        assert invitation_for_token("abc-123") == invitation
        assert invitation_for_token("abc-12") is None
        assert invitation_for_token(invitation.token_hash) is None


class TestMembershipRemove:
    def test_the_last_representative_cannot_be_removed(
        self, organisation: Organisation, representative: User
    ) -> None:
        membership = organisation.memberships.get()
        with pytest.raises(ValidationError) as error:
            membership_remove(membership=membership, by=representative)
        assert error.value.code == "last_member"
        assert error.value.messages == [
            "Organisationen måste ha minst en företrädare. Bjud in någon annan först."
        ]
        assert organisation.memberships.filter(user=representative).exists()

    def test_one_of_two_can_be_removed(
        self, organisation: Organisation, representative: User
    ) -> None:
        colleague = MembershipFactory(organisation=organisation).user
        membership_remove(
            membership=organisation.memberships.get(user=colleague), by=representative
        )
        assert list(organisation.memberships.values_list("user", flat=True)) == [representative.pk]

    def test_one_can_leave_but_then_the_other_cannot(
        self, organisation: Organisation, representative: User
    ) -> None:
        colleague = MembershipFactory(organisation=organisation).user
        membership_remove(
            membership=organisation.memberships.get(user=representative), by=representative
        )
        with pytest.raises(ValidationError):
            membership_remove(membership=organisation.memberships.get(user=colleague), by=colleague)
        assert list(organisation.memberships.values_list("user", flat=True)) == [colleague.pk]


class TestJoinRequestCreate:
    def test_every_representative_is_mailed(
        self,
        organisation: Organisation,
        representative: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        colleague = MembershipFactory(organisation=organisation).user
        asker = UserFactory(email="asker@exempel.se")
        with django_capture_on_commit_callbacks(execute=True):
            join_request = join_request_create(
                organisation=organisation, by=asker, message="  Jag är kassör.  "
            )
        assert join_request.status == JoinRequest.Status.PENDING
        assert join_request.message == "Jag är kassör."
        assert sorted(message.to[0] for message in mailoutbox) == sorted(
            [representative.email, colleague.email]
        )
        assert all(len(message.to) == 1 for message in mailoutbox)
        message = mailoutbox[0]
        assert message.subject == "[HÖK-portalen] Någon vill företräda Föreningen Kustlaget"
        assert "asker@exempel.se ber om att få företräda Föreningen Kustlaget" in message.body
        assert "Jag är kassör." in message.body
        assert f"/organisationer/{organisation.slug}/hantera/foretradare/" in message.body
        assert asker.email not in [m.to[0] for m in mailoutbox]

    def test_a_second_pending_request_is_refused(
        self,
        organisation: Organisation,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        asker = UserFactory()
        join_request_create(organisation=organisation, by=asker, message="")
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(ValidationError) as error:
                join_request_create(organisation=organisation, by=asker, message="igen")
        assert error.value.code == "pending"
        assert error.value.messages == [
            "Du har redan bett om att få företräda organisationen. Vänta på svar."
        ]
        assert organisation.join_requests.count() == 1
        assert mailoutbox == []

    def test_after_a_decline_one_may_ask_again(
        self, organisation: Organisation, representative: User
    ) -> None:
        asker = UserFactory()
        first = join_request_create(organisation=organisation, by=asker, message="")
        join_request_decide(join_request=first, by=representative, accept=False)
        second = join_request_create(organisation=organisation, by=asker, message="Snälla")
        assert second.pk != first.pk
        assert second.status == JoinRequest.Status.PENDING

    def test_a_representative_cannot_ask(
        self, organisation: Organisation, representative: User
    ) -> None:
        with pytest.raises(ValidationError) as error:
            join_request_create(organisation=organisation, by=representative, message="")
        assert error.value.code == "already_member"
        assert error.value.messages == ["Du företräder redan organisationen."]


class TestJoinRequestDecide:
    def test_accepting_makes_a_representative_and_tells_the_asker(
        self,
        organisation: Organisation,
        representative: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        join_request = JoinRequestFactory(organisation=organisation)
        with django_capture_on_commit_callbacks(execute=True):
            decided = join_request_decide(join_request=join_request, by=representative, accept=True)
        assert decided.status == JoinRequest.Status.ACCEPTED
        assert decided.decided_by == representative
        assert decided.decided_at is not None
        assert organisation.memberships.filter(user=join_request.user).exists()
        assert [message.to for message in mailoutbox] == [[join_request.user.email]]
        assert mailoutbox[0].subject == (
            "[HÖK-portalen] Svar på din förfrågan om Föreningen Kustlaget"
        )
        assert "Du företräder nu Föreningen Kustlaget" in mailoutbox[0].body

    def test_declining_makes_no_representative(
        self,
        organisation: Organisation,
        representative: User,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        join_request = JoinRequestFactory(organisation=organisation)
        with django_capture_on_commit_callbacks(execute=True):
            decided = join_request_decide(
                join_request=join_request, by=representative, accept=False
            )
        assert decided.status == JoinRequest.Status.DECLINED
        assert not organisation.memberships.filter(user=join_request.user).exists()
        assert [message.to for message in mailoutbox] == [[join_request.user.email]]
        assert "har avböjt din förfrågan" in mailoutbox[0].body

    def test_deciding_twice_is_refused(
        self, organisation: Organisation, representative: User
    ) -> None:
        join_request = JoinRequestFactory(organisation=organisation)
        join_request_decide(join_request=join_request, by=representative, accept=False)
        with pytest.raises(ValidationError) as error:
            join_request_decide(join_request=join_request, by=representative, accept=True)
        assert error.value.code == "decided"
        assert error.value.messages == ["Förfrågan är redan besvarad."]
        assert not organisation.memberships.filter(user=join_request.user).exists()
        join_request.refresh_from_db()
        assert join_request.status == JoinRequest.Status.DECLINED

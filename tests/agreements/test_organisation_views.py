"""Organisation pages for every role, with good and bad input: never a 500, errors in Swedish."""

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from agreements.models import (
    ActivityArea,
    JoinRequest,
    Membership,
    MembershipInvitation,
    Municipality,
    Organisation,
)
from hok.models import User
from tests.agreements.conftest import ROLES
from tests.factories import (
    REAL_ORG_NUMBER,
    JoinRequestFactory,
    MembershipFactory,
    MembershipInvitationFactory,
    OrganisationFactory,
    SignatureFactory,
    UserFactory,
)
from tests.uploads import huge_png_bytes, png_upload, text_upload, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

LOGIN_URL = "/konto/login/"
MINE_URL = "/mina-organisationer/"
REGISTER_URL = "/organisationer/registrera/"


def _html(response) -> str:
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _assert_login_redirect(response, path: str) -> None:
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={path}"


def _assert_contains(response, *texts: str) -> None:
    html = _html(response)
    missing = [text for text in texts if escape(text) not in html]
    assert missing == []


def _input_value(response, name: str) -> str | None:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', _html(response))
    assert tag, f"no input named {name}"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else None


def _textarea(response, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', _html(response), re.S)
    assert match, f"no textarea named {name}"
    return match.group(1).strip()


def _checked(response, name: str) -> list[str]:
    tags = re.findall(rf'<input[^>]*name="{name}"[^>]*>', _html(response))
    return [
        re.search(r'value="([^"]*)"', tag).group(1)  # type: ignore[union-attr]
        for tag in tags
        if " checked" in tag
    ]


def _expect(response, role: str, path: str, *, ok: int = 200) -> None:
    """Anonymous → login; the organisation's own representative → `ok`; everyone else → 403."""
    if role == "anonymous":
        _assert_login_redirect(response, path)
    elif role == "representative":
        assert response.status_code == ok
    else:
        assert response.status_code == 403
        assert "Du har inte behörighet till sidan" in _html(response)


def dashboard_url(organisation: Organisation) -> str:
    return reverse("agreements:organisation_dashboard", kwargs={"slug": organisation.slug})


def edit_url(organisation: Organisation) -> str:
    return reverse("agreements:organisation_edit", kwargs={"slug": organisation.slug})


def members_url(organisation: Organisation) -> str:
    return reverse("agreements:organisation_members", kwargs={"slug": organisation.slug})


def join_url(organisation: Organisation) -> str:
    return reverse("agreements:organisation_join", kwargs={"slug": organisation.slug})


def remove_url(organisation: Organisation, membership: Membership) -> str:
    return reverse(
        "agreements:membership_remove", kwargs={"slug": organisation.slug, "pk": membership.pk}
    )


def decide_url(organisation: Organisation, join_request: JoinRequest) -> str:
    return reverse(
        "agreements:join_request_decide",
        kwargs={"slug": organisation.slug, "pk": join_request.pk},
    )


def invitation_url(token: str) -> str:
    return reverse("agreements:invitation_accept", kwargs={"token": token})


def _registration(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Föreningen Havsörnen",
        "org_number": "556036 0793",
        "party_side": "civil_society",
        "form": "forening",
        "municipalities": [],
        "areas": [],
        "website": "havsornen.se",
        "contact_email": "info@havsornen.se",
        "description": "Vi ordnar simskola för barn.",
    }
    data.update(overrides)
    return data


def _edit_data(organisation: Organisation, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": organisation.name,
        "party_side": organisation.party_side,
        "form": organisation.form,
        "website": organisation.website,
        "contact_email": organisation.contact_email,
        "description": organisation.description,
    }
    data.update(overrides)
    return data


class TestAccessByRole:
    """Every organisation page for every role."""

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize("page", [dashboard_url, edit_url, members_url])
    def test_management_pages(
        self,
        client_as: Callable[[str], Client],
        organisation: Organisation,
        role: str,
        page: Callable[[Organisation], str],
    ) -> None:
        path = page(organisation)
        response = client_as(role).get(path)
        _expect(response, role, path)
        if role == "representative":
            _assert_contains(response, organisation.name)

    @pytest.mark.parametrize("role", ROLES)
    def test_editing_by_post(
        self, client_as: Callable[[str], Client], organisation: Organisation, role: str
    ) -> None:
        path = edit_url(organisation)
        response = client_as(role).post(path, _edit_data(organisation, name="Kapad förening"))
        _expect(response, role, path, ok=302)
        organisation.refresh_from_db()
        expected = "Kapad förening" if role == "representative" else "Föreningen Kustlaget"
        assert organisation.name == expected

    @pytest.mark.parametrize("role", ROLES)
    def test_inviting_by_post(
        self, client_as: Callable[[str], Client], organisation: Organisation, role: str
    ) -> None:
        path = members_url(organisation)
        response = client_as(role).post(path, {"email": "inkraktare@exempel.se"})
        _expect(response, role, path, ok=302)
        assert MembershipInvitation.objects.exists() == (role == "representative")

    @pytest.mark.parametrize("role", ROLES)
    def test_removing_a_member_by_post(
        self, client_as: Callable[[str], Client], organisation: Organisation, role: str
    ) -> None:
        colleague = MembershipFactory(organisation=organisation)
        path = remove_url(organisation, colleague)
        response = client_as(role).post(path)
        _expect(response, role, path, ok=302)
        assert Membership.objects.filter(pk=colleague.pk).exists() == (role != "representative")

    @pytest.mark.parametrize("role", ROLES)
    def test_deciding_a_join_request_by_post(
        self, client_as: Callable[[str], Client], organisation: Organisation, role: str
    ) -> None:
        join_request = JoinRequestFactory(organisation=organisation)
        path = decide_url(organisation, join_request)
        response = client_as(role).post(path, {"decision": "accept"})
        _expect(response, role, path, ok=302)
        join_request.refresh_from_db()
        accepted = join_request.status == JoinRequest.Status.ACCEPTED
        assert accepted == (role == "representative")

    def test_the_asker_cannot_accept_their_own_request(self, organisation: Organisation) -> None:
        join_request = JoinRequestFactory(organisation=organisation)
        client = Client()
        client.force_login(join_request.user)
        response = client.post(decide_url(organisation, join_request), {"decision": "accept"})
        assert response.status_code == 403
        assert not organisation.memberships.filter(user=join_request.user).exists()

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize("path", [MINE_URL, REGISTER_URL])
    def test_pages_for_anyone_signed_in(
        self, client_as: Callable[[str], Client], organisation: Organisation, role: str, path: str
    ) -> None:
        response = client_as(role).get(path)
        if role == "anonymous":
            _assert_login_redirect(response, path)
        else:
            assert response.status_code == 200

    @pytest.mark.parametrize("role", ROLES)
    def test_join_page(
        self, client_as: Callable[[str], Client], organisation: Organisation, role: str
    ) -> None:
        path = join_url(organisation)
        response = client_as(role).get(path)
        if role == "anonymous":
            _assert_login_redirect(response, path)
        else:
            assert response.status_code == 200
            _assert_contains(response, "Be om att företräda Föreningen Kustlaget")

    def test_an_unknown_organisation_is_404_not_403(self, client_as) -> None:
        client = client_as("outsider")
        for path in [
            "/organisationer/finns-inte/hantera/",
            "/organisationer/finns-inte/hantera/uppgifter/",
            "/organisationer/finns-inte/be-om-att-ga-med/",
        ]:
            assert client.get(path).status_code == 404, path


class TestMyOrganisations:
    def test_a_representative_sees_only_their_organisations(
        self,
        representative_client: Client,
        organisation: Organisation,
        other_organisation: Organisation,
    ) -> None:
        response = representative_client.get(MINE_URL)
        assert response.status_code == 200
        _assert_contains(response, organisation.name, organisation.org_number)
        assert f'href="{dashboard_url(organisation)}"' in _html(response)
        assert other_organisation.name not in _html(response)

    def test_someone_without_organisations(
        self, client_as: Callable[[str], Client], organisation: Organisation
    ) -> None:
        response = client_as("outsider").get(MINE_URL)
        _assert_contains(response, "Du företräder ingen organisation ännu.")
        assert organisation.name not in _html(response)


class TestRegister:
    def test_the_form_in_swedish(self, user_client: Client) -> None:
        response = user_client.get(REGISTER_URL)
        assert response.status_code == 200
        _assert_contains(
            response,
            "Registrera en organisation",
            "Organisationsnummer",
            "Tio siffror, med eller utan bindestreck: 802000-1007.",
        )

    def test_registering(self, user: User, user_client: Client, mailoutbox) -> None:
        municipality = Municipality.objects.order_by("position").first()
        area = ActivityArea.objects.order_by("position").first()
        response = user_client.post(
            REGISTER_URL,
            _registration(municipalities=[municipality.pk], areas=[area.pk]),
        )
        organisation = Organisation.objects.get()
        assert response.status_code == 302
        assert response["Location"] == dashboard_url(organisation)
        assert _messages(response) == [
            "Föreningen Havsörnen är registrerad. Nästa steg är att underteckna överenskommelsen."
        ]
        assert organisation.org_number == REAL_ORG_NUMBER
        assert organisation.website == "https://havsornen.se"
        assert list(organisation.memberships.values_list("user", flat=True)) == [user.pk]
        assert list(organisation.municipalities.all()) == [municipality]
        assert list(organisation.areas.all()) == [area]

    def test_registering_with_a_logo(self, user_client: Client) -> None:
        response = user_client.post(REGISTER_URL, _registration(logo=png_upload(1000, 500)))
        assert response.status_code == 302
        logo = Organisation.objects.get().logo
        assert logo.name.endswith(".png")

    def test_the_region_needs_no_form(self, user_client: Client) -> None:
        response = user_client.post(
            REGISTER_URL, _registration(name="Region Halland", party_side="region", form="")
        )
        assert response.status_code == 302
        assert Organisation.objects.get().party_side == "region"

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            (
                "org_number",
                "556036-0794",
                "Organisationsnumret stämmer inte: kontrollsiffran är fel. Kontrollera siffrorna.",
            ),
            (
                "org_number",
                "55603607",
                "Skriv organisationsnumret som tio siffror, till exempel 802000-1007.",
            ),
            ("org_number", "", "Detta fält måste fyllas i."),
            ("name", "", "Skriv organisationens namn."),
            ("form", "", "Välj organisationsform."),
            (
                "website",
                "inte en webbadress",
                "Skriv en fullständig webbadress, till exempel https://forening.se.",
            ),
            ("contact_email", "info@", "Skriv en giltig e-postadress."),
            ("party_side", "kommunen", "Välj ett giltigt alternativ."),
            (
                "description",
                "Vi ordnar simskola. " * 100 + "!",
                "Säkerställ att detta värde har som mest 2000 tecken (den har 2001).",
            ),
        ],
    )
    def test_bad_input_gives_400_with_a_swedish_error_and_keeps_what_was_typed(
        self, user_client: Client, field: str, value: str, message: str
    ) -> None:
        municipality = Municipality.objects.order_by("position").last()
        data = _registration(municipalities=[municipality.pk], **{field: value})
        response = user_client.post(REGISTER_URL, data)
        assert response.status_code == 400
        assert message in _html(response)
        _assert_contains(
            response,
            "Något behöver rättas. Se meddelandena vid fälten nedan; det du skrev finns kvar.",
        )
        for kept in ["name", "org_number", "contact_email"]:
            if kept != field:
                assert _input_value(response, kept) == escape(data[kept])
        if field != "description":
            assert _textarea(response, "description") == "Vi ordnar simskola för barn."
        assert _checked(response, "municipalities") == [str(municipality.pk)]
        assert not Organisation.objects.exists()

    def test_an_over_long_description_is_kept_whole(self, user_client: Client) -> None:
        description = "Vi ordnar simskola. " * 100 + "!"
        assert len(description) == 2001
        response = user_client.post(REGISTER_URL, _registration(description=description))
        assert response.status_code == 400
        assert _textarea(response, "description") == description.strip()
        assert _input_value(response, "name") == "Föreningen Havsörnen"

    def test_the_error_is_linked_to_its_field(self, user_client: Client) -> None:
        response = user_client.post(REGISTER_URL, _registration(org_number="556036-0794"))
        tag = re.search(r'<input[^>]*name="org_number"[^>]*>', _html(response)).group(0)
        assert 'aria-invalid="true"' in tag
        assert "aria-describedby=" in tag

    def test_a_registered_number_leads_to_the_join_page(self, user: User, user_client) -> None:
        existing = OrganisationFactory(name="Havsörnarna", org_number=REAL_ORG_NUMBER)
        response = user_client.post(REGISTER_URL, _registration(org_number="5560360793"))
        assert response.status_code == 302
        assert response["Location"] == join_url(existing)
        assert _messages(response) == [
            "Havsörnarna är redan registrerad i portalen. Du kan be om att få "
            "företräda organisationen."
        ]
        assert Organisation.objects.count() == 1
        assert not Membership.objects.filter(user=user).exists()

    def test_a_decompression_bomb_as_logo(self, user_client: Client) -> None:
        bomb = upload("logo.png", huge_png_bytes(12_000, 12_000), "image/png")
        response = user_client.post(REGISTER_URL, _registration(logo=bomb))
        assert response.status_code == 400
        _assert_contains(response, "Bilden är 12000 × 12000 bildpunkter.")
        assert _input_value(response, "name") == "Föreningen Havsörnen"
        assert not Organisation.objects.exists()

    def test_a_text_file_as_logo(self, user_client: Client) -> None:
        response = user_client.post(REGISTER_URL, _registration(logo=text_upload()))
        assert response.status_code == 400
        _assert_contains(
            response, "Filen är ingen bild vi kan läsa. Ladda upp en PNG-, JPEG- eller WebP-bild."
        )
        assert _input_value(response, "name") == "Föreningen Havsörnen"
        assert not Organisation.objects.exists()


class TestJoin:
    def test_asking_to_join(
        self,
        organisation: Organisation,
        representative: User,
        user: User,
        user_client: Client,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            response = user_client.post(join_url(organisation), {"message": "Jag är ny kassör."})
        assert response.status_code == 302
        assert response["Location"] == MINE_URL
        assert _messages(response) == ["Din förfrågan är skickad till organisationens företrädare."]
        join_request = organisation.join_requests.get()
        assert (join_request.user, join_request.message) == (user, "Jag är ny kassör.")
        assert [message.to for message in mailoutbox] == [[representative.email]]
        assert not organisation.memberships.filter(user=user).exists()

    def test_asking_twice(self, organisation: Organisation, user: User, user_client) -> None:
        JoinRequestFactory(organisation=organisation, user=user)
        response = user_client.post(join_url(organisation), {"message": "Hallå?"})
        assert response.status_code == 400
        _assert_contains(
            response, "Du har redan bett om att få företräda organisationen. Vänta på svar."
        )
        assert _textarea(response, "message") == "Hallå?"
        assert organisation.join_requests.count() == 1

    def test_a_representative_asking(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        response = representative_client.post(join_url(organisation), {"message": ""})
        assert response.status_code == 400
        _assert_contains(response, "Du företräder redan organisationen.")
        assert not organisation.join_requests.exists()

    def test_an_over_long_message(self, organisation: Organisation, user_client: Client) -> None:
        response = user_client.post(join_url(organisation), {"message": "x" * 1001})
        assert response.status_code == 400
        _assert_contains(response, "Säkerställ att detta värde har som mest 1000 tecken")
        assert not organisation.join_requests.exists()


class TestDashboard:
    def test_not_signed(
        self, seed, organisation: Organisation, representative_client: Client
    ) -> None:
        response = representative_client.get(dashboard_url(organisation))
        sign = reverse("agreements:signature_sign", kwargs={"slug": organisation.slug})
        _assert_contains(
            response,
            "Organisationen har inte undertecknat den gällande versionen (version 1) av "
            "överenskommelsen.",
        )
        assert f'href="{sign}"' in _html(response)

    def test_pending(self, seed, organisation: Organisation, representative_client) -> None:
        SignatureFactory(organisation=organisation, signer_name="Rut Maria Företrädare")
        response = representative_client.get(dashboard_url(organisation))
        _assert_contains(
            response, "Väntar på arbetsgruppens beslut", "Rut Maria Företrädare undertecknade"
        )
        assert "Ladda ner intyg" not in _html(response)

    def test_approved_links_to_the_certificate(
        self, seed, organisation: Organisation, representative_client: Client
    ) -> None:
        signature = SignatureFactory(organisation=organisation, approved=True)
        response = representative_client.get(dashboard_url(organisation))
        certificate = reverse(
            "agreements:signature_certificate",
            kwargs={"slug": organisation.slug, "pk": signature.pk},
        )
        _assert_contains(response, "Undertecknad och godkänd", "Ladda ner intyg (PDF)")
        assert f'href="{certificate}"' in _html(response)

    def test_rejected_shows_the_reason_and_offers_to_sign_again(
        self, seed, organisation: Organisation, representative_client: Client
    ) -> None:
        SignatureFactory(
            organisation=organisation, rejected=True, decision_reason="Numret hör till en annan."
        )
        response = representative_client.get(dashboard_url(organisation))
        _assert_contains(response, "Avslagen", "Numret hör till en annan.", "Läs och underteckna")
        assert "Väntar på arbetsgruppens beslut" not in _html(response)

    def test_pending_join_requests_are_announced(
        self, seed, organisation: Organisation, representative_client: Client
    ) -> None:
        JoinRequestFactory(organisation=organisation)
        JoinRequestFactory(organisation=organisation)
        response = representative_client.get(dashboard_url(organisation))
        _assert_contains(response, "2 personer ber om att få företräda organisationen.")

    def test_query_budget(
        self, seed, organisation: Organisation, representative_client, django_assert_max_num_queries
    ) -> None:
        SignatureFactory(organisation=organisation, rejected=True)
        SignatureFactory(organisation=organisation)
        JoinRequestFactory(organisation=organisation)
        with django_assert_max_num_queries(12):
            representative_client.get(dashboard_url(organisation))

    def test_queries_do_not_grow_with_signatures(
        self, seed, organisation: Organisation, representative_client: Client
    ) -> None:
        SignatureFactory(organisation=organisation, withdrawn=True)
        with CaptureQueriesContext(connection) as few:
            representative_client.get(dashboard_url(organisation))
        for _ in range(4):
            SignatureFactory(organisation=organisation, rejected=True, signed_by=UserFactory())
        with CaptureQueriesContext(connection) as many:
            representative_client.get(dashboard_url(organisation))
        assert len(many) == len(few)


class TestEdit:
    def test_the_form_holds_the_current_values(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        organisation.website = "https://kustlaget.se"
        organisation.save()
        response = representative_client.get(edit_url(organisation))
        assert _input_value(response, "name") == "Föreningen Kustlaget"
        assert _input_value(response, "website") == "https://kustlaget.se"
        _assert_contains(response, f"Organisationsnummer {organisation.org_number}")

    def test_saving(self, organisation: Organisation, representative_client: Client) -> None:
        area = ActivityArea.objects.order_by("position").last()
        response = representative_client.post(
            edit_url(organisation),
            _edit_data(organisation, name="Kustlaget", form="kooperativ", areas=[area.pk]),
        )
        assert response.status_code == 302
        assert response["Location"] == dashboard_url(organisation)
        assert _messages(response) == ["Uppgifterna är sparade."]
        organisation.refresh_from_db()
        assert (organisation.name, organisation.form) == ("Kustlaget", "kooperativ")
        assert list(organisation.areas.all()) == [area]

    def test_bad_input_keeps_what_was_typed(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        response = representative_client.post(
            edit_url(organisation),
            _edit_data(organisation, name="Kustlaget", form="", website="inte en adress"),
        )
        assert response.status_code == 400
        _assert_contains(
            response,
            "Välj organisationsform.",
            "Skriv en fullständig webbadress, till exempel https://forening.se.",
        )
        assert _input_value(response, "name") == "Kustlaget"
        organisation.refresh_from_db()
        assert organisation.name == "Föreningen Kustlaget"

    def test_a_new_logo_and_clearing_it(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        data = _edit_data(organisation)
        representative_client.post(edit_url(organisation), {**data, "logo": png_upload()})
        organisation.refresh_from_db()
        assert organisation.logo
        response = representative_client.post(edit_url(organisation), {**data, "logo-clear": "on"})
        assert response.status_code == 302
        organisation.refresh_from_db()
        assert not organisation.logo

    def test_the_page_offers_to_remove_the_logo(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        representative_client.post(
            edit_url(organisation), {**_edit_data(organisation), "logo": png_upload()}
        )
        organisation.refresh_from_db()
        assert organisation.logo
        response = representative_client.get(edit_url(organisation))
        assert 'name="logo-clear"' in _html(response)

    def test_saving_without_touching_the_logo_keeps_the_same_file(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        representative_client.post(
            edit_url(organisation), {**_edit_data(organisation), "logo": png_upload()}
        )
        organisation.refresh_from_db()
        before = organisation.logo.name
        response = representative_client.post(
            edit_url(organisation), _edit_data(organisation, name="Kustlaget")
        )
        assert response.status_code == 302
        organisation.refresh_from_db()
        assert organisation.name == "Kustlaget"
        assert organisation.logo.name == before
        assert sorted(p.name for p in Path(organisation.logo.path).parent.iterdir()) == [
            Path(before).name
        ]

    def test_saving_when_the_logo_file_is_gone_is_no_500(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        organisation.logo.name = "logos/finns-inte.png"
        organisation.save()
        response = representative_client.post(
            edit_url(organisation), _edit_data(organisation, name="Kustlaget")
        )
        assert response.status_code == 302
        organisation.refresh_from_db()
        assert organisation.name == "Kustlaget"

    def test_a_text_file_as_logo(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        response = representative_client.post(
            edit_url(organisation), {**_edit_data(organisation), "logo": text_upload()}
        )
        assert response.status_code == 400
        _assert_contains(response, "Filen är ingen bild vi kan läsa.")
        organisation.refresh_from_db()
        assert not organisation.logo


class TestMembers:
    def test_the_page_lists_members_invitations_and_requests(
        self, organisation: Organisation, representative: User, representative_client
    ) -> None:
        MembershipInvitationFactory(organisation=organisation, email="inbjuden@exempel.se")
        MembershipInvitationFactory(
            organisation=organisation, email="anvand@exempel.se", used_at=timezone.now()
        )
        JoinRequestFactory(organisation=organisation, user=UserFactory(email="fragar@exempel.se"))
        response = representative_client.get(members_url(organisation))
        _assert_contains(response, representative.email, "inbjuden@exempel.se", "fragar@exempel.se")
        assert "anvand@exempel.se" not in _html(response)

    def test_queries_do_not_grow_with_members_and_requests(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        MembershipInvitationFactory(organisation=organisation)
        JoinRequestFactory(organisation=organisation)
        with CaptureQueriesContext(connection) as few:
            representative_client.get(members_url(organisation))
        for _ in range(3):
            MembershipFactory(organisation=organisation)
            MembershipInvitationFactory(organisation=organisation)
            JoinRequestFactory(organisation=organisation)
        with CaptureQueriesContext(connection) as many:
            representative_client.get(members_url(organisation))
        assert len(many) == len(few)

    def test_inviting(
        self,
        organisation: Organisation,
        representative_client: Client,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            response = representative_client.post(
                members_url(organisation), {"email": "kollega@exempel.se"}
            )
        assert response.status_code == 302
        assert response["Location"] == members_url(organisation)
        assert _messages(response) == ["En inbjudan har skickats till kollega@exempel.se."]
        assert organisation.invitations.get().email == "kollega@exempel.se"
        assert [message.to for message in mailoutbox] == [["kollega@exempel.se"]]

    @pytest.mark.parametrize(
        ("email", "message"),
        [("", "Skriv en e-postadress."), ("kollega@", "Skriv en giltig e-postadress.")],
    )
    def test_a_bad_address(
        self, organisation: Organisation, representative_client, email: str, message: str
    ) -> None:
        response = representative_client.post(members_url(organisation), {"email": email})
        assert response.status_code == 400
        _assert_contains(response, message)
        assert _input_value(response, "email") == (email or None)
        assert not organisation.invitations.exists()

    def test_inviting_someone_who_already_represents(
        self,
        organisation: Organisation,
        representative: User,
        representative_client: Client,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            response = representative_client.post(
                members_url(organisation), {"email": representative.email.upper()}
            )
        assert response.status_code == 400
        _assert_contains(response, f"{representative.email} företräder redan organisationen.")
        assert not organisation.invitations.exists()
        assert mailoutbox == []


class TestMembershipRemove:
    def test_get_is_not_allowed(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        colleague = MembershipFactory(organisation=organisation)
        response = representative_client.get(remove_url(organisation, colleague))
        assert response.status_code == 405
        assert Membership.objects.filter(pk=colleague.pk).exists()

    def test_removing_a_colleague(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        colleague = MembershipFactory(organisation=organisation, user__full_name="Kalle Kollega")
        response = representative_client.post(remove_url(organisation, colleague))
        assert response.status_code == 302
        assert response["Location"] == members_url(organisation)
        assert _messages(response) == ["Kalle Kollega företräder inte längre organisationen."]
        assert not Membership.objects.filter(pk=colleague.pk).exists()

    def test_leaving(
        self, organisation: Organisation, representative: User, representative_client: Client
    ) -> None:
        MembershipFactory(organisation=organisation)
        own = organisation.memberships.get(user=representative)
        response = representative_client.post(remove_url(organisation, own))
        assert response.status_code == 302
        assert response["Location"] == MINE_URL
        assert not organisation.memberships.filter(user=representative).exists()

    def test_the_last_one_cannot_leave(
        self, organisation: Organisation, representative: User, representative_client: Client
    ) -> None:
        own = organisation.memberships.get(user=representative)
        response = representative_client.post(remove_url(organisation, own))
        assert response.status_code == 302
        assert response["Location"] == members_url(organisation)
        assert _messages(response) == [
            "Organisationen måste ha minst en företrädare. Bjud in någon annan först."
        ]
        assert Membership.objects.filter(pk=own.pk).exists()

    def test_a_member_of_another_organisation_cannot_be_removed_by_tampering(
        self,
        organisation: Organisation,
        other_organisation: Organisation,
        representative_client: Client,
    ) -> None:
        MembershipFactory(organisation=other_organisation)
        victim = other_organisation.memberships.first()
        response = representative_client.post(remove_url(organisation, victim))
        assert response.status_code == 404
        assert Membership.objects.filter(pk=victim.pk).exists()


class TestJoinRequestDecide:
    @pytest.mark.parametrize(("decision", "member"), [("accept", True), ("decline", False)])
    def test_deciding(
        self,
        organisation: Organisation,
        representative_client: Client,
        mailoutbox,
        django_capture_on_commit_callbacks,
        decision: str,
        member: bool,
    ) -> None:
        join_request = JoinRequestFactory(organisation=organisation)
        with django_capture_on_commit_callbacks(execute=True):
            response = representative_client.post(
                decide_url(organisation, join_request), {"decision": decision}
            )
        assert response.status_code == 302
        assert response["Location"] == members_url(organisation)
        assert _messages(response) == ["Förfrågan är besvarad."]
        assert organisation.memberships.filter(user=join_request.user).exists() == member
        assert [message.to for message in mailoutbox] == [[join_request.user.email]]

    @pytest.mark.parametrize("data", [{}, {"decision": "maybe"}, {"decision": ""}])
    def test_a_bad_decision(
        self, organisation: Organisation, representative_client: Client, data: dict
    ) -> None:
        join_request = JoinRequestFactory(organisation=organisation)
        response = representative_client.post(decide_url(organisation, join_request), data)
        assert response.status_code == 302
        assert response["Location"] == members_url(organisation)
        assert _messages(response) == ["Välj om du vill godkänna eller avböja förfrågan."]
        join_request.refresh_from_db()
        assert join_request.status == JoinRequest.Status.PENDING

    def test_a_request_to_another_organisation_is_404(
        self,
        organisation: Organisation,
        other_organisation: Organisation,
        representative_client: Client,
    ) -> None:
        foreign = JoinRequestFactory(organisation=other_organisation)
        response = representative_client.post(
            decide_url(organisation, foreign), {"decision": "accept"}
        )
        assert response.status_code == 404
        foreign.refresh_from_db()
        assert foreign.status == JoinRequest.Status.PENDING
        assert not Membership.objects.filter(user=foreign.user).exists()

    def test_an_answered_request(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        join_request = JoinRequestFactory(
            organisation=organisation, status=JoinRequest.Status.DECLINED
        )
        response = representative_client.post(
            decide_url(organisation, join_request), {"decision": "accept"}
        )
        assert response.status_code == 302
        assert _messages(response) == ["Förfrågan är redan besvarad."]
        assert not organisation.memberships.filter(user=join_request.user).exists()

    def test_get_is_not_allowed(
        self, organisation: Organisation, representative_client: Client
    ) -> None:
        join_request = JoinRequestFactory(organisation=organisation)
        response = representative_client.get(decide_url(organisation, join_request))
        assert response.status_code == 405


class TestInvitationAccept:
    def test_anonymous_is_asked_to_log_in(self, organisation: Organisation, client) -> None:
        MembershipInvitationFactory(organisation=organisation, token="tok-1")
        _assert_login_redirect(client.get(invitation_url("tok-1")), invitation_url("tok-1"))

    def test_an_unknown_token_is_a_404_page(self, user_client: Client) -> None:
        for response in [
            user_client.get(invitation_url("finns-inte")),
            user_client.post(invitation_url("finns-inte")),
        ]:
            assert response.status_code == 404
            _assert_contains(response, "Inbjudan finns inte")
        assert not Membership.objects.exists()

    def test_accepting(self, organisation: Organisation, user: User, user_client: Client) -> None:
        MembershipInvitationFactory(organisation=organisation, token="tok-1")
        page = user_client.get(invitation_url("tok-1"))
        assert page.status_code == 200
        _assert_contains(page, "Inbjudan att företräda Föreningen Kustlaget", "Tacka ja")
        response = user_client.post(invitation_url("tok-1"))
        assert response.status_code == 302
        assert response["Location"] == dashboard_url(organisation)
        assert _messages(response) == ["Du företräder nu Föreningen Kustlaget."]
        assert organisation.memberships.filter(user=user).exists()

    def test_a_used_invitation(self, organisation: Organisation, user: User, user_client) -> None:
        MembershipInvitationFactory(
            organisation=organisation, token="tok-1", used_at=timezone.now()
        )
        page = user_client.get(invitation_url("tok-1"))
        assert page.status_code == 200
        _assert_contains(page, "Inbjudan har redan använts.")
        assert "Tacka ja" not in _html(page)
        response = user_client.post(invitation_url("tok-1"))
        _assert_contains(response, "Inbjudan har redan använts.")
        assert not organisation.memberships.filter(user=user).exists()

    def test_an_expired_invitation_cannot_be_accepted(
        self, organisation: Organisation, user: User, user_client: Client
    ) -> None:
        MembershipInvitationFactory(
            organisation=organisation,
            token="tok-1",
            expires_at=timezone.now() - timedelta(seconds=1),
        )
        response = user_client.post(invitation_url("tok-1"))
        assert response.status_code != 302
        _assert_contains(response, "Inbjudan har gått ut. Be om en ny inbjudan.")
        assert not organisation.memberships.filter(user=user).exists()

    def test_an_expired_invitation_says_so_before_one_clicks(
        self, organisation: Organisation, user_client: Client
    ) -> None:
        MembershipInvitationFactory(
            organisation=organisation,
            token="tok-1",
            expires_at=timezone.now() - timedelta(seconds=1),
        )
        page = user_client.get(invitation_url("tok-1"))
        assert "Tacka ja" not in _html(page)
        _assert_contains(page, "Inbjudan har gått ut")

    def test_a_representative_accepting_again(
        self, organisation: Organisation, representative: User, representative_client: Client
    ) -> None:
        MembershipInvitationFactory(organisation=organisation, token="tok-1")
        response = representative_client.post(invitation_url("tok-1"))
        assert response.status_code == 302
        assert organisation.memberships.filter(user=representative).count() == 1

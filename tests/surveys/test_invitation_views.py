"""The invitations page and its forms, for every role, with good and bad input."""

import datetime
import hashlib
import re
from collections.abc import Callable
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from agreements.models import Organisation
from surveys.models import Invitation, Survey
from surveys.models.invitations import InvitationSendRun, ReminderRound
from tests.factories import (
    MembershipFactory,
    PublicOrganisationFactory,
    UserFactory,
)
from tests.surveys.factories import InvitationFactory, SurveyFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "user", "working_group", "working_group_mfa", "admin", "admin_mfa"]
ALLOWED = {"working_group_mfa", "admin_mfa"}
LOGIN_URL = "/konto/login/"
MFA_ACTIVATE_URL = "/konto/2fa/totp/activate/"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.fixture
def manager(client_as: Callable[[str], Client]) -> Client:
    return client_as("working_group_mfa")


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def survey(today: datetime.date) -> Survey:
    return SurveyFactory(
        title="Uppföljning 2026",
        year=today.year,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=20),
    )


@pytest.fixture
def closed_survey(today: datetime.date) -> Survey:
    return SurveyFactory(
        year=today.year - 1,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
    )


def url(name: str, survey: Survey, *args: int) -> str:
    return reverse(f"surveys:{name}", args=[survey.pk, *args])


def _html(response) -> str:
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _assert_contains(response, *texts: str) -> None:
    html = _html(response)
    missing = [text for text in texts if escape(text) not in html]
    assert missing == []


def _textarea(response, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', _html(response), re.S)
    assert found, f"no textarea named {name}"
    return found.group(1).strip()


def _expect(response, role: str, path: str, ok: int = 200) -> None:
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN_URL}?next={path}"
    elif role == "user":
        assert response.status_code == 403
    elif role in ALLOWED:
        assert response.status_code == ok, _html(response)[:2000]
    else:
        assert response.status_code == 302
        assert response["Location"].endswith(MFA_ACTIVATE_URL)


class TestRoles:
    @pytest.mark.parametrize("role", ROLES)
    def test_the_page(self, client_as, survey: Survey, role: str) -> None:
        path = url("invitations", survey)
        response = client_as(role).get(path)
        _expect(response, role, path)
        if role in ALLOWED:
            _assert_contains(response, "Inbjudningar och påminnelser", "Uppföljning 2026")

    @pytest.mark.parametrize("role", ROLES)
    def test_adding(self, client_as, survey: Survey, role: str) -> None:
        path = url("invitations_paste", survey)
        response = client_as(role).post(path, {"addresses": "anna@example.se"})
        _expect(response, role, path, ok=302)
        assert survey.invitations.exists() == (role in ALLOWED)

    @pytest.mark.parametrize("role", ROLES)
    def test_sending(
        self, client_as, survey: Survey, role: str, django_capture_on_commit_callbacks
    ) -> None:
        InvitationFactory(survey=survey, token_hash=None)
        path = url("invitations_send", survey)
        with django_capture_on_commit_callbacks(execute=True):
            response = client_as(role).post(path)
        _expect(response, role, path, ok=302)
        assert len(mail.outbox) == (1 if role in ALLOWED else 0)

    @pytest.mark.parametrize("role", ROLES)
    def test_sending_again(self, client_as, survey: Survey, role: str) -> None:
        invitation = InvitationFactory(survey=survey, status="uncertain")
        path = url("invitations_send_again", survey)
        response = client_as(role).post(path, {"invitation": invitation.pk})
        _expect(response, role, path, ok=302)
        invitation.refresh_from_db()
        assert (invitation.status != "uncertain") == (role in ALLOWED)

    @pytest.mark.parametrize("role", ROLES)
    def test_removing(self, client_as, survey: Survey, role: str) -> None:
        invitation = InvitationFactory(survey=survey, token_hash=None)
        path = url("invitation_remove", survey, invitation.pk)
        response = client_as(role).post(path)
        _expect(response, role, path, ok=302)
        assert Invitation.objects.filter(pk=invitation.pk).exists() == (role not in ALLOWED)

    @pytest.mark.parametrize("role", ROLES)
    def test_planning_a_reminder(self, client_as, survey: Survey, today, role: str) -> None:
        path = url("reminder_add", survey)
        day = today + datetime.timedelta(days=3)
        response = client_as(role).post(path, {"send_on": day.isoformat()})
        _expect(response, role, path, ok=302)
        assert ReminderRound.objects.filter(survey=survey).exists() == (role in ALLOWED)

    @pytest.mark.parametrize("role", ROLES)
    def test_deleting_a_reminder(self, client_as, survey: Survey, today, role: str) -> None:
        reminder = ReminderRound.objects.create(
            survey=survey, send_on=today + datetime.timedelta(days=3)
        )
        path = url("reminder_delete", survey, reminder.pk)
        response = client_as(role).post(path)
        _expect(response, role, path, ok=302)
        assert ReminderRound.objects.filter(pk=reminder.pk).exists() == (role not in ALLOWED)

    @pytest.mark.parametrize(
        "name",
        ["invitations_paste", "invitations_csv", "invitations_contacts", "invitations_send"],
    )
    def test_the_forms_only_take_posts(self, manager: Client, survey: Survey, name: str) -> None:
        assert manager.get(url(name, survey)).status_code == 405

    def test_the_page_does_not_take_posts(self, manager: Client, survey: Survey) -> None:
        assert manager.post(url("invitations", survey)).status_code == 405

    def test_an_unknown_survey_is_not_found(self, manager: Client) -> None:
        assert manager.get("/arbetsgruppen/hantera/enkater/999999/inbjudningar/").status_code == 404

    def test_an_invitation_of_another_survey_is_not_found(
        self, manager: Client, survey: Survey
    ) -> None:
        other = InvitationFactory(token_hash=None)
        response = manager.post(url("invitation_remove", survey, other.pk))
        assert response.status_code == 404
        assert Invitation.objects.filter(pk=other.pk).exists()

    def test_the_page_in_english(self, manager: Client, survey: Survey) -> None:
        with translation.override("en"):
            path = url("invitations", survey)
        assert path.startswith("/en/")
        response = manager.get(path)
        assert response.status_code == 200
        _assert_contains(response, "Invitations and reminders")


class TestMailPreview:
    def test_the_page_shows_both_mails_with_a_stand_in_link(
        self, manager: Client, survey: Survey, settings
    ) -> None:
        settings.PORTAL_BASE_URL = "https://hok.example"
        response = manager.get(url("invitations", survey))
        _assert_contains(
            response,
            "Inbjudan att svara på enkäten ”Uppföljning 2026”",
            "Påminnelse: enkäten ”Uppföljning 2026”",
            "https://hok.example/enkat/svara/personlig-kod/",
        )


class TestPaste:
    def test_valid_addresses_are_added_and_the_invalid_ones_are_kept_to_fix(
        self, manager: Client, survey: Survey
    ) -> None:
        text = "anna@example.se, Bo Ek <BO@Example.se>; inte-en-adress\ncecilia@example\n\n"
        response = manager.post(url("invitations_paste", survey), {"addresses": text})
        assert response.status_code == 200
        assert sorted(survey.invitations.values_list("email", flat=True)) == [
            "anna@example.se",
            "bo@example.se",
        ]
        assert _textarea(response, "addresses") == "inte-en-adress\ncecilia@example"
        messages = _messages(response)
        assert "2 adresser lades till." in messages
        assert any("inte-en-adress" in m and "cecilia@example" in m for m in messages)
        _assert_contains(response, "De här 2 är inte e-postadresser och lades inte till")

    def test_all_valid_goes_back_to_the_page(self, manager: Client, survey: Survey) -> None:
        response = manager.post(
            url("invitations_paste", survey), {"addresses": "a@example.se\nb@example.se"}
        )
        assert response.status_code == 302
        assert response["Location"] == url("invitations", survey) + "#utskick"

    def test_duplicates_are_ignored_and_counted(self, manager: Client, survey: Survey) -> None:
        InvitationFactory(survey=survey, email="anna@example.se", token_hash=None)
        response = manager.post(
            url("invitations_paste", survey),
            {"addresses": "ANNA@example.se\nbo@example.se"},
            follow=True,
        )
        assert survey.invitations.count() == 2
        assert "1 adress lades till. 1 var redan inbjuden och hoppades över." in _messages(response)

    @pytest.mark.parametrize("text", ["", "   \n ,; \n"])
    def test_an_empty_paste(self, manager: Client, survey: Survey, text: str) -> None:
        response = manager.post(url("invitations_paste", survey), {"addresses": text})
        assert response.status_code == 400
        _assert_contains(response, "Klistra in minst en e-postadress.")
        assert not survey.invitations.exists()

    def test_only_bad_addresses(self, manager: Client, survey: Survey) -> None:
        response = manager.post(
            url("invitations_paste", survey), {"addresses": "anna(at)example.se\nbo@"}
        )
        assert response.status_code == 400
        _assert_contains(response, "anna(at)example.se", "inte e-postadresser")
        assert _textarea(response, "addresses") == "anna(at)example.se\nbo@"
        assert not survey.invitations.exists()

    def test_a_closed_survey_takes_no_invitees(self, manager: Client, closed_survey) -> None:
        response = manager.post(
            url("invitations_paste", closed_survey), {"addresses": "anna@example.se"}
        )
        assert response.status_code == 400
        _assert_contains(response, "inga fler inbjudningar kan läggas till")
        assert not closed_survey.invitations.exists()


def _csv(content: bytes, name: str = "adresser.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


class TestCsv:
    @pytest.mark.parametrize(
        "content",
        [
            "\ufeffNamn;E-post\nAnna;anna@example.se\nBo;bo@example.se\n".encode(),
            b"name,email,phone\nAnna,anna@example.se,1\nBo,bo@example.se,2\n",
            b"E-postadress\r\nanna@example.se\r\n\r\nbo@example.se\r\n",
        ],
        ids=["excel-utf8-bom-semicolon", "comma", "one-column-crlf"],
    )
    def test_the_email_column_is_read(
        self, manager: Client, survey: Survey, content: bytes
    ) -> None:
        response = manager.post(url("invitations_csv", survey), {"file": _csv(content)})
        assert response.status_code == 302
        assert sorted(survey.invitations.values_list("email", flat=True)) == [
            "anna@example.se",
            "bo@example.se",
        ]

    def test_bad_rows_are_listed_and_the_good_ones_added(
        self, manager: Client, survey: Survey
    ) -> None:
        content = b"e-post;namn\nanna@example.se;Anna\nbo vid example;Bo\n"
        response = manager.post(url("invitations_csv", survey), {"file": _csv(content)})
        assert response.status_code == 200
        assert list(survey.invitations.values_list("email", flat=True)) == ["anna@example.se"]
        assert any("bo vid example" in m for m in _messages(response))

    @pytest.mark.parametrize(
        ("upload", "message"),
        [
            (_csv(b"namn;telefon\nAnna;123\n"), "saknar en kolumn för e-postadresser"),
            (_csv(PNG, "bild.png"), "Filen måste vara en CSV-fil"),
            (_csv(PNG), "kunde inte läsas som text i UTF-8"),
            (_csv("e-post\nanna@example.se\n".encode("utf-16")), "UTF-8"),
            (_csv(b"e-post\n"), "Filen har inga adresser under rubriken."),
            (_csv(b"\n\n"), "Filen är tom."),
        ],
        ids=["no-email-column", "png", "png-named-csv", "utf-16", "header-only", "blank"],
    )
    def test_bad_files_get_a_clear_message(
        self, manager: Client, survey: Survey, upload, message: str
    ) -> None:
        response = manager.post(url("invitations_csv", survey), {"file": upload})
        assert response.status_code == 400
        _assert_contains(response, message)
        assert not survey.invitations.exists()

    def test_no_file(self, manager: Client, survey: Survey) -> None:
        response = manager.post(url("invitations_csv", survey), {})
        assert response.status_code == 400
        _assert_contains(response, "Välj en CSV-fil att läsa in.")


class TestContacts:
    @pytest.fixture
    def signatory(self, seed) -> Organisation:
        organisation = PublicOrganisationFactory(
            name="Föreningen Kustlaget", contact_email="Info@Kustlaget.example"
        )
        MembershipFactory(
            organisation=organisation, user=UserFactory(email="rut@kustlaget.example")
        )
        return organisation

    def test_the_signatories_are_offered_with_their_address_count(
        self, manager: Client, survey: Survey, signatory: Organisation
    ) -> None:
        PublicOrganisationFactory(name="Inte undertecknad", approved=False)
        response = manager.get(url("invitations", survey))
        html = _html(response)
        assert "Föreningen Kustlaget (" in html
        assert "Inte undertecknad" not in html

    def test_picking_one_adds_its_contact_and_representatives(
        self, manager: Client, survey: Survey, signatory: Organisation
    ) -> None:
        emails = {"info@kustlaget.example", "rut@kustlaget.example"} | {
            m.user.email.lower() for m in signatory.memberships.select_related("user")
        }
        response = manager.post(
            url("invitations_contacts", survey), {"organisations": [signatory.pk]}
        )
        assert response.status_code == 302
        assert set(survey.invitations.values_list("email", flat=True)) == emails

    def test_nothing_picked(self, manager: Client, survey: Survey, signatory) -> None:
        response = manager.post(url("invitations_contacts", survey), {})
        assert response.status_code == 400
        _assert_contains(response, "Välj minst en organisation.")

    def test_an_organisation_that_is_not_a_signatory(
        self, manager: Client, survey: Survey, signatory, seed
    ) -> None:
        unsigned = PublicOrganisationFactory(approved=False)
        response = manager.post(
            url("invitations_contacts", survey), {"organisations": [unsigned.pk]}
        )
        assert response.status_code == 400
        _assert_contains(response, "Organisationen finns inte längre bland de undertecknande.")
        assert not survey.invitations.exists()

    def test_without_signatories_the_page_says_so(self, manager: Client, survey: Survey) -> None:
        response = manager.get(url("invitations", survey))
        _assert_contains(response, "Ingen undertecknande organisation har någon e-postadress")


class TestSend:
    def test_sending_mails_every_pending_invitee_and_shows_the_progress(
        self, manager: Client, survey: Survey, django_capture_on_commit_callbacks
    ) -> None:
        for n in range(3):
            InvitationFactory(survey=survey, email=f"p{n}@example.se", token_hash=None)
        with django_capture_on_commit_callbacks(execute=True):
            response = manager.post(url("invitations_send", survey))
        assert len(mail.outbox) == 3
        assert "Utskicket har startat." in " ".join(_messages(response))
        html = _html(manager.get(response["Location"]))
        assert re.search(r"<dt>Skickade</dt>\s*<dd>\s*3\s*</dd>", html)
        assert re.search(r"<dt>Kvar att skicka</dt>\s*<dd>\s*0\s*</dd>", html)
        assert "Senaste utskicket blev klart" in html

    def test_a_closed_survey_lists_unsure_mails_without_offering_to_resend(
        self, manager: Client, closed_survey: Survey
    ) -> None:
        InvitationFactory(survey=closed_survey, email="osaker@example.se", status="uncertain")
        page = manager.get(url("invitations", closed_survey))
        _assert_contains(
            page, "Kom inte säkert fram", "osaker@example.se", "så de kan inte skickas igen"
        )
        html = _html(page)
        assert "Behöver åtgärdas" not in html
        assert "länken i ett tidigare mejl slutar fungera" not in html
        assert url("invitations_send_again", closed_survey) not in html

    def test_sending_for_a_closed_survey_is_refused_clearly(
        self, manager: Client, closed_survey: Survey
    ) -> None:
        InvitationFactory(survey=closed_survey, token_hash=None)
        response = manager.post(url("invitations_send", closed_survey))
        assert response.status_code == 400
        _assert_contains(response, "inga fler inbjudningar kan läggas till eller skickas")
        assert not InvitationSendRun.objects.exists()
        assert mail.outbox == []

    def test_sending_with_nobody_waiting(self, manager: Client, survey: Survey) -> None:
        response = manager.post(url("invitations_send", survey))
        assert response.status_code == 400
        _assert_contains(response, "Alla inbjudna har redan fått sin inbjudan.")

    def test_a_running_send_is_polled_and_has_a_reload_link(
        self, manager: Client, survey: Survey
    ) -> None:
        InvitationFactory(survey=survey, token_hash=None)
        InvitationSendRun.objects.create(survey=survey)
        path = url("invitations", survey)
        page = _html(manager.get(path))
        assert 'hx-trigger="every 2s"' in page
        assert f'href="{path}#utskick"' in page
        assert "htmx.min.js" in page
        # a run that stopped (its worker gone) can be started again from the page
        assert "Starta utskicket igen" in page
        fragment = manager.get(path, headers={"HX-Request": "true"})
        html = _html(fragment)
        assert html.lstrip().startswith('<div id="invitation-progress"')
        assert "<html" not in html
        assert "Utskicket begärdes" in html

    def test_a_broker_that_is_down_leaves_a_run_to_start_again(
        self, manager: Client, survey: Survey, django_capture_on_commit_callbacks
    ) -> None:
        InvitationFactory(survey=survey, token_hash=None)
        down = mock.patch(
            "surveys.tasks.send_invitations.delay", side_effect=OSError("Connection refused")
        )
        with down, django_capture_on_commit_callbacks(execute=True):
            response = manager.post(url("invitations_send", survey))
        assert response.status_code == 302
        run = InvitationSendRun.objects.get()
        assert run.started_at is None
        page = _html(manager.get(url("invitations", survey)))
        assert "väntar på att starta" in page
        assert "Starta utskicket igen" in page

    def test_an_idle_page_does_not_poll(self, manager: Client, survey: Survey) -> None:
        InvitationFactory(survey=survey, status="sent")
        page = _html(manager.get(url("invitations", survey)))
        assert "hx-trigger" not in page


class TestSendAgain:
    def test_uncertain_ones_are_listed_with_an_explanation_and_sent_with_a_new_link(
        self, manager: Client, survey: Survey, django_capture_on_commit_callbacks
    ) -> None:
        old = "gammal-token"
        invitation = InvitationFactory(
            survey=survey,
            email="osaker@example.se",
            status="uncertain",
            attempts=1,
            token=old,
            last_error="Utskicket avbröts",
        )
        page = manager.get(url("invitations", survey))
        _assert_contains(
            page,
            "Behöver åtgärdas",
            "osaker@example.se",
            "länken i ett tidigare mejl slutar fungera",
            "Utskicket avbröts medan inbjudan lämnades till e-postservern",
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = manager.post(
                url("invitations_send_again", survey), {"invitation": invitation.pk}
            )
        assert response.status_code == 302
        invitation.refresh_from_db()
        assert invitation.status == "sent"
        assert invitation.token_hash != hashlib.sha256(old.encode()).hexdigest()
        assert [m.to[0] for m in mail.outbox] == ["osaker@example.se"]

    def test_all_failed_at_once(
        self, manager: Client, survey: Survey, django_capture_on_commit_callbacks
    ) -> None:
        for _n in range(3):
            InvitationFactory(survey=survey, status="failed", last_error="SMTP 451")
        InvitationFactory(survey=survey, status="uncertain")
        with django_capture_on_commit_callbacks(execute=True):
            response = manager.post(url("invitations_send_again", survey), {"status": "failed"})
        assert "3 inbjudningar skickas igen med nya länkar." in _messages(response)
        assert len(mail.outbox) == 3
        assert survey.invitations.filter(status="uncertain").count() == 1

    @pytest.mark.parametrize("data", [{}, {"invitation": "x"}, {"invitation": "999999"}])
    def test_nothing_to_send_again(self, manager: Client, survey: Survey, data) -> None:
        response = manager.post(url("invitations_send_again", survey), data)
        assert response.status_code == 400
        _assert_contains(response, "Inbjudan har redan skickats igen eller finns inte längre.")


class TestRemove:
    def test_a_sent_invitation_cannot_be_removed(self, manager: Client, survey: Survey) -> None:
        invitation = InvitationFactory(survey=survey, status="sent")
        response = manager.post(url("invitation_remove", survey, invitation.pk))
        assert response.status_code == 400
        _assert_contains(response, "Bara inbjudningar som inte har skickats kan tas bort.")
        assert Invitation.objects.filter(pk=invitation.pk).exists()


class TestReminders:
    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("", "Ange ett datum för påminnelsen."),
            ("31/12", "Ange datumet som ÅÅÅÅ-MM-DD"),
            ("2001-01-01", "Välj ett datum från och med i dag."),
            ("2999-01-01", "Välj ett datum medan enkäten är öppen"),
        ],
    )
    def test_bad_dates_are_explained_and_kept(
        self, manager: Client, survey: Survey, value: str, message: str
    ) -> None:
        response = manager.post(url("reminder_add", survey), {"send_on": value})
        assert response.status_code == 400
        _assert_contains(response, message)
        assert f'value="{value}"' in _html(response) or value == ""
        assert not ReminderRound.objects.exists()

    def test_the_plan_is_listed(self, manager: Client, survey: Survey, today) -> None:
        day = today + datetime.timedelta(days=2)
        response = manager.post(url("reminder_add", survey), {"send_on": day.isoformat()})
        assert response["Location"].endswith("#paminnelser")
        page = manager.get(url("invitations", survey))
        _assert_contains(page, "Planerad", "från klockan 8")

    def test_a_started_round_cannot_be_deleted(self, manager: Client, survey, today) -> None:
        reminder = ReminderRound.objects.create(
            survey=survey, send_on=today, started_at=timezone.now(), finished_at=timezone.now()
        )
        response = manager.post(url("reminder_delete", survey, reminder.pk))
        assert response.status_code == 400
        _assert_contains(response, "har redan börjat skickas")


class TestPrivacy:
    def test_the_page_shows_how_many_answered_never_who(
        self, manager: Client, survey: Survey
    ) -> None:
        InvitationFactory(survey=survey, email="svarat@example.se", status="sent", used=True)
        InvitationFactory(survey=survey, email="inte@example.se", status="sent", used=False)
        html = _html(manager.get(url("invitations", survey)))
        assert re.search(r"<dt>Har svarat</dt>\s*<dd>\s*1\s*</dd>", html)
        rows = re.findall(r"<tr>.*?</tr>", html, re.S)
        answered_row = next(row for row in rows if "svarat@example.se" in row)
        other_row = next(row for row in rows if "inte@example.se" in row)
        assert answered_row.replace("svarat@", "X@") == other_row.replace("inte@", "X@")


class TestQueries:
    def _fill(self, survey: Survey, seed_count: int, today) -> None:
        for _n in range(seed_count):
            InvitationFactory(survey=survey, status="sent")
            InvitationFactory(survey=survey, status="failed", last_error="fel")
            InvitationFactory(survey=survey, status="uncertain")
            InvitationFactory(survey=survey, token_hash=None)
            organisation = PublicOrganisationFactory()
            MembershipFactory(organisation=organisation)
        for days in range(seed_count):
            ReminderRound.objects.create(
                survey=survey, send_on=today + datetime.timedelta(days=days)
            )
        InvitationSendRun.objects.create(survey=survey)

    @pytest.mark.parametrize("size", [1, 8])
    def test_the_page_needs_a_fixed_number_of_queries(
        self, manager: Client, survey: Survey, today, seed, size: int, django_assert_max_num_queries
    ) -> None:
        self._fill(survey, size, today)
        path = url("invitations", survey)
        manager.get(path)  # the session and MFA lookups warm up
        with django_assert_max_num_queries(14):
            response = manager.get(path)
        assert response.status_code == 200

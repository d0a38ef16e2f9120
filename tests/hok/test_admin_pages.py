"""Every admin page opens: the list and the change page of every registered model, in every
app, with a realistic object of it (so an admin that cannot show a field is caught here)."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agreements.models import AgreementVersion, Signature
from hok.admin import check_private_files_in_admin
from hok.models import User
from hok.roles import WORKING_GROUP_NAME
from hok.storage import private_storage
from reports.models import GoalAssessment, Report, ReportVersion
from surveys.models import InvitationSendRun, ReminderRound
from tests.dialogues.factories import (
    ConferenceFactory,
    DialogueFactory,
    DialogueQuestionFactory,
    FinishedDocumentRenderFactory,
    NoteFactory,
    NoteThemeFactory,
    ThemeFactory,
)
from tests.examples.factories import PublishedExampleFactory
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SignatureFactory,
    TotpAuthenticatorFactory,
    UserFactory,
    WorkingGroupMemberFactory,
)
from tests.surveys.factories import (
    AnswerFactory,
    InvitationFactory,
    OptionFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
    SurveySeriesFactory,
)
from tests.uploads import pdf_bytes

pytestmark = pytest.mark.django_db


def _signature_with_board_decision() -> Signature:
    signature = SignatureFactory()
    signature.board_decision.save("beslut.pdf", ContentFile(pdf_bytes()), save=True)
    return signature


def _question() -> Model:
    question = QuestionFactory()
    OptionFactory(question=question)
    return question


def _dialogue() -> Model:
    dialogue = DialogueFactory()
    DialogueQuestionFactory(dialogue=dialogue)
    return dialogue


def _theme() -> Model:
    theme = ThemeFactory()
    NoteThemeFactory(
        note=NoteFactory(dialogue=DialogueFactory(conference=theme.conference)), theme=theme
    )
    return theme


# A realistic object of every model the admin shows, made the way the portal makes them.
# A model registered in the admin without an entry here fails the test: add one.
def _report_version() -> Model:
    """A finished version with its PDF in private storage, as the worker leaves it."""
    report = Report.objects.create(year=2025)
    name = private_storage().save("reports/2025/v1.pdf", ContentFile(pdf_bytes()))
    return ReportVersion.objects.create(
        report=report,
        number=1,
        status=ReportVersion.Status.DONE,
        snapshot={},
        queued_at=timezone.now(),
        finished_at=timezone.now(),
        pdf=name,
        pdf_sha256="0" * 64,
        page_count=1,
        size=1,
    )


MAKERS: dict[str, Callable[[AgreementVersion], Model]] = {
    "auth.Group": lambda _v: Group.objects.get_or_create(name=WORKING_GROUP_NAME)[0],
    "hok.User": lambda _v: MembershipFactory().user,
    # The real agreement (the seed): sections, principles with actions, goals.
    "agreements.AgreementVersion": lambda version: version,
    "agreements.Principle": lambda version: version.principles.first(),
    "agreements.WorkingGroupMember": lambda _v: WorkingGroupMemberFactory(),
    "agreements.Organisation": lambda _v: (
        MembershipFactory(organisation=OrganisationFactory()).organisation
    ),
    "agreements.Signature": lambda _v: _signature_with_board_decision(),
    "surveys.SurveySeries": lambda _v: SurveySeriesFactory(),
    "surveys.Survey": lambda _v: SurveyFactory(),
    "surveys.Question": lambda _v: _question(),
    "surveys.Invitation": lambda _v: InvitationFactory(),
    "surveys.Response": lambda _v: ResponseFactory(),
    "surveys.Answer": lambda _v: AnswerFactory(),
    "surveys.InvitationSendRun": lambda _v: InvitationSendRun.objects.create(
        survey=SurveyFactory(), sent=3, failed=1
    ),
    "surveys.ReminderRound": lambda _v: ReminderRound.objects.create(
        survey=(survey := SurveyFactory()), send_on=survey.closes_on
    ),
    "dialogues.Conference": lambda _v: ConferenceFactory(),
    "dialogues.Dialogue": lambda _v: _dialogue(),
    "dialogues.Note": lambda _v: NoteFactory(),
    "dialogues.Theme": lambda _v: _theme(),
    "dialogues.DocumentRender": lambda _v: FinishedDocumentRenderFactory(),
    "examples.Example": lambda _v: PublishedExampleFactory(),
    "reports.Report": lambda _v: Report.objects.create(year=2024, summary="Året i korthet."),
    "reports.ReportVersion": lambda _v: _report_version(),
    "reports.GoalAssessment": lambda _v: GoalAssessment.objects.create(
        report=Report.objects.create(year=2023),
        goal_position=1,
        status=GoalAssessment.Status.ON_THE_WAY,
        comment="Arbetet pågår.",
    ),
    "account.EmailAddress": lambda _v: UserFactory().emailaddress_set.get(),
    "mfa.Authenticator": lambda _v: TotpAuthenticatorFactory(user=UserFactory()),
}

REGISTERED = sorted(model._meta.label for model in admin.site._registry)


def test_every_registered_model_has_a_maker() -> None:
    assert [label for label in REGISTERED if label not in MAKERS] == []


@pytest.fixture
def admin_with_mfa(admin_user: User, give_mfa: Callable[[User], str]) -> Client:
    give_mfa(admin_user)
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.fixture
def private_media(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.mark.usefixtures("private_media")
@pytest.mark.parametrize("label", REGISTERED)
def test_the_list_and_change_page_open(
    label: str, admin_with_mfa: Client, seed: AgreementVersion
) -> None:
    model = next(m for m in admin.site._registry if m._meta.label == label)
    obj = MAKERS[label](seed)
    assert isinstance(obj, model)
    info = (model._meta.app_label, model._meta.model_name)
    changelist = admin_with_mfa.get(reverse("admin:{}_{}_changelist".format(*info)))
    assert changelist.status_code == 200, label
    change = admin_with_mfa.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    assert change.status_code == 200, label
    history = admin_with_mfa.get(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
    assert history.status_code == 200, label


@pytest.mark.usefixtures("private_media")
def test_the_board_decision_opens_through_the_sites_download(
    admin_with_mfa: Client, seed: AgreementVersion
) -> None:
    signature = _signature_with_board_decision()
    page = admin_with_mfa.get(reverse("admin:agreements_signature_change", args=[signature.pk]))
    download_url = reverse("agreements:signature_board_decision", args=[signature.pk])
    assert f'<a href="{download_url}">Ladda ner</a>' in page.content.decode()
    download = admin_with_mfa.get(download_url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == pdf_bytes()


def test_the_check_refuses_an_admin_that_shows_a_private_file_without_a_download(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert check_private_files_in_admin() == []
    monkeypatch.setitem(admin.site._registry, Signature, admin.ModelAdmin(Signature, admin.site))
    errors = check_private_files_in_admin()
    assert [error.id for error in errors] == ["hok.E001"]
    assert "agreements.Signature.board_decision" in errors[0].msg

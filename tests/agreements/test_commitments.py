"""Commitments and yearly progress: services, selectors, pages for every role, bad input."""

import re
from collections.abc import Callable, Iterator

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from agreements.models import AgreementVersion, Commitment, Principle, ProgressReport
from agreements.selectors import commitments as selectors
from agreements.services import commitments as services
from hok.models import User
from tests.factories import (
    ActionFactory,
    AdminUserFactory,
    CommitmentFactory,
    MembershipFactory,
    OrganisationFactory,
    PrincipleFactory,
    ProgressReportFactory,
    UserFactory,
    WorkingGroupUserFactory,
)

THIS_YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def swedish() -> Iterator[None]:
    """A request to /en/ leaves English active in this thread; reverse() would follow it."""
    translation.activate("sv")
    yield
    translation.activate("sv")


def _html(response) -> str:
    return response.content.decode()


def _field_errors(response, field: str) -> str:
    """The text of the error list Django links to the field (id_<field>_error)."""
    match = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', _html(response), re.S
    )
    return match.group(1) if match else ""


@pytest.fixture
def principles(seed: AgreementVersion) -> list[Principle]:
    return list(seed.principles.order_by("number").prefetch_related("actions"))


@pytest.fixture
def organisation(db: None):
    return OrganisationFactory(name="Föreningen Ljuset", slug="foreningen-ljuset")


@pytest.fixture
def representative(organisation) -> User:
    person = UserFactory(full_name="Rut Representant")
    MembershipFactory(organisation=organisation, user=person)
    return person


@pytest.fixture
def rep_client(representative: User) -> Client:
    client = Client()
    client.force_login(representative)
    return client


@pytest.fixture
def commitment(organisation, principles: list[Principle]) -> Commitment:
    return CommitmentFactory(
        organisation=organisation,
        principle=principles[0],
        action=principles[0].actions.all()[0],
        title="Dialogträff varje höst",
        start_year=THIS_YEAR - 1,
    )


def _post_data(chosen: Principle, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "principle": chosen.pk,
        "action": "",
        "title": "Öppna styrelsemöten",
        "description": "Vi bjuder in medlemmar och regionen till styrelsens möten.",
        "start_year": THIS_YEAR,
    }
    data.update(overrides)
    return data


# --- services -------------------------------------------------------------------------------


class TestCommitmentCreate:
    def test_creates_under_principle_and_action(self, organisation, representative, principles):
        principle = principles[2]
        action = principle.actions.all()[1]
        commitment = services.commitment_create(
            organisation=organisation,
            by=representative,
            principle=principle,
            action=action,
            title="  Publicera årsredovisningen  ",
            description=" Varje år i maj. ",
            start_year=THIS_YEAR,
        )
        commitment.refresh_from_db()
        assert commitment.organisation == organisation
        assert (commitment.principle, commitment.action) == (principle, action)
        assert commitment.title == "Publicera årsredovisningen"
        assert commitment.description == "Varje år i maj."
        assert commitment.created_by == representative

    def test_without_action(self, organisation, representative, principles):
        commitment = services.commitment_create(
            organisation=organisation,
            by=representative,
            principle=principles[0],
            action=None,
            title="Något",
            description="Beskrivning",
            start_year=2019,
        )
        assert commitment.action is None

    def test_action_of_another_principle_is_refused(self, organisation, representative, principles):
        with pytest.raises(ValidationError) as error:
            services.commitment_create(
                organisation=organisation,
                by=representative,
                principle=principles[0],
                action=principles[1].actions.all()[0],
                title="Något",
                description="Beskrivning",
                start_year=THIS_YEAR,
            )
        assert error.value.error_list[0].code == "action_principle"
        assert "hör inte till den valda principen" in error.value.messages[0]
        assert not Commitment.objects.exists()

    def test_principle_of_a_draft_version_is_refused(self, organisation, representative, seed):
        draft_principle = PrincipleFactory()
        with pytest.raises(ValidationError) as error:
            services.commitment_create(
                organisation=organisation,
                by=representative,
                principle=draft_principle,
                action=None,
                title="Något",
                description="Beskrivning",
                start_year=THIS_YEAR,
            )
        assert error.value.error_list[0].code == "principle_version"
        assert not Commitment.objects.exists()

    @pytest.mark.parametrize("year", [2019, THIS_YEAR, THIS_YEAR + services.YEARS_AHEAD])
    def test_years_in_range(self, organisation, representative, principles, year: int):
        commitment = services.commitment_create(
            organisation=organisation,
            by=representative,
            principle=principles[0],
            action=None,
            title="Något",
            description="Beskrivning",
            start_year=year,
        )
        assert commitment.start_year == year

    @pytest.mark.parametrize("year", [0, 1999, 2018, THIS_YEAR + services.YEARS_AHEAD + 1, 40000])
    def test_years_out_of_range(self, organisation, representative, principles, year: int):
        with pytest.raises(ValidationError) as error:
            services.commitment_create(
                organisation=organisation,
                by=representative,
                principle=principles[0],
                action=None,
                title="Något",
                description="Beskrivning",
                start_year=year,
            )
        assert error.value.error_list[0].code == "year"
        assert "Ange ett år mellan 2019 och" in error.value.messages[0]

    @pytest.mark.parametrize("field", ["title", "description"])
    def test_blank_text_is_refused(self, organisation, representative, principles, field: str):
        values = {"title": "Något", "description": "Beskrivning", field: "   "}
        with pytest.raises(ValidationError) as error:
            services.commitment_create(
                organisation=organisation,
                by=representative,
                principle=principles[0],
                action=None,
                start_year=THIS_YEAR,
                **values,
            )
        assert field in error.value.message_dict


class TestCommitmentCheck:
    def test_reports_every_problem(self, principles):
        with pytest.raises(ValidationError) as error:
            services.commitment_check(
                principle=principles[0], action=principles[1].actions.all()[0], start_year=1
            )
        assert [item.code for item in error.value.error_list] == ["action_principle", "year"]

    def test_missing_values_are_not_checked(self, principles):
        services.commitment_check(
            principle=None, action=principles[1].actions.all()[0], start_year=None
        )
        services.commitment_check(principle=principles[0], action=None, start_year=THIS_YEAR)


class TestCommitmentUpdate:
    def test_changes_everything(self, representative: User, commitment: Commitment, principles):
        principle = principles[4]
        action = principle.actions.all()[2]
        services.commitment_update(
            commitment=commitment,
            by=representative,
            principle=principle,
            action=action,
            title=" Ny rubrik ",
            description="Ny beskrivning",
            start_year=THIS_YEAR,
        )
        commitment.refresh_from_db()
        assert (commitment.principle, commitment.action) == (principle, action)
        assert (commitment.title, commitment.description) == ("Ny rubrik", "Ny beskrivning")
        assert commitment.start_year == THIS_YEAR

    def test_after_the_creator_left(self, representative: User, commitment: Commitment, principles):
        creator = UserFactory()
        Commitment.objects.filter(pk=commitment.pk).update(created_by=creator)
        creator.delete()
        commitment.refresh_from_db()
        assert commitment.created_by is None
        services.commitment_update(
            commitment=commitment,
            by=representative,
            principle=principles[0],
            action=None,
            title="Ny rubrik",
            description="Ny beskrivning",
            start_year=THIS_YEAR,
        )
        commitment.refresh_from_db()
        assert commitment.title == "Ny rubrik"

    def test_action_of_another_principle_is_refused(
        self, representative: User, commitment: Commitment, principles
    ):
        with pytest.raises(ValidationError) as error:
            services.commitment_update(
                commitment=commitment,
                by=representative,
                principle=principles[1],
                action=principles[0].actions.all()[0],
                title="Ny rubrik",
                description="Ny beskrivning",
                start_year=THIS_YEAR,
            )
        assert error.value.error_list[0].code == "action_principle"
        commitment.refresh_from_db()
        assert commitment.title == "Dialogträff varje höst"

    def test_year_out_of_range(self, representative: User, commitment: Commitment, principles):
        with pytest.raises(ValidationError) as error:
            services.commitment_update(
                commitment=commitment,
                by=representative,
                principle=principles[0],
                action=None,
                title="Ny rubrik",
                description="Ny beskrivning",
                start_year=2017,
            )
        assert error.value.error_list[0].code == "year"

    def test_cannot_start_after_a_report(
        self, representative: User, commitment: Commitment, principles
    ):
        ProgressReportFactory(commitment=commitment, year=THIS_YEAR - 1)
        with pytest.raises(ValidationError) as error:
            services.commitment_update(
                commitment=commitment,
                by=representative,
                principle=principles[0],
                action=None,
                title="Ny rubrik",
                description="Ny beskrivning",
                start_year=THIS_YEAR,
            )
        assert error.value.error_list[0].code == "start_after_report"
        assert str(THIS_YEAR - 1) in error.value.messages[0]

    def test_may_start_earlier_than_its_reports(
        self, representative: User, commitment: Commitment, principles
    ):
        ProgressReportFactory(commitment=commitment, year=THIS_YEAR - 1)
        services.commitment_update(
            commitment=commitment,
            by=representative,
            principle=principles[0],
            action=None,
            title="Ny rubrik",
            description="Ny beskrivning",
            start_year=2019,
        )
        commitment.refresh_from_db()
        assert commitment.start_year == 2019

    def test_keeps_a_principle_of_an_earlier_version(
        self, representative: User, organisation, seed
    ):
        old_principle = PrincipleFactory()
        commitment = CommitmentFactory(organisation=organisation, principle=old_principle)
        services.commitment_update(
            commitment=commitment,
            by=representative,
            principle=old_principle,
            action=None,
            title="Ny rubrik",
            description="Ny beskrivning",
            start_year=THIS_YEAR,
        )
        commitment.refresh_from_db()
        assert commitment.title == "Ny rubrik"

    def test_cannot_move_to_a_principle_of_a_draft(
        self, representative: User, commitment: Commitment
    ):
        with pytest.raises(ValidationError) as error:
            services.commitment_update(
                commitment=commitment,
                by=representative,
                principle=PrincipleFactory(),
                action=None,
                title="Ny rubrik",
                description="Ny beskrivning",
                start_year=THIS_YEAR,
            )
        assert error.value.error_list[0].code == "principle_version"


class TestCommitmentDelete:
    def test_removes_it_and_its_reports(self, commitment: Commitment, representative):
        ProgressReportFactory(commitment=commitment, year=THIS_YEAR)
        other = CommitmentFactory(organisation=commitment.organisation)
        services.commitment_delete(commitment=commitment, by=representative)
        assert list(Commitment.objects.all()) == [other]
        assert not ProgressReport.objects.exists()


class TestProgressReport:
    def test_reports_a_year(self, commitment: Commitment, representative):
        report = services.progress_report(
            commitment=commitment,
            by=representative,
            year=THIS_YEAR,
            status=ProgressReport.Status.ONGOING,
            text="  Två träffar hållna.  ",
            link=" https://forening.se/nyhet ",
        )
        report.refresh_from_db()
        assert (report.year, report.status) == (THIS_YEAR, "ongoing")
        assert report.text == "Två träffar hållna."
        assert report.link == "https://forening.se/nyhet"
        assert report.reported_by == representative

    def test_updates_the_years_report(self, commitment: Commitment, representative):
        first = ProgressReportFactory(commitment=commitment, year=THIS_YEAR)
        colleague = UserFactory()
        report = services.progress_report(
            commitment=commitment,
            by=colleague,
            year=THIS_YEAR,
            status=ProgressReport.Status.DONE,
            text="Klart!",
        )
        assert report.pk == first.pk
        assert ProgressReport.objects.filter(commitment=commitment).count() == 1
        report.refresh_from_db()
        assert (report.status, report.text, report.link) == ("done", "Klart!", "")
        assert report.reported_by == colleague

    def test_each_year_its_own_report(self, commitment: Commitment, representative):
        for year in (THIS_YEAR - 1, THIS_YEAR):
            services.progress_report(
                commitment=commitment, by=representative, year=year, status="ongoing", text="x"
            )
        assert sorted(commitment.progress_reports.values_list("year", flat=True)) == [
            THIS_YEAR - 1,
            THIS_YEAR,
        ]

    def test_before_the_start_year_is_refused(self, commitment: Commitment, representative):
        with pytest.raises(ValidationError) as error:
            services.progress_report(
                commitment=commitment,
                by=representative,
                year=commitment.start_year - 1,
                status="ongoing",
                text="x",
            )
        assert error.value.error_list[0].code == "before_start"
        assert f"Åtagandet börjar {commitment.start_year}" in error.value.messages[0]
        assert not ProgressReport.objects.exists()

    def test_a_year_that_has_not_begun_is_refused(self, commitment: Commitment, representative):
        with pytest.raises(ValidationError) as error:
            services.progress_report(
                commitment=commitment,
                by=representative,
                year=THIS_YEAR + 1,
                status="not_started",
                text="x",
            )
        assert error.value.error_list[0].code == "future_year"

    @pytest.mark.parametrize("year", [2018, THIS_YEAR + services.YEARS_AHEAD + 1])
    def test_years_out_of_range(self, commitment: Commitment, representative, year: int):
        with pytest.raises(ValidationError) as error:
            services.progress_report(
                commitment=commitment, by=representative, year=year, status="ongoing", text="x"
            )
        assert error.value.error_list[0].code == "year"

    @pytest.mark.parametrize(
        ("field", "values"),
        [
            ("status", {"status": "finished"}),
            ("text", {"text": "   "}),
            ("link", {"link": "inte en länk"}),
        ],
    )
    def test_bad_values_are_refused(
        self, commitment: Commitment, representative, field: str, values: dict
    ):
        arguments = {"status": "ongoing", "text": "x", "link": "", **values}
        with pytest.raises(ValidationError) as error:
            services.progress_report(
                commitment=commitment, by=representative, year=THIS_YEAR, **arguments
            )
        assert field in error.value.message_dict
        assert not ProgressReport.objects.exists()


# --- selectors ------------------------------------------------------------------------------


class TestSelectors:
    def test_latest_progress_is_the_newest_year(self, organisation, principles):
        older = CommitmentFactory(organisation=organisation, principle=principles[3], title="B")
        newer = CommitmentFactory(organisation=organisation, principle=principles[0], title="A")
        silent = CommitmentFactory(organisation=organisation, principle=principles[3], title="A")
        for year in (2020, 2022, 2021):
            ProgressReportFactory(commitment=older, year=year)
        ProgressReportFactory(commitment=newer, year=THIS_YEAR)
        CommitmentFactory(principle=principles[0])  # another organisation's
        commitments = list(selectors.commitments_with_latest_progress(organisation=organisation))
        assert commitments == [newer, silent, older]
        assert [c.latest_report.year for c in (commitments[0], commitments[2])] == [
            THIS_YEAR,
            2022,
        ]
        assert commitments[1].latest_report is None

    def test_latest_progress_costs_one_query(
        self, organisation, principles, django_assert_num_queries
    ):
        for index in range(10):
            commitment = CommitmentFactory(
                organisation=organisation, principle=principles[index % 6], start_year=2019
            )
            for year in (2019, 2020, 2021):
                ProgressReportFactory(commitment=commitment, year=year)
        with django_assert_num_queries(1):
            commitments = list(
                selectors.commitments_with_latest_progress(organisation=organisation)
            )
            assert {c.latest_report.year for c in commitments} == {2021}
            assert all(c.principle.number and c.principle.version.number for c in commitments)

    def test_due_is_started_and_unreported(self, organisation, principles):
        reported = CommitmentFactory(organisation=organisation, principle=principles[0])
        ProgressReportFactory(commitment=reported, year=THIS_YEAR)
        last_year_only = CommitmentFactory(
            organisation=organisation, principle=principles[1], start_year=THIS_YEAR - 2
        )
        ProgressReportFactory(commitment=last_year_only, year=THIS_YEAR - 1)
        never = CommitmentFactory(organisation=organisation, principle=principles[0])
        CommitmentFactory(organisation=organisation, start_year=THIS_YEAR + 1)  # not started
        CommitmentFactory(principle=principles[0])  # another organisation's
        due = selectors.commitments_due(organisation=organisation, year=THIS_YEAR)
        assert list(due) == [never, last_year_only]

    def test_due_summary_counts(self, organisation, principles, django_assert_num_queries):
        reported = CommitmentFactory(organisation=organisation, principle=principles[0])
        ProgressReportFactory(commitment=reported, year=THIS_YEAR)
        due = CommitmentFactory(organisation=organisation, principle=principles[1])
        ProgressReportFactory(commitment=due, year=THIS_YEAR - 1)
        CommitmentFactory(organisation=organisation, start_year=THIS_YEAR + 2)
        with django_assert_num_queries(1):
            summary = selectors.commitments_due_summary(organisation=organisation, year=THIS_YEAR)
            assert [c.principle.number for c in summary.due] == [2]
        assert summary.due == [due]
        assert (summary.reported, summary.not_reported, summary.upcoming) == (1, 1, 1)
        assert (summary.started, summary.total) == (2, 3)

    def test_grouped_by_principle(self, organisation, principles):
        CommitmentFactory(organisation=organisation, principle=principles[2])
        old = CommitmentFactory(organisation=organisation, principle=PrincipleFactory())
        groups = selectors.commitments_by_principle(organisation=organisation)
        assert [g.principle.number for g in groups][:6] == [1, 2, 3, 4, 5, 6]
        assert [len(g.commitments) for g in groups] == [0, 0, 1, 0, 0, 0, 1]
        assert groups[-1].commitments == [old]


# --- pages ------------------------------------------------------------------------------------


def _urls(organisation, commitment: Commitment) -> dict[str, str]:
    slug = organisation.slug
    return {
        "list": reverse("agreements:commitment_list", args=[slug]),
        "create": reverse("agreements:commitment_create", args=[slug]),
        "edit": reverse("agreements:commitment_edit", args=[slug, commitment.pk]),
        "delete": reverse("agreements:commitment_delete", args=[slug, commitment.pk]),
        "report": reverse("agreements:progress_report", args=[slug, commitment.pk, THIS_YEAR]),
    }


PAGES = ["list", "create", "edit", "delete", "report"]


def _as(person: User | None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def _member_of(organisation) -> Callable[[User], User]:
    def make(person: User) -> User:
        MembershipFactory(organisation=organisation, user=person)
        return person

    return make


ROLE_EXPECTATIONS = [
    # (role, expected status)
    ("anonymous", 302),
    ("signed_in", 403),
    ("member_of_another", 403),
    ("representative", 200),
    ("working_group", 403),
    ("working_group_member", 200),
    ("admin", 403),
    ("admin_member", 200),
]


def _person(role: str, organisation) -> User | None:
    make_member = _member_of(organisation)
    return {
        "anonymous": lambda: None,
        "signed_in": lambda: UserFactory(),
        "member_of_another": lambda: MembershipFactory().user,
        "representative": lambda: make_member(UserFactory()),
        "working_group": lambda: WorkingGroupUserFactory(),
        "working_group_member": lambda: make_member(WorkingGroupUserFactory()),
        "admin": lambda: AdminUserFactory(),
        "admin_member": lambda: make_member(AdminUserFactory()),
    }[role]()


class TestRoles:
    @pytest.mark.parametrize("page", PAGES)
    @pytest.mark.parametrize(("role", "expected"), ROLE_EXPECTATIONS)
    def test_every_page_for_every_role(
        self, organisation, commitment, page: str, role: str, expected: int
    ):
        url = _urls(organisation, commitment)[page]
        response = _as(_person(role, organisation)).get(url)
        assert response.status_code == expected
        if role == "anonymous":
            assert response["Location"].startswith(reverse("account_login"))
            assert "next=" in response["Location"]

    @pytest.mark.parametrize(("role", "expected"), ROLE_EXPECTATIONS)
    def test_posting_for_every_role(self, organisation, commitment, role: str, expected: int):
        url = _urls(organisation, commitment)["create"]
        response = _as(_person(role, organisation)).post(url, _post_data(commitment.principle))
        assert response.status_code == (302 if expected == 200 else expected)
        assert Commitment.objects.count() == (2 if expected == 200 else 1)

    def test_unknown_organisation_is_404(self, rep_client: Client, seed):
        url = reverse("agreements:commitment_list", args=["finns-inte"])
        assert rep_client.get(url).status_code == 404


class TestCommitmentList:
    def test_grouped_with_latest_report_and_report_link(
        self, rep_client: Client, organisation, commitment, principles
    ):
        ProgressReportFactory(
            commitment=commitment, year=THIS_YEAR - 1, status="paused", text="Pausat i år."
        )
        future = CommitmentFactory(
            organisation=organisation, principle=principles[5], start_year=THIS_YEAR + 1
        )
        CommitmentFactory(principle=principles[0], title="Någon annans åtagande")
        response = rep_client.get(_urls(organisation, commitment)["list"])
        html = _html(response)
        assert response.status_code == 200
        assert "Dialogträff varje höst" in html
        assert "Någon annans åtagande" not in html
        assert "Pausat" in html and f"enligt rapporten för {THIS_YEAR - 1}" in html
        report_url = reverse(
            "agreements:progress_report", args=[organisation.slug, commitment.pk, THIS_YEAR]
        )
        assert f'href="{report_url}"' in html
        assert f"Rapportera för {THIS_YEAR}" in html
        assert f"Börjar {THIS_YEAR + 1}" in html
        assert (
            reverse("agreements:progress_report", args=[organisation.slug, future.pk, THIS_YEAR])
            not in html
        )
        # Principle headings in order, each inviting a commitment.
        headings = re.findall(r'<h2 id="princip-\d+">\s*<span[^>]*>(\d)\.</span>', html)
        assert headings == ["1", "2", "3", "4", "5", "6"]
        assert f"?princip={principles[3].pk}" in html
        assert 'aria-current="page"' in html

    def test_reported_this_year_offers_a_change(self, rep_client, organisation, commitment):
        ProgressReportFactory(commitment=commitment, year=THIS_YEAR)
        html = _html(rep_client.get(_urls(organisation, commitment)["list"]))
        assert f"Ändra rapporten för {THIS_YEAR}" in html
        assert f"1 av 1 påbörjat åtagande är rapporterat för {THIS_YEAR}" in html

    def test_empty(self, rep_client: Client, organisation, seed):
        response = rep_client.get(reverse("agreements:commitment_list", args=[organisation.slug]))
        assert "Organisationen har inga åtaganden ännu." in _html(response)

    def test_query_budget(
        self, rep_client: Client, organisation, principles, django_assert_max_num_queries
    ):
        for index in range(20):
            commitment = CommitmentFactory(
                organisation=organisation,
                principle=principles[index % 6],
                action=principles[index % 6].actions.all()[0],
                start_year=2020,
            )
            for year in (2020, 2021, 2022, THIS_YEAR):
                ProgressReportFactory(commitment=commitment, year=year)
        url = reverse("agreements:commitment_list", args=[organisation.slug])
        with django_assert_max_num_queries(10):
            response = rep_client.get(url)
        assert _html(response).count('class="own-commitment"') == 20

    def test_query_count_does_not_grow(
        self, rep_client: Client, organisation, principles, django_assert_num_queries
    ):
        url = reverse("agreements:commitment_list", args=[organisation.slug])

        def add(count: int) -> None:
            for _index in range(count):
                commitment = CommitmentFactory(
                    organisation=organisation, principle=principles[0], start_year=2020
                )
                ProgressReportFactory(commitment=commitment, year=2021)

        add(1)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            rep_client.get(url)
        add(15)
        with django_assert_num_queries(len(few.captured_queries)):
            rep_client.get(url)


class TestCommitmentCreatePage:
    def test_form_offers_actions_grouped_by_principle(self, rep_client, organisation, principles):
        html = _html(
            rep_client.get(reverse("agreements:commitment_create", args=[organisation.slug]))
        )
        assert html.count("<optgroup") == 6
        assert f'<optgroup label="{escape("1. Dialog")}">' in html
        assert "Ingen särskild åtgärd" in html
        assert 'for="id_principle"' in html and 'for="id_action"' in html
        assert 'for="id_title"' in html and 'for="id_start_year"' in html
        assert f'value="{THIS_YEAR}"' in html

    def test_principle_preselected_from_the_list(self, rep_client, organisation, principles):
        url = reverse("agreements:commitment_create", args=[organisation.slug])
        html = _html(rep_client.get(url, {"princip": principles[2].pk}))
        assert f'<option value="{principles[2].pk}" selected>' in html
        # A tampered query string is ignored.
        assert rep_client.get(url, {"princip": "x'"}).status_code == 200

    def test_creates(self, rep_client: Client, organisation, principles):
        principle = principles[1]
        action = principle.actions.all()[0]
        url = reverse("agreements:commitment_create", args=[organisation.slug])
        response = rep_client.post(url, _post_data(principle, action=action.pk))
        commitment = Commitment.objects.get()
        assert response.status_code == 302
        assert response["Location"].endswith(f"#atagande-{commitment.pk}")
        assert (commitment.organisation, commitment.action) == (organisation, action)
        followed = rep_client.get(response["Location"])
        assert "Öppna styrelsemöten" in _html(followed)
        assert "är sparat" in _html(followed)

    def test_action_of_another_principle(self, rep_client: Client, organisation, principles):
        url = reverse("agreements:commitment_create", args=[organisation.slug])
        data = _post_data(principles[0], action=principles[3].actions.all()[0].pk)
        response = rep_client.post(url, data)
        assert response.status_code == 400
        assert "Åtgärden hör inte till den valda principen." in _field_errors(response, "action")
        assert 'value="Öppna styrelsemöten"' in _html(response)
        assert "Vi bjuder in medlemmar" in _html(response)
        assert not Commitment.objects.exists()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("principle", "999999", "Välj en av principerna i listan."),
            ("principle", "abc", "Välj en av principerna i listan."),
            ("principle", "", "Välj den princip som åtagandet hör till."),
            ("action", "999999", "Välj en av åtgärderna i listan."),
            ("action", "1; DROP TABLE", "Välj en av åtgärderna i listan."),
            ("title", "", "Skriv en rubrik för åtagandet."),
            ("title", "x" * 201, "Rubriken får vara högst 200 tecken"),
            ("description", "", "Beskriv vad organisationen åtar sig."),
            ("start_year", "", "Skriv det år då åtagandet börjar."),
            ("start_year", "tjugo", "Skriv året med fyra siffror"),
            ("start_year", "9" * 5000, "Skriv året med fyra siffror"),
            ("start_year", "2018", "Ange ett år mellan 2019 och"),
            ("start_year", "-2026", "Ange ett år mellan 2019 och"),
        ],
    )
    def test_bad_input(
        self, rep_client: Client, organisation, principles, field: str, value: str, message: str
    ):
        url = reverse("agreements:commitment_create", args=[organisation.slug])
        response = rep_client.post(url, _post_data(principles[0], **{field: value}))
        assert response.status_code == 400
        assert message in _field_errors(response, field)
        assert "det du skrev finns kvar" in _html(response)
        if field != "title":
            assert 'value="Öppna styrelsemöten"' in _html(response)
        assert not Commitment.objects.exists()

    def test_every_problem_shows_at_once(self, rep_client: Client, organisation, principles):
        url = reverse("agreements:commitment_create", args=[organisation.slug])
        data = _post_data(
            principles[0],
            action=principles[1].actions.all()[0].pk,
            description="",
            start_year="2018",
        )
        response = rep_client.post(url, data)
        assert response.status_code == 400
        assert "hör inte till den valda principen" in _field_errors(response, "action")
        assert "Ange ett år mellan 2019 och" in _field_errors(response, "start_year")
        assert "Beskriv vad organisationen åtar sig." in _field_errors(response, "description")

    def test_principle_of_a_draft_is_not_offered(self, rep_client, organisation, principles):
        draft_principle = PrincipleFactory()
        url = reverse("agreements:commitment_create", args=[organisation.slug])
        response = rep_client.post(url, _post_data(draft_principle))
        assert response.status_code == 400
        assert "Välj en av principerna i listan." in _field_errors(response, "principle")

    def test_without_a_current_version(self, rep_client: Client, organisation):
        url = reverse("agreements:commitment_create", args=[organisation.slug])
        response = rep_client.get(url)
        assert response.status_code == 200
        assert "Det finns ingen gällande version" in _html(response)

    def test_english(self, rep_client: Client, organisation, principles):
        url = "/en" + reverse("agreements:commitment_create", args=[organisation.slug])
        response = rep_client.get(url)
        assert response.status_code == 200
        assert principles[0].title_en in _html(response)


class TestCommitmentEditPage:
    def test_prefilled(self, rep_client: Client, organisation, commitment):
        ProgressReportFactory(commitment=commitment, year=THIS_YEAR - 1, text="Första året.")
        html = _html(rep_client.get(_urls(organisation, commitment)["edit"]))
        assert 'value="Dialogträff varje höst"' in html
        assert f'<option value="{commitment.action_id}" selected>' in html
        assert "Första året." in html
        assert f"Rapportera för {THIS_YEAR}" in html

    def test_saves(self, rep_client: Client, organisation, commitment, principles):
        data = _post_data(principles[0], action=commitment.action_id, title="Ny rubrik")
        response = rep_client.post(_urls(organisation, commitment)["edit"], data)
        assert response.status_code == 302
        commitment.refresh_from_db()
        assert commitment.title == "Ny rubrik"

    def test_action_of_another_principle(self, rep_client, organisation, commitment, principles):
        data = _post_data(principles[1], action=commitment.action_id, title="Ny rubrik")
        response = rep_client.post(_urls(organisation, commitment)["edit"], data)
        assert response.status_code == 400
        assert "Åtgärden hör inte till den valda principen." in _field_errors(response, "action")
        assert 'value="Ny rubrik"' in _html(response)
        commitment.refresh_from_db()
        assert commitment.title == "Dialogträff varje höst"

    def test_start_after_a_report(self, rep_client, organisation, commitment, principles):
        ProgressReportFactory(commitment=commitment, year=THIS_YEAR - 1)
        data = _post_data(principles[0], start_year=THIS_YEAR)
        response = rep_client.post(_urls(organisation, commitment)["edit"], data)
        assert response.status_code == 400
        assert "kan inte börja senare" in _field_errors(response, "start_year")

    def test_commitment_under_an_earlier_version_can_be_edited(self, rep_client, organisation):
        old_principle = PrincipleFactory(title="Gammal princip")
        ActionFactory(principle=old_principle, text="Gammal åtgärd")
        commitment = CommitmentFactory(organisation=organisation, principle=old_principle)
        url = _urls(organisation, commitment)["edit"]
        assert "Gammal princip" in _html(rep_client.get(url))
        response = rep_client.post(url, _post_data(old_principle, title="Fortfarande gammal"))
        assert response.status_code == 302
        commitment.refresh_from_db()
        assert commitment.title == "Fortfarande gammal"

    @pytest.mark.parametrize("page", ["edit", "delete", "report"])
    def test_another_organisations_commitment_is_404(
        self, rep_client: Client, organisation, principles, page: str
    ):
        theirs = CommitmentFactory(principle=principles[0], title="Deras")
        url = _urls(organisation, theirs)[page]
        assert rep_client.get(url).status_code == 404
        assert rep_client.post(url, _post_data(principles[0])).status_code == 404
        theirs.refresh_from_db()
        assert theirs.title == "Deras"
        assert not theirs.progress_reports.exists()

    @pytest.mark.parametrize("pk", ["0", "99999999", "99999999999999999999"])
    def test_unknown_pk_is_404(self, rep_client: Client, organisation, seed, pk: str):
        url = reverse("agreements:commitment_list", args=[organisation.slug]) + f"{pk}/"
        assert rep_client.get(url).status_code == 404


class TestCommitmentDeletePage:
    def test_asks_first(self, rep_client: Client, organisation, commitment):
        ProgressReportFactory(commitment=commitment, year=THIS_YEAR)
        response = rep_client.get(_urls(organisation, commitment)["delete"])
        assert "Ta bort åtagandet?" in _html(response)
        assert "dess lägesrapport tas bort" in _html(response)
        assert Commitment.objects.exists()

    def test_deletes(self, rep_client: Client, organisation, commitment):
        response = rep_client.post(_urls(organisation, commitment)["delete"])
        assert response.status_code == 302
        assert not Commitment.objects.exists()


class TestProgressReportPage:
    def test_new_report(self, rep_client: Client, organisation, commitment):
        url = _urls(organisation, commitment)["report"]
        html = _html(rep_client.get(url))
        assert f"Lägesrapport för {THIS_YEAR}" in html
        assert "<legend>Läge:</legend>" in html
        assert 'for="id_text"' in html and 'for="id_link"' in html
        response = rep_client.post(url, {"status": "ongoing", "text": "Det går bra."})
        assert response.status_code == 302
        report = ProgressReport.objects.get()
        assert (report.commitment, report.year, report.text) == (
            commitment,
            THIS_YEAR,
            "Det går bra.",
        )

    def test_prefilled_and_updated(self, rep_client, organisation, commitment, representative):
        ProgressReportFactory(
            commitment=commitment,
            year=THIS_YEAR,
            status="paused",
            text="Vilar över sommaren.",
            link="https://forening.se/paus",
        )
        url = _urls(organisation, commitment)["report"]
        html = _html(rep_client.get(url))
        assert f"Ändra lägesrapporten för {THIS_YEAR}" in html
        assert "Vilar över sommaren." in html
        assert 'value="https://forening.se/paus"' in html
        assert re.search(r'value="paused"[^>]*checked', html)
        response = rep_client.post(url, {"status": "done", "text": "Klart.", "link": ""})
        assert response.status_code == 302
        report = ProgressReport.objects.get()
        assert (report.status, report.text, report.link) == ("done", "Klart.", "")
        assert report.reported_by == representative

    def test_earlier_year(self, rep_client: Client, organisation, commitment):
        url = reverse(
            "agreements:progress_report", args=[organisation.slug, commitment.pk, THIS_YEAR - 1]
        )
        html = _html(rep_client.get(url))
        assert f"Rapportera för {THIS_YEAR}" in html  # the other years are offered
        response = rep_client.post(url, {"status": "not_started", "text": "Inte än."})
        assert response.status_code == 302
        assert ProgressReport.objects.get().year == THIS_YEAR - 1

    def test_before_the_start_year(self, rep_client: Client, organisation, commitment):
        year = commitment.start_year - 1
        url = reverse("agreements:progress_report", args=[organisation.slug, commitment.pk, year])
        response = rep_client.get(url)
        assert response.status_code == 200
        assert f"Åtagandet börjar {commitment.start_year}" in _html(response)
        assert 'name="text"' not in _html(response)
        response = rep_client.post(url, {"status": "ongoing", "text": "Tidigt."})
        assert response.status_code == 400
        assert "Rapportera för det året eller senare." in _html(response)
        assert "Tidigt." in _html(response)
        assert not ProgressReport.objects.exists()

    def test_year_that_has_not_begun(self, rep_client: Client, organisation, commitment):
        url = reverse(
            "agreements:progress_report", args=[organisation.slug, commitment.pk, THIS_YEAR + 1]
        )
        response = rep_client.get(url)
        assert response.status_code == 200
        assert "har inte börjat" in _html(response)
        response = rep_client.post(url, {"status": "ongoing", "text": "Framtid."})
        assert response.status_code == 400
        assert "Det går bara att rapportera för år som har börjat." in _html(response)
        assert not ProgressReport.objects.exists()

    @pytest.mark.parametrize("year", [1900, 2018, THIS_YEAR + 50, 99999999999])
    def test_nonsense_year_is_404(self, rep_client, organisation, commitment, year: int):
        url = reverse("agreements:progress_report", args=[organisation.slug, commitment.pk, year])
        assert rep_client.get(url).status_code == 404

    @pytest.mark.parametrize(
        ("data", "field", "message"),
        [
            ({"status": "", "text": "Något."}, "status", "Välj hur långt ni har kommit."),
            ({"status": "hacked", "text": "Något."}, "status", "Välj ett av lägena i listan."),
            ({"status": "done", "text": " "}, "text", "Skriv några rader om vad som har hänt."),
            ({"status": "done", "text": "x" * 4001}, "text", "högst 4000 tecken"),
            (
                {"status": "done", "text": "Något.", "link": "javascript:alert(1)"},
                "link",
                "Skriv en fullständig webbadress",
            ),
        ],
    )
    def test_bad_input(
        self, rep_client, organisation, commitment, data: dict, field: str, message: str
    ):
        response = rep_client.post(_urls(organisation, commitment)["report"], data)
        assert response.status_code == 400
        assert message in _field_errors(response, field)
        if field != "text":
            assert "Något." in _html(response)
        assert not ProgressReport.objects.exists()

    def test_link_without_scheme_gets_https(self, rep_client, organisation, commitment):
        data = {"status": "done", "text": "Klart.", "link": "forening.se/nyhet"}
        rep_client.post(_urls(organisation, commitment)["report"], data)
        assert ProgressReport.objects.get().link == "https://forening.se/nyhet"


class TestDashboardPanel:
    def _render(self, organisation, rep_client: Client) -> str:
        summary = selectors.commitments_due_summary(organisation=organisation, year=THIS_YEAR)
        request = rep_client.get(reverse("agreements:commitment_list", args=[organisation.slug]))
        return render_to_string(
            "agreements/organisations/includes/dashboard_commitments.html",
            {"organisation": organisation, "commitments_summary": summary},
            request=request.wsgi_request,
        )

    def test_due_commitments_with_links_and_counts(
        self, rep_client: Client, organisation, commitment, principles
    ):
        done = CommitmentFactory(organisation=organisation, principle=principles[1], title="Klar")
        ProgressReportFactory(commitment=done, year=THIS_YEAR)
        CommitmentFactory(organisation=organisation, start_year=THIS_YEAR + 1, title="Sen")
        html = self._render(organisation, rep_client)
        report_url = reverse(
            "agreements:progress_report", args=[organisation.slug, commitment.pk, THIS_YEAR]
        )
        assert f"Åtaganden att rapportera för {THIS_YEAR}" in html
        assert f'<a href="{report_url}">Dialogträff varje höst</a>' in html
        assert ">Klar<" not in html and ">Sen<" not in html
        assert re.search(r'figures__number">1</span>\s*rapporterat', html)
        assert re.search(r'figures__number">1</span>\s*inte rapporterat', html)
        assert "Ett åtagande börjar ett senare år." in html

    def test_all_reported(self, rep_client: Client, organisation, commitment):
        ProgressReportFactory(commitment=commitment, year=THIS_YEAR)
        html = self._render(organisation, rep_client)
        assert f"Alla påbörjade åtaganden är rapporterade för {THIS_YEAR}" in html

    def test_no_commitments_invites_one(self, rep_client: Client, organisation, seed):
        html = self._render(organisation, rep_client)
        assert reverse("agreements:commitment_create", args=[organisation.slug]) in html

    def test_dashboard_renders_the_panel(self, rep_client: Client, organisation, commitment):
        response = rep_client.get(
            reverse("agreements:organisation_dashboard", args=[organisation.slug])
        )
        assert response.status_code == 200
        assert reverse("agreements:commitment_list", args=[organisation.slug]) in _html(response)

    def test_dashboard_lists_what_is_due(self, rep_client: Client, organisation, commitment):
        response = rep_client.get(
            reverse("agreements:organisation_dashboard", args=[organisation.slug])
        )
        assert f"Åtaganden att rapportera för {THIS_YEAR}" in _html(response)

"""What the knowledge base's pages show and how they answer bad input (never a 500)."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import ActivityArea, Municipality, Principle
from examples import services
from examples.models import Example
from tests.examples.conftest import World
from tests.examples.factories import ExampleFactory, ExamplePartyFactory, PublishedExampleFactory
from tests.factories import current_version
from tests.uploads import huge_png_bytes, pdf_upload, png_upload, text_upload, upload

pytestmark = pytest.mark.django_db
LIST = "/exempel/"


def _principle(number: int) -> Principle:
    return Principle.objects.get(version=current_version(), number=number)


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Mötesplats för nyanlända",
        "summary": "En mötesplats på biblioteket.",
        "principles": [str(_principle(2).pk)],
        "municipalities": [str(Municipality.objects.get(slug="varberg").pk)],
        "areas": [str(ActivityArea.objects.order_by("position").first().pk)],  # type: ignore[union-attr]
        "start_year": "2022",
        "end_year": "",
        "what_was_done": "Vi öppnade en mötesplats.",
        "outcome": "Fler hittade till föreningslivet.",
        "lessons": "Fråga dem det gäller först.",
        "contact_kind": "organisation",
        "contact_email": "info@kustlaget.se",
        "region_units": "Regional utveckling",
        "other_parties": "",
    }
    data.update(overrides)
    return data


class TestList:
    def test_starts_empty_and_invites_the_first_example(self, world: World) -> None:
        ExampleFactory(organisation=world.organisation)  # a draft is not public
        response = Client().get(LIST)
        text = response.content.decode()
        assert response.status_code == 200
        assert "Här finns inga exempel ännu." in text
        assert reverse("examples:new") in text
        assert "Läxhjälp" not in text

    def test_each_filter_narrows_the_list(self, world: World) -> None:
        dialog = PublishedExampleFactory(
            organisation=world.organisation, principles=[1], municipalities=["halmstad"]
        )
        other = PublishedExampleFactory(
            organisation=world.organisation,
            principles=[3],
            municipalities=["varberg"],
            start_year=2019,
            end_year=2020,
        )
        area = ActivityArea.objects.order_by("position").first()
        other.areas.set([area])
        client = Client()

        def titles(query: str) -> set[str]:
            response = client.get(f"{LIST}?{query}")
            assert response.status_code == 200
            return {e.title for e in response.context["examples"]}

        assert titles(f"princip={_principle(1).slug}") == {dialog.title}
        assert titles("kommun=varberg") == {other.title}
        assert titles(f"omrade={area.slug}") == {other.title}  # type: ignore[union-attr]
        assert titles("ar=2022") == {dialog.title}
        assert titles("ar=2020") == {other.title}
        assert titles("kommun=varberg&ar=2022") == set()
        assert (
            "Inga exempel passar de valen." in client.get(f"{LIST}?kommun=laholm").content.decode()
        )

    @pytest.mark.parametrize(
        "query",
        [
            "princip=finns-inte",
            "kommun=oslo",
            "omrade=%27%3B--",
            "ar=1700",
            "ar=abc",
            "princip=" + "x" * 5000,
        ],
    )
    def test_a_filter_that_does_not_exist_is_a_clear_400(self, world: World, query: str) -> None:
        PublishedExampleFactory(organisation=world.organisation)
        response = Client().get(f"{LIST}?{query}")
        assert response.status_code == 400
        text = response.content.decode()
        assert "finns inte bland alternativen" in text
        assert len(response.context["examples"]) == 1  # the list without the bad filter

    def test_pages_of_twenty_and_in_english(self, world: World) -> None:
        PublishedExampleFactory.create_batch(21, organisation=world.organisation)
        first = Client().get(LIST)
        assert len(first.context["examples"]) == 20
        assert 'href="?sida=2"' in first.content.decode()
        second = Client().get(f"{LIST}?sida=2&kommun=halmstad")
        assert len(second.context["examples"]) == 1
        english = Client().get(f"/en{LIST}").content.decode()
        assert "Examples of collaboration" in english and "21 examples" in english

    def test_query_count_does_not_grow_with_the_examples(
        self, world: World, django_assert_max_num_queries: Callable
    ) -> None:
        for _ in range(12):
            example = PublishedExampleFactory(organisation=world.organisation, principles=[1, 2])
            ExamplePartyFactory(example=example)
        with django_assert_max_num_queries(14):
            response = Client().get(LIST)
        assert len(response.context["examples"]) == 12


def test_an_example_page_in_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Callable
) -> None:
    example = PublishedExampleFactory(organisation=world.organisation, principles=[1, 2, 3])
    for n in range(5):
        ExamplePartyFactory(example=example, name=f"Part {n}", position=n)
    with django_assert_max_num_queries(10):
        response = Client().get(example.get_absolute_url())
    assert response.content.decode().count("Part ") == 5


class TestAgreementsPages:
    def test_the_organisation_page_lists_its_examples_and_those_it_was_party_to(
        self, world: World
    ) -> None:
        own = PublishedExampleFactory(organisation=world.organisation, title="Vårt eget")
        theirs = PublishedExampleFactory(
            organisation=world.other_organisation, title="Med Kustlaget"
        )
        ExamplePartyFactory(example=theirs, organisation=world.organisation, name="")
        ExampleFactory(organisation=world.organisation, title="Ett utkast")
        text = Client().get(world.organisation.get_absolute_url()).content.decode()
        assert own.title in text and theirs.title in text
        assert "Ett utkast" not in text

    def test_the_principle_page_shows_examples_of_it(self, world: World) -> None:
        PublishedExampleFactory(organisation=world.organisation, title="Om dialog", principles=[1])
        PublishedExampleFactory(organisation=world.organisation, title="Om annat", principles=[2])
        text = Client().get(_principle(1).get_absolute_url()).content.decode()
        assert "Om dialog" in text and "Om annat" not in text

    def test_a_principle_without_examples_invites_one(self, world: World) -> None:
        text = Client().get(_principle(4).get_absolute_url()).content.decode()
        assert "Ingen har berättat om samverkan som visar den här principen ännu." in text


class TestWriting:
    def test_a_representative_writes_a_draft(
        self, world: World, client_in: Callable[[str], Client]
    ) -> None:
        client = client_in("representative")
        url = reverse("examples:create", kwargs={"slug": world.organisation.slug})
        response = client.post(url, form_data())
        example = Example.objects.get()
        assert response["Location"] == example.get_absolute_url()
        assert example.status == Example.Status.DRAFT
        assert [str(p) for p in example.parties.all()] == ["Regional utveckling"]

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"title": "x" * 201}, "högst 200 tecken"),
            ({"lessons": "x" * 6001}, "högst 6000 tecken"),
            ({"principles": ["999999"]}, "finns inte bland alternativen"),
            ({"principles": ["abc"]}, "”abc” finns inte bland alternativen"),
            ({"municipalities": []}, "Detta fält måste fyllas i"),
            ({"party_organisations": ["999999"]}, "finns inte bland alternativen"),
            ({"start_year": "2022", "end_year": "2021"}, "Slutåret kan inte komma före startåret."),
            (
                {"contact_kind": "person", "contact_name": "Anna"},
                "En privatperson visas bara med sitt samtycke.",
            ),
            ({"contact_kind": "hemlig"}, "finns inte bland alternativen"),
            ({"contact_phone": "<script>"}, "Skriv telefonnumret med siffror"),
            ({"other_parties": "x" * 4001}, "högst 4000 tecken"),
        ],
    )
    def test_bad_input_is_a_swedish_message_and_nothing_is_lost(
        self,
        world: World,
        client_in: Callable[[str], Client],
        overrides: dict,
        message: str,
    ) -> None:
        client = client_in("representative")
        url = reverse("examples:create", kwargs={"slug": world.organisation.slug})
        response = client.post(url, form_data(**overrides))
        assert response.status_code == 400
        text = response.content.decode()
        assert message in text
        assert "Mötesplats för nyanlända" in text or "x" * 201 in text
        assert not Example.objects.exists()

    def test_a_representative_changes_a_draft(
        self, world: World, client_in: Callable[[str], Client]
    ) -> None:
        example = ExampleFactory(organisation=world.organisation, principles=[4])
        client = client_in("representative")
        url = reverse("examples:edit", kwargs={"pk": example.pk})
        assert client.get(url).context["form"]["principles"].value() == [_principle(4).pk]
        response = client.post(url, form_data(title="Ny rubrik"))
        assert response.status_code == 302
        example.refresh_from_db()
        assert example.title == "Ny rubrik"
        assert [p.number for p in example.principles.all()] == [2]

    def test_an_organisation_that_does_not_exist_is_404(
        self, world: World, client_in: Callable[[str], Client]
    ) -> None:
        response = client_in("representative").get("/exempel/nytt/finns-inte/")
        assert response.status_code == 404

    def test_tampered_ids_are_404(self, world: World, client_in: Callable[[str], Client]) -> None:
        mine = ExampleFactory(organisation=world.organisation)
        theirs = ExampleFactory(organisation=world.other_organisation)
        document = services.example_document_add(
            example=theirs, by=world.other_member, title="Deras", upload=pdf_upload()
        )
        client = client_in("representative")
        assert client.get("/exempel/999999/andra/").status_code == 404
        assert client.get(f"/exempel/{theirs.pk}/andra/").status_code == 404
        # Their document through my example's address.
        remove = f"/exempel/{mine.pk}/filer/dokument/{document.pk}/ta-bort/"
        assert client.post(remove).status_code == 404
        assert client.get(f"/exempel/{mine.pk}/dokument/{document.pk}/").status_code == 404
        assert theirs.documents.count() == 1


class TestFiles:
    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (text_upload, "Filen är ingen bild vi kan läsa."),
            (lambda: upload("bomb.png", huge_png_bytes(), "image/png"), "bildpunkter"),
        ],
    )
    def test_not_an_image_and_a_bomb_get_a_clear_message(
        self, world: World, client_in: Callable[[str], Client], make: Callable, message: str
    ) -> None:
        example = ExampleFactory(organisation=world.organisation)
        response = client_in("representative").post(
            reverse("examples:image_add", kwargs={"pk": example.pk}),
            {"image": make(), "alt": "Deltagare på mötet"},
        )
        assert response.status_code == 400
        text = response.content.decode()
        assert message in text
        assert "Deltagare på mötet" in text  # what was typed is kept
        assert not example.images.exists()

    def test_a_picture_needs_its_description(
        self, world: World, client_in: Callable[[str], Client]
    ) -> None:
        example = ExampleFactory(organisation=world.organisation)
        response = client_in("representative").post(
            reverse("examples:image_add", kwargs={"pk": example.pk}), {"image": png_upload()}
        )
        assert response.status_code == 400
        assert "Beskriv bilden för den som inte ser den." in response.content.decode()

    def test_a_fake_pdf_is_refused(self, world: World, client_in: Callable[[str], Client]) -> None:
        example = ExampleFactory(organisation=world.organisation)
        response = client_in("representative").post(
            reverse("examples:document_add", kwargs={"pk": example.pk}),
            {"title": "Rapport", "file": text_upload("rapport.pdf")},
        )
        assert response.status_code == 400
        assert "Filen är ingen PDF." in response.content.decode()

    def test_published_files_are_served_safely(self, world: World) -> None:
        example = ExampleFactory(organisation=world.organisation)
        image = services.example_image_add(
            example=example, by=world.representative, upload=png_upload(), alt="Deltagare"
        )
        document = services.example_document_add(
            example=example, by=world.representative, title="Rapport", upload=pdf_upload()
        )
        assert Client().get(image.get_absolute_url()).status_code == 404  # a draft's
        Example.objects.filter(pk=example.pk).update(
            status="published", published_at="2025-05-05T10:00Z"
        )
        picture = Client().get(image.get_absolute_url())
        assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
        pdf = Client().get(document.get_absolute_url())
        assert pdf["Content-Disposition"].startswith("attachment")
        page = Client().get(example.get_absolute_url()).content.decode()
        assert 'alt="Deltagare"' in page


class TestReview:
    def test_asking_for_changes_needs_a_message(
        self, world: World, client_in: Callable[[str], Client]
    ) -> None:
        example = ExampleFactory(organisation=world.organisation, status="submitted")
        client = client_in("working_group_mfa")
        url = reverse("examples:decide", kwargs={"pk": example.pk})
        response = client.post(url, {"beslut": "andringar", "message": ""})
        assert response.status_code == 400
        assert "Skriv vad som behöver ändras" in response.content.decode()
        response = client.post(url, {"beslut": "andringar", "message": "Lägg till en bild."})
        assert response.status_code == 302
        example.refresh_from_db()
        assert example.status == Example.Status.CHANGES_REQUESTED
        page = client_in("representative").get(example.get_absolute_url()).content.decode()
        assert "Lägg till en bild." in page

    @pytest.mark.parametrize("decision", ["", "radera", "publicera' OR 1=1"])
    def test_an_unknown_decision_changes_nothing(
        self, world: World, client_in: Callable[[str], Client], decision: str
    ) -> None:
        example = ExampleFactory(organisation=world.organisation, status="submitted")
        response = client_in("working_group_mfa").post(
            reverse("examples:decide", kwargs={"pk": example.pk}), {"beslut": decision}, follow=True
        )
        assert "Välj vad som ska hända med exemplet." in response.content.decode()
        example.refresh_from_db()
        assert example.status == Example.Status.SUBMITTED

    def test_a_representative_cannot_publish_their_own(
        self, world: World, client_in: Callable[[str], Client]
    ) -> None:
        example = ExampleFactory(organisation=world.organisation, status="submitted")
        response = client_in("representative").post(
            reverse("examples:decide", kwargs={"pk": example.pk}), {"beslut": "publicera"}
        )
        assert response.status_code == 403
        example.refresh_from_db()
        assert example.status == Example.Status.SUBMITTED

    def test_an_over_long_message_is_refused(
        self, world: World, client_in: Callable[[str], Client]
    ) -> None:
        example = ExampleFactory(organisation=world.organisation, status="submitted")
        response = client_in("working_group_mfa").post(
            reverse("examples:decide", kwargs={"pk": example.pk}),
            {"beslut": "andringar", "message": "x" * 2001},
        )
        assert response.status_code == 400
        assert "högst 2000 tecken" in response.content.decode()

    def test_a_representative_withdraws_a_published_example_without_a_message(
        self, world: World, client_in: Callable[[str], Client]
    ) -> None:
        example = PublishedExampleFactory(organisation=world.organisation)
        client = client_in("representative")
        page = client.get(example.get_absolute_url()).content.decode()
        assert "Dra tillbaka exemplet" in page
        assert "Meddelande till organisationen" not in page  # that form is the reviewers'
        response = client.post(
            reverse("examples:decide", kwargs={"pk": example.pk}), {"beslut": "dra-tillbaka"}
        )
        assert response.status_code == 302
        example.refresh_from_db()
        assert example.status == Example.Status.WITHDRAWN
        assert Client().get(example.get_absolute_url()).status_code == 404

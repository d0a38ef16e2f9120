"""The knowledge base's pages. Every example is loaded by `example_view` (examples.access),
which asks examples.rules: an example the person may not see is missing (404), one they see
but may not change in this way is refused (403)."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import selectors as agreement_selectors
from agreements.generations import AGREEMENT, SIGNATORIES
from agreements.selectors import directory as directory_selectors
from agreements.selectors import organisations as organisation_selectors
from examples import rules, selectors, services
from examples.access import document_of, example_view, image_of
from examples.forms import (
    DocumentForm,
    ExampleFilterForm,
    ExampleForm,
    ImageForm,
    ReviewForm,
    initial_of,
)
from examples.generations import EXAMPLES
from examples.models import Example

if TYPE_CHECKING:
    from agreements.models import Organisation
from hok.access import permitted_by, refuse
from hok.http import AuthenticatedHttpRequest
from hok.images import IMAGE_ERROR_CODES
from hok.models import User
from hok.page_cache import cached_public_page
from hok.pdf_uploads import PDF_ERROR_CODES
from hok.submissions import once_per_submission
from hok.utils import add_service_errors, form_status

PAGE_SIZE = 20
Rule = Callable[[User | AnonymousUser, Example], bool]
View = Callable[..., HttpResponseBase]


# --- shared -------------------------------------------------------------------------------


def _private[R: HttpResponseBase](response: R, example: Example) -> R:
    if not example.is_public:
        response["X-Robots-Tag"] = "noindex"
        patch_cache_control(response, private=True, no_store=True)
    return response


# --- public -------------------------------------------------------------------------------


@cached_public_page(AGREEMENT, SIGNATORIES, EXAMPLES)
def example_list(request: HttpRequest) -> HttpResponse:
    references = selectors.reference_lists()
    form = ExampleFilterForm(
        request.GET or None,
        principles=references.principles,
        municipalities=references.municipalities,
        areas=references.areas,
    )
    valid = form.is_valid() if request.GET else True
    filters = form.filters()
    examples = selectors.examples_filtered(filters=filters)
    paginator = Paginator(examples, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("sida"))
    context = {
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "form": form,
        "filters": filters,
        "page": page,
        "examples": list(page.object_list),
        "any_published": filters.is_filtered and selectors.examples_published().exists(),
    }
    return render(request, "examples/list.html", context, status=200 if valid else 400)


def _detail_context(request: HttpRequest, example: Example, review_form: ReviewForm) -> dict:
    user = request.user
    return {
        "example": example,
        "parties": list(example.parties.all()),
        "documents": list(example.documents.all()),
        "images": list(example.images.all()),
        "reviews": list(example.reviews.all()),
        "is_author_side": rules.is_author_side(user, example),
        "can_edit": rules.can_edit_example(user, example),
        "can_submit": rules.can_submit_example(user, example),
        "can_withdraw": rules.can_withdraw_example(user, example),
        "can_reopen": rules.can_reopen_example(user, example),
        "can_publish": rules.can_publish_example(user, example),
        "can_request_changes": rules.can_request_changes(user, example),
        "can_review": rules.can_review_examples(user),
        "review_form": review_form,
    }


@cached_public_page(AGREEMENT, SIGNATORIES, EXAMPLES)
@example_view()
def example_detail(request: HttpRequest, example: Example) -> HttpResponse:
    context = _detail_context(request, example, ReviewForm())
    return _private(render(request, "examples/detail.html", context), example)


def _file_response(
    example: Example, field_file: FieldFile, *, as_attachment: bool, name: str
) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=as_attachment, filename=name)
    if example.is_public:
        response["Cache-Control"] = "public, max-age=3600"
    return _private(response, example)


@example_view()
def example_document(request: HttpRequest, example: Example, document: int) -> FileResponse:
    item = document_of(example, document)
    # Uploaded documents are downloaded, never opened in the portal's own origin.
    return _file_response(example, item.file, as_attachment=True, name=f"{item.title}.pdf")


@example_view()
def example_image(request: HttpRequest, example: Example, image: int) -> FileResponse:
    item = image_of(example, image)
    # Re-encoded as PNG on upload (hok.images): safe to show inline.
    response = _file_response(example, item.image, as_attachment=False, name=f"bild-{item.pk}.png")
    response["Content-Type"] = "image/png"
    return response


# --- writing ------------------------------------------------------------------------------


def _writable_organisations(user: User) -> list["Organisation"]:
    public = set(directory_selectors.signatories_public().values_list("pk", flat=True))
    return [o for o in organisation_selectors.organisations_of_user(user=user) if o.pk in public]


@login_required
def example_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Which organisation the example is for; straight to the form when there is one."""
    organisations = _writable_organisations(request.user)
    if len(organisations) == 1:
        return redirect("examples:create", slug=organisations[0].slug)
    return render(request, "examples/new.html", {"organisations": organisations})


def _example_form(
    request: HttpRequest, organisation: "Organisation", example: Example | None
) -> ExampleForm:
    principles = agreement_selectors.principles_current()
    if example is not None:
        # An older example keeps its principles of an earlier version selectable.
        principles = principles | example.principles.all()
    return ExampleForm(
        request.POST or None,
        organisation=organisation,
        principles=principles.order_by("number"),
        municipalities=directory_selectors.municipalities(),
        areas=directory_selectors.activity_areas(),
        party_organisations=selectors.party_organisations(),
        initial=initial_of(example) if example is not None else None,
    )


@login_required
@once_per_submission
def example_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = directory_selectors.organisation_profile(slug=slug)
    if organisation is None:
        raise Http404
    if not rules.can_write_example_for(request.user, organisation):
        raise PermissionDenied
    form = _example_form(request, organisation, None)
    if request.method == "POST" and form.is_valid():
        try:
            example = services.example_create(
                organisation=organisation,
                by=request.user,
                content=form.content(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Exemplet är sparat som utkast. Lägg gärna till dokument och bilder, och "
                    "skicka det sedan till arbetsgruppen för granskning."
                ),
            )
            return redirect("examples:detail", pk=example.pk)
    context = {"organisation": organisation, "form": form, "example": None}
    return render(request, "examples/form.html", context, status=form_status(request))


@login_required
@example_view(rules.can_edit_example)
def example_edit(request: AuthenticatedHttpRequest, example: Example) -> HttpResponse:
    form = _example_form(request, example.organisation, example)
    if request.method == "POST" and form.is_valid():
        try:
            services.example_update(example=example, by=request.user, content=form.content())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("examples:detail", pk=example.pk)
    context = {"organisation": example.organisation, "form": form, "example": example}
    return render(request, "examples/form.html", context, status=form_status(request))


def _files_page(
    request: HttpRequest,
    example: Example,
    *,
    document_form: DocumentForm | None = None,
    image_form: ImageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "example": example,
        "documents": list(example.documents.all()),
        "images": list(example.images.all()),
        "document_form": document_form or DocumentForm(),
        "image_form": image_form or ImageForm(),
        "documents_max": services.DOCUMENTS_PER_EXAMPLE,
        "images_max": services.IMAGES_PER_EXAMPLE,
    }
    return _private(render(request, "examples/files.html", context, status=status), example)


@login_required
@example_view(rules.can_edit_example)
def example_files(request: AuthenticatedHttpRequest, example: Example) -> HttpResponse:
    return _files_page(request, example)


@login_required
@require_POST
@example_view(rules.can_edit_example)
@once_per_submission
def example_document_add(request: AuthenticatedHttpRequest, example: Example) -> HttpResponse:
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.example_document_add(
                example=example,
                by=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error, dict.fromkeys(PDF_ERROR_CODES, "file"))
        else:
            messages.success(request, _("Dokumentet är tillagt."))
            return redirect("examples:files", pk=example.pk)
    return _files_page(request, example, document_form=form, status=400)


@login_required
@require_POST
@example_view(rules.can_edit_example)
@once_per_submission
def example_image_add(request: AuthenticatedHttpRequest, example: Example) -> HttpResponse:
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.example_image_add(
                example=example,
                by=request.user,
                upload=form.cleaned_data["image"],
                alt=form.cleaned_data["alt"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            add_service_errors(form, error, dict.fromkeys(IMAGE_ERROR_CODES, "image"))
        else:
            messages.success(request, _("Bilden är tillagd."))
            return redirect("examples:files", pk=example.pk)
    return _files_page(request, example, image_form=form, status=400)


def _state_change(
    request: HttpRequest, example: Example, action: Callable[[], object], done: str
) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("examples:detail", pk=example.pk)


@login_required
@require_POST
@example_view(rules.can_edit_example)
def example_document_remove(
    request: AuthenticatedHttpRequest, example: Example, document: int
) -> HttpResponse:
    item = document_of(example, document)
    services.example_document_remove(document=item, by=request.user)
    messages.success(request, _("Dokumentet är borttaget."))
    return redirect("examples:files", pk=example.pk)


@login_required
@require_POST
@example_view(rules.can_edit_example)
def example_image_remove(
    request: AuthenticatedHttpRequest, example: Example, image: int
) -> HttpResponse:
    item = image_of(example, image)
    services.example_image_remove(image=item, by=request.user)
    messages.success(request, _("Bilden är borttagen."))
    return redirect("examples:files", pk=example.pk)


@login_required
@require_POST
@example_view(rules.can_submit_example)
def example_submit(request: AuthenticatedHttpRequest, example: Example) -> HttpResponse:
    return _state_change(
        request,
        example,
        lambda: services.example_submit(example=example, by=request.user),
        _("Exemplet är skickat till arbetsgruppen. Ni får se deras svar här."),
    )


@login_required
@require_POST
@example_view(rules.can_reopen_example)
def example_reopen(request: AuthenticatedHttpRequest, example: Example) -> HttpResponse:
    return _state_change(
        request,
        example,
        lambda: services.example_reopen(example=example, by=request.user),
        _("Exemplet är ett utkast igen."),
    )


def _detail_with_review_errors(
    request: HttpRequest, example: Example, form: ReviewForm
) -> HttpResponse:
    """The example's page again, with the message as typed and what is wrong with it."""
    context = _detail_context(request, example, form)
    return _private(render(request, "examples/detail.html", context, status=400), example)


@login_required
@require_POST
@example_view()
def example_decide(request: AuthenticatedHttpRequest, example: Example) -> HttpResponse:
    """The working group's decision (publish, ask for changes) or a withdrawal by either side."""
    decision = request.POST.get("beslut", "")
    rule = {
        "publicera": rules.can_publish_example,
        "andringar": rules.can_request_changes,
        "dra-tillbaka": rules.can_withdraw_example,
    }.get(decision)
    if rule is None:
        messages.error(request, _("Välj vad som ska hända med exemplet."))
        return redirect("examples:detail", pk=example.pk)
    if not rule(request.user, example):
        return refuse(request)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _detail_with_review_errors(request, example, form)
    message = form.cleaned_data["message"]
    by = request.user
    try:
        if decision == "publicera":
            services.example_publish(example=example, by=by, message=message)
            done = _("Exemplet är publicerat.")
        elif decision == "andringar":
            services.example_request_changes(example=example, by=by, message=message)
            done = _("Organisationen har fått veta vad som behöver ändras.")
        else:
            services.example_withdraw(example=example, by=by, message=message)
            done = _("Exemplet är tillbakadraget och syns inte längre publikt.")
    except ValidationError as error:
        add_service_errors(form, error)
        return _detail_with_review_errors(request, example, form)
    messages.success(request, done)
    return redirect("examples:detail", pk=example.pk)


@login_required
def my_examples(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "examples": list(selectors.examples_of_user(user=request.user)),
        "organisations": _writable_organisations(request.user),
    }
    return render(request, "examples/mine.html", context)


@permitted_by(rules.can_review_examples)
def review_queue(request: HttpRequest) -> HttpResponse:
    context = {
        "waiting": list(selectors.examples_to_review()),
        "changes_requested": list(selectors.examples_changes_requested()),
    }
    return render(request, "examples/review_queue.html", context)

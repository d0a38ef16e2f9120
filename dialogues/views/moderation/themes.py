"""A conference's themes: the list with counts, create, rename and edit keywords, merge."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from dialogues.access import loads_conference, managers_only, theme_of
from dialogues.forms.moderation import ThemeForm, ThemeMergeForm
from dialogues.models import Conference, Dialogue
from dialogues.selectors.themes import themes_with_counts
from dialogues.services import moderation as services
from hok.http import AuthenticatedHttpRequest
from hok.submissions import once_per_submission
from hok.utils import add_service_errors


def _themes_page(
    request: HttpRequest,
    conference: Conference,
    *,
    create_form: ThemeForm | None = None,
    merge_form: ThemeMergeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    themes = list(themes_with_counts(conference=conference))
    context = {
        "conference": conference,
        "themes": themes,
        "dialogues": list(Dialogue.objects.filter(conference=conference).order_by("position")),
        "create_form": create_form or ThemeForm(auto_id="new-theme-%s"),
        "merge_form": merge_form or ThemeMergeForm(themes=themes, auto_id="merge-%s"),
    }
    return render(request, "dialogues/moderation/themes.html", context, status=status)


@never_cache
@managers_only
@once_per_submission
@loads_conference
def themes(request: AuthenticatedHttpRequest, conference: Conference) -> HttpResponse:
    """The conference's themes with their counts; create one (POST)."""
    if request.method != "POST":
        return _themes_page(request, conference)
    form = ThemeForm(request.POST, auto_id="new-theme-%s")
    if form.is_valid():
        try:
            theme = services.theme_create(
                conference=conference,
                name=form.cleaned_data["name"],
                keywords=form.cleaned_data["keywords"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error, {"name": "name", "keywords": "keywords"})
        else:
            messages.success(request, _("Temat %(name)s är skapat.") % {"name": theme.name})
            return redirect("dialogues:themes", pk=conference.pk)
    return _themes_page(request, conference, create_form=form, status=400)


@never_cache
@managers_only
@loads_conference
def theme_edit(
    request: AuthenticatedHttpRequest, conference: Conference, theme_pk: int
) -> HttpResponse:
    """Rename a theme and edit its keyword list."""
    theme = theme_of(conference, theme_pk)
    initial = {"name": theme.name, "keywords": theme.keywords}
    form = ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(
                theme=theme,
                name=form.cleaned_data["name"],
                keywords=form.cleaned_data["keywords"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error, {"name": "name", "keywords": "keywords"})
        else:
            messages.success(
                request, _("Temat %(name)s är sparat.") % {"name": form.cleaned_data["name"]}
            )
            return redirect("dialogues:themes", pk=conference.pk)
    context = {"conference": conference, "theme": theme, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "dialogues/moderation/theme_edit.html", context, status=status)


@never_cache
@managers_only
@loads_conference
def theme_merge(request: AuthenticatedHttpRequest, conference: Conference) -> HttpResponse:
    """Merge two themes: GET shows what will happen, POST (with confirm) does it."""
    themes = list(themes_with_counts(conference=conference))
    data = request.POST if request.method == "POST" else request.GET
    form = ThemeMergeForm(data or None, themes=themes, auto_id="merge-%s")
    if not form.is_bound or not form.is_valid():
        return _themes_page(
            request, conference, merge_form=form, status=400 if form.is_bound else 200
        )
    by_pk = {theme.pk: theme for theme in themes}
    source, target = by_pk[form.cleaned_data["source"]], by_pk[form.cleaned_data["target"]]
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.theme_merge(source=source, target=target, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error, {"target": "target"})
            return _themes_page(request, conference, merge_form=form, status=400)
        messages.success(
            request,
            _("Temat %(source)s är sammanslaget med %(target)s.")
            % {"source": source.name, "target": target.name},
        )
        return redirect("dialogues:themes", pk=conference.pk)
    context = {"conference": conference, "source": source, "target": target, "form": form}
    return render(request, "dialogues/moderation/theme_merge.html", context)

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from dialogues.models import (
    Conference,
    Dialogue,
    DialogueQuestion,
    DocumentRender,
    Note,
    NoteTheme,
    Theme,
)
from hok.admin import PrivateFilesAdmin


class DialogueInline(admin.TabularInline):
    model = Dialogue
    fields = ["position", "title", "short_code", "manual_state", "opens_at", "closes_at"]
    readonly_fields = ["short_code"]
    extra = 0
    show_change_link = True


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ["name", "feedback_published"]
    extra = 0
    show_change_link = True


@admin.register(Conference)
class ConferenceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "date", "place"]
    search_fields = ["name", "place"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "date"
    inlines = [DialogueInline, ThemeInline]


class DialogueQuestionInline(admin.TabularInline):
    model = DialogueQuestion
    fields = ["position", "text"]
    extra = 0


@admin.register(Dialogue)
class DialogueAdmin(SimpleHistoryAdmin):
    list_display = ["title", "conference", "short_code", "manual_state", "opens_at", "closes_at"]
    list_filter = ["conference", "manual_state"]
    list_select_related = ["conference"]
    search_fields = ["title", "short_code"]
    readonly_fields = ["short_code", "created_at"]
    inlines = [DialogueQuestionInline]


class NoteThemeInline(admin.TabularInline):
    model = NoteTheme
    fields = ["theme", "status"]
    autocomplete_fields = ["theme"]
    extra = 0


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    """Notes are the attendees' own words: the admin may hide them, never rewrite them."""

    list_display = ["__str__", "dialogue", "table_group", "created_at", "hidden"]
    list_filter = ["hidden", "dialogue__conference", "dialogue"]
    list_select_related = ["dialogue"]
    search_fields = ["text", "table_group"]
    readonly_fields = ["dialogue", "question", "table_group", "text", "client_key", "created_at"]
    fields = [*readonly_fields, "hidden", "hidden_reason", "hidden_by"]
    raw_id_fields = ["hidden_by"]
    inlines = [NoteThemeInline]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "feedback_published"]
    list_filter = ["conference", "feedback_published"]
    search_fields = ["name", "keywords"]


@admin.register(DocumentRender)
class DocumentRenderAdmin(PrivateFilesAdmin, admin.ModelAdmin):
    """Read only: jobs are made by the working group's page and finished by the worker."""

    # The working group's page of the conference's PDFs lists and serves each version.
    private_file_urls = {
        "file": lambda render: reverse("dialogues:document_renders", args=[render.conference_id])
    }

    list_display = ["conference", "drafts", "status", "requested_at", "finished_at", "pages"]
    list_filter = ["status", "drafts"]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

"""The examples in the admin: read only, with the history (also read only). Every change goes
through examples.services (from the site's own pages), so the review trail and the history
always say who did what."""

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from examples.models import Example, ExampleParty, ExampleReview


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class PartyInline(_ReadOnlyInline):
    model = ExampleParty
    fields = ["organisation", "name", "is_region_unit"]


class ReviewInline(_ReadOnlyInline):
    model = ExampleReview
    fields = ["at", "action", "by", "message"]
    readonly_fields = ["at"]


@admin.register(Example)
class ExampleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation"]
    inlines = [PartyInline, ReviewInline]
    exclude = ["municipalities", "principles", "areas"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

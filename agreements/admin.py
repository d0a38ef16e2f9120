from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from agreements import services
from agreements.models import (
    Action,
    AgreementVersion,
    Goal,
    Membership,
    Organisation,
    Principle,
    Responsibility,
    Section,
    Signature,
    WorkingGroupMember,
)
from hok.admin import PrivateFilesAdmin
from hok.models import User

if TYPE_CHECKING:
    _AdminBase = admin.options.BaseModelAdmin[Any]
else:
    _AdminBase = object  # a mixin: the ModelAdmin or inline comes after it in the bases


class AdoptedIsReadOnly(_AdminBase):
    """An adopted version's text is what people signed: nobody may edit it afterwards."""

    def _version_of(self, obj: Any) -> AgreementVersion | None:
        if obj is None:
            return None
        if isinstance(obj, AgreementVersion):
            return obj
        return getattr(obj, "version", None)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        version = self._version_of(obj)
        if version is not None and version.is_adopted:
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        version = self._version_of(obj)
        if version is not None and version.is_adopted:
            return False
        if isinstance(self, admin.options.InlineModelAdmin):
            # An inline's takes the parent object; the checker sees ModelAdmin's, without it.
            return super().has_add_permission(request, obj)  # type: ignore[call-arg]
        return super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        version = self._version_of(obj)
        if version is not None and version.is_adopted:
            return False
        return super().has_delete_permission(request, obj)


class SectionInline(AdoptedIsReadOnly, admin.StackedInline):
    model = Section
    extra = 0


class GoalInline(AdoptedIsReadOnly, admin.TabularInline):
    model = Goal
    extra = 0


class PrincipleInline(AdoptedIsReadOnly, admin.TabularInline):
    model = Principle
    fields = ["number", "title", "slug"]
    show_change_link = True
    extra = 0


@admin.register(AgreementVersion)
class AgreementVersionAdmin(AdoptedIsReadOnly, admin.ModelAdmin):
    list_display = ["number", "title", "adopted_year", "is_current", "is_adopted"]
    readonly_fields = ["text_sha256", "is_current", "adopted_on", "created_at"]
    inlines = [SectionInline, PrincipleInline, GoalInline]
    actions = ["copy_as_new_version", "adopt_version"]

    @admin.display(boolean=True, description=_("antagen"))
    def is_adopted(self, obj: AgreementVersion) -> bool:
        return obj.is_adopted

    @admin.action(description=_("Kopiera till en ny version (utkast)"))
    def copy_as_new_version(self, request: HttpRequest, queryset: QuerySet) -> None:
        for version in queryset:
            copy = services.version_copy(source=version)
            self.log_addition(request, copy, [{"added": {}}])
            self.message_user(
                request,
                _("Version %(number)s skapades som utkast.") % {"number": copy.number},
            )

    @admin.action(description=_("Anta som gällande version"))
    def adopt_version(self, request: HttpRequest, queryset: QuerySet) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Välj exakt en version att anta."), messages.ERROR)
            return
        try:
            version = services.version_adopt(
                version=queryset.get(),
                adopted_on=timezone.localdate(),
                by=request.user if isinstance(request.user, User) else None,
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.log_change(request, version, _("Antagen som gällande version"))
        self.message_user(
            request, _("Version %(number)s är nu gällande.") % {"number": version.number}
        )


class ActionInline(AdoptedIsReadOnly, admin.TabularInline):
    model = Action
    extra = 0


class ResponsibilityInline(AdoptedIsReadOnly, admin.TabularInline):
    model = Responsibility
    extra = 0


@admin.register(Principle)
class PrincipleAdmin(AdoptedIsReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "version"]
    list_filter = ["version"]
    inlines = [ActionInline, ResponsibilityInline]


@admin.register(WorkingGroupMember)
class WorkingGroupMemberAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "side", "is_deputy", "position"]
    list_editable = ["position"]
    list_filter = ["side", "is_deputy"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "org_number", "party_side", "form", "created_at"]
    list_filter = ["party_side", "form", "municipalities"]
    search_fields = ["name", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities", "areas"]
    inlines = [MembershipInline]


@admin.register(Signature)
class SignatureAdmin(PrivateFilesAdmin, SimpleHistoryAdmin):
    """Read-only: decisions go through the working group's queue, which keeps the audit trail.
    The board decision opens through the site's download, which checks who asks."""

    private_file_urls = {"board_decision": "agreements:signature_board_decision"}

    list_display = ["organisation", "version", "status", "signed_at", "decided_at"]
    list_filter = ["status", "version"]
    search_fields = ["organisation__name", "organisation__org_number", "signer_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

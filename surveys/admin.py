from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from surveys.models import (
    Answer,
    Invitation,
    InvitationSendRun,
    Option,
    Question,
    ReminderDelivery,
    ReminderRound,
    Response,
    Survey,
    SurveySeries,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Responses are anonymous records of what people answered: nobody edits them here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SurveySeries)
class SurveySeriesAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "kind", "text", "required"]
    show_change_link = True
    extra = 0


@admin.register(Survey)
class SurveyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "series", "opens_on", "closes_on", "open_link_enabled"]
    list_filter = ["year", "series"]
    search_fields = ["title"]
    readonly_fields = ["open_link_key", "created_by", "created_at"]
    inlines = [QuestionInline]


class OptionInline(admin.TabularInline):
    model = Option
    fields = ["position", "text"]
    extra = 0


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "survey", "position", "kind", "required"]
    list_filter = ["kind", "survey"]
    readonly_fields = ["identity"]
    inlines = [OptionInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "survey", "status", "attempts", "used", "sent_at"]
    list_filter = ["status", "used", "survey"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "used", "status", "attempts", "last_error", "sent_at"]


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ("question", "option", "scale_value", "text", "is_other", "hidden")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ["id", "survey", "submitted_on", "unit"]
    list_filter = ["survey"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["question", "option", "scale_value", "text", "is_other", "hidden"]
    list_filter = ["question__survey", "hidden"]


@admin.register(InvitationSendRun)
class InvitationSendRunAdmin(ReadOnlyAdmin):
    """What each press of "send" did; the working group's page is where sending is done."""

    list_display = ["survey", "requested_at", "finished_at", "sent", "failed", "found_uncertain"]
    list_filter = ["survey"]


class ReminderDeliveryInline(admin.TabularInline):
    model = ReminderDelivery
    fields = ("invitation", "status", "sent_at", "last_error")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReminderRound)
class ReminderRoundAdmin(ReadOnlyAdmin):
    list_display = ["survey", "send_on", "finished_at"]
    list_filter = ["survey"]
    inlines = [ReminderDeliveryInline]

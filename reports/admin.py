"""The reports in the admin, to look at: every change goes through the working group's pages
(reports/views.py), which snapshot, render and publish through the services."""

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse

from hok.admin import PrivateFilesAdmin
from reports.models import GoalAssessment, Report, ReportVersion


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(ReadOnly):
    list_display = ["year", "updated_at"]


@admin.register(ReportVersion)
class ReportVersionAdmin(PrivateFilesAdmin, ReadOnly):
    private_file_urls = {
        "pdf": lambda version: reverse(
            "reports:version_pdf", args=[version.report.year, version.number]
        )
    }
    list_display = ["report", "number", "status", "page_count", "size", "published_at"]
    list_filter = ["status"]
    exclude = ["snapshot"]


@admin.register(GoalAssessment)
class GoalAssessmentAdmin(ReadOnly):
    list_display = ["report", "goal_position", "status"]

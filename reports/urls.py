from django.urls import path

from reports import views

app_name = "reports"

MANAGE = "arbetsgruppen/hantera/rapporter/"

urlpatterns = [
    path(MANAGE, views.report_list, name="report_list"),
    path(f"{MANAGE}ny/", views.report_create, name="report_create"),
    path(f"{MANAGE}<int:year>/", views.report_edit, name="report_edit"),
    path(f"{MANAGE}<int:year>/forhandsvisning/", views.report_preview, name="report_preview"),
    path(f"{MANAGE}<int:year>/pdf/", views.pdf_create, name="pdf_create"),
    path(f"{MANAGE}<int:year>/arbete/", views.report_job, name="report_job"),
    path(
        f"{MANAGE}<int:year>/versioner/<int:number>/forsok-igen/",
        views.version_retry,
        name="version_retry",
    ),
    path(
        f"{MANAGE}<int:year>/versioner/<int:number>/publicera/",
        views.version_publish,
        name="version_publish",
    ),
    path(
        f"{MANAGE}<int:year>/versioner/<int:number>/avpublicera/",
        views.version_unpublish,
        name="version_unpublish",
    ),
    path(
        f"{MANAGE}<int:year>/versioner/<int:number>/rapport.pdf",
        views.version_pdf,
        name="version_pdf",
    ),
    path("uppfoljning/", views.public_list, name="public_list"),
    path("uppfoljning/senaste/", views.public_latest, name="public_latest"),
    path("uppfoljning/<int:year>/", views.public_report, name="public_report"),
    path("uppfoljning/<int:year>/rapport.pdf", views.public_pdf, name="public_pdf"),
    path("uppfoljning/<int:year>/siffror.csv", views.public_csv, name="public_csv"),
    path("uppfoljning/<int:year>/siffror.json", views.public_json, name="public_json"),
]

from django.urls import path

from agreements.views import commitments as views

urlpatterns = [
    path(
        "organisationer/<slug:slug>/hantera/ataganden/",
        views.commitment_list,
        name="commitment_list",
    ),
    path(
        "organisationer/<slug:slug>/hantera/ataganden/ny/",
        views.commitment_create,
        name="commitment_create",
    ),
    path(
        "organisationer/<slug:slug>/hantera/ataganden/<int:pk>/",
        views.commitment_edit,
        name="commitment_edit",
    ),
    path(
        "organisationer/<slug:slug>/hantera/ataganden/<int:pk>/ta-bort/",
        views.commitment_delete,
        name="commitment_delete",
    ),
    path(
        "organisationer/<slug:slug>/hantera/ataganden/<int:pk>/rapport/<int:year>/",
        views.progress_report,
        name="progress_report",
    ),
    path(
        "organisationer/<slug:slug>/hantera/dokument/",
        views.document_list,
        name="document_list",
    ),
    path(
        "organisationer/<slug:slug>/hantera/dokument/<int:pk>/ta-bort/",
        views.document_delete,
        name="document_delete",
    ),
]

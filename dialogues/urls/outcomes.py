from django.urls import path

from dialogues.views import documents
from dialogues.views import outcomes as views

MANAGE = "arbetsgruppen/hantera/konferenser/<int:pk>/"

urlpatterns = [
    path(f"{MANAGE}sammanstallning/", views.outcomes, name="outcomes"),
    path(
        f"{MANAGE}sammanstallning/dialoger/<int:dialogue_pk>/sammanfattning/",
        views.summary_edit,
        name="summary_edit",
    ),
    path(
        f"{MANAGE}sammanstallning/teman/<int:theme_pk>/aterkoppling/",
        views.feedback_edit,
        name="feedback_edit",
    ),
    path(
        f"{MANAGE}sammanstallning/utkast.pdf",
        documents.document_draft_pdf,
        name="document_draft_pdf",
    ),
    path(f"{MANAGE}sammanstallning/pdf/", documents.document_renders, name="document_renders"),
    path(
        f"{MANAGE}sammanstallning/pdf/skapa/",
        documents.document_render_start,
        name="document_render_start",
    ),
    path(f"{MANAGE}anteckningar.csv", views.notes_csv, name="notes_csv"),
    path("konferenser/", views.conference_public_list, name="conference_public_list"),
    path("konferenser/<slug:slug>/", views.conference_public, name="conference_public"),
    path("konferenser/<slug:slug>/sammanstallning/", views.document, name="document"),
    path(
        "konferenser/<slug:slug>/sammanstallning.pdf",
        documents.document_pdf_view,
        name="document_pdf",
    ),
]

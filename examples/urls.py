from django.urls import path

from examples import open_data, views

app_name = "examples"

urlpatterns = [
    path("exempel/", views.example_list, name="list"),
    path("exempel/oppna-data/", open_data.open_data, name="open_data"),
    path("exempel.csv", open_data.examples_csv, name="csv"),
    path("exempel.json", open_data.examples_json, name="json"),
    path("exempel/nytt/", views.example_new, name="new"),
    path("exempel/nytt/<slug:slug>/", views.example_create, name="create"),
    path("exempel/mina/", views.my_examples, name="mine"),
    path("exempel/granskning/", views.review_queue, name="review_queue"),
    path("exempel/<int:pk>/", views.example_detail, name="detail"),
    path("exempel/<int:pk>/andra/", views.example_edit, name="edit"),
    path("exempel/<int:pk>/filer/", views.example_files, name="files"),
    path("exempel/<int:pk>/filer/dokument/", views.example_document_add, name="document_add"),
    path(
        "exempel/<int:pk>/filer/dokument/<int:document>/ta-bort/",
        views.example_document_remove,
        name="document_remove",
    ),
    path("exempel/<int:pk>/filer/bild/", views.example_image_add, name="image_add"),
    path(
        "exempel/<int:pk>/filer/bild/<int:image>/ta-bort/",
        views.example_image_remove,
        name="image_remove",
    ),
    path("exempel/<int:pk>/dokument/<int:document>/", views.example_document, name="document"),
    path("exempel/<int:pk>/bild/<int:image>/", views.example_image, name="image"),
    path("exempel/<int:pk>/skicka/", views.example_submit, name="submit"),
    path("exempel/<int:pk>/ta-upp-igen/", views.example_reopen, name="reopen"),
    path("exempel/<int:pk>/beslut/", views.example_decide, name="decide"),
]

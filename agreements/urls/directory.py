from django.urls import path

from agreements.views import directory as views

urlpatterns = [
    path("undertecknare/", views.directory, name="directory"),
    path("undertecknare/oppna-data/", views.open_data, name="open_data"),
    path("undertecknare.csv", views.directory_csv, name="directory_csv"),
    path("undertecknare.json", views.directory_json, name="directory_json"),
    path("organisationer/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]

from django.urls import path

from agreements.views import directory as views
from agreements.views import open_data

urlpatterns = [
    path("undertecknare/", views.directory, name="directory"),
    path("undertecknare/oppna-data/", open_data.open_data, name="open_data"),
    path("undertecknare.csv", views.directory_csv, name="directory_csv"),
    path("undertecknare.json", views.directory_json, name="directory_json"),
    path("ataganden.csv", open_data.commitments_csv, name="commitments_csv"),
    path("ataganden.json", open_data.commitments_json, name="commitments_json"),
    path("lagesrapporter.csv", open_data.progress_csv, name="progress_csv"),
    path("lagesrapporter.json", open_data.progress_json, name="progress_json"),
    path("organisationer/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]

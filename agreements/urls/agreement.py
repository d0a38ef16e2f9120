from django.urls import path

from agreements.views import agreement as views

urlpatterns = [
    path("overenskommelsen/", views.agreement_detail, name="agreement_detail"),
    path(
        "overenskommelsen/principer/<slug:slug>/", views.principle_detail, name="principle_detail"
    ),
    path("overenskommelsen/malbild-2024/", views.goals, name="goals"),
    path("overenskommelsen/versioner/", views.version_list, name="version_list"),
    path("overenskommelsen/versioner/jamfor/", views.version_compare, name="version_compare"),
    path(
        "overenskommelsen/versioner/<int:number>/",
        views.agreement_detail,
        name="version_detail",
    ),
]

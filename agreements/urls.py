from django.urls import path

from agreements import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_detail, name="agreement_detail"),
    path("principer/<slug:slug>/", views.principle_detail, name="principle_detail"),
    path("malbild-2024/", views.goals, name="goals"),
    path("versioner/", views.version_list, name="version_list"),
    path("versioner/jamfor/", views.version_compare, name="version_compare"),
    path("versioner/<int:number>/", views.agreement_detail, name="version_detail"),
]

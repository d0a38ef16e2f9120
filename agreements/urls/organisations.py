from django.urls import path

from agreements.views import organisations as views

urlpatterns = [
    path("mina-organisationer/", views.my_organisations, name="my_organisations"),
    path("organisationer/registrera/", views.organisation_register, name="organisation_register"),
    path(
        "organisationer/<slug:slug>/be-om-att-ga-med/",
        views.organisation_join,
        name="organisation_join",
    ),
    path(
        "organisationer/<slug:slug>/hantera/",
        views.organisation_dashboard,
        name="organisation_dashboard",
    ),
    path(
        "organisationer/<slug:slug>/hantera/uppgifter/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisationer/<slug:slug>/hantera/foretradare/",
        views.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisationer/<slug:slug>/hantera/foretradare/<int:pk>/ta-bort/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "organisationer/<slug:slug>/hantera/forfragningar/<int:pk>/",
        views.join_request_decide,
        name="join_request_decide",
    ),
    path("inbjudan/<str:token>/", views.invitation_accept, name="invitation_accept"),
]

from django.urls import path

from agreements.views import signatures as views

urlpatterns = [
    path(
        "organisationer/<slug:slug>/hantera/underteckna/",
        views.signature_sign,
        name="signature_sign",
    ),
    path(
        "organisationer/<slug:slug>/hantera/underskrifter/<int:pk>/aterkalla/",
        views.signature_withdraw,
        name="signature_withdraw",
    ),
    path(
        "organisationer/<slug:slug>/hantera/underskrifter/<int:pk>/intyg.pdf",
        views.signature_certificate,
        name="signature_certificate",
    ),
    path(
        "underskrifter/<int:pk>/styrelsebeslut.pdf",
        views.signature_board_decision,
        name="signature_board_decision",
    ),
    path("arbetsgruppen/hantera/underskrifter/", views.signature_queue, name="signature_queue"),
    path(
        "arbetsgruppen/hantera/underskrifter/<int:pk>/",
        views.signature_decide,
        name="signature_decide",
    ),
]

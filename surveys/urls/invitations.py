from django.urls import path

from surveys.views import invitations as views

BASE = "arbetsgruppen/hantera/enkater/<int:pk>/"

urlpatterns = [
    path(f"{BASE}inbjudningar/", views.invitations, name="invitations"),
    path(f"{BASE}inbjudningar/klistra-in/", views.invitations_paste, name="invitations_paste"),
    path(f"{BASE}inbjudningar/csv/", views.invitations_csv, name="invitations_csv"),
    path(
        f"{BASE}inbjudningar/organisationer/",
        views.invitations_contacts,
        name="invitations_contacts",
    ),
    path(f"{BASE}inbjudningar/skicka/", views.invitations_send, name="invitations_send"),
    path(
        f"{BASE}inbjudningar/skicka-igen/",
        views.invitations_send_again,
        name="invitations_send_again",
    ),
    path(
        f"{BASE}inbjudningar/<int:invitation_pk>/ta-bort/",
        views.invitation_remove,
        name="invitation_remove",
    ),
    path(f"{BASE}paminnelser/", views.reminder_add, name="reminder_add"),
    path(
        f"{BASE}paminnelser/<int:round_pk>/ta-bort/",
        views.reminder_delete,
        name="reminder_delete",
    ),
]

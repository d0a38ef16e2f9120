from django.urls import path

from dialogues.views import attendee as views

urlpatterns = [
    path("dialog/", views.find, name="find"),
    path("dialog/<str:code>/", views.attendee, name="attendee"),
]

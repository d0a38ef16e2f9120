from django.urls import path

from dialogues.views import management as views

PREFIX = "arbetsgruppen/hantera/konferenser/"

urlpatterns = [
    path(PREFIX, views.conference_list, name="conference_list"),
    path(f"{PREFIX}ny/", views.conference_create, name="conference_create"),
    path(f"{PREFIX}<int:pk>/", views.conference_detail, name="conference_detail"),
    path(f"{PREFIX}<int:pk>/andra/", views.conference_edit, name="conference_edit"),
    path(f"{PREFIX}<int:pk>/ny-dialog/", views.dialogue_create, name="dialogue_create"),
    path(f"{PREFIX}dialog/<int:pk>/", views.dialogue_edit, name="dialogue_edit"),
    path(f"{PREFIX}dialog/<int:pk>/lage/", views.dialogue_state, name="dialogue_state"),
    path(f"{PREFIX}dialog/<int:pk>/ta-bort/", views.dialogue_delete, name="dialogue_delete"),
    path(f"{PREFIX}dialog/<int:pk>/ny-fraga/", views.question_add, name="question_add"),
    path(f"{PREFIX}dialog/<int:pk>/qr.svg", views.dialogue_qr, name="dialogue_qr"),
    path(f"{PREFIX}dialog/<int:pk>/bordsblad.pdf", views.dialogue_sheet, name="dialogue_sheet"),
    path(f"{PREFIX}fraga/<int:pk>/", views.question_edit, name="question_edit"),
    path(f"{PREFIX}fraga/<int:pk>/flytta/", views.question_move, name="question_move"),
    path(f"{PREFIX}fraga/<int:pk>/ta-bort/", views.question_delete, name="question_delete"),
]

from django.urls import path

from surveys.views import builder as views

PREFIX = "arbetsgruppen/hantera/enkater/"

urlpatterns = [
    path(PREFIX, views.survey_list_view, name="survey_list"),
    path(f"{PREFIX}ny/", views.survey_create, name="survey_create"),
    path(f"{PREFIX}<int:pk>/", views.survey_detail, name="survey_detail"),
    path(f"{PREFIX}<int:pk>/installningar/", views.survey_edit, name="survey_edit"),
    path(f"{PREFIX}<int:pk>/ta-bort/", views.survey_delete, name="survey_delete"),
    path(f"{PREFIX}<int:pk>/kopiera/", views.survey_copy, name="survey_copy"),
    path(f"{PREFIX}<int:pk>/fragor/ny/", views.question_create, name="question_create"),
    path(
        f"{PREFIX}<int:pk>/fragor/<int:question_pk>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        f"{PREFIX}<int:pk>/fragor/<int:question_pk>/ta-bort/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        f"{PREFIX}<int:pk>/fragor/<int:question_pk>/flytta/",
        views.question_move,
        name="question_move",
    ),
]

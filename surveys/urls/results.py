from django.urls import path

from surveys.views import results as views

PREFIX = "arbetsgruppen/hantera/enkater/<int:pk>/resultat/"

urlpatterns = [
    path(PREFIX, views.results, name="results"),
    path(f"{PREFIX}publicera/", views.results_publish, name="results_publish"),
    path(f"{PREFIX}avpublicera/", views.results_unpublish, name="results_unpublish"),
    path(f"{PREFIX}svar/<uuid:answer_id>/dolj/", views.answer_hide, name="answer_hide"),
    path(f"{PREFIX}svar/<uuid:answer_id>/visa/", views.answer_unhide, name="answer_unhide"),
    path(f"{PREFIX}fraga/<int:question_pk>/", views.results_texts, name="results_texts"),
    path(f"{PREFIX}resultat.csv", views.results_csv, name="results_csv"),
    path(f"{PREFIX}resultat.xlsx", views.results_xlsx, name="results_xlsx"),
    path(f"{PREFIX}svar.csv", views.responses_csv, name="responses_csv"),
    path(f"{PREFIX}svar.xlsx", views.responses_xlsx, name="responses_xlsx"),
    path("enkater/", views.public_list, name="public_list"),
    path("enkater/<int:pk>/resultat/", views.public_results, name="public_results"),
    path(
        "enkater/<int:pk>/resultat/fraga/<int:question_pk>/",
        views.public_results_texts,
        name="public_results_texts",
    ),
    path("enkater/<int:pk>/resultat.csv", views.public_results_csv, name="public_results_csv"),
    path("enkater/<int:pk>/resultat.xlsx", views.public_results_xlsx, name="public_results_xlsx"),
]

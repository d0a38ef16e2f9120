from django.urls import path

from surveys.views import answering as views

urlpatterns = [
    path("enkat/svara/<str:token>/", views.answer, name="answer"),
    path("enkat/oppen/<str:key>/", views.answer_open, name="answer_open"),
    path("enkat/<int:pk>/tack/", views.answer_thanks, name="answer_thanks"),
    path(
        "arbetsgruppen/hantera/enkater/<int:pk>/forhandsgranska/",
        views.preview,
        name="preview",
    ),
]

from django.urls import path

from agreements.views import proposals as views

PUBLIC = "overenskommelsen/forslag/"
MANAGE = "arbetsgruppen/hantera/forslag/"

urlpatterns = [
    path(PUBLIC, views.proposal_list, name="proposal_list"),
    path(f"{PUBLIC}nytt/", views.proposal_create, name="proposal_create"),
    path(f"{PUBLIC}<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path(f"{PUBLIC}<int:pk>/stod/", views.proposal_support, name="proposal_support"),
    path(f"{PUBLIC}<int:pk>/kommentera/", views.proposal_comment, name="proposal_comment"),
    path(MANAGE, views.proposal_queue, name="proposal_queue"),
    path(f"{MANAGE}<int:pk>/", views.proposal_review, name="proposal_review"),
    path(f"{MANAGE}<int:pk>/granska/", views.proposal_check, name="proposal_check"),
    path(f"{MANAGE}<int:pk>/besvara/", views.proposal_answer, name="proposal_answer"),
    path(
        f"{MANAGE}kommentarer/<int:pk>/",
        views.proposal_comment_moderate,
        name="proposal_comment_moderate",
    ),
]

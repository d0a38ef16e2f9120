from django.urls import path

from dialogues.views import moderation as views
from dialogues.views import proposals

DIALOGUE = "arbetsgruppen/hantera/konferenser/dialog/<int:pk>/"
NOTE = DIALOGUE + "moderera/anteckning/<int:note_pk>/"
CONFERENCE = "arbetsgruppen/hantera/konferenser/<int:pk>/"

urlpatterns = [
    path(DIALOGUE + "moderera/", views.moderation, name="moderation"),
    path(DIALOGUE + "moderera/anteckningar/", views.moderation_notes, name="moderation_notes"),
    path(DIALOGUE + "moderera/foresla-teman/", views.suggest, name="moderation_suggest"),
    path(NOTE, views.note_detail, name="moderation_note"),
    path(NOTE + "dolj/", views.note_hide, name="moderation_note_hide"),
    path(NOTE + "visa/", views.note_unhide, name="moderation_note_unhide"),
    path(NOTE + "teman/", views.note_themes, name="moderation_note_themes"),
    path(
        NOTE + "forslag-till-revidering/",
        proposals.note_proposal,
        name="moderation_note_proposal",
    ),
    path(
        NOTE + "forslag/<int:link_pk>/",
        views.note_suggestion,
        name="moderation_note_suggestion",
    ),
    path(DIALOGUE + "projektor/", views.projector, name="projector"),
    path(DIALOGUE + "projektor/innehall/", views.projector_content, name="projector_content"),
    path(CONFERENCE + "teman/", views.themes, name="themes"),
    path(CONFERENCE + "teman/sla-ihop/", views.theme_merge, name="theme_merge"),
    path(CONFERENCE + "teman/<int:theme_pk>/", views.theme_edit, name="theme_edit"),
]

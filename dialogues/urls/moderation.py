from django.urls import path

from dialogues.views import proposals
from dialogues.views.moderation import notes, projector, themes

DIALOGUE = "arbetsgruppen/hantera/konferenser/dialog/<int:pk>/"
NOTE = DIALOGUE + "moderera/anteckning/<int:note_pk>/"
CONFERENCE = "arbetsgruppen/hantera/konferenser/<int:pk>/"

urlpatterns = [
    path(DIALOGUE + "moderera/", notes.moderation, name="moderation"),
    path(DIALOGUE + "moderera/anteckningar/", notes.moderation_notes, name="moderation_notes"),
    path(DIALOGUE + "moderera/foresla-teman/", notes.suggest, name="moderation_suggest"),
    path(NOTE, notes.note_detail, name="moderation_note"),
    path(NOTE + "dolj/", notes.note_hide, name="moderation_note_hide"),
    path(NOTE + "visa/", notes.note_unhide, name="moderation_note_unhide"),
    path(NOTE + "teman/", notes.note_themes, name="moderation_note_themes"),
    path(
        NOTE + "forslag-till-revidering/",
        proposals.note_proposal,
        name="moderation_note_proposal",
    ),
    path(
        NOTE + "forslag/<int:link_pk>/",
        notes.note_suggestion,
        name="moderation_note_suggestion",
    ),
    path(DIALOGUE + "projektor/", projector.projector, name="projector"),
    path(DIALOGUE + "projektor/innehall/", projector.projector_content, name="projector_content"),
    path(CONFERENCE + "teman/", themes.themes, name="themes"),
    path(CONFERENCE + "teman/sla-ihop/", themes.theme_merge, name="theme_merge"),
    path(CONFERENCE + "teman/<int:theme_pk>/", themes.theme_edit, name="theme_edit"),
]

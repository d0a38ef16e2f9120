from dialogues.urls import attendee, management, moderation

app_name = "dialogues"

urlpatterns = [
    *management.urlpatterns,
    *moderation.urlpatterns,
    *attendee.urlpatterns,
]

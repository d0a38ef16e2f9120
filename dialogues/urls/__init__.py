from dialogues.urls import attendee, management, moderation, outcomes

app_name = "dialogues"

urlpatterns = [
    *management.urlpatterns,
    *moderation.urlpatterns,
    *attendee.urlpatterns,
    *outcomes.urlpatterns,
]

from surveys.urls import answering, builder, invitations, results

app_name = "surveys"

urlpatterns = [
    *builder.urlpatterns,
    *invitations.urlpatterns,
    *answering.urlpatterns,
    *results.urlpatterns,
]

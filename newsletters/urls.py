from django.urls import path

from newsletters.views import manage, public

app_name = "newsletters"

MANAGE = "arbetsgruppen/hantera/nyhetsbrev/"
ONE = f"{MANAGE}<int:pk>/"

urlpatterns = [
    path("nyhetsbrev/", public.archive, name="archive"),
    path("nyhetsbrev/<int:pk>/", public.detail, name="detail"),
    path("nyhetsbrev/atom/", public.LatestNewslettersAtom(), name="feed_atom"),
    path("nyhetsbrev/rss/", public.LatestNewslettersRss(), name="feed_rss"),
    path("nyhetsbrev/prenumerera/", public.subscribe, name="subscribe"),
    path("nyhetsbrev/prenumerera/skickat/", public.subscribe_sent, name="subscribe_sent"),
    path("nyhetsbrev/bekrafta/<str:token>/", public.confirm, name="confirm"),
    path("nyhetsbrev/avsluta/<str:key>/", public.unsubscribe, name="unsubscribe"),
    path("konto/nyhetsbrev/", public.account, name="account"),
    path("konto/nyhetsbrev/andra/", public.account_toggle, name="account_toggle"),
    path(MANAGE, manage.manage_list, name="manage_list"),
    path(f"{MANAGE}installningar/", manage.settings_save, name="settings"),
    path(f"{MANAGE}nytt/", manage.create, name="create"),
    path(f"{MANAGE}prenumeranter/", manage.subscriber_list, name="subscribers"),
    path(f"{MANAGE}prenumeranter/export.csv", manage.subscriber_export, name="subscriber_export"),
    path(
        f"{MANAGE}prenumeranter/<int:subscriber_pk>/ta-bort/",
        manage.subscriber_remove,
        name="subscriber_remove",
    ),
    path(ONE, manage.manage_detail, name="manage_detail"),
    path(f"{ONE}redigera/", manage.edit, name="edit"),
    path(f"{ONE}ta-bort/", manage.delete, name="delete"),
    path(f"{ONE}bilder/", manage.image_add, name="image_add"),
    path(f"{ONE}bilder/<int:image_pk>/ta-bort/", manage.image_remove, name="image_remove"),
    path(f"{ONE}kort/", manage.card_add, name="card_add"),
    path(f"{ONE}kort/<int:card_pk>/ta-bort/", manage.card_remove, name="card_remove"),
    path(f"{ONE}forhandsvisning/", manage.preview_web, name="preview_web"),
    path(f"{ONE}forhandsvisning/e-post/", manage.preview_mail, name="preview_mail"),
    path(f"{ONE}forhandsvisning/text/", manage.preview_text, name="preview_text"),
    path(f"{ONE}provutskick/", manage.test_send, name="test_send"),
    path(f"{ONE}publicera/", manage.publish, name="publish"),
    path(f"{ONE}skicka/", manage.send, name="send"),
    path(f"{ONE}avboka/", manage.unschedule, name="unschedule"),
    path(f"{ONE}utskick/", manage.progress, name="progress"),
    path(f"{ONE}utskick/skicka-igen/", manage.resend, name="resend"),
]

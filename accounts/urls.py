from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("mina-uppgifter/", views.my_data, name="my_data"),
    path("mina-uppgifter/ladda-ned/", views.my_data_download, name="my_data_download"),
    path("radera/", views.account_delete, name="delete"),
]

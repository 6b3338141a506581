from django.urls import path

from frirum.interchange import views

app_name = "interchange"
urlpatterns = [
    path("imports/", views.imports, name="imports"),
    path("imports/confirm/", views.confirm, name="confirm"),
    path("imports/discard/", views.discard, name="discard"),
]

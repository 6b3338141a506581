from django.urls import path

from frirum.trash import views

app_name = "trash"
urlpatterns = [
    path("s/<str:site_code>/deleted/", views.deleted_list, name="deleted_list"),
    path(
        "s/<str:site_code>/deleted/<int:pk>/restore/",
        views.restore_record,
        name="restore_record",
    ),
]

from django.urls import path

from frirum.sites import views

app_name = "sites"
urlpatterns = [
    path("s/<str:site_code>/opening-hours/", views.schedule, name="schedule"),
    path(
        "s/<str:site_code>/opening-hours/<int:pk>/delete/",
        views.delete_hours,
        name="delete_hours",
    ),
    path(
        "s/<str:site_code>/closed-days/<int:pk>/delete/",
        views.delete_closed_day,
        name="delete_closed_day",
    ),
]

from django.urls import path

from frirum.bookings import staff_views, views

# The language converter is registered by frirum.public.urls, included before this module.
import frirum.public.urls  # noqa: F401  isort: skip

app_name = "bookings"
urlpatterns = [
    path("<lang:lang>/sites/<str:site_code>/book/", views.book, name="book"),
    path("<lang:lang>/booking/", views.show, name="show"),
    path("<lang:lang>/booking/move/", views.move, name="move"),
    path("<lang:lang>/booking/cancel/", views.cancel, name="cancel"),
    path("<lang:lang>/booking/calendar/", views.calendar_file, name="calendar"),
    path("s/<str:site_code>/bookings/", staff_views.staff_list, name="staff_list"),
    path("s/<str:site_code>/bookings/day/", staff_views.day_view, name="day"),
    path("s/<str:site_code>/bookings/<int:pk>/release/", staff_views.release, name="release"),
    path("s/<str:site_code>/bookings/<int:pk>/not-met/", staff_views.not_met, name="not_met"),
]

from django.urls import path

from frirum.bookings import views

# The language converter is registered by frirum.public.urls, included before this module.
import frirum.public.urls  # noqa: F401  isort: skip

app_name = "bookings"
urlpatterns = [
    path("<lang:lang>/sites/<str:site_code>/book/", views.book, name="book"),
    path("<lang:lang>/booking/", views.show, name="show"),
    path("<lang:lang>/booking/move/", views.move, name="move"),
    path("<lang:lang>/booking/cancel/", views.cancel, name="cancel"),
    path("<lang:lang>/booking/calendar/", views.calendar_file, name="calendar"),
    path("s/<str:site_code>/bookings/", views.staff_list, name="staff_list"),
    path("s/<str:site_code>/bookings/<int:pk>/release/", views.release, name="release"),
]

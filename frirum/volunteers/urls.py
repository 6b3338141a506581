from django.urls import path

from frirum.volunteers import views

app_name = "volunteers"
urlpatterns = [
    path("s/<str:site_code>/volunteers/", views.pipeline_view, name="pipeline"),
    path("s/<str:site_code>/volunteers/new/", views.new_application, name="new"),
    path("s/<str:site_code>/volunteers/<int:path_id>/", views.volunteer, name="volunteer"),
]

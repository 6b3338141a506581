from django.urls import path

from frirum.audit import views

app_name = "audit"
urlpatterns = [path("s/<str:site_code>/log/", views.site_log, name="site_log")]

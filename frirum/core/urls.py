from django.urls import path

from frirum.core import health, views
from frirum.core.anonymity import views as anonymity_views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("s/<str:site_code>/anonymity/", anonymity_views.site_review, name="anonymity_review"),
    path("s/<str:site_code>/anonymity/clear/", anonymity_views.clear_field, name="anonymity_clear"),
]

from django.urls import path

from frirum.reports import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.index, name="index"),
    path("reports/annual/<str:code>/", views.annual, name="annual"),
    path(
        "reports/annual/<str:code>/download.<str:fmt>",
        views.annual_download,
        name="annual_download",
    ),
    path("reports/national/", views.national, name="national"),
    path("reports/national/download.<str:fmt>", views.national_download, name="national_download"),
    path("reports/trends/", views.trends, name="trends"),
    path("reports/family/", views.family_national, name="family_national"),
    path(
        "reports/family/download.<str:fmt>",
        views.family_national_download,
        name="family_national_download",
    ),
    path("reports/family/<str:code>/", views.family_site, name="family_site"),
    path(
        "reports/family/<str:code>/download.<str:fmt>",
        views.family_site_download,
        name="family_site_download",
    ),
]

from django.urls import path

from frirum.planning import views, views_budget, views_coverage

app_name = "planning"
urlpatterns = [
    path("planning/", views.index, name="index"),
    path("planning/coverage/", views_coverage.coverage, name="coverage"),
    path(
        "planning/coverage/download.<str:fmt>",
        views_coverage.coverage_download,
        name="coverage_download",
    ),
    path("planning/templates/", views_budget.templates, name="templates"),
    path("planning/costs/<str:code>/", views_budget.site_costs, name="site_costs"),
]

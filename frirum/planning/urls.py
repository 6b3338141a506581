from django.urls import path

from frirum.planning import views, views_budget, views_coverage, views_scenario

app_name = "planning"
urlpatterns = [
    path("planning/", views.index, name="index"),
    path("planning/coverage/", views_coverage.coverage, name="coverage"),
    path(
        "planning/coverage/download.<str:fmt>",
        views_coverage.coverage_download,
        name="coverage_download",
    ),
    path("planning/scenarios/new/", views_scenario.scenario_new, name="scenario_new"),
    path("planning/scenarios/<int:pk>/", views_scenario.scenario_page, name="scenario"),
    path("planning/scenarios/<int:pk>/edit/", views_scenario.scenario_edit, name="scenario_edit"),
    path("planning/scenarios/<int:pk>/memo/", views_scenario.memo_page, name="memo"),
    path(
        "planning/scenarios/<int:pk>/memo.<str:fmt>",
        views_scenario.memo_download,
        name="memo_download",
    ),
    path("planning/templates/", views_budget.templates, name="templates"),
    path("planning/costs/<str:code>/", views_budget.site_costs, name="site_costs"),
]

from django.urls import path

from frirum.planning import views, views_budget

app_name = "planning"
urlpatterns = [
    path("planning/", views.index, name="index"),
    path("planning/templates/", views_budget.templates, name="templates"),
    path("planning/costs/<str:code>/", views_budget.site_costs, name="site_costs"),
]

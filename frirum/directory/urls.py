from django.urls import path

from frirum.directory import api, hours_views, views

app_name = "directory"
urlpatterns = [
    path("s/<str:site_code>/directory/", views.site_entries, name="site_entries"),
    path("s/<str:site_code>/directory/search/", views.search, name="search"),
    path("s/<str:site_code>/directory/new/", views.service_create, name="service_create"),
    path("s/<str:site_code>/directory/<uuid:uid>/edit/", views.service_edit, name="service_edit"),
    path("s/<str:site_code>/directory/<uuid:uid>/hours/", hours_views.hours, name="hours"),
    path(
        "s/<str:site_code>/directory/<uuid:uid>/hours/<str:kind>/<uuid:item_uid>/",
        hours_views.hours_item,
        name="hours_item",
    ),
    path(
        "s/<str:site_code>/directory/<uuid:uid>/hours/<str:kind>/<uuid:item_uid>/remove/",
        hours_views.hours_remove,
        name="hours_remove",
    ),
    path("s/<str:site_code>/directory/<uuid:uid>/card/", views.service_card, name="card"),
    path("s/<str:site_code>/directory/<uuid:uid>/verify/", views.verify, name="verify"),
    path("directory/exchange/", views.exchange, name="exchange"),
    path(
        "directory/exchange/download.<str:fmt>", views.exchange_download, name="exchange_download"
    ),
    path("reports/directory/", views.figures, name="figures_national"),
    path("reports/directory/<str:code>/", views.figures, name="figures"),
    # The read-only HSDS API for partners (no trailing slash, as HSDS's own API).
    path("api/hsds/openapi.json", api.openapi, name="api_openapi"),
    path("api/hsds/services", api.services, name="api_services"),
    path("api/hsds/services/<uuid:uid>", api.service_detail, name="api_service"),
    path(
        "api/hsds/service_at_locations", api.service_at_locations, name="api_service_at_locations"
    ),
    path("api/hsds/taxonomy_terms", api.taxonomy_terms, name="api_taxonomy_terms"),
]

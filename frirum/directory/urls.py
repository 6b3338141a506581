from django.urls import path

from frirum.directory import views

app_name = "directory"
urlpatterns = [
    path("s/<str:site_code>/directory/", views.site_entries, name="site_entries"),
    path("s/<str:site_code>/directory/search/", views.search, name="search"),
    path("s/<str:site_code>/directory/<uuid:uid>/card/", views.service_card, name="card"),
    path("s/<str:site_code>/directory/<uuid:uid>/verify/", views.verify, name="verify"),
]

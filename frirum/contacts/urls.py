from django.urls import path

from frirum.contacts import group_views, outreach_views, views
from frirum.people import views as people_views

app_name = "contacts"
urlpatterns = [
    path("s/<str:site_code>/dashboard/", views.dashboard, name="dashboard"),
    path("s/<str:site_code>/contacts/", views.contact_list, name="contact_list"),
    path("s/<str:site_code>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<str:code>/", views.contact_detail, name="contact_detail"),
    path("contacts/<str:code>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<str:code>/delete/", views.contact_delete, name="contact_delete"),
    path(
        "s/<str:site_code>/groups/new/",
        group_views.group_session_create,
        name="group_session_create",
    ),
    path("groups/<int:pk>/", group_views.group_session_detail, name="group_session_detail"),
    path("groups/<int:pk>/delete/", group_views.group_session_delete, name="group_session_delete"),
    path("s/<str:site_code>/outreach/", outreach_views.outreach_list, name="outreach_list"),
    path("s/<str:site_code>/outreach/new/", outreach_views.outreach_create, name="outreach_create"),
    path("outreach/<str:code>/edit/", outreach_views.outreach_edit, name="outreach_edit"),
    path("outreach/<str:code>/delete/", outreach_views.outreach_delete, name="outreach_delete"),
    path("s/<str:site_code>/youth/", people_views.youth_list, name="youth_list"),
    path("s/<str:site_code>/youth/search/", people_views.youth_search, name="youth_search"),
    path(
        "s/<str:site_code>/youth/<str:youth_code>/",
        people_views.youth_course,
        name="youth_course",
    ),
    path(
        "s/<str:site_code>/youth/<str:youth_code>/edit/",
        people_views.youth_edit,
        name="youth_edit",
    ),
    path(
        "s/<str:site_code>/youth/<str:youth_code>/delete/",
        people_views.youth_delete,
        name="youth_delete",
    ),
]

from django.urls import path

from frirum.family import views, views_records

app_name = "family"
urlpatterns = [
    # A family site's workspace.
    path("s/<str:site_code>/family/", views.dashboard, name="dashboard"),
    path(
        "s/<str:site_code>/family/peer-volunteers/",
        views.peer_volunteers,
        name="peer_volunteers",
    ),
    path(
        "s/<str:site_code>/family/conversations/",
        views.conversation_list,
        name="conversation_list",
    ),
    path(
        "s/<str:site_code>/family/conversations/new/",
        views.conversation_create,
        name="conversation_create",
    ),
    path(
        "s/<str:site_code>/family/relatives/search/",
        views.relative_search,
        name="relative_search",
    ),
    path("s/<str:site_code>/family/bridgings/", views.open_bridgings, name="open_bridgings"),
    path("s/<str:site_code>/family/relatives/", views_records.relative_list, name="relative_list"),
    path(
        "s/<str:site_code>/family/relatives/new/",
        views_records.relative_create,
        name="relative_create",
    ),
    path("s/<str:site_code>/family/groups/", views_records.group_list, name="group_list"),
    path("s/<str:site_code>/family/groups/new/", views_records.group_create, name="group_create"),
    path("s/<str:site_code>/family/inquiries/", views_records.inquiry_list, name="inquiry_list"),
    path(
        "s/<str:site_code>/family/inquiries/new/",
        views_records.inquiry_create,
        name="inquiry_create",
    ),
    # Records, each resolved through frirum.family.access.
    path(
        "family/conversations/<str:code>/",
        views.conversation_detail,
        name="conversation_detail",
    ),
    path(
        "family/conversations/<str:code>/edit/",
        views.conversation_edit,
        name="conversation_edit",
    ),
    path(
        "family/conversations/<str:code>/delete/",
        views.conversation_delete,
        name="conversation_delete",
    ),
    path(
        "family/conversations/<str:code>/followed-up/",
        views.bridging_followed_up,
        name="bridging_followed_up",
    ),
    path("family/relatives/<str:code>/", views_records.relative_detail, name="relative_detail"),
    path("family/relatives/<str:code>/edit/", views_records.relative_edit, name="relative_edit"),
    path(
        "family/relatives/<str:code>/delete/",
        views_records.relative_delete,
        name="relative_delete",
    ),
    path("family/groups/<str:code>/", views_records.group_detail, name="group_detail"),
    path("family/groups/<str:code>/edit/", views_records.group_edit, name="group_edit"),
    path("family/groups/<str:code>/delete/", views_records.group_delete, name="group_delete"),
    path("family/inquiries/<str:code>/", views_records.inquiry_edit, name="inquiry_edit"),
    path(
        "family/inquiries/<str:code>/delete/",
        views_records.inquiry_delete,
        name="inquiry_delete",
    ),
]

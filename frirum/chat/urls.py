from django.urls import path

import frirum.public.urls  # noqa: F401  (registers the <lang:…> converter)
from frirum.chat import desk_views, views

app_name = "chat"
urlpatterns = [
    path("<lang:lang>/chat/<str:site_code>/", views.youth_chat, name="youth"),
    path(
        "<lang:lang>/chat/<str:site_code>/questionnaire/",
        views.youth_questionnaire,
        name="youth_questionnaire",
    ),
    path("s/<str:site_code>/chat/", desk_views.desk, name="desk"),
    path("s/<str:site_code>/chat/queue/", desk_views.queue_fragment, name="queue"),
    path("s/<str:site_code>/chat/take/", desk_views.take, name="take"),
    path("s/<str:site_code>/chat/capacity/", desk_views.capacity, name="capacity"),
    path("s/<str:site_code>/chat/surge/", desk_views.surge, name="surge"),
    path(
        "s/<str:site_code>/chat/surge/greeting/", desk_views.surge_greeting, name="surge_greeting"
    ),
    path("s/<str:site_code>/chat/canned/", desk_views.canned_add, name="canned_add"),
    path(
        "s/<str:site_code>/chat/canned/<int:pk>/delete/",
        desk_views.canned_delete,
        name="canned_delete",
    ),
    path("chats/<int:chat_id>/risk/", desk_views.risk, name="risk"),
    path("chats/<int:chat_id>/end/", desk_views.end, name="end"),
    path("chats/<int:chat_id>/ban/", desk_views.ban, name="ban"),
    path("chats/<int:chat_id>/transfer/", desk_views.transfer, name="transfer"),
    path("chats/<int:chat_id>/take-over/", desk_views.take_over, name="take_over"),
]

"""The chat's WebSocket addresses. No token or chat secret is ever part of an address: the
young person's token travels in the socket's first message."""

from django.urls import path

from frirum.chat import consumers

websocket_urlpatterns = [
    path("ws/chat/", consumers.YouthChatConsumer.as_asgi()),
    path("ws/chat/desk/<str:site_code>/", consumers.DeskConsumer.as_asgi()),
]

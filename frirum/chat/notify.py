"""Notifications over the channel layer. They carry no words: only "this chat has messages up
to seq N" or "the queue changed"; each socket then reads what it has not sent yet from the
database, so a lost notification costs nothing but a delay, and a repeated one is harmless.

Always called after the write is committed (transaction.on_commit or outside atomic()).
"""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def chat_group(chat_id: int) -> str:
    return f"chat.{chat_id}"


def queue_group(site_id: int) -> str:
    """Everyone waiting at the site and every open desk: positions and the queue list."""
    return f"chatqueue.{site_id}"


def chat_event(chat_id: int, seq: int) -> dict:
    return {"type": "chat.changed", "chat": chat_id, "seq": seq}


def queue_event(site_id: int) -> dict:
    return {"type": "queue.changed", "site": site_id}


async def anotify_chat(chat_id: int, seq: int) -> None:
    await get_channel_layer().group_send(chat_group(chat_id), chat_event(chat_id, seq))


async def anotify_queue(site_id: int) -> None:
    await get_channel_layer().group_send(queue_group(site_id), queue_event(site_id))


def notify_chat(chat_id: int, seq: int) -> None:
    async_to_sync(anotify_chat)(chat_id, seq)


def notify_queue(site_id: int) -> None:
    async_to_sync(anotify_queue)(site_id)

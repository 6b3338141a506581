"""The system's lines in a chat, shown in each reader's language. The stored text (in the
language of whoever caused it) is the fallback for a key this version does not know."""

from django.utils.translation import gettext_lazy as _

SYSTEM_TEXTS = {
    "system:taken": _("A counsellor has joined the chat."),
    "system:left": _("You have left the queue."),
    "system:ended_by_youth": _("The young person has ended the chat."),
    "system:ended": _("The counsellor has ended the chat."),
    "system:transferred": _("Another counsellor has taken over the chat."),
    "system:registered": _(
        "The counsellor has finished the notes on the chat. The questions about it are ready."
    ),
}


def system_text(key: str, stored: str) -> str:
    # A line that can occur more than once carries a number after a colon ("transferred:7").
    text = SYSTEM_TEXTS.get(key) or SYSTEM_TEXTS.get(key.rsplit(":", 1)[0])
    return str(text) if text is not None else stored

"""Who is there: a young person's page with its socket open (the queue's grace period), and
a counsellor with the chat desk open (counted online for the queue's wait estimate)."""

from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from frirum.chat import notify
from frirum.chat.models import OPEN_STATUSES, Chat, DeskPresence
from frirum.chat.selectors import is_online

_OPEN = [str(status) for status in OPEN_STATUSES]


@cache
def _arrival_sql() -> str:
    """youth_arrived's statement. Only the model's own table and column names are put in;
    every value is a parameter."""
    quote = connection.ops.quote_name
    column = {f.name: quote(f.column) for f in Chat._meta.concrete_fields}
    placeholders = ", ".join(["%s"] * len(_OPEN))
    return (
        f"UPDATE {quote(Chat._meta.db_table)} "  # noqa: S608
        f"SET {column['youth_connected']} = %s, {column['youth_seen_at']} = %s "
        f"WHERE {column['id']} = %s AND {column['status']} IN ({placeholders}) RETURNING *"
    )


def youth_presence(*, chat_id: int, connected: bool) -> None:
    """The young person's page opened or closed its socket (the queue's grace period)."""
    Chat.objects.filter(pk=chat_id).update(youth_connected=connected, youth_seen_at=timezone.now())


def youth_arrived(*, chat_id: int) -> Chat | None:
    """The young person's socket said hello to an open chat: present now (as youth_presence),
    and the chat as it stands after that, in one statement (UPDATE … RETURNING, on SQLite as
    on PostgreSQL). A hello reads the chat anyway; a hundred young people back from a dead
    server cost the survivor's hello thread a round trip each less. None when the chat is
    unknown or no longer open: it is then read as it is, and not marked present."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # Read whole: the statement is done (and, outside a transaction, committed) either way.
    rows = list(Chat.objects.raw(_arrival_sql(), [True, now, chat_id, *_OPEN]))
    return rows[0] if rows else None


def desk_presence(*, site, user, delta: int) -> None:
    """A desk socket of the counsellor opened (+1), closed (-1) or pinged (0).

    The queue is announced only when the counsellor comes online or goes offline for it
    (selectors.counsellors_online), the one thing of theirs the queue's wait estimate reads.
    A second tab, or a desk back on another server after its own died (the dead server
    never closed its sockets), changes no one's estimate: announcing it sent the site's
    whole queue to every waiting young person and every desk once per desk, which is what
    the survivors of a server's death spent their first seconds on."""
    now = timezone.now()
    with transaction.atomic():
        row, created = DeskPresence.objects.select_for_update().get_or_create(
            site=site, user=user, defaults={"seen_at": now}
        )
        was_online = not created and is_online(row, now)
        row.connections = max(0, row.connections + delta)
        row.seen_at = now
        row.save(update_fields=["connections", "seen_at"])
        if is_online(row, now) != was_online:
            notify.queue_after_commit(site.pk)

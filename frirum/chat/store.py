"""A chat message stored in one statement, on PostgreSQL: the chat's busiest write.

`actions.post_message` stores a message in five round trips (begin, the chat's row locked and
read, the insert, the chat's last seq saved, commit), each a wait on PostgreSQL for the
server's thread that stores messages; with a server's clients carried by the others after it
died, those waits were most of the survivors' delivery time (benchmarks/RESULTS.md). Here
the usual case is one statement: it takes the chat's next seq (the UPDATE locks the row, as
the locked read did), checks the chat takes this author's messages and that the key is not
stored, and inserts the message, all or nothing. Outside a transaction that is one round
trip, committed on its own.

Whenever the statement stores nothing (the chat is closed or is someone else's, a resend, an
unknown chat) it says so by returning no row, and `post_message` goes the long way, which
tells those cases apart. Two resends racing with one key both pass the statement's check;
the second then fails on the (chat, client_key) constraint and changes nothing, and
`post_message` returns the stored copy, as it does for the same race on its own path.
"""

from contextlib import nullcontext
from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from frirum.chat.models import OPEN_STATUSES, AuthorKind, Chat, ChatMessage, ChatStatus

# Who may write to a chat in which state: the long way's checks, as SQL on the chat's row.
_MAY_WRITE = {
    AuthorKind.YOUTH: ("status = ANY(%s)", lambda author: ([str(s) for s in OPEN_STATUSES],)),
    AuthorKind.COUNSELLOR: (
        "status = %s AND counsellor_id = %s",
        lambda author: (str(ChatStatus.ACTIVE), author.pk),
    ),
    AuthorKind.WHISPER: ("status = %s", lambda author: (str(ChatStatus.ACTIVE),)),
}


AUTHORS = frozenset(_MAY_WRITE)


@cache
def _sql(condition: str) -> str:
    chat, message = Chat._meta.db_table, ChatMessage._meta.db_table
    # Table names from the models and a condition from _MAY_WRITE; every value a parameter.
    return f"""
        WITH taken AS (
            UPDATE {chat} SET last_seq = last_seq + 1
            WHERE id = %s AND {condition}
              AND NOT EXISTS (
                  SELECT 1 FROM {message} WHERE chat_id = %s AND client_key = %s
              )
            RETURNING id, last_seq
        )
        INSERT INTO {message} (chat_id, seq, client_key, author_kind, author_id, text, created_at)
        SELECT id, last_seq, %s, %s, %s, %s, %s FROM taken
        RETURNING id, seq
    """  # noqa: S608


def applies() -> bool:
    return connection.vendor == "postgresql"


def store_in_one_statement(
    *, chat_id: int, author_kind: str, author, text: str, client_key: str
) -> ChatMessage | None:
    """The message stored under the chat's next seq, or None when this author may not write
    to the chat now or the key is stored already. `text` and `client_key` are cleaned."""
    condition, values = _MAY_WRITE[author_kind]
    created_at = timezone.now()
    author_id = author.pk if author_kind != AuthorKind.YOUTH else None
    params = (
        chat_id,
        *values(author),
        chat_id,
        client_key,
        client_key,
        str(author_kind),
        author_id,
        text,
        created_at,
    )
    # In a transaction already (a test's, a caller's), a savepoint keeps a failed statement
    # from spoiling it; otherwise the statement commits on its own, in one round trip.
    savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with savepoint, connection.cursor() as cursor:
        cursor.execute(_sql(condition), params)
        row = cursor.fetchone()
    if row is None:
        return None
    message_id, seq = row
    message = ChatMessage(
        pk=message_id,
        chat_id=chat_id,
        seq=seq,
        client_key=client_key,
        author_kind=author_kind,
        author_id=author_id,
        text=text,
        created_at=created_at,
    )
    message._state.adding = False
    message._state.db = connection.alias
    return message

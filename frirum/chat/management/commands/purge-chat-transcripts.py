"""`frirum purge-chat-transcripts`: deletes the words of chats that ended more than
FRIRUM_CHAT_RETENTION_DAYS (30) ago, and takes abandoned places out of the queue. The chat's
row and its registration stay. Run it daily, like `frirum purge-deleted` (see the README)."""

from django.core.management.base import BaseCommand

from frirum.chat.actions import expire_abandoned, purge_transcripts, retention_days


class Command(BaseCommand):
    help = "Delete chat transcripts older than FRIRUM_CHAT_RETENTION_DAYS; keep the chats."

    def handle(self, *args, **options):
        expired = expire_abandoned()
        deleted = purge_transcripts()
        self.stdout.write(
            f"Deleted {deleted} chat message(s) of chats ended more than {retention_days()} "
            f"days ago; {expired} abandoned place(s) left the queue."
        )

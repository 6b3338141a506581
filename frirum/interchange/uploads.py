"""Uploaded datasets wait in the database (in 1 MB chunks) between the check and the
confirmation, under a random token, for the user who uploaded them; pending uploads older
than a day are removed whenever a new one arrives."""

import datetime as dt
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from frirum.interchange.models import PendingUpload, PendingUploadChunk

CHUNK_BYTES = 1024 * 1024
KEEP = dt.timedelta(days=1)


def _chunks(upload) -> Iterator[bytes]:
    buffer = b""
    for piece in upload.chunks():
        buffer += piece
        while len(buffer) >= CHUNK_BYTES:
            yield buffer[:CHUNK_BYTES]
            buffer = buffer[CHUNK_BYTES:]
    if buffer:
        yield buffer


def store_upload(request: HttpRequest, upload) -> PendingUpload:
    PendingUpload.objects.filter(uploaded_at__lt=timezone.now() - KEEP).delete()
    with transaction.atomic():
        pending = PendingUpload.objects.create(
            token=secrets.token_urlsafe(24), uploaded_by=request.user, name=upload.name[:200]
        )
        size = 0
        for position, data in enumerate(_chunks(upload)):
            PendingUploadChunk.objects.create(upload=pending, position=position, data=data)
            size += len(data)
        pending.size = size
        pending.save(update_fields=["size"])
    return pending


@contextmanager
def upload_file(pending: PendingUpload) -> Iterator[Path]:
    """The upload as a file for the length of one request (the reader needs a real file)."""
    with tempfile.TemporaryDirectory(prefix="frirum-import-") as folder:
        path = Path(folder) / "dataset.zip"
        with path.open("wb") as out:
            chunks = pending.chunks.order_by("position").values_list("data", flat=True)
            for data in chunks.iterator(chunk_size=4):
                out.write(bytes(data))
        yield path


def discard_upload(pending: PendingUpload) -> None:
    pending.delete()

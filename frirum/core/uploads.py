"""Upload handlers that stop reading a file past FRIRUM_UPLOAD_MAX_MB.

Django writes an upload to a temporary file before any form sees it; a size check in the form
alone would let a 50 GB upload fill the disk first. These handlers skip the file as soon as
the request or the file is too large; the form then says so (`upload_refused()`).
"""

from django.conf import settings
from django.core.files.uploadhandler import (
    MemoryFileUploadHandler,
    SkipFile,
    TemporaryFileUploadHandler,
)

_REFUSED = "frirum_upload_refused"


def max_upload_bytes() -> int:
    return settings.FRIRUM_UPLOAD_MAX_MB * 1024 * 1024


def upload_refused(request) -> bool:
    """True when a file in this request was skipped for its size."""
    return bool(getattr(request, _REFUSED, False))


class _LimitMixin:
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.too_large = content_length is not None and content_length > max_upload_bytes()
        self.received = 0
        return super().handle_raw_input(input_data, META, content_length, boundary, encoding)

    def _refuse(self):
        setattr(self.request, _REFUSED, True)
        raise SkipFile

    def new_file(self, *args, **kwargs):
        self.received = 0
        if self.too_large:
            self._refuse()
        return super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            self._refuse()
        return super().receive_data_chunk(raw_data, start)


class LimitedMemoryFileUploadHandler(_LimitMixin, MemoryFileUploadHandler):
    pass


class LimitedTemporaryFileUploadHandler(_LimitMixin, TemporaryFileUploadHandler):
    pass

"""Uploaded datasets wait in FRIRUM_DATA_DIR/imports/ under a random name between the
check and the confirmation; the session remembers which are its own."""

import secrets

from django.http import HttpRequest

from frirum.interchange.access import SESSION_KEY, uploads_dir


def store_upload(request: HttpRequest, upload) -> str:
    folder = uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    with (folder / f"{token}.zip").open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    pending = dict(request.session.get(SESSION_KEY, {}))
    # Only the file name the user chose, to show it again; never the file's content.
    pending[token] = upload.name[:200]
    request.session[SESSION_KEY] = pending
    return token


def upload_name(request: HttpRequest, token: str) -> str:
    return request.session.get(SESSION_KEY, {}).get(token, "")


def discard_upload(request: HttpRequest, token: str) -> None:
    (uploads_dir() / f"{token}.zip").unlink(missing_ok=True)
    pending = dict(request.session.get(SESSION_KEY, {}))
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending

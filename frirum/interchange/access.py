"""Who may import: the national secretariat only; everyone else gets a 404."""

import re
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest

SESSION_KEY = "interchange_uploads"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def require_secretariat(request: HttpRequest) -> None:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_secretariat):
        raise Http404


def uploads_dir() -> Path:
    return Path(settings.DATA_DIR) / "imports"


def get_upload_for_user(request: HttpRequest, token: str) -> Path:
    """The uploaded dataset waiting for confirmation, if this user's session uploaded it."""
    require_secretariat(request)
    if not _TOKEN.match(token or "") or token not in request.session.get(SESSION_KEY, {}):
        raise Http404
    path = uploads_dir() / f"{token}.zip"
    if not path.is_file():
        raise Http404
    return path

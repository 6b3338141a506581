"""Who may import: the national secretariat only; everyone else gets a 404."""

import re

from django.http import Http404, HttpRequest

from frirum.interchange.models import PendingUpload

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def require_secretariat(request: HttpRequest) -> None:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_secretariat):
        raise Http404


def get_upload_for_user(request: HttpRequest, token: str) -> PendingUpload:
    """The uploaded dataset waiting for confirmation, if this user uploaded it."""
    require_secretariat(request)
    if not _TOKEN.match(token or ""):
        raise Http404
    try:
        return PendingUpload.objects.get(token=token, uploaded_by=request.user)
    except PendingUpload.DoesNotExist as error:
        raise Http404 from error

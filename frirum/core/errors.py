"""Frirum's own error pages (400, 403, 404, 500 and CSRF failure), in Danish and English.

They render a standalone template that needs neither the database nor the signed-in user,
so a page still comes out when the error is the database itself.
"""

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext_lazy as _

PAGES = {
    400: (_("Bad request"), _("The request could not be understood. Go back and try again.")),
    403: (_("Access denied"), _("You do not have access to this page.")),
    404: (
        _("Page not found"),
        _("The page does not exist, or you do not have access to it."),
    ),
    500: (
        _("Something went wrong"),
        _(
            "An error occurred on our side, and nothing you sent was half-saved. "
            "Try again in a moment; if it happens again, tell your chief or the secretariat."
        ),
    ),
}
CSRF_TEXT = (
    _("The form has expired"),
    _(
        "For your security the form could only be sent from the page it came from, within "
        "your session. Go back, reload the page and send it again; what you typed may need "
        "to be typed again."
    ),
)


def render_error(request: HttpRequest, status: int, title=None, text=None) -> HttpResponse:
    default_title, default_text = PAGES.get(status, PAGES[500])
    template = loader.get_template("errors/error.html")
    context = {
        "status": status,
        "title": title or default_title,
        "text": text or default_text,
    }
    # No RequestContext: context processors would touch the session and the database.
    response = HttpResponse(template.render(context), status=status)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    return render_error(request, 400)


def permission_denied(request, exception=None):
    return render_error(request, 403)


def page_not_found(request, exception=None):
    return render_error(request, 404)


def server_error(request):
    return render_error(request, 500)


def csrf_failure(request, reason=""):
    # The reason is Django's English diagnostic; it stays out of the page and the log.
    return render_error(request, 403, *CSRF_TEXT)
